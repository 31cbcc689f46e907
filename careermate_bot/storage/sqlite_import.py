"""A SQLite backup is data to import, not a database to adopt (see docs/storage.md, Restore).

`verify_database_file` reads a file's schema without changing it; it is both the restore's
first check and how a file in the backup folder is recognised as a backup. It refuses, naming
the file the user gave:
- a file that is not SQLite, is damaged, or lacks CareerMate's core tables;
- anything a CareerMate database never holds: triggers, views, virtual tables, tables or
  columns the models do not define (a trigger copying every message into a hidden table would
  outlive `purge-user`: deleted must mean deleted);
- a `schema_meta.version` that is not a whole number from 1 to the current version.

`import_rows` then builds the database to restore the way a fresh install is built (the
migrations stamp it, `generate_schemas` creates every table and index) and copies the rows in,
table by table and column by column, from a copy of the backup that was first upgraded the way
a start upgrades a database. Nothing of the file's own definitions survives (foreign-key
actions, constraints, indexes, column types), so a weakened `ON DELETE CASCADE` or a dropped
UNIQUE cannot leave a purged user's rows behind. It refuses, naming the file, a backup whose
tables lack columns after that upgrade (the bot would refuse to start on it) and rows the
fresh tables reject or the bot could not use: duplicates, rows pointing at profiles that do not
exist, text where a number or JSON belongs.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from tortoise.context import TortoiseContext
from tortoise.exceptions import BaseORMException

import models
from careermate_bot.storage import migrations
from careermate_bot.storage.errors import PICK_ANOTHER, InvalidBackupError, NotABackup
from careermate_bot.storage.schema import expected_tables

T = TypeVar("T")

# Tables SQLite itself keeps (AUTOINCREMENT counters, ANALYZE statistics).
INTERNAL_TABLES = frozenset({"sqlite_sequence", *(f"sqlite_stat{n}" for n in range(1, 5))})
_TIMEOUT = 30.0


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def connect_read_only(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=_TIMEOUT)


def _columns(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    # table_xinfo also lists hidden (generated) columns.
    return [str(row[1]) for row in conn.execute(f"PRAGMA {schema}.table_xinfo({_quote(table)})")]


def _schema_version(conn: sqlite3.Connection, tables: set[str]) -> int:
    if migrations.META_TABLE not in tables:
        return migrations.BASELINE_VERSION  # from before versioning
    lacking = {"id", "version"} - set(_columns(conn, migrations.META_TABLE))
    if lacking:
        raise NotABackup(
            f"has a {migrations.META_TABLE} table without its {', '.join(sorted(lacking))} "
            "column, so its schema version cannot be read"
        )
    row = conn.execute(
        f"SELECT typeof(version), version FROM {migrations.META_TABLE} WHERE id = 1"
    ).fetchone()
    if row is None:
        return migrations.BASELINE_VERSION
    kind, value = row
    if kind != "integer" or value < migrations.BASELINE_VERSION:
        raise NotABackup(
            f"holds schema version {value!r} ({kind}) in {migrations.META_TABLE}, not a whole "
            f"number from {migrations.BASELINE_VERSION} up"
        )
    if value > migrations.CURRENT_VERSION:
        raise NotABackup(
            f"was written by a newer CareerMate (schema version {value}; this one knows up to "
            f"{migrations.CURRENT_VERSION})",
            "Upgrade CareerMate first.",
        )
    return int(value)


def check_schema(conn: sqlite3.Connection) -> int:
    """Raise `NotABackup` unless `conn` holds a CareerMate database and nothing else; return
    its schema version. Reads only."""
    objects = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    tables = {str(name) for kind, name, _, _ in objects if kind == "table"}
    missing = [t for t in migrations.CORE_TABLES if t not in tables]
    if missing:
        raise NotABackup(
            f"is a SQLite database but not a CareerMate one (no table {', '.join(missing)})"
        )
    expected = expected_tables()
    foreign: list[str] = []
    for kind, name, owner, sql in objects:
        if kind == "trigger":
            foreign.append(f"trigger {name} (on {owner})")
        elif kind == "view":
            foreign.append(f"view {name}")
        elif kind == "table" and str(sql or "").upper().startswith("CREATE VIRTUAL TABLE"):
            foreign.append(f"virtual table {name}")
        elif kind == "table" and name not in expected and name not in INTERNAL_TABLES:
            foreign.append(f"table {name}")
    for table in sorted(tables & expected.keys()):
        extra = [c for c in _columns(conn, table) if c not in expected[table]]
        foreign += [f"column {table}.{column}" for column in extra]
    if foreign:
        raise NotABackup(
            f"holds what no CareerMate database has: {', '.join(foreign)}",
            "Restore imports data only, so it refuses such a file; pick another backup.",
        )
    return _schema_version(conn, tables)


def verify_database_file(
    path: Path, *, shown_as: Path | None = None, check_integrity: bool = True
) -> int:
    """Check that `path` is a healthy CareerMate SQLite database this version can restore;
    return its schema version. Raises `InvalidBackupError` with one readable line that names
    `shown_as` (the file the user gave; default `path`). Reads only."""
    shown = path if shown_as is None else shown_as
    if not path.is_file():
        raise InvalidBackupError(f"{shown} is not a file.")
    try:
        conn = connect_read_only(path)
        try:
            if check_integrity:
                rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
                if rows != ["ok"]:
                    raise InvalidBackupError(
                        f"{shown} is damaged (integrity check: {'; '.join(rows[:5])}). "
                        "Pick another backup."
                    )
            return check_schema(conn)
        finally:
            conn.close()
    except NotABackup as refusal:
        raise refusal.for_file(shown) from None
    except sqlite3.DatabaseError as error:
        raise InvalidBackupError(
            f"{shown} is not a SQLite database or is damaged ({error}). {PICK_ANOTHER}"
        ) from error


def backup_problem(path: Path) -> str | None:
    """None when `path` is a CareerMate SQLite database, else why not (for the backup listing:
    a schema check, no integrity check, which would read every page of every backup)."""
    try:
        conn = connect_read_only(path)
        try:
            check_schema(conn)
        finally:
            conn.close()
    except NotABackup as refusal:
        return refusal.reason
    except sqlite3.DatabaseError as error:
        return f"is not a SQLite database or is damaged ({error})"
    return None


# -- Importing the rows into a fresh schema --------------------------------------------------------


def _orm_config(path: Path) -> dict[str, Any]:
    credentials = {"file_path": str(path), "journal_mode": "DELETE"}  # one file, no -wal
    connection = {"engine": "tortoise.backends.sqlite", "credentials": credentials}
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": [models.__name__], "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def _set_up(path: Path) -> None:
    """What a start does to a database: migrate (or stamp a new one), create missing tables."""
    async with TortoiseContext() as ctx:
        await ctx.init(config=_orm_config(path))
        await migrations.migrate(ctx.db())
        await ctx.generate_schemas(safe=True)


def _in_own_loop(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ORM work in a thread with its own event loop and its own TortoiseContext: restore is
    synchronous (and tests call it inside a running loop), and it must not touch the process's
    own ORM state."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="careermate-import") as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def _affinity(declared: str) -> str:
    """SQLite's column affinity rules (https://www.sqlite.org/datatype3.html, 3.1)."""
    kind = declared.upper()
    if "INT" in kind:
        return "INTEGER"
    if any(word in kind for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in kind or not kind:
        return "BLOB"
    if any(word in kind for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _row_problems(conn: sqlite3.Connection, tables: list[str]) -> list[str]:
    problems: list[str] = []
    orphans: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in conn.execute("PRAGMA main.foreign_key_check"):
        orphans[(str(table), str(parent))] = orphans.get((str(table), str(parent)), 0) + 1
    problems += [
        f"{n} row(s) of {table} point at {parent} rows that do not exist"
        for (table, parent), n in sorted(orphans.items())
    ]
    for table in tables:
        for _cid, column, declared, *_ in conn.execute(f"PRAGMA main.table_info({_quote(table)})"):
            col, affinity = _quote(str(column)), _affinity(str(declared))
            checks = []
            if affinity == "INTEGER":
                checks.append((f"typeof({col}) NOT IN ('integer', 'null')", "whole numbers"))
            elif affinity == "REAL":
                checks.append((f"typeof({col}) NOT IN ('real', 'integer', 'null')", "numbers"))
            if str(declared).upper() == "JSON":
                checks.append((f"{col} IS NOT NULL AND NOT json_valid({col})", "JSON"))
            for condition, what in checks:
                (bad,) = conn.execute(
                    f"SELECT count(*) FROM main.{_quote(table)} WHERE {condition}"
                ).fetchone()
                if bad:
                    problems.append(f"{table}.{column} holds {bad} value(s) that are not {what}")
    return problems


def _copy_rows(source: Path, target: Path) -> list[str]:
    """Copy every model table's rows from `source` into the fresh `target`; the problems the
    copied rows have (empty: all good). Raises `sqlite3.IntegrityError` for rows the fresh
    tables reject (NOT NULL, UNIQUE)."""
    conn = sqlite3.connect(target, timeout=_TIMEOUT)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")  # rows arrive table by table; checked below
        conn.execute("ATTACH DATABASE ? AS backup", (str(source),))
        internal = INTERNAL_TABLES | {migrations.META_TABLE}
        tables = [
            str(row[0])
            for row in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
            if row[0] not in internal
        ]
        with conn:
            for table in tables:
                present = set(_columns(conn, table, "backup"))
                columns = ", ".join(_quote(c) for c in _columns(conn, table) if c in present)
                conn.execute(
                    f"INSERT INTO main.{_quote(table)} ({columns}) "
                    f"SELECT {columns} FROM backup.{_quote(table)}"
                )
            # AUTOINCREMENT counters: an id a deleted row had is never handed out again (buttons
            # and forms carry row ids).
            has_counters = conn.execute(
                "SELECT 1 FROM backup.sqlite_master WHERE name = 'sqlite_sequence'"
            ).fetchone()
            counters = (
                conn.execute(
                    "SELECT name, seq FROM backup.sqlite_sequence WHERE typeof(seq) = 'integer'"
                ).fetchall()
                if has_counters
                else []
            )
            for name, seq in counters:
                if name not in tables:
                    continue
                raised = conn.execute(
                    "UPDATE main.sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (seq, name)
                ).rowcount
                if not raised:
                    conn.execute(
                        "INSERT INTO main.sqlite_sequence (name, seq) VALUES (?, ?)", (name, seq)
                    )
        return _row_problems(conn, tables)
    finally:
        conn.close()


def import_rows(backup_copy: Path, target: Path, *, shown_as: Path) -> None:
    """Build a fresh CareerMate database at `target` holding the rows of `backup_copy` (a
    private copy that already passed `verify_database_file`; it is upgraded in place). Raises
    `InvalidBackupError` naming `shown_as`; `target` may then hold a partial result."""
    try:
        _in_own_loop(lambda: _set_up(backup_copy))
    except (migrations.MigrationError, BaseORMException, sqlite3.Error) as error:
        raise InvalidBackupError(
            f"{shown_as} could not be brought to the current schema ({error}). Pick another backup."
        ) from error
    conn = sqlite3.connect(backup_copy, timeout=_TIMEOUT)
    try:
        present = {
            str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        lacking = [
            f"{table}.{column}"
            for table, columns in sorted(expected_tables().items())
            if table in present
            for column in sorted(columns - set(_columns(conn, table)))
        ]
    finally:
        conn.close()
    if lacking:
        raise InvalidBackupError(
            f"{shown_as} lacks column(s) CareerMate needs: {', '.join(lacking)} (the bot would "
            "refuse to start on it). Pick another backup."
        )
    _in_own_loop(lambda: _set_up(target))
    try:
        problems = _copy_rows(backup_copy, target)
    except sqlite3.IntegrityError as error:
        raise InvalidBackupError(
            f"{shown_as} has rows CareerMate's tables refuse ({error}). Pick another backup."
        ) from error
    if problems:
        raise InvalidBackupError(
            f"{shown_as} has rows CareerMate cannot use: {'; '.join(problems)}. Pick another "
            "backup."
        )

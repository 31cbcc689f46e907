"""Database lifecycle: Tortoise ORM over aiosqlite (WAL) by default, PostgreSQL by URL.

`init_db` is safe on every start: it creates a brand-new database, or upgrades an older one
through `careermate_bot.storage.migrations` (after a safety backup on SQLite), then creates any new
tables and checks that every model column exists. See docs/storage.md.

A database that cannot be used (damaged, truncated, read-only, disk full, folder missing) raises
`DatabaseError` with one readable line: what is wrong and what to do (`explain_database_error`).
On SQLite `secure_delete` is on, so deleted rows are overwritten with zeros, and
`forget_deleted_pages` checkpoints the write-ahead log after a user's data is deleted.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import random
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.connection import connections
from tortoise.exceptions import IntegrityError, OperationalError

from careermate_bot.config import Settings
from careermate_bot.storage import backup, migrations
from careermate_bot.storage.own_connection import schema_lock

log = logging.getLogger(__name__)

MODEL_MODULES = ["models"]
CONNECTION = "default"
# How long SQLite waits for a lock held by another connection (a backup, the CLI) before it
# gives up with "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 5000


class DatabaseError(RuntimeError):
    """The database cannot be used as it is; the message says what to do."""


_DAMAGED = (
    "file is not a database",
    "database disk image is malformed",
    "malformed database schema",
    "database corrupt",
)
_FULL = ("database or disk is full", "no space left on device", "disk quota exceeded")
_NO_WRITE = (
    "attempt to write a readonly database",
    "readonly database",
    "read-only file system",
    "unable to open database file",
    "permission denied",
    "not a directory",
    "is a directory",
    "file exists",
)


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _newest_backup(settings: Settings) -> str:
    try:
        backups = backup.list_backups(settings)
    except Exception:  # the backup folder may be as broken as the database
        backups = []
    if backups:
        return f"careermate restore {backups[0].path}"
    return f"careermate restore <a backup file from {settings.effective_backup_dir}>"


def storage_problem(error: BaseException) -> str | None:
    """What kind of storage failure `error` is: "damaged", "full", "no_write", "io", or None
    for anything else (a bug, a lock timeout, a lost server connection)."""
    chain = _chain(error)
    text = " | ".join(str(e).lower() for e in chain)
    errnos = {getattr(e, "errno", None) for e in chain if isinstance(e, OSError)}
    sqlite_error = any(isinstance(e, sqlite3.Error) for e in chain) or any(
        type(e).__module__.startswith("tortoise") for e in chain
    )
    if not sqlite_error and not errnos - {None}:
        return None
    if any(marker in text for marker in _DAMAGED):
        return "damaged"
    if errno.ENOSPC in errnos or errno.EDQUOT in errnos or any(m in text for m in _FULL):
        return "full"
    no_write = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST}
    if errnos & no_write or any(m in text for m in _NO_WRITE):
        return "no_write"
    if "disk i/o error" in text or errno.EIO in errnos:
        return "io"
    return None


def explain_database_error(error: BaseException, settings: Settings) -> DatabaseError | None:
    """One readable `DatabaseError` (what is wrong, what to do) for a storage failure, or None
    when `error` is not one (a bug, a lost server connection, ...)."""
    if isinstance(error, DatabaseError):
        return error
    kind = storage_problem(error)
    if kind is None:
        return None
    chain = _chain(error)
    db = settings.sqlite_path
    where = str(db) if db is not None else "the database in DATABASE_URL"
    folder = db.parent if db is not None else settings.data_dir
    reason = str(chain[-1]) or type(chain[-1]).__name__
    if kind == "damaged":
        return DatabaseError(
            f"The database {where} is damaged or is not a CareerMate database ({reason}). "
            f"Restore the newest backup: {_newest_backup(settings)}"
        )
    if kind == "full":
        return DatabaseError(
            f"The disk holding {where} is full ({reason}). Free some disk space (old log "
            f"files in {settings.log_dir}, old backups in {settings.effective_backup_dir}), "
            "then start CareerMate again."
        )
    if kind == "no_write":
        return DatabaseError(
            f"CareerMate cannot open or write the database {where} ({reason}). Fix the "
            f"permissions so the user running CareerMate can write {folder} and the files in "
            f"it (e.g. sudo chown -R $USER {folder}), or set DATA_DIR to a writable folder."
        )
    return DatabaseError(
        f"Reading or writing the database {where} failed with a disk error ({reason}). "
        "Check the disk and free space; if it keeps failing, restore the newest backup: "
        f"{_newest_backup(settings)}"
    )


def is_sqlite(settings: Settings) -> bool:
    return settings.effective_database_url.startswith("sqlite://")


def connection_config(settings: Settings) -> dict[str, Any]:
    """Tortoise's connection dict for the configured URL. On SQLite: WAL (Tortoise's default),
    foreign keys on, and `busy_timeout`; a value given in the URL's query string wins."""
    config = expand_db_url(settings.effective_database_url)
    if is_sqlite(settings):
        credentials = config["credentials"]
        credentials.setdefault("journal_mode", "WAL")
        credentials.setdefault("busy_timeout", SQLITE_BUSY_TIMEOUT_MS)
        credentials.setdefault("foreign_keys", "ON")
        # Deleted rows are overwritten with zeros instead of lingering in free pages.
        credentials.setdefault("secure_delete", "ON")
    return config


def tortoise_config(settings: Settings) -> dict[str, object]:
    if settings.sqlite_path is not None:
        settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "connections": {CONNECTION: connection_config(settings)},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": CONNECTION}},
        "use_tz": True,
        "timezone": "UTC",
    }


def get_connection() -> BaseDBAsyncClient:
    connection: BaseDBAsyncClient = connections.get(CONNECTION)
    return connection


SCHEMA_RACE_RETRIES = 5


async def _set_up_schema(
    conn: BaseDBAsyncClient, steps: list[migrations.Migration]
) -> migrations.MigrationReport:
    """Migrate, then create missing tables. On PostgreSQL `init_db` runs this under
    `schema_lock`, so processes starting together take turns; the retry is for a process
    of an older version starting beside us without the lock (a deadlock or a pg_type clash)."""
    for attempt in range(1, SCHEMA_RACE_RETRIES + 1):
        try:
            report = await migrations.migrate(conn, steps)
            await Tortoise.generate_schemas(safe=True)
            return report
        except (OperationalError, IntegrityError) as error:
            if conn.capabilities.dialect != "postgres" or attempt == SCHEMA_RACE_RETRIES:
                raise
            log.info("schema set-up raced another process (%s); retrying", error)
            await asyncio.sleep(random.uniform(0.1, 0.5) * attempt)
    raise AssertionError("unreachable")


async def init_db(
    settings: Settings,
    *,
    migration_list: list[migrations.Migration] | None = None,
    backup_before_migrate: bool = True,
) -> migrations.MigrationReport:
    """Connect, create or upgrade the schema, create new tables. Safe to call on every start.

    Raises `DatabaseError` (readable) when the database is newer than this code, a migration
    fails (it is rolled back), or a model column is missing afterwards.
    """
    steps = migrations.MIGRATIONS if migration_list is None else migration_list
    if Tortoise.is_inited():
        # A second init in one process (a reconnect, a test) replaces the first cleanly.
        await close_db()
    # Tortoise caches each model's SQL per connection *name*, not per engine: after a SQLite
    # database, a PostgreSQL one under the same name would reuse `col=?` statements.
    EXECUTOR_CACHE.clear()
    # One database per process: make it reachable from every task, including tasks created
    # before this call (discord.py's, the CLI's), not only from this task's context.
    try:
        await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    except Exception as error:
        explained = explain_database_error(error, settings)
        if explained is None:
            raise
        await close_db()
        raise explained from error
    try:
        conn = get_connection()
        version = await migrations.read_version(conn)
        if (
            backup_before_migrate
            and settings.sqlite_path is not None
            and migrations.pending_migrations(version, steps)
        ):
            saved = await backup.create_backup_async(settings)
            log.info("backed up the database before upgrading it: %s", saved)
        if conn.capabilities.dialect == "postgres":
            async with schema_lock(connection_config(settings)["credentials"]):
                report = await _set_up_schema(conn, steps)
        else:
            report = await _set_up_schema(conn, steps)
        problems = await migrations.check_schema(conn)
        if problems:
            raise DatabaseError("the database does not match the models: " + "; ".join(problems))
    except migrations.MigrationError as error:
        await close_db()
        raise DatabaseError(str(error)) from error
    except Exception as error:
        await close_db()
        explained = explain_database_error(error, settings)
        if explained is None or explained is error:
            raise
        raise explained from error
    except BaseException:
        await close_db()
        raise
    where = settings.sqlite_path or "the configured server"
    if report.created:
        log.info("created a new database (schema version %d) at %s", report.to_version, where)
    elif report.applied:
        log.info(
            "upgraded the database at %s from schema version %s to %d",
            where,
            report.from_version,
            report.to_version,
        )
    else:
        log.info("database ready at %s (schema version %d)", where, report.to_version)
    return report


async def close_db() -> None:
    await Tortoise.close_connections()


async def forget_deleted_pages() -> None:
    """After deleting a user's data: on SQLite, checkpoint the write-ahead log and truncate it,
    so the deleted text is gone from the -wal file too (with `secure_delete` on, the database
    file itself holds zeros where the rows were). A busy database just logs and moves on: the
    next automatic checkpoint does it."""
    try:
        conn = get_connection()
    except Exception:
        return
    if conn.capabilities.dialect != "sqlite":
        return
    try:
        rows = await conn.execute_query_dict("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception as error:
        log.warning("could not checkpoint the database after a delete: %s", error)
        return
    if rows and rows[0].get("busy"):
        log.info("checkpoint after a delete was partial (readers active); SQLite finishes it later")


@asynccontextmanager
async def database(settings: Settings, **init_kwargs: Any) -> AsyncIterator[BaseDBAsyncClient]:
    """`async with database(settings):` — init on entry, always close on exit (CLI, tests)."""
    await init_db(settings, **init_kwargs)
    try:
        yield get_connection()
    finally:
        await close_db()


async def sqlite_pragmas(
    names: tuple[str, ...] = ("journal_mode", "busy_timeout", "foreign_keys", "synchronous"),
) -> dict[str, Any]:
    """Current values of some SQLite pragmas on the ORM's connection (diagnostics, tests)."""
    conn = get_connection()
    if conn.capabilities.dialect != "sqlite":
        return {}
    values: dict[str, object] = {}
    for name in names:
        if not name.isidentifier():
            raise ValueError(f"not a pragma name: {name!r}")
        rows = await conn.execute_query_dict(f"PRAGMA {name}")
        values[name] = next(iter(rows[0].values())) if rows else None
    return values

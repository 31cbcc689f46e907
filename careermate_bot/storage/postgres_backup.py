"""Backups of a PostgreSQL database: `pg_dump` (custom format) and `pg_restore`.

Same contract as the SQLite backups in `careermate_bot.storage.backup` (which dispatches here when
DATABASE_URL is PostgreSQL): `careermate backup` writes
`<backup_dir>/careermate-YYYYmmdd-HHMMSS.dump` (UTC), checks that `pg_restore --list` reads it
back and that it holds CareerMate's tables before it gets its final name, then prunes to the
newest BACKUP_KEEP (naming, listing, pruning and the log line are `backup_files`, shared with
SQLite). A file counts as a backup by its content: `pg_restore --list` must read it, and its
table of contents may hold only what CareerMate's own schema has (tables the models define with
their data, sequences, defaults, constraints, indexes, comments, grants): a trigger, view,
function, rule or foreign table would run with the restored data, so such a dump is refused
(and skipped by listing and pruning). Its `schema_meta` version must be a whole number no newer
than this CareerMate. `careermate restore FILE` refuses while the bot runs (the run lock), checks
the file the same way, saves the current database first (a `.dump` like any other, so the
restore can be undone), then runs `pg_restore --clean --if-exists --single-transaction`: all or
nothing. The next start migrates an older dump to the current schema.

The password never appears on a command line: it goes to the tools through PGPASSWORD.
Tools: `pg_dump`/`pg_restore` from PATH, else the newest /usr/lib/postgresql/<v>/bin (Debian);
their major version must be at least the server's.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from careermate_bot.config import Settings
from careermate_bot.storage import backup_files, migrations
from careermate_bot.storage.backup_files import BackupInfo, BackupKind
from careermate_bot.storage.errors import (
    BackupError,
    BotRunningError,
    InvalidBackupError,
    NotABackup,
)
from careermate_bot.storage.runlock import AlreadyRunningError, RunLock
from careermate_bot.storage.schema import expected_tables

log = logging.getLogger(__name__)

PG_SUFFIX = ".dump"
_SCHEMES = ("postgres://", "postgresql://", "asyncpg://")
# Query parameters libpq understands; Tortoise's own (minsize, maxsize, ...) are dropped.
_LIBPQ_PARAMS = {"host", "port", "sslmode", "sslrootcert", "connect_timeout", "application_name"}
_TIMEOUT_SECONDS = 3600
# What a CareerMate dump's table of contents holds (`pg_restore --list`: "<id>; <oid> <oid>
# KIND schema name owner"); longest first, so "TABLE DATA" is not read as "TABLE".
_ALLOWED_ENTRIES = (
    "SEQUENCE OWNED BY",
    "FK CONSTRAINT",
    "SEQUENCE SET",
    "TABLE DATA",
    "CONSTRAINT",
    "SEQUENCE",
    "COMMENT",
    "DEFAULT",
    "SCHEMA",
    "INDEX",
    "TABLE",
    "ACL",
)
_TOC_LINE = re.compile(r"^\d+;\s+\d+\s+\d+\s+(?P<entry>.+)$")


def is_postgres(settings: Settings) -> bool:
    return settings.effective_database_url.startswith(_SCHEMES)


PgBackupInfo = BackupInfo


@dataclass(frozen=True)
class PgRestoreResult:
    database: str  # the database URL without its password
    restored_from: Path
    previous_copy: Path | None  # a dump of what the database held before
    schema_version: int  # of the restored data (1 when the dump has no schema_meta)


def libpq_target(settings: Settings) -> tuple[str, dict[str, str]]:
    """(a `postgresql://` URL without password or Tortoise options, environment for the tools)."""
    parts = urlsplit(settings.effective_database_url)
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    host = parts.hostname or ""
    netloc = (unquote(parts.username or "") + "@" if parts.username else "") + host
    if parts.port:
        netloc += f":{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k in _LIBPQ_PARAMS])
    return urlunsplit(("postgresql", netloc, parts.path, query, "")), env


def find_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return str(candidates[-1])
    raise BackupError(
        f"`{name}` was not found. Install PostgreSQL's client programs (Debian/Ubuntu: "
        "sudo apt-get install postgresql-client; the major version must be at least the "
        "server's), or put them on PATH."
    )


def _run(command: list[str], env: dict[str, str], what: str) -> str:
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=_TIMEOUT_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BackupError(f"{what} could not run ({error}).") from error
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what} failed: {detail[-1] if detail else done.returncode}")
    return done.stdout


def _entry_problems(listing: str) -> list[str]:
    """What the table of contents holds that a CareerMate dump never does."""
    known = expected_tables()
    problems: list[str] = []
    for line in listing.splitlines():
        match = _TOC_LINE.match(line)
        if match is None:
            continue
        entry = match["entry"].split()
        kind = next((k for k in _ALLOWED_ENTRIES if entry[: len(k.split())] == k.split()), None)
        if kind is None:
            problems.append(" ".join(entry[:-1]).lower())  # without the owner
        elif kind in ("TABLE", "TABLE DATA"):
            name = entry[len(kind.split()) + 1] if len(entry) > len(kind.split()) + 1 else ""
            if name not in known:
                problems.append(f"table {name}")
    return sorted(set(problems))


def _dump_version(path: Path) -> int:
    """The `schema_meta` version in a dump (BASELINE when it has none, like a database from
    before versioning); `NotABackup` when it is not a whole number this CareerMate knows."""
    data = subprocess.run(
        [find_tool("pg_restore"), "--data-only", "--table=schema_meta", "--file=-", str(path)],
        capture_output=True,
        text=True,
        timeout=_TIMEOUT_SECONDS,
    )
    block = re.search(
        r"^COPY \S*schema_meta \((?P<columns>[^)]*)\) FROM stdin;\n(?P<rows>.*?)^\\\.$",
        data.stdout,
        re.MULTILINE | re.DOTALL,
    )
    if block is None:
        return migrations.BASELINE_VERSION
    columns = [c.strip().strip('"') for c in block["columns"].split(",")]
    if "id" not in columns or "version" not in columns:
        return migrations.BASELINE_VERSION  # an unknown column is refused by the listing check
    rows = [line.split("\t") for line in block["rows"].splitlines()]
    values = [r[columns.index("version")] for r in rows if r[columns.index("id")] == "1"]
    if not values:
        return migrations.BASELINE_VERSION
    value = values[0]
    if not (value.isascii() and value.isdigit()) or int(value) < migrations.BASELINE_VERSION:
        raise NotABackup(
            f"holds schema version {value!r} in schema_meta, not a whole number from "
            f"{migrations.BASELINE_VERSION} up"
        )
    if int(value) > migrations.CURRENT_VERSION:
        raise NotABackup(
            f"was written by a newer CareerMate (schema version {value}; this one knows up to "
            f"{migrations.CURRENT_VERSION})",
            "Upgrade CareerMate first.",
        )
    return int(value)


def inspect_dump(path: Path) -> int:
    """Raise `NotABackup` unless `path` is a CareerMate dump and nothing else; its version."""
    listing = subprocess.run(
        [find_tool("pg_restore"), "--list", str(path)],
        capture_output=True,
        text=True,
        timeout=_TIMEOUT_SECONDS,
    )
    if listing.returncode != 0:
        lines = listing.stderr.strip().splitlines()
        raise NotABackup(
            "is not a pg_dump custom-format file or is damaged "
            f"({lines[-1] if lines else 'unreadable'})"
        )
    missing = [
        t for t in migrations.CORE_TABLES if not re.search(rf"TABLE DATA \S+ {t}\b", listing.stdout)
    ]
    if missing:
        raise NotABackup(f"is not a CareerMate backup (no {', '.join(missing)} data)")
    foreign = _entry_problems(listing.stdout)
    if foreign:
        raise NotABackup(
            f"holds what no CareerMate database has: {', '.join(foreign)}",
            "Restore imports data only, so it refuses such a file; pick another backup.",
        )
    return _dump_version(path)


def _check_dump(path: Path, shown: Path) -> int:
    try:
        return inspect_dump(path)
    except NotABackup as refusal:
        raise refusal.for_file(shown) from None


def dump_problem(path: Path) -> str | None:
    """None when `path` is a CareerMate dump, else why not (for the backup listing)."""
    try:
        inspect_dump(path)
    except NotABackup as refusal:
        return refusal.reason
    except (OSError, subprocess.SubprocessError) as error:
        return f"could not be read with pg_restore ({error})"
    return None


POSTGRES = BackupKind("PostgreSQL", PG_SUFFIX, dump_problem)


def list_pg_backups(settings: Settings) -> list[BackupInfo]:
    """The dumps in the backup folder, newest first (look-alikes reported and skipped)."""
    return backup_files.list_backups(POSTGRES, settings.effective_backup_dir)


def prune_pg_backups(settings: Settings, keep: int | None = None) -> list[Path]:
    keep = settings.backup_keep if keep is None else keep
    return backup_files.prune(POSTGRES, settings.effective_backup_dir, keep)


def create_pg_backup(settings: Settings, *, prune: bool = True) -> Path:
    """pg_dump the database into the backup folder, verify, prune. Raises `BackupError`."""
    url, env = libpq_target(settings)
    folder = settings.effective_backup_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            f"Could not create the backup folder {folder} ({error.strerror or error}). Make it "
            "writable or set BACKUP_DIR to a writable folder."
        ) from error
    stamp = backup_files.stamp_now(datetime.now(UTC))
    partial = backup_files.partial_path(folder, stamp)
    started = time.perf_counter()
    try:
        _run(
            [find_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial), url],
            env,
            "pg_dump",
        )
        inspect_dump(partial)
        final = backup_files.publish(POSTGRES, partial, folder, stamp)
    except NotABackup as refusal:
        raise BackupError(
            f"The dump of {url} failed its check, so older backups were kept: it "
            f"{refusal.reason}. A restore would refuse it."
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return backup_files.finish(
        POSTGRES, final, started, keep=settings.backup_keep if prune else None
    )


async def change_fingerprint() -> tuple[int, ...]:
    """Where the server's write-ahead log stands (`pg_current_wal_insert_lsn`, on the ORM's
    connection): it moves with every write, so an unchanged position means nothing to back up.
    Writes to other databases on the server, vacuum and checkpoints move it too; that only
    costs an extra backup, never a missed one. (The per-table statistics counters would be
    narrower but are flushed up to seconds late.)"""
    from tortoise import connections

    rows = await connections.get("default").execute_query_dict(
        "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint AS position"
    )
    return (int(rows[0]["position"]),) if rows else ()


def restore_pg_backup(settings: Settings, file: Path | str) -> PgRestoreResult:
    """Replace the database's contents with the dump `file`, in one transaction.

    Refuses while the bot runs (`BotRunningError`) and for a file that is not a CareerMate dump
    (`InvalidBackupError`); saves the current contents first (`previous_copy`).
    """
    source = Path(file).expanduser()
    if not source.is_file():
        raise InvalidBackupError(f"There is no backup file at {source}.")
    url, env = libpq_target(settings)
    version = _check_dump(source, source)
    lock = RunLock(settings)
    try:
        lock.acquire()
    except AlreadyRunningError as error:
        who = f" (pid {error.pid})" if error.pid else ""
        raise BotRunningError(
            f"CareerMate is running{who} on this database. Stop the bot, then run the restore "
            "again."
        ) from None
    try:
        previous = create_pg_backup(settings, prune=False)
        _run(
            [
                find_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                url,
                str(source),
            ],
            env,
            "pg_restore",
        )
    finally:
        lock.release()
    log.info("restored %s into %s; previous contents kept at %s", source, url, previous)
    return PgRestoreResult(
        database=url, restored_from=source, previous_copy=previous, schema_version=version
    )

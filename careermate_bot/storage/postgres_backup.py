"""Backups of a PostgreSQL database: `pg_dump` (custom format) and `pg_restore`.

Same contract as the SQLite backups in `careermate_bot.storage.backup` (which dispatches here when
DATABASE_URL is PostgreSQL): `careermate backup` writes
`<backup_dir>/careermate-YYYYmmdd-HHMMSS.dump` (UTC), checks that `pg_restore --list` reads it
back and that it holds CareerMate's tables before it gets its final name, then prunes to the
newest BACKUP_KEEP. `careermate restore FILE` refuses while the bot runs (the run lock), checks
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
from careermate_bot.storage.errors import BackupError, BotRunningError, InvalidBackupError

log = logging.getLogger(__name__)

PG_SUFFIX = ".dump"
_NAME = re.compile(r"^careermate-(\d{8}-\d{6})(?:-(\d+))?\.dump$")
_STAMP = "%Y%m%d-%H%M%S"
_SCHEMES = ("postgres://", "postgresql://", "asyncpg://")
# Query parameters libpq understands; Tortoise's own (minsize, maxsize, ...) are dropped.
_LIBPQ_PARAMS = {"host", "port", "sslmode", "sslrootcert", "connect_timeout", "application_name"}
_CORE_TABLES = ("user_profiles", "chat_messages")
_TIMEOUT_SECONDS = 3600


def is_postgres(settings: Settings) -> bool:
    return settings.effective_database_url.startswith(_SCHEMES)


@dataclass(frozen=True)
class PgBackupInfo:
    path: Path
    created_at: datetime
    size_bytes: int


@dataclass(frozen=True)
class PgRestoreResult:
    database: str  # the database URL without its password
    restored_from: Path
    previous_copy: Path | None  # a dump of what the database held before
    schema_version: int  # of the restored data (0 when the dump has no schema_meta)


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


def _check_dump(path: Path, env: dict[str, str]) -> int:
    """Raise `InvalidBackupError` unless `path` is a CareerMate dump; its schema version."""
    listing = subprocess.run(
        [find_tool("pg_restore"), "--list", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=_TIMEOUT_SECONDS,
    )
    if listing.returncode != 0:
        lines = listing.stderr.strip().splitlines()
        raise InvalidBackupError(
            f"{path} is not a pg_dump custom-format file or is damaged "
            f"({lines[-1] if lines else 'unreadable'}). Pick a file made by `careermate backup`."
        )
    missing = [t for t in _CORE_TABLES if not re.search(rf"TABLE DATA \S+ {t}\b", listing.stdout)]
    if missing:
        raise InvalidBackupError(
            f"{path} is not a CareerMate backup (no {', '.join(missing)} data)."
        )
    data = subprocess.run(
        [find_tool("pg_restore"), "--data-only", "--table=schema_meta", "--file=-", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=_TIMEOUT_SECONDS,
    )
    match = re.search(r"COPY \S*schema_meta \(id, version\) FROM stdin;\n1\t(\d+)", data.stdout)
    return int(match.group(1)) if match else 0


def list_pg_backups(settings: Settings) -> list[PgBackupInfo]:
    folder = settings.effective_backup_dir
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and path.is_file():
            when = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
            key = (when, int(match.group(2) or 1))
            found.append((key, PgBackupInfo(path, when, path.stat().st_size)))
    found.sort(key=lambda item: item[0], reverse=True)
    return [info for _, info in found]


def prune_pg_backups(settings: Settings, keep: int | None = None) -> list[Path]:
    keep = settings.backup_keep if keep is None else keep
    removed = []
    for info in list_pg_backups(settings)[max(1, keep) :]:
        with contextlib.suppress(FileNotFoundError):
            info.path.unlink()
            removed.append(info.path)
    if removed:
        log.info("pruned %d old PostgreSQL backup(s), keeping %d", len(removed), keep)
    return removed


def _publish(partial: Path, folder: Path, stamp: str) -> Path:
    for n in range(1, 1000):
        final = folder / f"careermate-{stamp}{'' if n == 1 else f'-{n}'}{PG_SUFFIX}"
        try:
            os.link(partial, final)
        except FileExistsError:
            continue
        partial.unlink()
        return final
    raise BackupError(f"too many backups named careermate-{stamp}* in {folder}")


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
    stamp = datetime.now(UTC).strftime(_STAMP)
    partial = folder / f".careermate-{stamp}-{os.getpid()}-{time.monotonic_ns()}.partial"
    started = time.perf_counter()
    try:
        _run(
            [find_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial), url],
            env,
            "pg_dump",
        )
        _check_dump(partial, env)
        final = _publish(partial, folder, stamp)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    log.info(
        "PostgreSQL backup %s written in %.2fs (%d bytes)",
        final.name,
        time.perf_counter() - started,
        final.stat().st_size,
    )
    if prune:
        prune_pg_backups(settings)
    return final


def restore_pg_backup(settings: Settings, file: Path | str) -> PgRestoreResult:
    """Replace the database's contents with the dump `file`, in one transaction.

    Refuses while the bot runs (`BotRunningError`) and for a file that is not a CareerMate dump
    (`InvalidBackupError`); saves the current contents first (`previous_copy`).
    """
    from careermate_bot.storage.runlock import AlreadyRunningError, RunLock

    source = Path(file).expanduser()
    if not source.is_file():
        raise InvalidBackupError(f"There is no backup file at {source}.")
    url, env = libpq_target(settings)
    version = _check_dump(source, env)
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

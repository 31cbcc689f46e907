"""Backups of the SQLite database: consistent while the bot writes, verified, pruned, restorable.

- `create_backup` copies the live database with SQLite's online backup API (one read
  transaction, so the copy is a consistent snapshot; in WAL mode the bot keeps writing
  meanwhile) into `<backup_dir>/careermate-YYYYmmdd-HHMMSS.sqlite3` (UTC; `-2`, `-3`, ... when
  two land in the same second). The copy is a self-contained file (journal_mode=DELETE) and must
  pass `PRAGMA integrity_check` before it gets its final name and older backups are pruned.
- A file counts as a backup by its content (`sqlite_import.backup_problem`), not by its name:
  look-alikes are skipped by listing, pruning and purge-user, and reported in the log
  (`backup_files`, shared with the PostgreSQL backups).
- `create_backup_async` runs it in the backups thread pool (`workers`), so the event loop never
  blocks and a backup never waits behind other kinds of work.
- `BackupScheduler` runs it every BACKUP_INTERVAL_MINUTES (0 = off) and never crashes the bot;
  on PostgreSQL (pg_dump) only in the leader process (`storage.leader`), so a fleet of bot
  processes takes one backup per interval, not one each.
- `restore_backup` refuses while the bot runs (the run lock), checks the file and imports its
  rows into a freshly built schema (`sqlite_import`: a trap in the file never becomes part of
  the database), keeps a copy of the database it replaces
  (`careermate.sqlite3.before-restore-<ts>`) and removes the stale -wal/-shm files.

- `purge_user_from_backups` removes one user from every kept backup (and from the copies a
  restore kept), for `careermate purge-user ID`: deleted means deleted, in old copies too. Each
  file is rewritten through a verified temporary copy (VACUUM, so no free page keeps the text).

PostgreSQL: `create_backup` and `restore_backup` hand over to
`careermate_bot.storage.postgres_backup` (pg_dump / pg_restore); the other functions raise
`NotSqliteError`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from careermate_bot.config import Settings
from careermate_bot.storage import backup_files, migrations, postgres_backup, sqlite_import
from careermate_bot.storage.backup_files import BackupInfo as BackupInfo
from careermate_bot.storage.backup_files import BackupKind
from careermate_bot.storage.errors import PICK_ANOTHER
from careermate_bot.storage.errors import BackupError as BackupError
from careermate_bot.storage.errors import BotRunningError as BotRunningError
from careermate_bot.storage.errors import InvalidBackupError as InvalidBackupError
from careermate_bot.storage.errors import NotSqliteError as NotSqliteError
from careermate_bot.storage.runlock import AlreadyRunningError, RunLock
from careermate_bot.storage.sqlite_import import verify_database_file as verify_database_file
from careermate_bot.workers import Work, run_in
from models.jobs import PERSON_ID_COLUMNS

log = logging.getLogger(__name__)

BACKUP_PREFIX = backup_files.PREFIX
BACKUP_SUFFIX = ".sqlite3"
SQLITE = BackupKind("SQLite", BACKUP_SUFFIX, sqlite_import.backup_problem)
# How long the backup/verify connections wait for a lock before "database is locked".
_SQLITE_TIMEOUT = 30.0


@dataclass(frozen=True)
class RestoreResult:
    database: Path  # the live database file, now holding the restored data
    restored_from: Path
    previous_copy: Path | None  # what the database held before; None if there was none
    schema_version: int  # of the backup file; its rows were imported at the current version


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _require_sqlite(settings: Settings) -> Path:
    path = settings.sqlite_path
    if path is None:
        if settings.effective_database_url.startswith("sqlite://"):
            raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
        raise NotSqliteError()
    return path


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        return sqlite3.connect(uri, uri=True, timeout=_SQLITE_TIMEOUT)
    return sqlite3.connect(path, timeout=_SQLITE_TIMEOUT)


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Online-backup `source` into a new self-contained file at `target`."""
    dest = sqlite3.connect(target, timeout=_SQLITE_TIMEOUT)
    try:
        # pages=-1 (everything in one step): a single read transaction, hence one consistent
        # snapshot; stepping in chunks would restart whenever the bot writes in between.
        source.backup(dest, pages=-1)
        # The copied header says WAL; make the copy one file that needs no -wal/-shm.
        dest.execute("PRAGMA journal_mode=DELETE").fetchall()
        dest.commit()
    finally:
        dest.close()


def integrity_problems(path: Path) -> list[str]:
    """`PRAGMA integrity_check` of a database file: [] when healthy, else the problems."""
    conn = _connect(path)
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check").fetchall()]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def list_backups(settings: Settings) -> list[BackupInfo]:
    """Backups in the backup directory, newest first: files named like ours whose content is a
    CareerMate database (look-alikes are reported in the log and skipped)."""
    return backup_files.list_backups(SQLITE, settings.effective_backup_dir)


def prune_backups(settings: Settings, keep: int | None = None) -> list[Path]:
    """Delete all but the newest `keep` (default BACKUP_KEEP) backups; return what went."""
    keep = settings.backup_keep if keep is None else keep
    return backup_files.prune(SQLITE, settings.effective_backup_dir, keep)


def create_backup(settings: Settings, *, prune: bool = True) -> Path:
    """Take a verified backup of the SQLite database now; prune old ones. Blocking: from async
    code use `create_backup_async`. Raises `BackupError` (readable) on any failure."""
    if postgres_backup.is_postgres(settings):
        return postgres_backup.create_pg_backup(settings, prune=prune)
    source_path = _require_sqlite(settings)
    try:
        exists = source_path.is_file()
    except OSError as error:
        raise BackupError(f"Cannot read {source_path} ({error.strerror or error}).") from error
    if not exists:
        raise BackupError(
            f"There is no database at {source_path} yet: start CareerMate once to create it."
        )
    folder = settings.effective_backup_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(
            f"Could not create the backup folder {folder} ({error.strerror or error}). Make "
            f"its parent writable (e.g. sudo chown -R $USER {folder.parent}) or set BACKUP_DIR "
            "to a writable folder."
        ) from error
    stamp = backup_files.stamp_now(_utcnow())
    partial = backup_files.partial_path(folder, stamp)
    started = time.perf_counter()
    try:
        source = _connect(source_path)
        try:
            _copy_database(source, partial)
        finally:
            source.close()
        problems = integrity_problems(partial)
        if problems:
            raise BackupError(
                "The new backup failed its integrity check, so older backups were kept: "
                + "; ".join(problems[:5])
            )
        final = backup_files.publish(SQLITE, partial, folder, stamp)
    except sqlite3.Error as error:
        raise BackupError(
            f"Backing up {source_path} into {folder} failed ({error}). Check that both folders "
            "are writable and the disk has free space; a damaged database cannot be backed up."
        ) from error
    except OSError as error:
        raise BackupError(
            f"Could not write the backup into {folder} ({error.strerror or error}). Check that "
            "the folder is writable and the disk has free space."
        ) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return backup_files.finish(SQLITE, final, started, keep=settings.backup_keep if prune else None)


async def create_backup_async(settings: Settings, *, prune: bool = True) -> Path:
    return await run_in(Work.BACKUPS, create_backup, settings, prune=prune)


def _keep_previous(db: Path, stamp: str) -> Path:
    """Copy the database about to be replaced (including what is still in its -wal)."""
    target = db.with_name(f"{db.name}.before-restore-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = db.with_name(f"{db.name}.before-restore-{stamp}-{n}")
    try:
        source = _connect(db)
        try:
            _copy_database(source, target)
        finally:
            source.close()
    except sqlite3.DatabaseError as error:
        # Damaged beyond what SQLite will read: keep the raw files instead.
        log.warning("current database unreadable (%s); keeping a raw copy", error)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        shutil.copy2(db, target)
        for ext in ("-wal", "-shm"):
            side = db.with_name(db.name + ext)
            if side.exists():
                shutil.copy2(side, target.with_name(target.name + ext))
    return target


def restore_backup(
    settings: Settings, file: Path | str
) -> RestoreResult | postgres_backup.PgRestoreResult:
    """Replace the SQLite database with the data in the backup `file`. The bot must be stopped.

    The file is checked (`verify_database_file`) and its rows are imported into a freshly built
    schema at the current version (`sqlite_import.import_rows`). Raises `BotRunningError` while
    the bot runs, `InvalidBackupError` (naming `file`) for a file that is not a healthy,
    trap-free CareerMate database; never leaves a half state. PostgreSQL: `postgres_backup`.
    """
    if postgres_backup.is_postgres(settings):
        return postgres_backup.restore_pg_backup(settings, file)  # pg_restore, one transaction
    db = _require_sqlite(settings)
    source = Path(file).expanduser()
    if not source.is_file():
        raise InvalidBackupError(f"There is no backup file at {source}.")
    if db.exists() and source.resolve() == db.resolve():
        raise InvalidBackupError(f"{source} is the live database itself; pick a backup file.")
    lock = RunLock(settings)
    try:
        lock.acquire()
    except AlreadyRunningError as error:
        who = f" (pid {error.pid})" if error.pid else ""
        raise BotRunningError(
            f"CareerMate is running{who} and using {db}. Stop the bot, then run the restore again."
        ) from None
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        stamp = backup_files.stamp_now(_utcnow())
        staged = db.with_name(f".{db.name}.restore-{os.getpid()}.partial")
        rebuilt = db.with_name(f".{db.name}.restore-{os.getpid()}-new.partial")
        try:
            try:
                conn = _connect(source, read_only=True)
                try:
                    _copy_database(conn, staged)
                finally:
                    conn.close()
            except sqlite3.DatabaseError as error:
                raise InvalidBackupError(
                    f"{source} is not a SQLite database or is damaged ({error}). {PICK_ANOTHER}"
                ) from error
            version = verify_database_file(staged, shown_as=source)
            sqlite_import.import_rows(staged, rebuilt, shown_as=source)
            problems = integrity_problems(rebuilt)
            if problems:
                raise BackupError(
                    f"The database rebuilt from {source} failed its integrity check "
                    f"({'; '.join(problems[:5])}); nothing was changed."
                )
            previous = _keep_previous(db, stamp) if db.exists() else None
            for ext in ("-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    db.with_name(db.name + ext).unlink()
            os.replace(rebuilt, db)
        finally:
            for partial in (staged, rebuilt):
                for ext in ("", "-journal", "-wal", "-shm"):
                    with contextlib.suppress(FileNotFoundError):
                        partial.with_name(partial.name + ext).unlink()
    finally:
        lock.release()
    log.info(
        "restored %s into %s (schema version %d, imported at %d); previous database kept at %s",
        source,
        db,
        version,
        migrations.CURRENT_VERSION,
        previous,
    )
    return RestoreResult(
        database=db, restored_from=source, previous_copy=previous, schema_version=version
    )


class BackupScheduler:
    """Back up every BACKUP_INTERVAL_MINUTES in the background (0 = off).

    `start()` from inside the running loop, `await stop()` on shutdown. A failed backup is
    logged (and kept in `last_error`) and retried at the next interval; it never raises into the
    bot. An interval with no database change since the last backup is skipped, so an idle bot
    does not push its older, different backups out with identical copies (SQLite: the file's
    size and time; PostgreSQL: the server's WAL position). On PostgreSQL a round runs
    only while `is_leader()` says this process leads (`storage.leader.Leadership`).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        interval_seconds: float | None = None,
        is_leader: Callable[[], bool] = lambda: True,
    ) -> None:
        self.settings = settings
        self.interval = (
            settings.backup_interval_minutes * 60 if interval_seconds is None else interval_seconds
        )
        self.is_leader = is_leader
        self.postgres = postgres_backup.is_postgres(settings)
        self.last_backup: Path | None = None
        self.last_error: str | None = None
        self.last_run_at: datetime | None = None
        self._task: asyncio.Task[None] | None = None
        self._fingerprint: tuple[int, ...] | None = None

    @property
    def enabled(self) -> bool:
        return self.interval > 0 and (self.settings.sqlite_path is not None or self.postgres)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> bool:
        """Start the loop; False (and a log line) when disabled or not on SQLite."""
        if self.running:
            return True
        if self.interval <= 0:
            log.info("periodic backups are off (BACKUP_INTERVAL_MINUTES=0)")
            return False
        if not self.enabled:
            log.info("periodic backups need a database file or PostgreSQL (not in-memory)")
            return False
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="backup-scheduler")
        log.info(
            "periodic backups every %.0f minute(s) into %s, keeping %d%s",
            self.interval / 60,
            self.settings.effective_backup_dir,
            self.settings.backup_keep,
            " (pg_dump, by the leader process)" if self.postgres else "",
        )
        return True

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def _fingerprint_now(self) -> tuple[int, ...]:
        if self.postgres:
            return await postgres_backup.change_fingerprint()
        return await run_in(Work.BACKUPS, self._current_fingerprint)

    def _current_fingerprint(self) -> tuple[int, ...]:
        db = self.settings.sqlite_path
        assert db is not None
        values: list[int] = []
        for path in (db, db.with_name(db.name + "-wal")):
            try:
                stat = path.stat()
            except FileNotFoundError:
                values += [0, 0]
            else:
                values += [stat.st_mtime_ns, stat.st_size]
        return tuple(values)

    async def run_once(self) -> Path | None:
        """One scheduled round: back up unless nothing changed. Never raises (but cancels)."""
        if not self.is_leader():
            log.debug("not the leader process: the leader takes this backup")
            self._fingerprint = None  # on becoming the leader, back up at the first round
            return None
        self.last_run_at = _utcnow()
        try:
            fingerprint = await self._fingerprint_now()
            if fingerprint == self._fingerprint:
                log.debug("no change since the last backup; skipping this one")
                return None
            path = await create_backup_async(self.settings)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            self.last_error = str(error)
            log.exception(
                "periodic backup failed (will retry in %.0f minute(s))", self.interval / 60
            )
            return None
        self._fingerprint = fingerprint
        self.last_backup, self.last_error = path, None
        return path

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            await self.run_once()


# -- Removing one user from kept copies ------------------------------------------------------------
@dataclass(frozen=True)
class PurgeResult:
    path: Path
    rows: int  # rows deleted or anonymised in that file (0: the user was not in it)


def _person_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """Columns holding a member's Discord id without a foreign key (see services.profiles)."""
    listed = PERSON_ID_COLUMNS.get(table, ())
    columns = []
    for row in conn.execute(f'PRAGMA table_info("{table}")'):
        name, kind = str(row[1]), str(row[2]).upper()
        if name in listed or (name.endswith("_by") and "INT" in kind):
            columns.append(name)
    return columns


def _purge_connection(conn: sqlite3.Connection, discord_id: int) -> int:
    """Delete the user (and every row that points at their profile) and clear their id from
    other rows, inside one transaction on `conn`. Returns how many rows changed."""
    tables = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    if "user_profiles" not in tables:
        return 0
    changed = 0
    for table in tables:
        for column in _person_columns(conn, table):
            changed += conn.execute(
                f'UPDATE "{table}" SET "{column}" = NULL WHERE "{column}" = ?', (discord_id,)
            ).rowcount
    row = conn.execute(
        "SELECT id FROM user_profiles WHERE discord_id = ?", (discord_id,)
    ).fetchone()
    if row is not None:
        profile_id = row[0]
        for table in tables:
            for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
                # (id, seq, table, from, to, on_update, on_delete, match)
                if fk[2] != "user_profiles" or table == "user_profiles":
                    continue
                column, on_delete = str(fk[3]), str(fk[6]).upper()
                if on_delete == "SET NULL":
                    sql = f'UPDATE "{table}" SET "{column}" = NULL WHERE "{column}" = ?'
                else:
                    sql = f'DELETE FROM "{table}" WHERE "{column}" = ?'
                changed += conn.execute(sql, (profile_id,)).rowcount
        changed += conn.execute("DELETE FROM user_profiles WHERE id = ?", (profile_id,)).rowcount
    return changed


def purge_user_from_file(path: Path, discord_id: int) -> int:
    """Remove one user from a SQLite database file that no process is using (a backup), safely:
    work on a copy, VACUUM it, check its integrity, then swap it in. Returns the rows changed
    (0 leaves the file untouched). Raises `BackupError` on failure (the original is kept)."""
    staged = path.with_name(f".{path.name}.purge-{os.getpid()}.partial")
    try:
        source = _connect(path)
        try:
            _copy_database(source, staged)
        finally:
            source.close()
        conn = _connect(staged)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            with conn:
                changed = _purge_connection(conn, discord_id)
            if changed:
                conn.execute("VACUUM")
        finally:
            conn.close()
        if not changed:
            return 0
        problems = integrity_problems(staged)
        if problems:
            raise BackupError(f"{path}: the cleaned copy failed its integrity check; kept as is")
        os.replace(staged, path)
        return changed
    except sqlite3.Error as error:
        raise BackupError(f"Could not remove the user from {path}: {error}") from error
    except OSError as error:
        raise BackupError(
            f"Could not rewrite {path} ({error.strerror or error}): check that the folder is "
            "writable and the disk has free space."
        ) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()


def scan_kept_copies(settings: Settings) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Every kept copy of the database (the backups plus the copies restores kept), and the
    files named like one that are not a CareerMate database (junk, a damaged raw copy, a file
    with a trap in it): those cannot be cleaned reliably, so they are left alone and named."""
    db = _require_sqlite(settings)
    found = backup_files.scan(SQLITE, settings.effective_backup_dir)
    copies = [info.path for info in found.backups]
    ignored = list(found.ignored)
    if db.parent.is_dir():
        for path in sorted(db.parent.glob(f"{db.name}.before-restore-*")):
            if not path.is_file() or path.name.endswith(("-wal", "-shm", "-journal")):
                continue
            problem = sqlite_import.backup_problem(path)
            if problem is None:
                copies.append(path)
            else:
                ignored.append((path, problem))
    return copies, ignored


def kept_copies(settings: Settings) -> list[Path]:
    """Every kept copy of the database that is a CareerMate database (see `scan_kept_copies`;
    the others are reported in the log)."""
    copies, ignored = scan_kept_copies(settings)
    backup_files.report_ignored(SQLITE, ignored)
    return copies


def purge_user_from_backups(settings: Settings, discord_id: int) -> list[PurgeResult]:
    """Remove one user from every kept copy (`kept_copies`). Raises `BackupError` naming the
    first file that could not be cleaned (files cleaned before it stay cleaned)."""
    results = []
    for path in kept_copies(settings):
        results.append(PurgeResult(path, purge_user_from_file(path, discord_id)))
    if any(r.rows for r in results):
        log.info(
            "removed user %s from %d kept cop(ies)", discord_id, sum(1 for r in results if r.rows)
        )
    return results

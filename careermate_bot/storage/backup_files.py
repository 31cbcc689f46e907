"""Backup files on disk, one path for both kinds (SQLite `backup`, PostgreSQL `postgres_backup`).

A backup is `<backup_dir>/careermate-YYYYmmdd-HHMMSS[-N]<suffix>` (UTC; `-2`, `-3`, ... when two
land in the same second), written as a hidden `.partial` file, checked, then published under
its final name with a hard link (never overwriting another backup). What makes a file a backup
is its content, not its name: each kind brings a `problem(path)` check, and a file that is
named like a backup but fails it (junk, a foreign database, a file with a trap in it) is left
alone and reported in the log, once per listing; it never counts as the newest backup, is never
pruned, never cleaned by purge-user. `finish` is the shared tail of a backup: one log line,
then pruning to the newest BACKUP_KEEP.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from careermate_bot.storage.errors import BackupError

log = logging.getLogger(__name__)

PREFIX = "careermate-"
STAMP = "%Y%m%d-%H%M%S"
# A `.partial` file older than this is debris from a backup that died half-way.
STALE_PARTIAL_SECONDS = 3600


@dataclass(frozen=True)
class BackupKind:
    label: str  # "SQLite", "PostgreSQL": for log lines
    suffix: str  # ".sqlite3", ".dump"
    problem: Callable[[Path], str | None]  # None: a CareerMate backup; else why it is not one

    def name_pattern(self) -> re.Pattern[str]:
        suffix = re.escape(self.suffix)
        return re.compile(rf"^{re.escape(PREFIX)}(\d{{8}}-\d{{6}})(?:-(\d+))?{suffix}$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime  # UTC, from the file name
    size_bytes: int


@dataclass(frozen=True)
class Scan:
    backups: list[BackupInfo]  # newest first
    ignored: list[tuple[Path, str]]  # named like a backup but not one, and why


def stamp_now(now: datetime) -> str:
    return now.strftime(STAMP)


def _name_key(match: re.Match[str]) -> tuple[datetime, int] | None:
    try:
        when = datetime.strptime(match.group(1), STAMP).replace(tzinfo=UTC)
    except ValueError:  # named like a backup, but 20251399-...: not a time we wrote
        return None
    return when, int(match.group(2) or 1)


def scan(kind: BackupKind, folder: Path) -> Scan:
    """The backups of `kind` in `folder` (newest first) and the look-alikes beside them."""
    if not folder.is_dir():
        return Scan([], [])
    pattern = kind.name_pattern()
    found: list[tuple[tuple[datetime, int], BackupInfo]] = []
    ignored: list[tuple[Path, str]] = []
    for path in sorted(folder.iterdir()):
        match = pattern.match(path.name)
        if match is None:
            continue
        key = _name_key(match)
        if key is None:
            ignored.append((path, "has no valid time in its name"))
            continue
        try:
            problem = "is not a file" if not path.is_file() else kind.problem(path)
            size = path.stat().st_size
        except OSError as error:
            problem, size = f"cannot be read ({error.strerror or error})", 0
        if problem is not None:
            ignored.append((path, problem))
            continue
        found.append((key, BackupInfo(path, key[0], size)))
    found.sort(key=lambda item: item[0], reverse=True)
    return Scan([info for _, info in found], ignored)


def report_ignored(kind: BackupKind, ignored: list[tuple[Path, str]]) -> None:
    """One log line for every look-alike a listing passed over."""
    if ignored:
        log.warning(
            "ignoring %d file(s) named like %s backups that are not a CareerMate backup "
            "(not counted, pruned or cleaned; check and remove them by hand): %s",
            len(ignored),
            kind.label,
            "; ".join(f"{path} {why}" for path, why in ignored),
        )


def list_backups(kind: BackupKind, folder: Path) -> list[BackupInfo]:
    """The backups of `kind` in `folder`, newest first (look-alikes reported and skipped)."""
    found = scan(kind, folder)
    report_ignored(kind, found.ignored)
    return found.backups


def partial_path(folder: Path, stamp: str) -> Path:
    """Where a backup is written before it is checked: hidden, unique to this process."""
    return folder / f".{PREFIX}{stamp}-{os.getpid()}-{time.monotonic_ns()}.partial"


def publish(kind: BackupKind, partial: Path, folder: Path, stamp: str) -> Path:
    """Give the checked copy its final name without ever overwriting an existing backup."""
    for n in range(1, 1000):
        final = folder / f"{PREFIX}{stamp}{'' if n == 1 else f'-{n}'}{kind.suffix}"
        try:
            os.link(partial, final)  # atomic, and fails if the name is taken
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            if final.exists():
                continue
            os.replace(partial, final)
            return final
        partial.unlink()
        return final
    raise BackupError(f"too many backups named {PREFIX}{stamp}* in {folder}")


def prune(kind: BackupKind, folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups of `kind` (look-alikes stay); what went."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    removed: list[Path] = []
    for info in list_backups(kind, folder)[keep:]:
        try:
            info.path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            log.warning("could not delete old backup %s: %s", info.path, error)
            continue
        removed.append(info.path)
    for debris in folder.glob(f".{PREFIX}*.partial") if folder.is_dir() else ():
        with contextlib.suppress(OSError):
            if time.time() - debris.stat().st_mtime > STALE_PARTIAL_SECONDS:
                debris.unlink()
    if removed:
        log.info("pruned %d old %s backup(s), keeping %d", len(removed), kind.label, keep)
    return removed


def finish(kind: BackupKind, final: Path, started: float, *, keep: int | None) -> Path:
    """The end of every backup: log it, then prune to `keep` (None: no pruning)."""
    log.info(
        "%s backup %s written in %.2fs (%d bytes)",
        kind.label,
        final.name,
        time.perf_counter() - started,
        final.stat().st_size,
    )
    if keep is not None:
        prune(kind, final.parent, keep)
    return final

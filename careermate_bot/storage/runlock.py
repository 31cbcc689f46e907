"""One bot per database: a pid file held with `fcntl.flock` at `<data_dir>/careermate.lock`.

The running bot holds the lock for its whole life, so

- a second bot on the same data directory refuses to start (`AlreadyRunningError`), and
- `careermate restore` can tell the bot is running (`is_locked`) and refuses to swap the
  database file under it (restore takes the same lock itself while it works, so a bot that
  starts during a restore waits for nothing and simply refuses to start).

`flock` locks belong to the open file, not to the process: the kernel drops them when the
process dies, however it dies, so a crash never leaves a stale lock behind. The pid written
into the file is only for messages ("pid 1234 is running"). The file itself is never deleted:
deleting a lock file that another process has open is what makes pid-file locks racy.

On platforms without `fcntl` (Windows) the lock is a no-op with a warning.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path
from types import TracebackType

from careermate_bot.config import Settings

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "careermate.lock"


class LockFileError(RuntimeError):
    """The lock file cannot be created or opened (read-only or missing data folder)."""

    def __init__(self, lock_path: Path, error: OSError) -> None:
        reason = error.strerror or type(error).__name__
        super().__init__(
            f"CareerMate cannot create its lock file {lock_path} ({reason}): the data folder "
            f"{lock_path.parent} must be a writable folder. Fix its permissions (e.g. sudo "
            f"chown -R $USER {lock_path.parent}) or set DATA_DIR to a writable folder."
        )
        self.lock_path = lock_path


class AlreadyRunningError(RuntimeError):
    """Another CareerMate process holds the lock for this data directory."""

    def __init__(self, lock_path: Path, pid: int | None) -> None:
        who = f"pid {pid}" if pid else "another process"
        super().__init__(
            f"CareerMate is already running ({who}) with the data in {lock_path.parent}. "
            "Stop that instance first, or point this one at another DATA_DIR."
        )
        self.lock_path = lock_path
        self.pid = pid


def lock_path(settings: Settings) -> Path:
    return settings.data_dir / LOCK_FILE_NAME


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def is_locked(settings: Settings) -> bool:
    """True while some process (this one included) holds the run lock."""
    if fcntl is None:  # pragma: no cover - Windows
        return False
    path = lock_path(settings)
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        # A shared probe: two probes never see each other as "the bot".
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def locked_by(settings: Settings) -> int | None:
    """The pid of the process holding the lock, or None when nobody holds it."""
    return _read_pid(lock_path(settings)) if is_locked(settings) else None


class RunLock:
    """Hold the run lock: `with RunLock(settings): ...` or `acquire()` / `release()`."""

    def __init__(self, settings: Settings, *, wait: float = 0.5) -> None:
        self.path = lock_path(settings)
        # A concurrent `is_locked` probe holds a shared lock for microseconds; wait it out.
        self.wait = wait
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            raise RuntimeError("this RunLock is already held")
        if fcntl is None:  # pragma: no cover - Windows
            log.warning("no fcntl on this platform: running without the single-instance lock")
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise LockFileError(self.path, error) from error
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise AlreadyRunningError(self.path, _read_pid(self.path)) from None
                time.sleep(0.02)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError as error:  # a full disk: the lock holds, only the pid note is missing
            log.warning("could not write the pid into %s: %s", self.path, error)
        self._fd = fd
        log.debug("run lock %s acquired by pid %d", self.path, os.getpid())

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
        log.debug("run lock %s released", self.path)

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

"""The run lock: one bot per data directory, visible to `restore`, gone when the holder dies."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.storage.backup import BotRunningError, restore_backup
from careermate_bot.storage.runlock import (
    AlreadyRunningError,
    RunLock,
    is_locked,
    lock_path,
    locked_by,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def make_settings(tmp_path: Path) -> Settings:
    return build_settings(_env_file=None, data_dir=tmp_path, database_url="", backup_dir=None)


def test_lock_round_trip(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    assert not is_locked(settings)
    assert not lock_path(settings).exists()  # probing creates nothing

    with RunLock(settings) as lock:
        assert lock.held
        assert is_locked(settings)
        assert locked_by(settings) == os.getpid()
        assert lock_path(settings).read_text().strip() == str(os.getpid())
    assert not is_locked(settings)
    assert locked_by(settings) is None
    assert lock_path(settings).exists()  # never deleted (that is what makes pid files racy)

    lock = RunLock(settings)
    lock.acquire()
    lock.release()
    lock.release()  # harmless


def test_a_second_instance_refuses_with_a_readable_message(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with RunLock(settings), pytest.raises(AlreadyRunningError) as caught:
        RunLock(settings, wait=0.05).acquire()
    assert caught.value.pid == os.getpid()
    assert f"pid {os.getpid()}" in str(caught.value)
    assert "Stop that instance first" in str(caught.value)


def test_probes_do_not_make_the_bot_refuse_to_start(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    for _ in range(50):
        assert not is_locked(settings)
        with RunLock(settings):
            assert is_locked(settings)


HOLDER = """
import sys, time
from pathlib import Path
from careermate_bot.config import build_settings
from careermate_bot.storage.runlock import RunLock
settings = build_settings(_env_file=None, data_dir=Path(sys.argv[1]), database_url="")
lock = RunLock(settings)
lock.acquire()
print("locked", flush=True)
time.sleep(60)
"""


def test_another_process_holding_the_lock_blocks_restore_until_it_dies(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        assert is_locked(settings)
        assert locked_by(settings) == child.pid
        with pytest.raises(AlreadyRunningError) as caught:
            RunLock(settings, wait=0.05).acquire()
        assert caught.value.pid == child.pid

        backup = tmp_path / "some-backup.sqlite3"
        backup.write_bytes(b"")
        with pytest.raises(BotRunningError, match=rf"running \(pid {child.pid}\).*Stop the bot"):
            restore_backup(settings, backup)
    finally:
        child.kill()  # a crash: no clean release
        child.wait()
    deadline = time.monotonic() + 5
    while is_locked(settings) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not is_locked(settings)
    with RunLock(settings):
        assert locked_by(settings) == os.getpid()

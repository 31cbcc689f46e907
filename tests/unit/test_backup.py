"""Backups: consistent under writes, verified, pruned; restore: guarded, verified, reversible."""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.services import profile as profiles
from careermate_bot.storage import backup as backup_module
from careermate_bot.storage import migrations
from careermate_bot.storage.backup import (
    BackupError,
    BackupScheduler,
    BotRunningError,
    InvalidBackupError,
    create_backup,
    create_backup_async,
    list_backups,
    prune_backups,
    restore_backup,
    verify_database_file,
)
from careermate_bot.storage.database import close_db, init_db
from careermate_bot.storage.runlock import RunLock

NAME_PATTERN = r"^careermate-\d{8}-\d{6}(-\d+)?\.sqlite3$"


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path,
        "database_url": "",
        "backup_dir": None,
        "backup_keep": 10,
        "backup_interval_minutes": 360,
    }
    values.update(overrides)
    return build_settings(_env_file=None, **values)


@pytest.fixture
async def db(tmp_path: Path):
    settings = make_settings(tmp_path)
    await init_db(settings)
    try:
        yield settings
    finally:
        await close_db()


def count_rows(path: Path, table: str = "chat_messages") -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def side_files(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name + "-"))


class FakeClock:
    """Controls the time stamped into backup names."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
        monkeypatch.setattr(backup_module, "_utcnow", lambda: self.now)

    def tick(self, seconds: float = 1) -> None:
        self.now += timedelta(seconds=seconds)


async def seed(user: int, n: int) -> None:
    await profiles.update_profile(user, display_name=f"user {user}", add_skills=["Python"])
    for i in range(n):
        await profiles.append_message(user, "user", f"message {i}")


# -- Taking backups -------------------------------------------------------------------------------


async def test_backup_while_writes_run_is_consistent_and_restores(db: Settings) -> None:
    """Two writers (the ORM in the loop and a second connection in a thread) keep inserting
    while backups are taken; each backup passes integrity_check and restores."""
    assert db.sqlite_path is not None
    await seed(1, 10)
    stop = threading.Event()
    thread_rows = 0

    def thread_writer() -> None:
        nonlocal thread_rows
        conn = sqlite3.connect(db.sqlite_path, timeout=10)
        conn.execute("PRAGMA busy_timeout=5000")
        user_id = conn.execute("SELECT id FROM user_profiles WHERE discord_id=1").fetchone()[0]
        while not stop.is_set():
            with conn:  # one transaction per row
                conn.execute(
                    "INSERT INTO chat_messages (role, content, source, created_at, user_id) "
                    "VALUES ('user', 'from a thread', 'cli', '2025-01-01 00:00:00+00:00', ?)",
                    (user_id,),
                )
            thread_rows += 1
        conn.close()

    async def orm_writer() -> int:
        n = 0
        while not stop.is_set():
            await profiles.append_message(1, "assistant", f"from the loop {n}")
            await profiles.update_profile(1, preferences={"n": n})
            n += 1
        return n

    worker = threading.Thread(target=thread_writer)
    worker.start()
    orm_task = asyncio.create_task(orm_writer())
    taken: list[Path] = []
    try:
        for _ in range(3):
            await asyncio.sleep(0.1)
            taken.append(await create_backup_async(db))
    finally:
        stop.set()
        orm_rows = await orm_task
        await asyncio.to_thread(worker.join)
    assert orm_rows > 0 and thread_rows > 0, "both writers must have run during the backups"

    counts = [count_rows(p) for p in taken]
    assert counts == sorted(counts) and counts[0] >= 10
    for path in taken:
        assert verify_database_file(path) == migrations.CURRENT_VERSION
        assert side_files(path) == []  # self-contained: no -wal/-shm needed
    final_count = await profiles.count_messages(1)
    assert final_count == 10 + orm_rows + thread_rows
    assert counts[-1] <= final_count

    await close_db()
    result = restore_backup(db, taken[-1])
    assert count_rows(db.sqlite_path) == counts[-1]
    assert result.previous_copy is not None and count_rows(result.previous_copy) == final_count
    await init_db(db)
    assert await profiles.count_messages(1) == counts[-1]
    snap = await profiles.get_profile(1)
    assert snap is not None and snap.skills == ["Python"]


async def test_backup_names_and_same_second_suffix(
    db: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeClock(monkeypatch)
    first = create_backup(db)
    second = create_backup(db)
    third = await create_backup_async(db)
    assert first.name == "careermate-20250304-050607.sqlite3"
    assert second.name == "careermate-20250304-050607-2.sqlite3"
    assert third.name == "careermate-20250304-050607-3.sqlite3"
    assert first.parent == db.effective_backup_dir == db.data_dir / "backups"
    # Newest first, and "-2" sorts after the plain name although "-" < "." in ASCII.
    assert [b.path for b in list_backups(db)] == [third, second, first]
    assert not list(db.effective_backup_dir.glob("*.partial"))


async def test_pruning_keeps_exactly_backup_keep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path, backup_keep=3)
    await init_db(settings)
    try:
        clock = FakeClock(monkeypatch)
        made = []
        for _ in range(6):
            made.append(create_backup(settings))
            clock.tick(61)
            assert len(list_backups(settings)) == min(len(made), 3)
    finally:
        await close_db()
    unrelated = settings.effective_backup_dir / "notes.txt"
    unrelated.write_text("mine")
    kept = [b.path for b in list_backups(settings)]
    assert kept == made[::-1][:3]
    assert all(not p.exists() for p in made[:3])
    assert prune_backups(settings) == []
    assert prune_backups(settings, keep=1) == kept[1:]
    assert [b.path for b in list_backups(settings)] == [made[-1]]
    assert unrelated.read_text() == "mine"


async def test_a_backup_failing_its_integrity_check_keeps_the_old_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path, backup_keep=1)
    await init_db(settings)
    try:
        clock = FakeClock(monkeypatch)
        good = create_backup(settings)
        clock.tick(60)
        monkeypatch.setattr(backup_module, "integrity_problems", lambda path: ["page 3: bad"])
        with pytest.raises(BackupError, match=r"integrity check.*older backups were kept"):
            create_backup(settings)
    finally:
        await close_db()
    assert [b.path for b in list_backups(settings)] == [good]
    assert [p.name for p in settings.effective_backup_dir.iterdir()] == [good.name]


def test_backup_of_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match=r"no database at .* start CareerMate once"):
        create_backup(make_settings(tmp_path))


def test_postgres_backups_go_through_pg_dump_and_pg_restore(tmp_path: Path) -> None:
    # Nothing listens on port 1: pg_dump fails with a readable line (tests/unit/test_backup_pg.py
    # backs up and restores a real server). The password never shows.
    settings = make_settings(tmp_path, database_url="postgres://u:s3cret@127.0.0.1:1/careermate")
    with pytest.raises(BackupError, match=r"pg_dump") as caught:
        create_backup(settings)
    with pytest.raises(BackupError, match=r"pg_restore|not a pg_dump") as refused:
        restore_backup(settings, __file__)
    assert "s3cret" not in f"{caught.value} {refused.value}"
    assert list_backups(settings) == []
    # Scheduled backups on PostgreSQL too (pg_dump), taken by the leader process only.
    assert BackupScheduler(settings).enabled and BackupScheduler(settings).postgres


async def test_create_backup_async_does_not_block_the_loop(
    db: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = backup_module.create_backup

    def slow(settings: Settings, *, prune: bool = True) -> Path:
        time.sleep(0.3)
        return real(settings, prune=prune)

    monkeypatch.setattr(backup_module, "create_backup", slow)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    task = asyncio.create_task(ticker())
    await create_backup_async(db)
    task.cancel()
    assert ticks >= 10


# -- Restoring ------------------------------------------------------------------------------------


async def test_restore_refuses_while_the_bot_holds_the_lock(db: Settings) -> None:
    assert db.sqlite_path is not None
    await seed(1, 3)
    saved = create_backup(db)
    await seed(2, 3)
    with RunLock(db), pytest.raises(BotRunningError) as caught:
        restore_backup(db, saved)
    assert "running" in str(caught.value) and "Stop the bot" in str(caught.value)
    assert await profiles.count_messages(2) == 3  # nothing was touched
    assert not list(db.data_dir.glob("*before-restore*"))


async def test_restore_keeps_the_replaced_database_and_cleans_wal(db: Settings) -> None:
    assert db.sqlite_path is not None
    await seed(1, 5)
    saved = create_backup(db)
    await seed(2, 7)  # written after the backup
    await close_db()

    result = restore_backup(db, saved)

    assert result.database == db.sqlite_path and result.restored_from == saved
    assert result.schema_version == migrations.CURRENT_VERSION
    assert result.previous_copy is not None
    assert result.previous_copy.name.startswith("careermate.sqlite3.before-restore-")
    assert count_rows(result.previous_copy) == 12  # the replaced data, complete
    assert count_rows(db.sqlite_path) == 5
    assert side_files(db.sqlite_path) == []
    assert saved.exists()  # the backup itself is left alone
    assert not list(db.data_dir.glob(".*partial"))

    await init_db(db)
    assert await profiles.get_profile(2) is None
    assert await profiles.count_messages(1) == 5


def test_restore_after_a_crash_keeps_uncheckpointed_wal_data(tmp_path: Path) -> None:
    """A crashed bot leaves committed rows in careermate.sqlite3-wal: the kept copy has them,
    and the stale -wal/-shm are removed so they cannot be replayed onto the restored file."""
    live = make_settings(tmp_path / "live")
    crashed = make_settings(tmp_path / "crashed")
    assert live.sqlite_path is not None and crashed.sqlite_path is not None

    async def prepare() -> Path:
        await init_db(live)
        try:
            await seed(1, 4)
            return create_backup(live)
        finally:
            await close_db()

    saved = asyncio.run(prepare())
    # Rows committed into the WAL and never checkpointed; the files copied as a crash leaves them.
    conn = sqlite3.connect(live.sqlite_path)
    conn.execute("PRAGMA wal_autocheckpoint=0")
    with conn:
        conn.executemany(
            "INSERT INTO chat_messages (role, content, source, created_at, user_id) "
            "VALUES ('user', ?, 'dm', '2025-01-01 00:00:00+00:00', 1)",
            [(f"late {i}",) for i in range(6)],
        )
    crashed.data_dir.mkdir()
    for ext in ("", "-wal", "-shm"):
        shutil.copy(f"{live.sqlite_path}{ext}", f"{crashed.sqlite_path}{ext}")
    conn.close()
    assert side_files(crashed.sqlite_path) == ["careermate.sqlite3-shm", "careermate.sqlite3-wal"]

    result = restore_backup(crashed, saved)

    assert result.previous_copy is not None and count_rows(result.previous_copy) == 10
    assert count_rows(crashed.sqlite_path) == 4
    assert side_files(crashed.sqlite_path) == []


async def test_restore_refuses_files_that_are_not_healthy_careermate_databases(
    db: Settings, tmp_path: Path
) -> None:
    assert db.sqlite_path is not None
    await seed(1, 20)
    good = create_backup(db)
    await close_db()
    before = db.sqlite_path.read_bytes()

    text = tmp_path / "notes.sqlite3"
    text.write_text("this is not a database " * 200)
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    newer = tmp_path / "newer.sqlite3"
    shutil.copy(good, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE schema_meta SET version = 999")
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):  # scribble over the b-tree page headers
        data[offset : offset + 64] = b"\xa5" * 64
    damaged.write_bytes(bytes(data))

    cases = [
        (text, "not a SQLite database"),
        (other, "not a CareerMate one"),
        (newer, "newer CareerMate"),
        (damaged, "damaged|not a SQLite database"),
        (tmp_path / "missing.sqlite3", "no backup file"),
        (db.sqlite_path, "live database itself"),
    ]
    for path, message in cases:
        with pytest.raises(InvalidBackupError, match=message):
            restore_backup(db, path)
    assert db.sqlite_path.read_bytes() == before
    assert not list(db.data_dir.glob("*before-restore*"))
    assert not list(db.data_dir.glob(".*partial"))
    assert side_files(db.sqlite_path) == []

    restore_backup(db, good)  # and a good one still goes through
    assert count_rows(db.sqlite_path) == 20


async def test_an_older_backup_is_restored_at_the_current_schema(db: Settings) -> None:
    """Restore imports the rows into a fresh schema after upgrading a copy of the backup the
    way a start would, so the next start has nothing left to migrate."""
    assert db.sqlite_path is not None
    await seed(1, 3)
    old = create_backup(db)
    await close_db()
    with sqlite3.connect(old) as conn:  # make it look like a schema-version-1 backup
        conn.execute("DROP INDEX idx_chat_messages_user_history")
        conn.execute("DROP TABLE schema_meta")

    assert restore_backup(db, old).schema_version == 1
    report = await init_db(db)
    assert report.from_version == migrations.CURRENT_VERSION and report.applied == []
    assert await profiles.count_messages(1) == 3


def test_restore_into_an_empty_data_dir_keeps_no_copy(tmp_path: Path) -> None:
    donor = make_settings(tmp_path / "donor")
    fresh = make_settings(tmp_path / "fresh")

    async def make() -> Path:
        await init_db(donor)
        try:
            await seed(1, 2)
            return create_backup(donor)
        finally:
            await close_db()

    saved = asyncio.run(make())
    result = restore_backup(fresh, saved)
    assert result.previous_copy is None
    assert fresh.sqlite_path is not None and count_rows(fresh.sqlite_path) == 2


# -- The scheduler --------------------------------------------------------------------------------


async def test_scheduler_backs_up_periodically_and_skips_when_idle(db: Settings) -> None:
    await seed(1, 1)
    scheduler = BackupScheduler(db, interval_seconds=0.05)
    assert scheduler.start()
    try:
        await wait_for(lambda: len(list_backups(db)) >= 1)
        await asyncio.sleep(0.3)  # several idle intervals
        assert len(list_backups(db)) == 1
        await profiles.append_message(1, "user", "a change")
        await wait_for(lambda: len(list_backups(db)) >= 2)
        # The file is published by the worker thread a moment before the scheduler records it.
        await wait_for(lambda: scheduler.last_backup == list_backups(db)[0].path)
        assert scheduler.last_error is None and scheduler.running
    finally:
        await scheduler.stop()
    assert not scheduler.running
    await scheduler.stop()  # idempotent


async def test_scheduler_logs_failures_and_keeps_going(
    db: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls = 0

    def failing(settings: Settings, *, prune: bool = True) -> Path:
        nonlocal calls
        calls += 1
        raise BackupError("disk full")

    monkeypatch.setattr(backup_module, "create_backup", failing)
    scheduler = BackupScheduler(db, interval_seconds=0.02)
    with caplog.at_level(logging.ERROR, logger="careermate_bot.storage.backup"):
        scheduler.start()
        try:
            await wait_for(lambda: calls >= 3)
            assert scheduler.running and scheduler.last_error == "disk full"
        finally:
            await scheduler.stop()
    assert "periodic backup failed" in caplog.text


async def test_scheduler_off_when_interval_is_zero(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, backup_interval_minutes=0)
    scheduler = BackupScheduler(settings)
    assert not scheduler.enabled
    assert scheduler.start() is False and not scheduler.running
    await scheduler.stop()
    assert BackupScheduler(make_settings(tmp_path)).interval == 360 * 60


async def wait_for(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.01)


# -- Backups are recognised by content, not by name alone (issue 20, D15) -------------------------


def junk_named_like_backups(folder: Path) -> list[Path]:
    """A text file and a foreign SQLite database, named as if written in 2099."""
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "careermate-20990101-000000.sqlite3"
    text.write_text("not a backup")
    foreign = folder / "careermate-20990101-000000-2.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()
    return [text, foreign]


async def test_junk_named_like_backups_does_not_count_as_the_newest(
    db: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = junk_named_like_backups(db.effective_backup_dir)
    clock = FakeClock(monkeypatch)
    made = []
    for _ in range(12):
        made.append(create_backup(db))
        clock.tick(61)
    assert [b.path for b in list_backups(db)] == made[::-1][:10]  # 10 real ones, not 8
    assert all(path.exists() for path in junk)  # ignored, never deleted
    assert not any(path.exists() for path in made[:2])


async def test_prune_reports_files_it_ignores_once(
    db: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    junk = junk_named_like_backups(db.effective_backup_dir)
    create_backup(db, prune=False)
    with caplog.at_level(logging.WARNING, logger="careermate_bot.storage"):
        assert prune_backups(db, keep=1) == []
    for path in junk:
        assert caplog.text.count(path.name) == 1, caplog.text
    assert "not a CareerMate backup" in caplog.text

"""Database lifecycle: SQLite pragmas, first-start schema, re-init, cross-task access."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.storage import migrations
from careermate_bot.storage.database import (
    SQLITE_BUSY_TIMEOUT_MS,
    close_db,
    connection_config,
    database,
    get_connection,
    init_db,
    sqlite_pragmas,
)
from models import UserProfile
from tests.pg import database_url_for_test, sqlite_only


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    # SQLite under tmp_path, or a fresh PostgreSQL database in the PostgreSQL pass (tests/pg.py).
    values: dict[str, object] = {
        "data_dir": tmp_path,
        "database_url": database_url_for_test(),
        "backup_dir": None,
    }
    values.update(overrides)
    return build_settings(_env_file=None, **values)


@pytest.fixture
async def settings(tmp_path: Path):
    settings = make_settings(tmp_path)
    try:
        yield settings
    finally:
        await close_db()


@sqlite_only
async def test_first_start_creates_the_schema_in_wal_with_busy_timeout(settings: Settings) -> None:
    assert settings.sqlite_path is not None and not settings.sqlite_path.exists()
    report = await init_db(settings)
    assert report.created and report.to_version == migrations.CURRENT_VERSION
    assert settings.sqlite_path.is_file()

    pragmas = await sqlite_pragmas()
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["busy_timeout"] == SQLITE_BUSY_TIMEOUT_MS == 5000
    assert pragmas["foreign_keys"] == 1

    tables = await migrations.table_names(get_connection())
    assert {"user_profiles", "chat_messages", migrations.META_TABLE} <= tables
    assert await migrations.read_version(get_connection()) == migrations.CURRENT_VERSION
    assert await migrations.check_schema(get_connection()) == []


async def test_busy_timeout_from_the_url_wins(tmp_path: Path) -> None:
    url = f"sqlite://{tmp_path / 'x.sqlite3'}?busy_timeout=1234"
    settings = make_settings(tmp_path, database_url=url)
    assert connection_config(settings)["credentials"]["busy_timeout"] == "1234"
    async with database(settings):
        assert (await sqlite_pragmas(("busy_timeout",)))["busy_timeout"] == 1234


def test_postgres_url_gets_no_sqlite_pragmas(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path, database_url="postgres://cm:secret@db.example:5432/careermate"
    )
    config = connection_config(settings)
    assert config["engine"] == "tortoise.backends.asyncpg"
    assert config["credentials"]["database"] == "careermate"
    assert "busy_timeout" not in config["credentials"]
    assert settings.sqlite_path is None


async def test_second_start_keeps_data_and_is_a_no_op(settings: Settings) -> None:
    await init_db(settings)
    await UserProfile.create(discord_id=42, display_name="Ada")
    await close_db()

    report = await init_db(settings)
    assert not report.created and report.applied == []
    assert report.from_version == report.to_version == migrations.CURRENT_VERSION
    assert (await UserProfile.get(discord_id=42)).display_name == "Ada"


async def test_reinit_without_close_replaces_the_connection(settings: Settings) -> None:
    await init_db(settings)
    await UserProfile.create(discord_id=1)
    await init_db(settings)
    assert await UserProfile.all().count() == 1


async def test_tasks_created_before_init_see_the_database(settings: Settings) -> None:
    ready = asyncio.Event()

    async def early_task() -> int:
        await ready.wait()
        return await UserProfile.all().count()

    task = asyncio.create_task(early_task())
    await asyncio.create_task(init_db(settings))  # init inside another task's context
    await UserProfile.create(discord_id=7)
    ready.set()
    assert await task == 1


@sqlite_only
async def test_a_locked_database_waits_instead_of_failing(settings: Settings) -> None:
    """Another connection (the CLI, a restore check) holding the write lock briefly: the bot's
    write waits for it (busy_timeout) rather than raising 'database is locked'."""
    await init_db(settings)
    other = sqlite3.connect(settings.sqlite_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO schema_meta (id, version) VALUES (99, 0)")

    async def release_soon() -> None:
        await asyncio.sleep(0.3)
        other.execute("ROLLBACK")

    releaser = asyncio.create_task(release_soon())
    await UserProfile.create(discord_id=3)  # blocks ~0.3 s in aiosqlite's thread, then succeeds
    await releaser
    other.close()
    assert await UserProfile.filter(discord_id=3).exists()


@sqlite_only
async def test_database_context_manager_closes(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    async with database(settings) as conn:
        assert conn.capabilities.dialect == "sqlite"
        await UserProfile.create(discord_id=9)
    # Closed: the file is consistent on disk and no -wal is left behind.
    assert settings.sqlite_path is not None
    assert _closed_cleanly(settings.sqlite_path) == 1


def _closed_cleanly(db: Path) -> int:
    assert not db.with_name(db.name + "-wal").exists()
    with sqlite3.connect(db) as raw:
        return raw.execute("SELECT count(*) FROM user_profiles").fetchone()[0]

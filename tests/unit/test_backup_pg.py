"""`careermate backup` / `restore` on a real PostgreSQL server: pg_dump (custom format) and
pg_restore, the same naming and keep-N pruning as SQLite. Run by scripts/test_postgres.sh."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.services import profile as profiles
from careermate_bot.storage.backup import (
    BackupError,
    BotRunningError,
    InvalidBackupError,
    create_backup,
    restore_backup,
)
from careermate_bot.storage.database import close_db, init_db
from careermate_bot.storage.migrations import CURRENT_VERSION
from careermate_bot.storage.postgres_backup import find_tool, libpq_target, list_pg_backups
from careermate_bot.storage.runlock import RunLock
from tests.pg import database_url_for_test, postgres_only

pytestmark = postgres_only
PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pg(tmp_path: Path) -> Settings:
    return build_settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        log_dir=tmp_path / "logs",
        database_url=database_url_for_test(),
        backup_keep=2,
    )


async def _skills(settings: Settings, user: int) -> list[str] | None:
    await init_db(settings)
    try:
        profile = await profiles.get_profile(user)
        return None if profile is None else profile.skills
    finally:
        await close_db()


async def test_backup_then_restore_brings_the_data_back(pg: Settings) -> None:
    await init_db(pg)
    await profiles.update_profile(1, skills=["Python", "SQL"])
    await profiles.append_message(1, "user", "keep me")
    await close_db()

    saved = await asyncio.to_thread(create_backup, pg)
    assert saved.name.startswith("careermate-") and saved.suffix == ".dump"
    assert saved.parent == pg.effective_backup_dir

    await init_db(pg)  # later changes the restore must undo
    await profiles.update_profile(1, skills=["Cobol"])
    await profiles.delete_user_data(1)
    await profiles.update_profile(2, skills=["Go"])
    await close_db()

    result = await asyncio.to_thread(restore_backup, pg, saved)
    assert result.restored_from == saved and result.schema_version == CURRENT_VERSION
    assert result.previous_copy is not None and result.previous_copy.is_file()
    assert await _skills(pg, 1) == ["Python", "SQL"]
    assert await _skills(pg, 2) is None  # what came after the backup is gone...
    await init_db(pg)
    try:
        assert [m.content for m in await profiles.recent_history(1)] == ["keep me"]
    finally:
        await close_db()
    # ...but kept in the copy the restore made first: restoring that undoes the restore.
    await asyncio.to_thread(restore_backup, pg, result.previous_copy)
    assert await _skills(pg, 2) == ["Go"]


async def test_old_backups_are_pruned_to_backup_keep(pg: Settings) -> None:
    await init_db(pg)
    await close_db()
    made = [await asyncio.to_thread(create_backup, pg) for _ in range(3)]
    kept = [info.path for info in list_pg_backups(pg)]
    assert kept == [made[2], made[1]]  # newest first, BACKUP_KEEP=2


async def test_restore_refuses_a_foreign_file_and_a_running_bot(pg: Settings) -> None:
    await init_db(pg)
    await close_db()
    saved = await asyncio.to_thread(create_backup, pg)
    junk = pg.data_dir / "junk.dump"
    junk.write_bytes(b"not a dump")
    with pytest.raises(InvalidBackupError, match="not a pg_dump"):
        await asyncio.to_thread(restore_backup, pg, junk)
    with RunLock(pg), pytest.raises(BotRunningError, match="Stop the bot"):
        await asyncio.to_thread(restore_backup, pg, saved)


def test_the_password_goes_through_the_environment_only(tmp_path: Path) -> None:
    settings = build_settings(
        _env_file=None,
        data_dir=tmp_path,
        database_url="postgres://bot:pa%3Ass@db.example:5433/cm?minsize=1&sslmode=require",
    )
    url, env = libpq_target(settings)
    assert url == "postgresql://bot@db.example:5433/cm?sslmode=require"
    assert env["PGPASSWORD"] == "pa:ss"


async def _create_schema(settings: Settings) -> None:
    await init_db(settings)
    await close_db()


def test_careermate_backup_command_on_postgres(pg: Settings) -> None:
    asyncio.run(_create_schema(pg))
    env = {
        **os.environ,
        "DATABASE_URL": pg.database_url,
        "DATA_DIR": str(pg.data_dir),
        "LOG_DIR": str(pg.log_dir),
        # This checkout, not whichever one the virtualenv's editable install points at.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.getenv("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-m", "careermate_bot.cli", "backup"],
        cwd=pg.data_dir.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Backup written to" in done.stdout and ".dump" in done.stdout
    assert len(list_pg_backups(pg)) == 1


# -- Issue 20: a dump is recognised by its content; restore imports data, not a database --------


def _dump(settings: Settings, target: Path) -> Path:
    """pg_dump as an operator would run it, bypassing `careermate backup`'s own check."""
    url, env = libpq_target(settings)
    subprocess.run(
        [find_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), url],
        env=env,
        check=True,
        capture_output=True,
    )
    return target


async def _execute(settings: Settings, *statements: str, create: bool = True) -> None:
    """Create the schema (unless `create` is False), then run SQL with psql: the ORM would
    refuse a database that claims a newer version."""
    if create:
        await init_db(settings)
        await close_db()
    url, env = libpq_target(settings)
    for statement in statements:
        command = [find_tool("psql"), "-v", "ON_ERROR_STOP=1", "-qAt", "-c", statement, url]
        await asyncio.to_thread(subprocess.run, command, env=env, check=True, capture_output=True)


async def test_junk_named_like_dumps_does_not_count_as_the_newest(pg: Settings) -> None:
    await init_db(pg)
    await close_db()
    folder = pg.effective_backup_dir
    folder.mkdir(parents=True)
    junk = folder / "careermate-20990101-000000.dump"
    junk.write_bytes(b"not a dump")
    made = [await asyncio.to_thread(create_backup, pg) for _ in range(3)]
    assert [info.path for info in list_pg_backups(pg)] == [made[2], made[1]]  # BACKUP_KEEP=2
    assert junk.exists()


async def test_restore_refuses_a_dump_with_a_trigger_naming_the_users_file(
    pg: Settings, tmp_path: Path
) -> None:
    await _execute(
        pg,
        "CREATE TABLE audit_copy (content TEXT)",
        "CREATE FUNCTION keep_copy() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN INSERT INTO audit_copy VALUES (NEW.content); RETURN NEW; END $$",
        "CREATE TRIGGER keep_everything AFTER INSERT ON chat_messages "
        "FOR EACH ROW EXECUTE FUNCTION keep_copy()",
    )
    trapped = _dump(pg, tmp_path / "mine.dump")
    with pytest.raises(InvalidBackupError) as caught:
        await asyncio.to_thread(restore_backup, pg, trapped)
    message = str(caught.value)
    assert message.startswith(str(trapped)) and "\n" not in message
    assert "trigger" in message and "keep_everything" in message and "table audit_copy" in message
    with pytest.raises(BackupError, match="failed its check"):
        await asyncio.to_thread(create_backup, pg)  # a backup restore would refuse is no backup


async def test_restore_refuses_a_dump_with_a_text_or_newer_schema_version(
    pg: Settings, tmp_path: Path
) -> None:
    await _execute(pg, "UPDATE schema_meta SET version = 999")
    newer = _dump(pg, tmp_path / "newer.dump")
    with pytest.raises(InvalidBackupError, match=r"newer.dump was written by a newer CareerMate"):
        await asyncio.to_thread(restore_backup, pg, newer)
    await _execute(
        pg,
        "ALTER TABLE schema_meta ALTER COLUMN version TYPE TEXT",
        "UPDATE schema_meta SET version = 'abc'",
        create=False,
    )
    text = _dump(pg, tmp_path / "text.dump")
    with pytest.raises(InvalidBackupError, match=r"text.dump holds schema version 'abc'"):
        await asyncio.to_thread(restore_backup, pg, text)

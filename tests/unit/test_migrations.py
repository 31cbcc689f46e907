"""Schema versions: an older database is upgraded on start and keeps every row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.services import profile as profiles
from careermate_bot.storage import migrations
from careermate_bot.storage.backup import list_backups
from careermate_bot.storage.database import DatabaseError, close_db, get_connection, init_db
from careermate_bot.storage.migrations import Migration, MigrationContext, MigrationError
from tests.pg import sqlite_only

# These build old databases with sqlite3; tests/unit/test_postgres.py upgrades one on PostgreSQL.
pytestmark = sqlite_only

# The schema exactly as the first release created it (Tortoise's DDL at schema version 1), frozen
# here so the upgrade path from real old databases stays tested whatever the models become.
V1_SCHEMA = """
CREATE TABLE IF NOT EXISTS "user_profiles" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "discord_id" BIGINT NOT NULL UNIQUE,
    "display_name" VARCHAR(100) NOT NULL,
    "skills" JSON NOT NULL,
    "locations" JSON NOT NULL,
    "remote_ok" INT,
    "min_salary" INT,
    "experience_years" REAL,
    "target_roles" JSON NOT NULL,
    "preferences" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_user_profil_discord_aafb43" ON "user_profiles" ("discord_id");
CREATE TABLE IF NOT EXISTS "chat_messages" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "role" VARCHAR(16) NOT NULL /* USER: user\\nASSISTANT: assistant\\nSYSTEM: system */,
    "content" TEXT NOT NULL,
    "intent" VARCHAR(32),
    "source" VARCHAR(8) NOT NULL /* DM: dm\\nGUILD: guild\\nCLI: cli */,
    "created_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL REFERENCES "user_profiles" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_chat_messag_created_d01bf5" ON "chat_messages" ("created_at");
"""
TS = "2025-01-02 03:04:05.000006+00:00"


def make_settings(tmp_path: Path) -> Settings:
    return build_settings(
        _env_file=None, data_dir=tmp_path, database_url="", backup_dir=None, backup_keep=10
    )


@pytest.fixture
async def settings(tmp_path: Path):
    try:
        yield make_settings(tmp_path)
    finally:
        await close_db()


def write_v1_database(path: Path, *, stamp_version: int | None = None, messages: int = 50) -> None:
    """A database as version 1 left it, with a user and a conversation in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.executescript(V1_SCHEMA)
        db.execute(
            "INSERT INTO user_profiles VALUES (1, 1001, 'Ada', ?, ?, 1, 90000, 4.5, ?, ?, ?, ?)",
            ('["Python", "SQL"]', '["Berlin"]', '["Data Engineer"]', '{"tone": "brief"}', TS, TS),
        )
        db.executemany(
            "INSERT INTO chat_messages (role, content, intent, source, created_at, user_id) "
            "VALUES (?, ?, ?, 'dm', ?, 1)",
            [
                ("user" if i % 2 == 0 else "assistant", f"message {i}", None, TS)
                for i in range(messages)
            ],
        )
        if stamp_version is not None:
            db.execute("CREATE TABLE schema_meta (id INTEGER PRIMARY KEY, version INT NOT NULL)")
            db.execute("INSERT INTO schema_meta VALUES (1, ?)", (stamp_version,))
    sqlite3.connect(path).close()


def schema_of(path: Path) -> dict[str, object]:
    """Tables with their columns, and index names, as SQLite reports them."""
    with sqlite3.connect(path) as db:
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            "tables": {
                t: sorted((r[1], r[2], r[3]) for r in db.execute(f"PRAGMA table_info('{t}')"))
                for t in tables
            },
            "indexes": sorted(
                r[0]
                for r in db.execute(
                    "SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"
                )
            ),
        }


@pytest.mark.parametrize("stamp", [None, 1], ids=["pre-versioning", "schema_meta-v1"])
async def test_old_database_is_upgraded_and_keeps_its_data(
    settings: Settings, stamp: int | None
) -> None:
    assert settings.sqlite_path is not None
    write_v1_database(settings.sqlite_path, stamp_version=stamp)

    report = await init_db(settings)

    assert report.from_version == 1
    assert report.to_version == migrations.CURRENT_VERSION
    assert [m.version for m in report.applied] == list(range(2, migrations.CURRENT_VERSION + 1))
    profile = await profiles.get_profile(1001)
    assert profile is not None
    assert profile.display_name == "Ada"
    assert profile.skills == ["Python", "SQL"]
    assert profile.locations == ["Berlin"]
    assert profile.remote_ok is True and profile.min_salary == 90000
    assert profile.experience_years == 4.5
    assert profile.target_roles == ["Data Engineer"]
    assert profile.preferences == {"tone": "brief"}
    assert await profiles.count_messages(1001) == 50
    history = await profiles.recent_history(1001, limit=3)
    assert [m.content for m in history] == ["message 47", "message 48", "message 49"]
    # The upgraded database keeps working normally.
    await profiles.append_message(1001, "user", "after the upgrade")
    assert (await profiles.recent_history(1001, limit=1))[0].content == "after the upgrade"

    conn = get_connection()
    assert await migrations.read_version(conn) == migrations.CURRENT_VERSION
    assert await migrations.check_schema(conn) == []


async def test_upgrade_takes_a_backup_of_the_old_version_first(settings: Settings) -> None:
    assert settings.sqlite_path is not None
    write_v1_database(settings.sqlite_path)
    await init_db(settings)
    await close_db()

    backups = list_backups(settings)
    assert len(backups) == 1
    with sqlite3.connect(backups[0].path) as old:
        assert old.execute("SELECT count(*) FROM chat_messages").fetchone() == (50,)
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
    assert "idx_chat_messages_user_history" not in tables  # really the pre-upgrade state


async def test_upgraded_schema_equals_a_fresh_one(tmp_path: Path) -> None:
    old = make_settings(tmp_path / "old")
    fresh = make_settings(tmp_path / "fresh")
    assert old.sqlite_path is not None and fresh.sqlite_path is not None
    write_v1_database(old.sqlite_path, messages=0)
    try:
        await init_db(old)
        await close_db()
        await init_db(fresh)
    finally:
        await close_db()
    assert schema_of(old.sqlite_path) == schema_of(fresh.sqlite_path)


async def test_a_newer_database_is_refused(settings: Settings) -> None:
    assert settings.sqlite_path is not None
    write_v1_database(settings.sqlite_path, stamp_version=migrations.CURRENT_VERSION + 5)
    with pytest.raises(DatabaseError, match="newer than this CareerMate"):
        await init_db(settings)


async def test_a_failing_migration_rolls_back_and_names_the_version(settings: Settings) -> None:
    assert settings.sqlite_path is not None
    write_v1_database(settings.sqlite_path, stamp_version=1)

    async def broken(ctx: MigrationContext) -> None:
        await ctx.add_column("user_profiles", "nickname", "VARCHAR(50)")
        await ctx.execute("UPDATE user_profiles SET nickname = 'half-done'")
        raise RuntimeError("boom")

    steps = [*migrations.MIGRATIONS, Migration(migrations.CURRENT_VERSION + 1, "broken", broken)]
    with pytest.raises(DatabaseError, match=r"failed and was rolled back.*boom"):
        await init_db(settings, migration_list=steps)

    with sqlite3.connect(settings.sqlite_path) as db:
        # The migrations before the broken one stuck; the broken one left no trace.
        assert db.execute("SELECT version FROM schema_meta").fetchone() == (
            migrations.CURRENT_VERSION,
        )
        columns = {r[1] for r in db.execute("PRAGMA table_info('user_profiles')")}
        assert "nickname" not in columns
        assert db.execute("SELECT count(*) FROM chat_messages").fetchone() == (50,)


async def test_add_column_migration_runs_once_and_keeps_rows(settings: Settings) -> None:
    assert settings.sqlite_path is not None
    write_v1_database(settings.sqlite_path, stamp_version=1)
    calls: list[bool] = []

    async def add_nickname(ctx: MigrationContext) -> None:
        calls.append(
            await ctx.add_column("user_profiles", "nickname", "VARCHAR(50) NOT NULL DEFAULT ''")
        )
        calls.append(await ctx.add_column("user_profiles", "nickname", "VARCHAR(50)"))
        calls.append(await ctx.add_column("not_created_yet", "x", "INT"))

    nick = Migration(migrations.CURRENT_VERSION + 1, "nickname", add_nickname)
    steps = [*migrations.MIGRATIONS, nick]
    report = await init_db(settings, migration_list=steps)
    assert report.to_version == migrations.CURRENT_VERSION + 1
    assert calls == [True, False, False]
    await close_db()

    report = await init_db(settings, migration_list=steps)  # next start: nothing to do
    assert report.applied == [] and calls == [True, False, False]
    await close_db()
    with sqlite3.connect(settings.sqlite_path) as db:
        assert db.execute("SELECT discord_id, nickname FROM user_profiles").fetchall() == [
            (1001, "")
        ]


async def test_a_model_column_without_migration_is_reported(settings: Settings) -> None:
    """If someone adds a field to a model but forgets the migration, start-up says so."""
    assert settings.sqlite_path is not None
    write_v1_database(settings.sqlite_path, stamp_version=migrations.CURRENT_VERSION)
    with sqlite3.connect(settings.sqlite_path) as db:
        db.execute("ALTER TABLE chat_messages DROP COLUMN intent")
    with pytest.raises(DatabaseError, match=r"chat_messages\.intent is missing"):
        await init_db(settings)


def test_migration_list_is_ordered_and_current_version_matches() -> None:
    versions = [m.version for m in migrations.MIGRATIONS]
    assert versions == sorted(set(versions))
    assert versions[0] == migrations.BASELINE_VERSION + 1
    assert versions == list(range(2, migrations.CURRENT_VERSION + 1))


async def test_out_of_order_migrations_are_rejected(settings: Settings) -> None:
    async def noop(ctx: MigrationContext) -> None:
        return None

    await init_db(settings)
    with pytest.raises(MigrationError, match="unique, ascending"):
        steps = [Migration(3, "a", noop), Migration(2, "b", noop)]
        await migrations.migrate(get_connection(), steps)


async def test_duplicate_active_interviews_are_resolved_by_the_upgrade(settings: Settings) -> None:
    """Version 6: before it two processes could each start an interview for one user; the
    upgrade keeps the newest active one, closes the others, then adds the unique index."""
    assert settings.sqlite_path is not None
    await init_db(settings)
    await profiles.get_or_create(1001, "Ada")
    await close_db()
    with sqlite3.connect(settings.sqlite_path) as db:
        db.execute('DROP INDEX "uniq_interview_sessions_active_user"')
        for minute in (1, 2, 3):
            db.execute(
                "INSERT INTO interview_sessions (user_id, role, kind, status, phase, questions, "
                "current, hints_used, typed_answers, created_at, last_activity_at) VALUES "
                "(1, 'General', 'mixed', 'active', 'question', '[]', 0, '[]', 1, ?, ?)",
                (TS, f"2025-01-02 03:0{minute}:00+00:00"),
            )
        db.execute("UPDATE schema_meta SET version = 5")
    sqlite3.connect(settings.sqlite_path).close()

    report = await init_db(settings)
    await close_db()
    assert [m.version for m in report.applied] == [6]
    with sqlite3.connect(settings.sqlite_path) as db:
        rows = db.execute(
            "SELECT id, status, ended_at FROM interview_sessions ORDER BY id"
        ).fetchall()
        assert [r[1] for r in rows] == ["abandoned", "abandoned", "active"]
        assert rows[0][2] == "2025-01-02 03:01:00+00:00"  # closed at its last activity
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO interview_sessions (user_id, role, kind, status, phase, questions, "
                "current, hints_used, typed_answers, created_at, last_activity_at) VALUES "
                "(1, 'General', 'mixed', 'active', 'question', '[]', 0, '[]', 1, ?, ?)",
                (TS, TS),
            )

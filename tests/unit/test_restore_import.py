"""`careermate restore` imports data, not a database (issue 20: D12, D13, D14).

A backup file is refused, with one line that names the user's file, when it carries anything a
CareerMate backup never has (triggers, views, tables or columns the models do not define), lacks
columns the bot needs, holds a schema version that is not a whole number, or rows that do not
fit the tables; otherwise its rows are copied into a freshly created schema, so nothing of the
file's own table definitions (foreign-key actions, constraints, indexes) survives.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.services import profile as profiles
from careermate_bot.storage import migrations
from careermate_bot.storage.backup import (
    InvalidBackupError,
    create_backup,
    purge_user_from_backups,
    restore_backup,
    verify_database_file,
)
from careermate_bot.storage.database import close_db, init_db
from careermate_bot.storage.schema import expected_tables

MARKER = "Marker-secret-message"


def make_settings(tmp_path: Path) -> Settings:
    return build_settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        log_dir=tmp_path / "logs",
        database_url="",
        backup_dir=None,
        backup_keep=10,
    )


@pytest.fixture
async def backup_file(tmp_path: Path) -> tuple[Settings, Path]:
    """A live database with two users, and a good backup of it in a folder of the user's."""
    settings = make_settings(tmp_path)
    await init_db(settings)
    try:
        for user in (42, 43):
            await profiles.update_profile(user, display_name=f"user {user}", add_skills=["SQL"])
            await profiles.append_message(user, "user", f"hello from {user}")
        saved = create_backup(settings)
    finally:
        await close_db()
    mine = tmp_path / "mine" / "my-backup.sqlite3"
    mine.parent.mkdir()
    mine.write_bytes(saved.read_bytes())
    return settings, mine


def tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def refused(settings: Settings, path: Path) -> str:
    """Restore `path`, expect a refusal, check the live database is untouched; the message."""
    assert settings.sqlite_path is not None
    before = settings.sqlite_path.read_bytes()
    with pytest.raises(InvalidBackupError) as caught:
        restore_backup(settings, path)
    message = str(caught.value)
    assert str(path) in message, message  # the user's file, by the name they gave
    assert ".partial" not in message and "\n" not in message
    assert settings.sqlite_path.read_bytes() == before
    folder = settings.sqlite_path.parent
    assert not list(folder.glob(".*partial")) and not list(folder.glob("*before-restore*"))
    return message


async def rows(settings: Settings, sql: str) -> list[tuple[object, ...]]:
    assert settings.sqlite_path is not None
    conn = sqlite3.connect(settings.sqlite_path)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


# -- D12: triggers, views, unknown tables -----------------------------------------------------


def test_restore_refuses_a_trigger_that_copies_messages_into_a_hidden_table(
    backup_file: tuple[Settings, Path],
) -> None:
    settings, path = backup_file
    tamper(
        path,
        "CREATE TABLE audit_copy (content TEXT)",
        "CREATE TRIGGER keep_everything AFTER INSERT ON chat_messages "
        "BEGIN INSERT INTO audit_copy (content) VALUES (new.content); END",
    )
    message = refused(settings, path)
    assert "trigger keep_everything" in message


def test_restore_refuses_a_trigger_alone_and_a_view(backup_file: tuple[Settings, Path]) -> None:
    settings, path = backup_file
    trigger_only = path.with_name("trigger.sqlite3")
    trigger_only.write_bytes(path.read_bytes())
    tamper(
        trigger_only,
        "CREATE TRIGGER undelete BEFORE DELETE ON chat_messages BEGIN SELECT RAISE(IGNORE); END",
    )
    assert "trigger undelete" in refused(settings, trigger_only)
    view = path.with_name("view.sqlite3")
    view.write_bytes(path.read_bytes())
    tamper(view, "CREATE VIEW everything AS SELECT content FROM chat_messages")
    assert "view everything" in refused(settings, view)


def test_restore_refuses_a_table_careermate_does_not_define(
    backup_file: tuple[Settings, Path],
) -> None:
    settings, path = backup_file
    tamper(path, "CREATE TABLE shadow_messages (content TEXT)")
    assert "table shadow_messages" in refused(settings, path)


def test_restore_refuses_a_column_careermate_does_not_define(
    backup_file: tuple[Settings, Path],
) -> None:
    settings, path = backup_file
    tamper(path, "ALTER TABLE job_postings ADD COLUMN stash TEXT")
    assert "job_postings.stash" in refused(settings, path)


def test_a_trapped_backup_cannot_keep_a_purged_users_messages(
    backup_file: tuple[Settings, Path], tmp_path: Path
) -> None:
    """The D12 scenario end to end: the trap must not survive into the live database."""
    settings, path = backup_file
    tamper(
        path,
        "CREATE TABLE audit_copy (content TEXT)",
        "CREATE TRIGGER keep_everything AFTER INSERT ON chat_messages "
        "BEGIN INSERT INTO audit_copy (content) VALUES (new.content); END",
    )
    with pytest.raises(InvalidBackupError):
        restore_backup(settings, path)
    assert settings.sqlite_path is not None
    assert b"audit_copy" not in settings.sqlite_path.read_bytes()


async def test_restore_rebuilds_tables_so_a_weakened_foreign_key_does_not_survive(
    backup_file: tuple[Settings, Path],
) -> None:
    """Same columns, but chat_messages no longer cascades from the profile: the restored
    database has CareerMate's own definition, so deleting the user deletes the messages."""
    settings, path = backup_file
    tamper(
        path,
        "ALTER TABLE chat_messages RENAME TO old_messages",
        'CREATE TABLE "chat_messages" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
        '"role" VARCHAR(16) NOT NULL, "content" TEXT NOT NULL, "intent" VARCHAR(32), '
        '"source" VARCHAR(8) NOT NULL, "created_at" TIMESTAMP NOT NULL, "user_id" INT)',
        "INSERT INTO chat_messages SELECT * FROM old_messages",
        "DROP TABLE old_messages",
        f"INSERT INTO chat_messages (role, content, source, created_at, user_id) "
        f"VALUES ('user', '{MARKER}', 'dm', '2025-01-01 00:00:00+00:00', 1)",
    )
    restore_backup(settings, path)
    fks = await rows(
        settings, "SELECT `table`, on_delete FROM pragma_foreign_key_list('chat_messages')"
    )
    assert fks == [("user_profiles", "CASCADE")]
    await init_db(settings)
    try:
        assert await profiles.count_messages(42) == 2
        await profiles.delete_user_data(42)
    finally:
        await close_db()
    remaining = await rows(settings, "SELECT content FROM chat_messages")
    assert remaining == [("hello from 43",)]


async def test_restore_keeps_row_ids_from_being_reused(backup_file: tuple[Settings, Path]) -> None:
    """AUTOINCREMENT's counters come along: an id a deleted row had is never handed out again
    (buttons carry row ids)."""
    settings, path = backup_file
    tamper(path, "UPDATE sqlite_sequence SET seq = 500 WHERE name = 'chat_messages'")
    restore_backup(settings, path)
    assert await rows(settings, "SELECT seq FROM sqlite_sequence WHERE name = 'chat_messages'") == [
        (500,)
    ]


def test_restore_refuses_rows_that_point_at_no_profile(backup_file: tuple[Settings, Path]) -> None:
    """Orphans cannot be reached by purge-user (nothing cascades to them)."""
    settings, path = backup_file
    tamper(
        path,
        f"INSERT INTO chat_messages (role, content, source, created_at, user_id) "
        f"VALUES ('user', '{MARKER}', 'dm', '2025-01-01 00:00:00+00:00', 999)",
    )
    assert "chat_messages" in refused(settings, path)


def test_restore_refuses_two_profiles_for_one_discord_id(
    backup_file: tuple[Settings, Path],
) -> None:
    """Without the UNIQUE constraint a second profile would outlive a purge of the first."""
    settings, path = backup_file
    tamper(
        path,
        "CREATE TABLE p2 AS SELECT * FROM user_profiles",
        "DROP TABLE user_profiles",
        "CREATE TABLE user_profiles (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        "discord_id BIGINT NOT NULL, display_name VARCHAR(100) NOT NULL, skills JSON NOT NULL, "
        "locations JSON NOT NULL, remote_ok INT, min_salary INT, experience_years REAL, "
        "target_roles JSON NOT NULL, preferences JSON NOT NULL, created_at TIMESTAMP NOT NULL, "
        "updated_at TIMESTAMP NOT NULL)",
        "INSERT INTO user_profiles SELECT * FROM p2",
        "INSERT INTO user_profiles (discord_id, display_name, skills, locations, target_roles, "
        "preferences, created_at, updated_at) SELECT discord_id, 'twin', skills, locations, "
        "target_roles, preferences, created_at, updated_at FROM p2 WHERE discord_id = 42",
        "DROP TABLE p2",
    )
    assert "user_profiles" in refused(settings, path)


def test_restore_refuses_values_the_bot_could_not_read(backup_file: tuple[Settings, Path]) -> None:
    settings, path = backup_file
    text_id = path.with_name("text-id.sqlite3")
    text_id.write_bytes(path.read_bytes())
    tamper(text_id, "UPDATE user_profiles SET discord_id = 'forty-two' WHERE discord_id = 42")
    assert "user_profiles.discord_id" in refused(settings, text_id)
    bad_json = path.with_name("bad-json.sqlite3")
    bad_json.write_bytes(path.read_bytes())
    tamper(bad_json, "UPDATE user_profiles SET skills = '[not json' WHERE discord_id = 42")
    assert "user_profiles.skills" in refused(settings, bad_json)


# -- D13: missing columns ----------------------------------------------------------------------


def test_restore_refuses_a_table_that_lacks_columns(backup_file: tuple[Settings, Path]) -> None:
    """The bot would refuse to start on such a database (check_schema), so restore refuses."""
    settings, path = backup_file
    tamper(path, "ALTER TABLE resume_reviews DROP COLUMN coverage_percent")
    assert "resume_reviews.coverage_percent" in refused(settings, path)


async def test_an_older_backup_without_newer_tables_still_restores(
    backup_file: tuple[Settings, Path],
) -> None:
    """Tables a later version added may be missing (a version-1 backup has none of them)."""
    settings, path = backup_file
    tamper(
        path,
        "DROP TABLE interview_answers",
        "DROP TABLE interview_sessions",
        "DROP TABLE resume_reviews",
        "DROP INDEX idx_chat_messages_user_history",
        "DROP TABLE schema_meta",
    )
    result = restore_backup(settings, path)
    assert result.schema_version == migrations.BASELINE_VERSION
    report = await init_db(settings)
    try:
        assert report.to_version == migrations.CURRENT_VERSION
        assert await profiles.count_messages(42) == 1
    finally:
        await close_db()


# -- D14: the version's type, and whose file a message names -----------------------------------


def test_restore_refuses_a_text_schema_version_in_one_line(
    backup_file: tuple[Settings, Path],
) -> None:
    settings, path = backup_file
    tamper(path, "UPDATE schema_meta SET version = 'abc'")
    message = refused(settings, path)
    assert "schema version" in message and "'abc'" in message


@pytest.mark.parametrize("value", ["'4 apples'", "4.5", "0", "-3", "x'04'"])
def test_restore_refuses_a_schema_version_that_is_not_a_positive_whole_number(
    backup_file: tuple[Settings, Path], value: str
) -> None:
    settings, path = backup_file
    tamper(path, f"UPDATE schema_meta SET version = {value}")
    assert "schema version" in refused(settings, path)


def test_a_newer_backup_is_refused_naming_the_users_file(
    backup_file: tuple[Settings, Path],
) -> None:
    settings, path = backup_file
    tamper(path, "UPDATE schema_meta SET version = 999")
    message = refused(settings, path)
    assert "newer CareerMate" in message and "999" in message


def test_verify_database_file_names_the_file_it_was_given(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database " * 100)
    with pytest.raises(InvalidBackupError, match=str(junk)):
        verify_database_file(junk)
    shown = tmp_path / "what-the-user-typed.sqlite3"
    with pytest.raises(InvalidBackupError) as caught:
        verify_database_file(junk, shown_as=shown)
    assert str(shown) in str(caught.value) and str(junk) not in str(caught.value)


# -- The restored file is what a fresh install has ---------------------------------------------


async def test_a_restored_database_has_exactly_the_fresh_schema(
    backup_file: tuple[Settings, Path], tmp_path: Path
) -> None:
    settings, path = backup_file
    tamper(path, "CREATE INDEX extra_index ON chat_messages (content)")
    restore_backup(settings, path)
    fresh = make_settings(tmp_path / "fresh")
    await init_db(fresh)
    await close_db()
    assert fresh.sqlite_path is not None and settings.sqlite_path is not None

    def schema(db: Path) -> list[tuple[str, str, str]]:
        conn = sqlite3.connect(db)
        try:
            return sorted(
                (str(t), str(n), str(s))
                for t, n, s in conn.execute("SELECT type, name, sql FROM sqlite_master")
            )
        finally:
            conn.close()

    assert schema(settings.sqlite_path) == schema(fresh.sqlite_path)
    assert await rows(settings, "SELECT discord_id FROM user_profiles ORDER BY id") == [
        (42,),
        (43,),
    ]


def test_purge_user_leaves_a_trapped_backup_alone_and_says_so(
    backup_file: tuple[Settings, Path], caplog: pytest.LogCaptureFixture
) -> None:
    """A kept copy with a trigger cannot be cleaned reliably (the trigger would fire): it is not
    counted as a backup, and the log says which file and why."""
    settings, path = backup_file
    trapped = settings.effective_backup_dir / "careermate-20990101-000000.sqlite3"
    trapped.write_bytes(path.read_bytes())
    tamper(trapped, "CREATE TRIGGER t AFTER DELETE ON chat_messages BEGIN SELECT 1; END")
    with caplog.at_level("WARNING"):
        results = purge_user_from_backups(settings, 42)
    assert trapped not in [r.path for r in results]
    assert [r.rows > 0 for r in results] == [True]
    assert caplog.text.count(trapped.name) == 1 and "trigger t" in caplog.text


def test_the_expected_schema_is_what_a_fresh_install_creates(tmp_path: Path) -> None:
    """`expected_tables` (read from the model classes) must name exactly the tables and columns
    a fresh install has, with the ORM initialised in this process or not (a new process)."""
    settings = make_settings(tmp_path)

    async def fresh_install() -> None:
        await init_db(settings)
        await close_db()

    asyncio.run(fresh_install())
    assert settings.sqlite_path is not None
    conn = sqlite3.connect(settings.sqlite_path)
    try:
        names = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        fresh = {
            str(name): sorted(str(c[1]) for c in conn.execute(f"PRAGMA table_xinfo('{name}')"))
            for (name,) in names
        }
    finally:
        conn.close()
    assert {t: sorted(c) for t, c in expected_tables().items()} == fresh
    code = (
        "import json; from careermate_bot.storage.schema import expected_tables; "
        "print(json.dumps({t: sorted(c) for t, c in expected_tables().items()}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(done.stdout) == fresh


def test_a_schema_meta_without_its_version_column_is_refused_in_one_line(
    backup_file: tuple[Settings, Path],
) -> None:
    settings, path = backup_file
    tamper(path, "DROP TABLE schema_meta", "CREATE TABLE schema_meta (id INTEGER PRIMARY KEY)")
    assert "schema_meta table without its version column" in refused(settings, path)

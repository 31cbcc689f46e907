"""Issue 13's defect list, one layer at a time: each test failed before its fix.

Subprocess (CLI) versions live in test_hardening_cli.py; Discord ones in
tests/e2e/test_hardening.py.
"""

from __future__ import annotations

import errno
import io
import json
import logging
import os
import sqlite3
from pathlib import Path

import httpx
import pytest

from careermate_bot.cli.doctor import check_directory
from careermate_bot.common.user_text import split_list as career_split_skills
from careermate_bot.common.user_text import visible_multiline, visible_text
from careermate_bot.config import ConfigError, Settings, build_settings
from careermate_bot.errors import InvalidInput, UserFacingError
from careermate_bot.llm import EngineError, LLMClient, message
from careermate_bot.llm.backends.openai_compat import OpenAICompatBackend
from careermate_bot.logging_setup import RedactingStream, SecretRedactor, setup_logging
from careermate_bot.services import profile as profiles
from careermate_bot.services.career.paths import check_years
from careermate_bot.services.jobs import board as job_board
from careermate_bot.services.profile.form import form_defaults, parse_years, split_list
from careermate_bot.storage import backup as backup_module
from careermate_bot.storage.database import (
    DatabaseError,
    close_db,
    explain_database_error,
    init_db,
    sqlite_pragmas,
)
from careermate_bot.storage.runlock import LockFileError, RunLock
from models import ChatMessage, JobPosting

ZW = "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner, word joiner, BOM


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "_env_file": None,
        "data_dir": tmp_path / "data",
        "log_dir": tmp_path / "logs",
        "discord_bot_token": None,
    }
    values.update(overrides)
    return build_settings(**values)


@pytest.fixture
async def db(tmp_path: Path):
    settings = make_settings(tmp_path)
    await init_db(settings)
    try:
        yield settings
    finally:
        await close_db()


# -- 1. a profile at 100 skills ------------------------------------------------------------------
async def test_defect01_a_full_profile_keeps_the_newest_100_skills(db: Settings) -> None:
    old = [f"Skill {i:03d}" for i in range(profiles.MAX_LIST_ITEMS)]
    await profiles.update_profile(7, skills=old)
    snap = await profiles.update_profile(7, add_skills=["Python", "SQL", "skill 005"])
    assert len(snap.skills) == profiles.MAX_LIST_ITEMS
    assert snap.skills[-2:] == ["Python", "SQL"]
    assert "Skill 000" not in snap.skills and "Skill 001" not in snap.skills
    assert "Skill 002" in snap.skills and "Skill 005" in snap.skills  # a re-added one stays
    note = profiles.capped_note(["Skill 000", "Skill 001"])
    assert note is not None and "at most 100 skills" in note and "Skill 000" in note


async def test_defect01_too_many_at_once_is_a_readable_user_error(db: Settings) -> None:
    with pytest.raises(profiles.ProfileError) as caught:
        await profiles.update_profile(8, add_skills=[f"s{i}" for i in range(101)])
    # A UserFacingError: every front end shows its text instead of "Something went wrong".
    assert isinstance(caught.value, UserFacingError)
    assert "at most 100 skills" in caught.value.user_message


# -- 3. invisible-only required text ---------------------------------------------------------------
@pytest.mark.parametrize("invisible", [ZW, "\u3164\u2800", "\u00ad\u200e\u200f", " \u200b \t"])
def test_defect03_invisible_only_text_is_empty(invisible: str) -> None:
    assert visible_text(invisible) == ""
    assert visible_multiline(invisible + "\n" + invisible) == ""
    assert split_list(f"Python,{invisible}, SQL") == ["Python", "SQL"]
    assert career_split_skills(f"{invisible};Excel") == ["Excel"]
    assert job_board.split_skills(f"{invisible},Go") == ["Go"]


def test_defect03_visible_text_keeps_real_text_and_emoji() -> None:
    assert visible_text(" Data\u200b Analyst ") == "Data Analyst"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert visible_text(f"{family} team") == f"{family} team"


@pytest.mark.parametrize("field", ["title", "company"])
def test_defect03_a_job_posting_with_an_invisible_required_field_is_refused(field: str) -> None:
    form = {
        "title": "Data Analyst",
        "company": "Acme",
        "location": "Remote",
        "salary": "",
        "skills": "",
        "url": "",
        "description": "",
    }
    form[field] = ZW
    with pytest.raises(InvalidInput, match="Please fill in"):
        job_board.validate_draft(**form)


def test_defect03_an_invisible_location_is_no_location() -> None:
    with pytest.raises(InvalidInput, match="location"):
        job_board.validate_draft(
            title="Nurse",
            company="Acme",
            location=ZW,
            salary="",
            skills="",
            url="",
            description="",
        )


async def test_defect03_profile_items_of_invisible_characters_are_dropped(db: Settings) -> None:
    snap = await profiles.update_profile(9, add_skills=["Python", ZW], add_locations=["\u2800"])
    assert snap.skills == ["Python"] and snap.locations == []


# -- 4. job links ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "https://example.com:99999/job",
        "https://example.com:0/job",
        "https://example.com:-1/job",
        "https://exa\x00mple.com/job",
        "https://example.com/jo\x00b",
        "https://exa\u200bmple.com/job",
        "https://exa\u200dmple.com/job",
        "https://example.com\u2060/job",
        "https://example.com/\x07",
        "https://user:secret@example.com/job",
        "https://google.com@evil.example/job",
        "https://-bad-.example.com/",
        "https://exa_mple.com/",
        "https://999.1.1.1/",
        "https://a..b.com/",
        "https://[::1/",
        "https://" + "a" * 64 + ".com/",
        "javascript:alert(1)",
        "ftp://example.com/file",
        "https:///path-only",
        'https://example.com/"onmouseover',
    ],
)
def test_defect04_malformed_job_links_are_refused(url: str) -> None:
    with pytest.raises(InvalidInput):
        job_board.validate_url(url)


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        ("https://example.com/jobs?id=1#top", "https://example.com/jobs?id=1#top"),
        ("HTTPS://Example.COM/Jobs", "https://example.com/Jobs"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://localhost:8080/x", "http://localhost:8080/x"),
        ("https://bücher.de/stellen", "https://xn--bcher-kva.de/stellen"),
        ("https://192.168.1.10/jobs", "https://192.168.1.10/jobs"),
        ("https://[2001:db8::1]:8080/", "https://[2001:db8::1]:8080/"),
        ("https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"),
    ],
)
def test_defect04_good_links_are_kept_with_an_ascii_host(url: str, stored: str) -> None:
    assert job_board.validate_url(url) == stored


# -- 5. "-0 years" ---------------------------------------------------------------------------------
async def test_defect05_minus_zero_years_reads_zero(db: Settings) -> None:
    years = parse_years("-0")
    assert years == 0 and f"{years:g}" == "0"
    assert f"{check_years(-0.0):g}" == "0"
    snap = await profiles.update_profile(10, experience_years=-0.0)
    assert f"{snap.experience_years:g}" == "0"
    assert form_defaults(snap)["experience"] == "0"
    stored = await profiles.get_profile(10)
    assert stored is not None and f"{stored.experience_years:g}" == "0"


# -- 9 and 10. other members' ids in export and after delete ---------------------------------------
async def _posting_closed_by(poster: int, closer: int) -> int:
    draft = job_board.validate_draft(
        title="Nurse",
        company="Clinic",
        location="Austin, TX",
        salary="",
        skills="",
        url="",
        description="",
    )
    posting = await job_board.create_posting(555, poster, draft)
    await job_board.close_posting(posting.id, guild_id=555, user_id=closer, is_admin=True)
    return posting.id


async def test_defect09_export_masks_other_members_ids(db: Settings) -> None:
    poster, admin = 111_111_111_111, 999_888_777_666
    await _posting_closed_by(poster, admin)
    own = await _posting_closed_by(poster, poster)
    data = await profiles.export_user_data(poster)
    assert data is not None
    text = json.dumps(data)
    assert str(admin) not in text
    closed_by = {row["id"]: row["closed_by"] for row in data["job_postings"]}
    assert closed_by[own] == poster  # their own id is their data
    assert profiles.OTHER_MEMBER in closed_by.values()


async def test_defect10_delete_removes_every_reference_to_the_user(db: Settings) -> None:
    poster, admin = 222_222_222_222, 333_333_333_333
    posting_id = await _posting_closed_by(poster, admin)
    await profiles.get_or_create(admin, "Admin")
    deleted = await profiles.delete_user_data(admin)
    assert deleted.get("job_postings.closed_by") == 1
    row = await JobPosting.get(id=posting_id)
    assert row.closed_by is None and row.closed_at is not None
    db_file = db.sqlite_path
    assert db_file is not None
    with sqlite3.connect(db_file) as conn:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            columns = [c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')]
            for column in columns:
                hits = conn.execute(
                    f'SELECT COUNT(*) FROM "{table}" WHERE "{column}" = ?', (admin,)
                ).fetchone()[0]
                assert hits == 0, f"{table}.{column} still holds the deleted user's id"


async def test_defect10_a_closer_without_a_profile_is_cleared_too(db: Settings) -> None:
    posting_id = await _posting_closed_by(444, 445)
    assert await profiles.delete_user_data(445) == {"job_postings.closed_by": 1}
    assert (await JobPosting.get(id=posting_id)).closed_by is None


# -- Deleted means deleted ------------------------------------------------------------------------
def _raw_bytes(db_file: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-journal"):
        path = db_file.with_name(db_file.name + suffix)
        if path.exists():
            data += path.read_bytes()
    return data


async def test_deleted_text_is_not_left_in_the_sqlite_files(db: Settings) -> None:
    marker = "zebra-marmalade-7781"
    await profiles.get_or_create(77, "Kim")
    for i in range(30):
        await profiles.append_message(77, "user", f"{marker} message {i} " + "x" * 200)
    await profiles.update_profile(77, add_skills=[marker])
    db_file = db.sqlite_path
    assert db_file is not None
    assert marker.encode() in _raw_bytes(db_file)
    assert (await sqlite_pragmas(("secure_delete",)))["secure_delete"] == 1
    await profiles.delete_user_data(77)
    assert await ChatMessage.all().count() == 0
    assert marker.encode() not in _raw_bytes(db_file)


async def test_purge_user_removes_them_from_kept_backups(db: Settings) -> None:
    marker = "purge-me-marker-5521"
    await profiles.update_profile(88, display_name="Pat", add_skills=[marker])
    await profiles.append_message(88, "user", marker)
    await profiles.update_profile(89, display_name="Other", add_skills=["Python"])
    await _posting_closed_by(89, 88)
    first = await backup_module.create_backup_async(db)
    second = await backup_module.create_backup_async(db)
    assert marker.encode() in first.read_bytes()
    results = backup_module.purge_user_from_backups(db, 88)
    assert {r.path for r in results} == {first, second} and all(r.rows for r in results)
    for path in (first, second):
        assert marker.encode() not in path.read_bytes()
        assert backup_module.integrity_problems(path) == []
        with sqlite3.connect(path) as conn:
            ids = [r[0] for r in conn.execute("SELECT discord_id FROM user_profiles")]
            closers = [r[0] for r in conn.execute("SELECT closed_by FROM job_postings")]
        assert ids == [89] and closers == [None]
    assert all(r.rows == 0 for r in backup_module.purge_user_from_backups(db, 88))


# -- 11. .env not UTF-8, .env a folder ------------------------------------------------------------
def test_defect11_env_file_not_utf8_is_one_readable_line(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_bytes(b"LOG_LEVEL=INFO\nOLLAMA_MODEL=caf\xe9\n")
    with pytest.raises(ConfigError) as caught:
        build_settings(_env_file=env)
    assert len(caught.value.lines) == 1
    line = caught.value.lines[0]
    assert "not UTF-8" in line and "line 2" in line and "0xe9" in line


def test_defect11_env_that_is_a_folder_is_reported(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.mkdir()
    with pytest.raises(ConfigError, match="is a folder, not a file"):
        build_settings(_env_file=env)


# -- 12. unusable log folder ----------------------------------------------------------------------
def test_defect12_a_log_folder_that_is_a_file_falls_back_to_the_console(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("not a folder")
    settings = make_settings(tmp_path, log_dir=blocker)
    root = logging.getLogger()
    saved = list(root.handlers)
    try:
        setup_logging(settings, console=False)
        logging.getLogger("careermate.test").warning("still visible")
        err = capsys.readouterr().err
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in saved:
            root.addHandler(handler)
    assert f"Cannot write log files in {blocker}" in err
    assert "still visible" in err and "Traceback" not in err


# -- 13. NUL byte in DATA_DIR ---------------------------------------------------------------------
def test_defect13_nul_in_a_path_setting_is_a_config_error(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_bytes(b"DATA_DIR=da\x00ta\n")
    with pytest.raises(ConfigError) as caught:
        build_settings(_env_file=env)
    assert any(line.startswith("DATA_DIR: must not contain a NUL") for line in caught.value.lines)


def test_defect13_doctor_directory_check_reports_a_nul_path() -> None:
    result = check_directory("data directory", Path("da\x00ta"))
    assert not result.ok and "not a usable path" in result.detail


# -- 14. damaged, truncated, read-only, full database ---------------------------------------------
async def test_defect14_a_damaged_database_names_the_restore_command(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    db_file = settings.sqlite_path
    assert db_file is not None
    db_file.parent.mkdir(parents=True)
    db_file.write_bytes(b"this is not sqlite at all " * 400)
    with pytest.raises(DatabaseError) as caught:
        await init_db(settings)
    text = str(caught.value)
    assert "damaged" in text and "careermate restore" in text


async def test_defect14_a_truncated_database_names_the_newest_backup(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    await init_db(settings)
    await profiles.update_profile(1, add_skills=["Python"])
    await close_db()
    newest = backup_module.create_backup(settings)
    db_file = settings.sqlite_path
    assert db_file is not None
    data = db_file.read_bytes()
    db_file.write_bytes(data[: len(data) // 3])
    with pytest.raises(DatabaseError) as caught:
        await init_db(settings)
        await profiles.get_profile(1)
    assert f"careermate restore {newest}" in str(caught.value)
    await close_db()


async def test_defect14_a_full_database_says_free_disk_space(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    await init_db(settings)
    pages = (await sqlite_pragmas(("page_count",)))["page_count"]
    await close_db()
    full = make_settings(
        tmp_path, database_url=f"sqlite://{settings.sqlite_path}?max_page_count={pages}"
    )
    await init_db(full)
    try:
        with pytest.raises(Exception) as caught:
            await profiles.append_message(5, "user", "x" * 50_000)
    finally:
        await close_db()
    explained = explain_database_error(caught.value, full)
    assert (
        explained is not None and "is full" in str(explained) and "Free some disk" in str(explained)
    )


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (sqlite3.OperationalError("attempt to write a readonly database"), "Fix the permissions"),
        (sqlite3.OperationalError("unable to open database file"), "Fix the permissions"),
        (PermissionError(errno.EACCES, "Permission denied"), "Fix the permissions"),
        (OSError(errno.EROFS, "Read-only file system"), "Fix the permissions"),
        (OSError(errno.ENOSPC, "No space left on device"), "Free some disk space"),
        (sqlite3.DatabaseError("database disk image is malformed"), "careermate restore"),
    ],
)
def test_defect14_storage_errors_get_one_readable_line(
    tmp_path: Path, error: Exception, expected: str
) -> None:
    explained = explain_database_error(error, make_settings(tmp_path))
    assert explained is not None and expected in str(explained)
    assert "\n" not in str(explained)


def test_defect14_other_errors_are_not_disguised(tmp_path: Path) -> None:
    assert explain_database_error(KeyError("x"), make_settings(tmp_path)) is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
async def test_defect14_a_read_only_database_file_says_fix_permissions(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    await init_db(settings)
    await close_db()
    folder = settings.data_dir
    folder.chmod(0o555)
    for path in folder.iterdir():
        path.chmod(0o444)
    try:
        with pytest.raises(DatabaseError, match="Fix the permissions"):
            await init_db(settings)
            await profiles.update_profile(1, add_skills=["Go"])
    finally:
        folder.chmod(0o755)
        await close_db()


# -- 15. read-only data folder: run's lock ------------------------------------------------------
def test_defect15_an_unusable_data_folder_makes_the_lock_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(LockFileError) as caught:
        RunLock(settings).acquire()
    assert "Permission denied" in str(caught.value) and "writable" in str(caught.value)


def test_defect15_a_data_dir_under_a_file_makes_the_lock_say_so(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    settings = make_settings(tmp_path, data_dir=tmp_path / "file" / "data")
    with pytest.raises(LockFileError, match="must be a writable folder"):
        RunLock(settings).acquire()


# -- 16. read-only data folder: backup ------------------------------------------------------------
async def test_defect16_an_unwritable_backup_folder_is_a_backup_error(
    db: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(backup_module.BackupError, match="Could not create the backup folder"):
        backup_module.create_backup(db)


# -- 17. secrets on every console path ------------------------------------------------------------
async def test_defect17_an_echoed_api_key_never_reaches_an_error_message() -> None:
    key = "sk-live-0123456789abcdefSECRET"

    def echo(request: httpx.Request) -> httpx.Response:
        headers = "\n".join(f"{k}: {v}" for k, v in request.headers.items())
        return httpx.Response(500, text=f"bad request; you sent:\n{headers}\napi_key={key}")

    backend = OpenAICompatBackend(
        "http://127.0.0.1:9/v1", "m", api_key=key, transport=httpx.MockTransport(echo)
    )
    try:
        with pytest.raises(EngineError) as caught:
            await backend.list_models()
    finally:
        await backend.aclose()
    text = f"{caught.value} {caught.value.detail} {caught.value.fix} {caught.value.user_message}"
    assert key not in text and "[REDACTED]" in text


def test_defect17_the_console_stream_redacts_secrets_even_split_across_writes() -> None:
    target = io.StringIO()
    stream = RedactingStream(target, SecretRedactor(["sk-abcdef-secret-42"]))
    print("✗ LLM engine: answered 500: Authorization: Bearer sk-abc", end="", file=stream)
    print("def-secret-42 and more", file=stream)
    print(
        "token MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB",
        file=stream,
    )
    stream.flush()
    assert "sk-abcdef-secret-42" not in target.getvalue()
    assert "abcdefghijklmnopqrstuvwxyz0123456789AB" not in target.getvalue()
    assert "answered 500" in target.getvalue() and "and more" in target.getvalue()


# -- Also: non-finite timeouts, an HTML page from the OpenAI URL ----------------------------------
@pytest.mark.parametrize(
    "name", ["llm_connect_timeout", "llm_first_token_timeout", "llm_total_timeout"]
)
@pytest.mark.parametrize("value", ["inf", "Infinity", "nan", "-inf"])
def test_extra_non_finite_timeouts_are_rejected(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        build_settings(_env_file=None, **{name: value})
    assert caught.value.lines[0].startswith(name.upper())


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "text/plain"])
async def test_extra_an_html_page_from_the_openai_url_says_so(content_type: str) -> None:
    page = "<!DOCTYPE html><html><head><title>Router login</title></head><body></body></html>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=page, headers={"content-type": content_type})

    backend = OpenAICompatBackend("http://192.168.1.1", "m", transport=httpx.MockTransport(handler))
    client = LLMClient(backend, retries=0)
    try:
        with pytest.raises(EngineError) as caught:
            await client.chat([message("user", "hi")])
        with pytest.raises(EngineError) as listed:
            await backend.list_models()
    finally:
        await client.aclose()
    assert "doesn't look like an OpenAI-compatible API" in caught.value.user_message
    assert "/v1" in (caught.value.fix or "")
    assert listed.value.fix


def test_defect17_a_database_password_is_a_secret_too() -> None:
    with pytest.raises(ConfigError) as caught:
        build_settings(_env_file=None, database_url="mysql://bob:hunter2-pw@db:3306/cm")
    assert "hunter2-pw" not in " ".join(caught.value.lines)
    assert "bob:***@db" in caught.value.lines[0]
    settings = build_settings(_env_file=None, database_url="postgres://bob:hunter2-pw@db/cm")
    assert "hunter2-pw" in settings.secrets()  # so log files and the console redact it


def test_defect12_a_log_file_that_fails_later_warns_once_without_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    root = logging.getLogger()
    saved = list(root.handlers)
    try:
        setup_logging(settings, console=False)
        for handler in root.handlers:
            if isinstance(handler, logging.FileHandler):
                monkeypatch.setattr(handler, "emit", lambda record, h=handler: _fail(h, record))
        for _ in range(3):
            logging.getLogger("careermate.test").error("disk filled up")
        err = capsys.readouterr().err
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in saved:
            root.addHandler(handler)
    assert "Traceback" not in err and "Logging error" not in err
    assert err.count("Cannot write the log file") == 2  # careermate.log and errors.log, once each
    assert "No space left on device" in err


def _fail(handler: logging.Handler, record: logging.LogRecord) -> None:
    try:
        raise OSError(errno.ENOSPC, "No space left on device")
    except OSError:
        handler.handleError(record)


@pytest.mark.parametrize(
    "text",
    [
        "database or disk is full",
        "database disk image is malformed",
        "attempt to write a readonly database",
    ],
)
def test_defect14_discord_users_get_a_storage_line_not_a_generic_failure(text: str) -> None:
    from tortoise.exceptions import OperationalError

    from careermate_bot.discord_ui.errors import STORAGE_TROUBLE, describe_error

    message, logged = describe_error(OperationalError(text))
    assert message == STORAGE_TROUBLE and logged
    assert describe_error(OperationalError("database is locked"))[0] != STORAGE_TROUBLE

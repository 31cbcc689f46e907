"""Issue 13's defects as a user meets them: the `careermate` command in a subprocess.

Every failure must be one readable line (what is wrong, what to do), never a traceback, and no
secret may reach the screen.
"""

from __future__ import annotations

import http.server
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB"
# The checkout under test: `-m careermate_bot.cli` run in tmp_path would otherwise import
# whichever copy the virtualenv's editable install points at (another worktree's code).
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def cli(
    tmp_path: Path, *args: str, drop: tuple[str, ...] = (), **env: str
) -> subprocess.CompletedProcess[str]:
    """Run `careermate ARGS` in tmp_path (so a .env there is read); `drop` unsets variables."""
    full = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISCORD_BOT_TOKEN", "OPENAI_API_KEY") and not k.startswith("LLM_")
    }
    full.update({"DATA_DIR": str(tmp_path / "data"), "LOG_DIR": str(tmp_path / "logs"), **env})
    full["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), full.get("PYTHONPATH")]))
    for name in drop:
        full.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "careermate_bot.cli", *args],
        cwd=tmp_path,
        env=full,
        capture_output=True,
        text=True,
        timeout=180,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def make_database(tmp_path: Path) -> Path:
    created = cli(tmp_path, "doctor")
    db = tmp_path / "data" / "careermate.sqlite3"
    assert db.exists(), created.stdout + created.stderr
    return db


def add_user(db: Path, discord_id: int, name: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO user_profiles (discord_id, display_name, skills, locations, target_roles,"
            " preferences, created_at, updated_at) VALUES (?, ?, '[]', '[]', '[]', '{}',"
            " datetime('now'), datetime('now'))",
            (discord_id, name),
        )


# -- 11 -------------------------------------------------------------------------------------------
def test_defect11_a_dotenv_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"# settings\nOLLAMA_MODEL=llama\xff\n")
    result = cli(tmp_path, "doctor")
    no_traceback(result)
    assert result.returncode == 2
    assert "is not UTF-8 text (line 2" in result.stderr


def test_defect11_a_dotenv_that_is_a_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / ".env").mkdir()
    result = cli(tmp_path, "doctor")
    no_traceback(result)
    assert result.returncode == 2
    assert "is a folder, not a file" in result.stderr


# -- 12 -------------------------------------------------------------------------------------------
def test_defect12_a_log_folder_that_is_a_file_does_not_crash_commands(tmp_path: Path) -> None:
    (tmp_path / "logs").write_text("I am a file")
    for args in (("doctor",), ("backup",), ("chat", "--once", "hi")):
        result = cli(tmp_path, *args, LLM_PROVIDER="ollama", OLLAMA_BASE_URL="http://127.0.0.1:9")
        no_traceback(result)
        assert "Cannot write log files in" in result.stderr, args


# -- 13 -------------------------------------------------------------------------------------------
def test_defect13_a_nul_byte_in_data_dir_is_reported_by_doctor(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"DATA_DIR=my\x00data\n")
    result = cli(tmp_path, "doctor", drop=("DATA_DIR",))
    no_traceback(result)
    assert result.returncode == 2
    assert "DATA_DIR: must not contain a NUL character" in result.stderr


# -- 14 -------------------------------------------------------------------------------------------
def test_defect14_a_damaged_database_is_one_line_for_chat_and_run(tmp_path: Path) -> None:
    db = tmp_path / "data" / "careermate.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"garbage, not a database " * 500)
    for args, env in ((("chat", "--once", "hi"), {}), (("run",), {"DISCORD_BOT_TOKEN": TOKEN})):
        result = cli(tmp_path, *args, **env)
        no_traceback(result)
        assert result.returncode == 1, args
        # `run` logs INFO lines to the console by design; the explanation is one line.
        lines = [line for line in result.stderr.strip().splitlines() if not line[:4].isdigit()]
        assert len(lines) == 1, result.stderr
        assert "is damaged" in lines[0] and "careermate restore" in lines[0]
        assert TOKEN not in result.stderr


def test_defect14_a_truncated_database_points_at_the_newest_backup(tmp_path: Path) -> None:
    db = make_database(tmp_path)
    add_user(db, 42, "Ada")
    backup = cli(tmp_path, "backup")
    newest = backup.stdout.split("Backup written to ")[1].split(" (")[0]
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    result = cli(tmp_path, "chat", "--once", "hi")
    no_traceback(result)
    assert result.returncode == 1
    assert f"careermate restore {newest}" in result.stderr


def test_defect14_a_data_folder_that_cannot_be_written_says_fix_permissions(
    tmp_path: Path,
) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be")
    result = cli(tmp_path, "chat", "--once", "hi", DATA_DIR=str(tmp_path / "blocker" / "data"))
    no_traceback(result)
    assert result.returncode == 1
    assert "Fix the permissions" in result.stderr or "writable folder" in result.stderr


def test_defect14_a_read_only_database_mid_chat_is_one_line(
    tmp_path: Path, model_server: _Server
) -> None:
    """The database opens but refuses writes (SQLite's query_only: read-only even for root)."""
    model_server.mode = "ok"
    db = make_database(tmp_path)
    port = model_server.server_address[1]
    result = cli(
        tmp_path,
        "chat",
        "--once",
        "What jobs suit a nurse?",
        DATABASE_URL=f"sqlite://{db}?query_only=ON",
        LLM_PROVIDER="openai",
        OPENAI_BASE_URL=f"http://127.0.0.1:{port}/v1",
        OPENAI_MODEL="m",
    )
    no_traceback(result)
    assert result.returncode == 1
    assert "cannot open or write the database" in result.stderr
    assert "Fix the permissions" in result.stderr


# -- 15 -------------------------------------------------------------------------------------------
def test_defect15_run_with_an_unusable_data_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("x")
    result = cli(
        tmp_path, "run", DISCORD_BOT_TOKEN=TOKEN, DATA_DIR=str(tmp_path / "blocker" / "data")
    )
    no_traceback(result)
    assert result.returncode == 1
    assert "cannot create its lock file" in result.stderr and "writable folder" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_defect15_run_with_a_read_only_data_folder_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    try:
        result = cli(tmp_path, "run", DISCORD_BOT_TOKEN=TOKEN)
    finally:
        data.chmod(0o755)
    no_traceback(result)
    assert result.returncode == 1 and "writable" in result.stderr


# -- 16 -------------------------------------------------------------------------------------------
def test_defect16_backup_into_an_unusable_folder_says_so(tmp_path: Path) -> None:
    make_database(tmp_path)
    (tmp_path / "blocker").write_text("x")
    result = cli(tmp_path, "backup", BACKUP_DIR=str(tmp_path / "blocker" / "backups"))
    no_traceback(result)
    assert result.returncode == 1
    assert result.stderr.startswith("Backup failed: Could not create the backup folder")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_defect16_backup_with_a_read_only_data_folder_says_so(tmp_path: Path) -> None:
    data = make_database(tmp_path).parent
    data.chmod(0o555)
    try:
        result = cli(tmp_path, "backup")
    finally:
        data.chmod(0o755)
    no_traceback(result)
    assert result.returncode == 1 and result.stderr.startswith("Backup failed:")


# -- 17 and the HTML page -----------------------------------------------------------------------
class _Server(http.server.ThreadingHTTPServer):
    mode = "echo"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.server.mode == "ok":  # type: ignore[attr-defined]
            self._answer_like_an_api()
            return
        if self.server.mode == "html":  # type: ignore[attr-defined]
            body = b"<!DOCTYPE html><html><body>Welcome to nginx!</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
        else:  # a server that echoes the request headers in its error body
            body = ("error; you sent:\n" + str(self.headers)).encode()
            self.send_response(500)
            self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def _answer_like_an_api(self) -> None:
        if self.path.endswith("/models"):
            body, kind = b'{"object": "list", "data": [{"id": "m"}]}', "application/json"
        else:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            chunk = '{"choices": [{"index": 0, "delta": {"content": "Hello"}}]}'
            body, kind = f"data: {chunk}\n\ndata: [DONE]\n\n".encode(), "text/event-stream"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def model_server() -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_defect17_doctor_never_prints_the_api_key(tmp_path: Path, model_server: _Server) -> None:
    key = "sk-proj-Secret0123456789abcdefXYZ"
    port = model_server.server_address[1]
    result = cli(
        tmp_path,
        "doctor",
        LLM_PROVIDER="openai",
        OPENAI_BASE_URL=f"http://127.0.0.1:{port}/v1",
        OPENAI_API_KEY=key,
    )
    no_traceback(result)
    assert "✗ LLM engine" in result.stdout and "HTTP 500" in result.stdout  # the echo was seen
    assert key not in result.stdout + result.stderr
    logs = "".join(p.read_text() for p in (tmp_path / "logs").glob("*.log"))
    assert key not in logs


def test_extra_doctor_says_an_html_page_is_not_an_api(
    tmp_path: Path, model_server: _Server
) -> None:
    model_server.mode = "html"
    port = model_server.server_address[1]
    result = cli(
        tmp_path, "doctor", LLM_PROVIDER="openai", OPENAI_BASE_URL=f"http://127.0.0.1:{port}"
    )
    no_traceback(result)
    assert "HTML page, not the OpenAI API" in result.stdout
    assert "/v1" in result.stdout


def test_extra_an_infinite_timeout_is_refused(tmp_path: Path) -> None:
    result = cli(tmp_path, "doctor", LLM_TOTAL_TIMEOUT="inf")
    no_traceback(result)
    assert result.returncode == 2 and "LLM_TOTAL_TIMEOUT" in result.stderr


# -- Deleted means deleted: purge-user ------------------------------------------------------------
def test_purge_user_removes_a_user_from_the_database_and_every_backup(tmp_path: Path) -> None:
    db = make_database(tmp_path)
    add_user(db, 42, "Marker-Ada-Lovelace")
    add_user(db, 43, "Someone Else")
    first = cli(tmp_path, "backup")
    second = cli(tmp_path, "backup")
    assert first.returncode == 0 and second.returncode == 0
    backups = sorted((tmp_path / "data" / "backups").glob("careermate-*.sqlite3"))
    assert len(backups) == 2 and all(b"Marker-Ada" in b.read_bytes() for b in backups)

    result = cli(tmp_path, "purge-user", "42")
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "removed the user from 2 of 2 kept copies" in result.stdout
    for path in [*backups, db]:
        with sqlite3.connect(path) as conn:
            ids = [r[0] for r in conn.execute("SELECT discord_id FROM user_profiles")]
        assert ids == [43], path
    for path in backups:
        assert b"Marker-Ada" not in path.read_bytes()


# -- purge-user takes a Discord id and nothing else (issue 20, notes) ----------------------------
def test_purge_user_with_an_id_beyond_discords_range_is_one_line(tmp_path: Path) -> None:
    db = make_database(tmp_path)
    add_user(db, 42, "Ada")
    result = cli(tmp_path, "purge-user", "9223372036854775808")
    no_traceback(result)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "OverflowError" not in lines[0], result.stderr
    assert "9223372036854775808" in lines[0] and "Discord id" in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize(
    "text",
    ["٤٢", "4_2", "+42", " 42", "42 ", "-42", "0x2a", "4.2e1", "", "²", "９", "42\n", "1" * 30],
)
def test_purge_user_accepts_ascii_digits_only(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from careermate_bot.cli.main import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LOG_DIR", str(tmp_path / "logs"))
    assert main(["purge-user", text]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1, err
    assert "Discord id" in err and "digits" in err
    assert not (tmp_path / "data" / "careermate.sqlite3").exists()  # nothing was opened


@pytest.mark.parametrize("text", ["42", "0042", "9223372036854775807", "80351110224678912"])
def test_discord_ids_in_range_are_accepted(text: str) -> None:
    from careermate_bot.cli.main import parse_discord_id

    assert parse_discord_id(text) == int(text)


def test_purge_user_names_look_alike_backups_it_could_not_clean(tmp_path: Path) -> None:
    db = make_database(tmp_path)
    add_user(db, 42, "Marker-Ada-Lovelace")
    assert cli(tmp_path, "backup").returncode == 0
    junk = tmp_path / "data" / "backups" / "careermate-20990101-000000.sqlite3"
    junk.write_text("Marker-Ada-Lovelace, but not a database")
    result = cli(tmp_path, "purge-user", "42")
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "removed the user from 1 of 1 kept copies" in result.stdout
    assert f"{junk} is not a SQLite database" in result.stdout and "NOT cleaned" in result.stdout
    assert junk.read_text().startswith("Marker-Ada")  # left alone, for the operator


def test_restore_of_a_trapped_backup_is_one_line_naming_the_users_file(tmp_path: Path) -> None:
    db = make_database(tmp_path)
    add_user(db, 42, "Ada")
    assert cli(tmp_path, "backup").returncode == 0
    (made,) = (tmp_path / "data" / "backups").glob("careermate-*.sqlite3")
    mine = tmp_path / "my copy.sqlite3"
    mine.write_bytes(made.read_bytes())
    with sqlite3.connect(mine) as conn:
        conn.execute("CREATE TABLE shadow (content TEXT)")
        conn.execute(
            "CREATE TRIGGER copy_all AFTER INSERT ON chat_messages "
            "BEGIN INSERT INTO shadow VALUES (new.content); END"
        )
    conn.close()
    result = cli(tmp_path, "restore", str(mine))
    no_traceback(result)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Restore refused:"), result.stderr
    assert str(mine) in lines[0] and "trigger copy_all" in lines[0] and "table shadow" in lines[0]
    assert ".partial" not in lines[0]

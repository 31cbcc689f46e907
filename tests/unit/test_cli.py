"""The `careermate` command line as a user runs it: backup, restore, doctor."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

# The checkout under test: `-m careermate_bot.cli` run in tmp_path would otherwise import
# whichever copy the virtualenv's editable install points at (another worktree's code).
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "DISCORD_BOT_TOKEN"}
    full_env.update({"DATA_DIR": str(tmp_path / "data"), "LOG_DIR": str(tmp_path / "logs"), **env})
    paths = [str(PROJECT_ROOT), full_env.get("PYTHONPATH")]
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    return subprocess.run(
        [sys.executable, "-m", "careermate_bot.cli", *args],
        cwd=tmp_path,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _profiles(db: Path) -> list[int]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT discord_id FROM user_profiles ORDER BY id")]


def test_backup_then_restore_round_trip(tmp_path: Path) -> None:
    db = tmp_path / "data" / "careermate.sqlite3"
    first = _run(tmp_path, "doctor")  # creates the schema
    assert "✓ database" in first.stdout, first.stdout + first.stderr
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO user_profiles (discord_id, display_name, skills, locations, target_roles,"
            " preferences, created_at, updated_at) VALUES (42, 'Ada', '[]', '[]', '[]', '{}',"
            " datetime('now'), datetime('now'))"
        )
    backup = _run(tmp_path, "backup")
    assert backup.returncode == 0, backup.stderr
    assert "integrity check passed" in backup.stdout
    backup_file = Path(backup.stdout.split("Backup written to ")[1].split(" (")[0])
    assert backup_file.exists()

    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM user_profiles")
    assert _profiles(db) == []
    restored = _run(tmp_path, "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr
    assert "was kept at" in restored.stdout
    assert _profiles(db) == [42]


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"definitely not sqlite" * 100)
    result = _run(tmp_path, "restore", str(junk))
    assert result.returncode == 1
    assert result.stderr.startswith("Restore refused:")
    assert "Traceback" not in result.stderr


def test_doctor_reports_every_check_with_a_fix(tmp_path: Path) -> None:
    result = _run(tmp_path, "doctor", LLM_PROVIDER="ollama", OLLAMA_BASE_URL="http://127.0.0.1:9")
    lines = result.stdout.splitlines()
    assert result.returncode == 1  # no token, no Ollama
    assert any(line.startswith("✓ configuration") for line in lines)
    assert any(line.startswith("✓ data directory") for line in lines)
    assert any(line.startswith("✗ discord token") for line in lines)
    assert "fix:" in result.stdout and "ollama serve" in result.stdout.lower()


def test_run_with_a_token_explains_what_failed_in_one_line_and_never_logs_it(
    tmp_path: Path,
) -> None:
    token = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB"
    result = _run(tmp_path, "run", DISCORD_BOT_TOKEN=token)
    # Offline (CI): Discord is unreachable. Online: Discord rejects this made-up token.
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert "Cannot reach Discord" in result.stderr or "rejected DISCORD_BOT_TOKEN" in result.stderr
    logs = "".join(p.read_text() for p in (tmp_path / "logs").glob("*.log"))
    assert token not in logs + result.stderr + result.stdout


def test_bad_config_exits_2_without_traceback_and_hides_secrets(tmp_path: Path) -> None:
    result = _run(
        tmp_path,
        "doctor",
        LLM_PROVIDER="gpt",
        BACKUP_INTERVAL_MINUTES="soon",
        DISCORD_BOT_TOKEN="has a space secret-value-123",
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "LLM_PROVIDER" in result.stderr
    assert "BACKUP_INTERVAL_MINUTES" in result.stderr and "'soon'" in result.stderr
    assert "DISCORD_BOT_TOKEN: must not contain spaces" in result.stderr
    assert "secret-value-123" not in result.stderr


def test_run_without_token_says_where_to_get_one(tmp_path: Path) -> None:
    result = _run(tmp_path, "run")
    assert result.returncode == 2
    assert "DISCORD_BOT_TOKEN is not set" in result.stderr
    assert "discord.com/developers/applications" in result.stderr

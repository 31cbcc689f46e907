"""`careermate doctor`: one ✓/✗ line per part of the set-up, each failure with its fix."""

from __future__ import annotations

import tempfile
from pathlib import Path

from careermate_bot.checks import CheckResult
from careermate_bot.config import Settings


def check_directory(name: str, path: Path) -> CheckResult:
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".doctor-"):
            pass
    except OSError as error:
        return CheckResult(
            name,
            False,
            f"{path} is not writable ({error.strerror or error})",
            f"create it or fix its permissions: mkdir -p {path}",
        )
    except ValueError as error:  # e.g. a NUL byte in the path
        return CheckResult(
            name, False, f"{path!r} is not a usable path ({error})", "retype the path in .env"
        )
    return CheckResult(name, True, f"{path.resolve()} is writable")


async def check_database(settings: Settings) -> CheckResult:
    from tortoise import connections

    from careermate_bot.storage.database import close_db, init_db
    from models import UserProfile

    where = settings.sqlite_path or "the PostgreSQL server in DATABASE_URL"
    try:
        await init_db(settings)
        count = await UserProfile.all().count()
        connection = connections.get("default")
        await connection.execute_script("CREATE TEMPORARY TABLE doctor_probe (x INTEGER)")
        await connection.execute_script("DROP TABLE doctor_probe")
    except Exception as error:
        from careermate_bot.storage.database import explain_database_error

        explained = explain_database_error(error, settings)
        if explained is not None:
            return CheckResult("database", False, str(explained))
        return CheckResult(
            "database",
            False,
            f"{where}: {type(error).__name__}: {error}",
            "check DATABASE_URL, that the directory is writable, and that no "
            "other program holds the file open",
        )
    finally:
        await close_db()
    return CheckResult("database", True, f"{where} is readable and writable ({count} profiles)")


def check_token(settings: Settings) -> CheckResult:
    if settings.discord_bot_token is None:
        return CheckResult(
            "discord token",
            False,
            "DISCORD_BOT_TOKEN is not set",
            "create a bot at https://discord.com/developers/applications and put "
            "DISCORD_BOT_TOKEN=<token> in .env (careermate chat works without it)",
        )
    shape_ok = settings.discord_bot_token.get_secret_value().count(".") == 2
    if not shape_ok:
        return CheckResult(
            "discord token",
            False,
            "DISCORD_BOT_TOKEN does not look like a bot token (three dot-separated parts)",
            "copy it again from Bot -> Reset Token",
        )
    return CheckResult("discord token", True, "DISCORD_BOT_TOKEN is set (value hidden)")


def check_knowledge(settings: Settings) -> CheckResult:
    try:
        from careermate_bot.knowledge import KnowledgeBase

        summary = KnowledgeBase.load(settings.data_dir).summary()
    except Exception as error:
        return CheckResult(
            "career data",
            False,
            f"{type(error).__name__}: {error}",
            "reinstall with the README's set-up command",
        )
    return CheckResult("career data", True, str(summary))


async def run_checks(settings: Settings) -> list[CheckResult]:
    results = [CheckResult("configuration", True, "all settings are valid")]
    results.append(check_directory("data directory", settings.data_dir))
    results.append(check_directory("log directory", settings.log_dir))
    if settings.sqlite_path is not None:
        results.append(check_directory("backup directory", settings.effective_backup_dir))
    results.append(await check_database(settings))
    results.append(check_knowledge(settings))
    from careermate_bot.llm import llm_checks

    results.extend(await llm_checks(settings))
    results.append(check_token(settings))
    return results

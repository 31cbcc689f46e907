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


# -- which tasks use the model (llm/capability.py) ---------------------------------------------
async def _configured_engine(settings: Settings) -> tuple[str, str]:
    """(provider, model) of the engine LLM_PROVIDER selects. Raises `LLMError`."""
    from careermate_bot.llm.factory import create_backend, resolve_auto_explained

    if settings.llm_provider == "auto":
        backend, _ = await resolve_auto_explained(settings)
    else:
        backend = await create_backend(settings)
    try:
        return backend.name, backend.model
    finally:
        await backend.aclose()


async def task_lines(settings: Settings) -> list[str]:
    """A heading and one line per task: does the configured model do it, or deterministic
    text ("small talk ✓ 28/30", "career summary ✗ 4/10 → deterministic")."""
    from careermate_bot.llm import LLMError
    from careermate_bot.llm.capability import Capabilities

    try:
        provider, model = await _configured_engine(settings)
    except LLMError as error:
        return [f"Which tasks use the model: none, no engine ({error.detail}); all deterministic."]
    caps = Capabilities.for_model(provider, model, settings.data_dir)
    when = f", {caps.evaluation.measured_at}" if caps.evaluation is not None else ""
    heading = f"Which tasks use the model ({provider}/{model}: {caps.source}{when}):"
    return [heading, *(f"  {line}" for line in caps.lines())]


async def run_model_eval(
    settings: Settings, *, tasks: list[str] | None = None, limit: int | None = None
) -> list[str]:
    """`careermate doctor --eval`: run every task's cases with the configured model, store the
    result in DATA_DIR/model_eval.json and return the lines to print. Raises `LLMError`."""
    import asyncio
    import sys

    from careermate_bot.cli.model_eval import CaseResult, run_evaluation
    from careermate_bot.knowledge import get_knowledge_base
    from careermate_bot.llm import create_llm_client
    from careermate_bot.llm.capability import (
        TASKS,
        Task,
        eval_path,
        known_evaluation,
        save_evaluation,
    )

    chosen: list[Task] = [t for t in TASKS if tasks is None or t in tasks]
    client = await create_llm_client(settings)
    knowledge = await asyncio.to_thread(get_knowledge_base, settings.data_dir)

    def progress(record: CaseResult) -> None:
        mark = "✓" if record.passed else "✗"
        print(f"  {mark} {record.task}: {record.prompt[:50]}", file=sys.stderr, flush=True)

    try:
        evaluation, _ = await run_evaluation(
            client, knowledge, tasks=chosen, limit=limit, on_case=progress
        )
    finally:
        await client.aclose()
    path = eval_path(settings.data_dir)
    evaluation = evaluation.over(
        known_evaluation(evaluation.provider, evaluation.model, settings.data_dir)
    )
    save_evaluation(path, evaluation)
    lines = [f"Measured {evaluation.provider}/{evaluation.model}; stored in {path}:"]
    for result in evaluation.results.values():
        drops = ", ".join(f"{reason} {count}" for reason, count in result.drops.items())
        lines.append(f"  {result.line()}" + (f"  (dropped: {drops})" if drops else ""))
    return lines

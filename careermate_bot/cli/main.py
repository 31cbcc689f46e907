"""`careermate` command line: run the bot, chat in a terminal, check set-up, back up, restore."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

from careermate_bot import __version__
from careermate_bot.config import Settings, load_settings
from careermate_bot.logging_setup import redact_console, setup_logging

log = logging.getLogger("careermate.cli")

TOKEN_HELP = (
    "DISCORD_BOT_TOKEN is not set.\n"
    "  1. Open https://discord.com/developers/applications and create an application.\n"
    "  2. Bot -> Reset Token, copy it; enable the Message Content and Server Members intents.\n"
    "  3. Put DISCORD_BOT_TOKEN=<token> into .env (see .env.example) and run again.\n"
    "Without a token you can still talk to CareerMate in the terminal: careermate chat"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careermate", description="CareerMate: an AI career coach on a local LLM."
    )
    parser.add_argument("--version", action="version", version=f"careermate {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="run the Discord bot")
    cluster = sub.add_parser(
        "cluster", help="run and watch several bot processes on this host (Discord shards)"
    )
    cluster.add_argument(
        "--processes", type=int, default=2, metavar="N", help="bot processes (default 2)"
    )
    cluster.add_argument(
        "--shard-count",
        type=int,
        metavar="C",
        help="shards in all (default SHARD_COUNT, else N); shard 0 runs alone in process 0",
    )
    chat = sub.add_parser("chat", help="talk to CareerMate in this terminal (no Discord needed)")
    chat.add_argument("--once", metavar="TEXT", help="answer one message and exit")
    doctor = sub.add_parser("doctor", help="check configuration, database, backups, LLM and token")
    doctor.add_argument(
        "--eval",
        action="store_true",
        help="measure which tasks the configured model does well enough (takes minutes) and "
        "store the result beside the database",
    )
    doctor.add_argument(
        "--tasks", metavar="TASK,...", help="with --eval: only these tasks (comma-separated)"
    )
    doctor.add_argument(
        "--limit", type=int, metavar="N", help="with --eval: at most N cases per task"
    )
    sub.add_parser("backup", help="write a consistent backup of the SQLite database now")
    restore = sub.add_parser("restore", help="restore the database from a backup file")
    restore.add_argument("file", type=Path, help="a backup written by `careermate backup`")
    purge = sub.add_parser(
        "purge-user",
        help="delete one user's data from the database AND from every kept backup",
    )
    purge.add_argument(
        "discord_id",
        metavar="ID",
        help="the user's Discord id (digits only; 0 is the terminal user of `careermate chat`)",
    )
    resume = sub.add_parser("resume", help="review a résumé file (.pdf, .docx, .odt, .txt, .md)")
    resume.add_argument("path", type=Path, metavar="PATH", help="the résumé file")
    resume.add_argument("--role", metavar="ROLE", help="the target role to match keywords against")
    interview = sub.add_parser("interview", help="a mock interview in this terminal, scored")
    interview.add_argument("role", metavar="ROLE", help='the role, e.g. "Data Scientist"')
    interview.add_argument("--kind", choices=("mixed", "behavioral", "technical"), default="mixed")
    interview.add_argument("--questions", type=int, default=5, help="3-10 (default 5)")
    interview.add_argument("--difficulty", choices=("easy", "medium", "hard"), default=None)
    interview.add_argument("--new", action="store_true", help="start over if one is unfinished")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    settings = load_settings()
    # Every console path, not only the log handlers, passes the secret redactor (a doctor line
    # quoting a server's error body, a traceback, anything a library prints).
    redact_console(settings.secrets())
    handlers = {
        "run": lambda: run_bot(settings),
        "cluster": lambda: run_cluster(settings, args),
        "chat": lambda: run_chat(settings, args.once),
        "doctor": lambda: run_doctor(settings, args),
        "backup": lambda: run_backup(settings),
        "restore": lambda: run_restore(settings, args.file),
        "purge-user": lambda: run_purge_user(settings, args.discord_id),
        "resume": lambda: run_resume(settings, args.path, args.role),
        "interview": lambda: run_interview(settings, args),
    }
    try:
        return handlers[args.command]()
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        return report_failure(settings, error)


def report_failure(settings: Settings, error: BaseException) -> int:
    """The last resort: one readable line on stderr (what is wrong, what to do), the traceback
    in the log files only. Storage problems get their specific advice."""
    from careermate_bot.storage.database import explain_database_error

    explained = explain_database_error(error, settings)
    log.error("command failed", exc_info=error, extra={"console": False})
    if explained is not None:
        print(str(explained), file=sys.stderr)
        return 1
    print(
        f"CareerMate stopped: {type(error).__name__}: {error}. The details are in "
        f"{settings.log_dir / 'errors.log'}.",
        file=sys.stderr,
    )
    return 1


# -- run ---------------------------------------------------------------------------------------
def run_bot(settings: Settings) -> int:
    setup_logging(settings)
    if settings.discord_bot_token is None:
        print(TOKEN_HELP, file=sys.stderr)
        return 2
    from careermate_bot.storage.database import DatabaseError
    from careermate_bot.storage.runlock import AlreadyRunningError, LockFileError, RunLock

    try:
        with RunLock(settings):
            # Open (create, upgrade) the database before connecting to Discord: a damaged,
            # read-only or full database is one clear line, not a crash after login.
            asyncio.run(_check_database(settings))
            return asyncio.run(_serve(settings))
    except AlreadyRunningError as error:
        print(f"CareerMate is already running on this database: {error}", file=sys.stderr)
        return 1
    except (LockFileError, DatabaseError) as error:
        log.error("cannot start", exc_info=error, extra={"console": False})
        print(str(error), file=sys.stderr)
        return 1


async def _check_database(settings: Settings) -> None:
    from careermate_bot.storage.database import close_db, init_db

    try:
        await init_db(settings)
    finally:
        await close_db()


async def _serve(settings: Settings) -> int:
    import aiohttp
    import discord

    from careermate_bot.bot import CareerMateBot

    assert settings.discord_bot_token is not None
    bot = CareerMateBot(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with bot:
        runner = asyncio.create_task(bot.start(settings.discord_bot_token.get_secret_value()))
        stopper = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if stopper in done:
            log.info("shutdown requested: finishing in-flight work")
            await bot.close()
            runner.cancel()
            return 0
        stopper.cancel()
        error = runner.exception()
        if isinstance(error, discord.LoginFailure):
            print(
                "Discord rejected DISCORD_BOT_TOKEN. Reset it in the Developer Portal "
                "(Bot -> Reset Token) and update .env.",
                file=sys.stderr,
            )
            return 2
        if isinstance(error, discord.PrivilegedIntentsRequired):
            print(
                "Enable the Message Content and Server Members intents in the Developer "
                "Portal (Bot -> Privileged Gateway Intents), then run again.",
                file=sys.stderr,
            )
            return 2
        if isinstance(error, aiohttp.ClientConnectionError):
            log.error("cannot reach Discord", exc_info=error, extra={"console": False})
            print(
                "Cannot reach Discord (discord.com). Check this machine's internet connection "
                f"and DNS, then run again. Details: {error}",
                file=sys.stderr,
            )
            return 1
        if error is not None:
            from careermate_bot.storage.database import explain_database_error

            explained = explain_database_error(error, settings)
            if explained is not None:
                log.error("the bot stopped: database", exc_info=error, extra={"console": False})
                print(str(explained), file=sys.stderr)
                return 1
            log.error("the bot stopped with an error", exc_info=error)
            return 1
        return 0


# -- cluster -----------------------------------------------------------------------------------
def run_cluster(settings: Settings, args: argparse.Namespace) -> int:
    from careermate_bot.cli.cluster import run_cluster as launch

    if args.processes < 1 or (args.shard_count is not None and args.shard_count < 1):
        print("careermate cluster: --processes and --shard-count must be >= 1", file=sys.stderr)
        return 2
    return launch(settings, args.processes, args.shard_count)


# -- resume ------------------------------------------------------------------------------------
def run_resume(settings: Settings, path: Path, role: str | None) -> int:
    setup_logging(settings, console=False)
    from careermate_bot.cli.resume import run_resume as review_file

    return review_file(settings, path, role)


# -- interview ---------------------------------------------------------------------------------
def run_interview(settings: Settings, args: argparse.Namespace) -> int:
    setup_logging(settings, console=False)
    from careermate_bot.cli.interview import run_interview as interview

    return interview(
        settings,
        args.role,
        kind=args.kind,
        questions=args.questions,
        difficulty=args.difficulty,
        new=args.new,
    )


# -- chat --------------------------------------------------------------------------------------
def run_chat(settings: Settings, once: str | None) -> int:
    setup_logging(settings, console=False)
    from careermate_bot.cli.chat import run_terminal_chat

    # A storage failure (at start or mid-chat) ends in `report_failure`'s one line.
    return asyncio.run(run_terminal_chat(settings, once=once))


# -- doctor ------------------------------------------------------------------------------------
def run_doctor(settings: Settings, args: argparse.Namespace | None = None) -> int:
    setup_logging(settings, console=False)
    from careermate_bot.cli.doctor import run_checks, run_model_eval, task_lines

    if args is not None and args.eval:
        from careermate_bot.llm import LLMError

        tasks = [t.strip() for t in args.tasks.split(",")] if args.tasks else None
        try:
            lines = asyncio.run(run_model_eval(settings, tasks=tasks, limit=args.limit))
        except LLMError as error:
            print(f"✗ no model to measure: {error.detail}", file=sys.stderr)
            if error.fix:
                print(f"    fix: {error.fix}", file=sys.stderr)
            return 1
        print("\n".join(lines))
        return 0
    results = asyncio.run(run_checks(settings))
    for result in results:
        print(result.line())
    failed = [r for r in results if not r.ok]
    print("\n" + "\n".join(asyncio.run(task_lines(settings))))
    print(f"\n{len(results) - len(failed)} of {len(results)} checks passed.")
    return 1 if failed else 0


# -- backup / restore --------------------------------------------------------------------------
def run_backup(settings: Settings) -> int:
    setup_logging(settings, console=False)
    from careermate_bot.storage.backup import BackupError, create_backup

    try:
        path = create_backup(settings)
    except BackupError as error:
        print(f"Backup failed: {error}", file=sys.stderr)
        return 1
    print(f"Backup written to {path} (integrity check passed).")
    return 0


def run_restore(settings: Settings, file: Path) -> int:
    setup_logging(settings, console=False)
    from careermate_bot.storage.backup import BackupError, restore_backup

    try:
        result = restore_backup(settings, file)
    except BackupError as error:
        print(f"Restore refused: {error}", file=sys.stderr)
        return 1
    print(f"Restored {file} into {result.database} (schema version {result.schema_version}).")
    if result.previous_copy is not None:
        print(f"The database it replaced was kept at {result.previous_copy}.")
    return 0


# -- purge-user --------------------------------------------------------------------------------
# Discord ids are snowflakes (64-bit); the database keeps them as signed 64-bit integers.
DISCORD_ID_MAX = 2**63 - 1


def parse_discord_id(text: str) -> int:
    """A Discord id exactly as typed: ASCII digits only, at most DISCORD_ID_MAX. `int()` alone
    would also take "+42", "4_2", " 42" and other scripts' digits ("٤٢") as 42, and a larger
    number only fails deep in the database. Raises ValueError with a one-line reason."""
    if not text or not (text.isascii() and text.isdigit()):
        raise ValueError(
            f"{text!r} is not a Discord id: type its digits only (0-9, no sign, spaces or "
            "separators), e.g. 80351110224678912"
        )
    if len(text) > 40 or int(text) > DISCORD_ID_MAX:
        raise ValueError(
            f"{text!r} is not a Discord id: Discord ids have at most "
            f"{len(str(DISCORD_ID_MAX))} digits (up to {DISCORD_ID_MAX})"
        )
    return int(text)


def run_purge_user(settings: Settings, discord_id_text: str) -> int:
    """Delete a user from the live database and from every kept backup (deleted means deleted)."""
    try:
        discord_id = parse_discord_id(discord_id_text)
    except ValueError as error:
        print(f"purge-user: {error}", file=sys.stderr)
        return 2
    setup_logging(settings, console=False)
    # Imported here, like every command's own code: the storage modules load the ORM (about
    # 0.3 s), which `careermate --help` and the other commands should not pay for.
    from careermate_bot.storage.backup import (
        BackupError,
        purge_user_from_backups,
        scan_kept_copies,
    )

    rows = asyncio.run(_delete_live_user(settings, discord_id))
    print(f"Database: removed user {discord_id} ({rows} row(s) deleted or anonymised).")
    if settings.sqlite_path is None:
        print(
            "Backups: this CareerMate uses PostgreSQL, whose backups are the operator's: "
            "remove the user from your pg_dump copies, or let them age out."
        )
        return 0
    try:
        results = purge_user_from_backups(settings, discord_id)
    except BackupError as error:
        print(f"Backups: stopped: {error}", file=sys.stderr)
        return 1
    cleaned = [r for r in results if r.rows]
    print(
        f"Backups: removed the user from {len(cleaned)} of {len(results)} kept copies "
        f"(the others did not contain them)."
    )
    _, ignored = scan_kept_copies(settings)
    if ignored:
        print(
            f"Backups: {len(ignored)} file(s) named like kept copies are not CareerMate "
            "databases and were NOT cleaned; check and delete them by hand: "
            + "; ".join(f"{path} {why}" for path, why in ignored)
        )
    return 0


async def _delete_live_user(settings: Settings, discord_id: int) -> int:
    from careermate_bot.services.profile import delete_user_data
    from careermate_bot.storage.database import database

    async with database(settings):
        return sum((await delete_user_data(discord_id)).values())

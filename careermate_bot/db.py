"""Database lifecycle: Tortoise ORM over aiosqlite (WAL) by default, PostgreSQL by URL.

`init_db` is safe on every start: it creates a brand-new database, or upgrades an older one
through `careermate_bot.migrations` (after a safety backup on SQLite), then creates any new
tables and checks that every model column exists. See docs/storage.md.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.connection import connections

from careermate_bot import migrations
from careermate_bot.config import Settings

log = logging.getLogger(__name__)

MODEL_MODULES = ["models"]
CONNECTION = "default"
# How long SQLite waits for a lock held by another connection (a backup, the CLI) before it
# gives up with "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 5000


class DatabaseError(RuntimeError):
    """The database cannot be used as it is; the message says what to do."""


def is_sqlite(settings: Settings) -> bool:
    return settings.effective_database_url.startswith("sqlite://")


def connection_config(settings: Settings) -> dict[str, Any]:
    """Tortoise's connection dict for the configured URL. On SQLite: WAL (Tortoise's default),
    foreign keys on, and `busy_timeout`; a value given in the URL's query string wins."""
    config = expand_db_url(settings.effective_database_url)
    if is_sqlite(settings):
        credentials = config["credentials"]
        credentials.setdefault("journal_mode", "WAL")
        credentials.setdefault("busy_timeout", SQLITE_BUSY_TIMEOUT_MS)
        credentials.setdefault("foreign_keys", "ON")
    return config


def tortoise_config(settings: Settings) -> dict[str, object]:
    if settings.sqlite_path is not None:
        settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "connections": {CONNECTION: connection_config(settings)},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": CONNECTION}},
        "use_tz": True,
        "timezone": "UTC",
    }


def get_connection() -> BaseDBAsyncClient:
    return connections.get(CONNECTION)


async def init_db(
    settings: Settings,
    *,
    migration_list: list[migrations.Migration] | None = None,
    backup_before_migrate: bool = True,
) -> migrations.MigrationReport:
    """Connect, create or upgrade the schema, create new tables. Safe to call on every start.

    Raises `DatabaseError` (readable) when the database is newer than this code, a migration
    fails (it is rolled back), or a model column is missing afterwards.
    """
    steps = migrations.MIGRATIONS if migration_list is None else migration_list
    if Tortoise.is_inited():
        # A second init in one process (a reconnect, a test) replaces the first cleanly.
        await close_db()
    # One database per process: make it reachable from every task, including tasks created
    # before this call (discord.py's, the CLI's), not only from this task's context.
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
    try:
        conn = get_connection()
        version = await migrations.read_version(conn)
        if (
            backup_before_migrate
            and settings.sqlite_path is not None
            and migrations.pending_migrations(version, steps)
        ):
            from careermate_bot.backup import create_backup_async

            saved = await create_backup_async(settings)
            log.info("backed up the database before upgrading it: %s", saved)
        report = await migrations.migrate(conn, steps)
        await Tortoise.generate_schemas(safe=True)
        problems = await migrations.check_schema(conn)
        if problems:
            raise DatabaseError("the database does not match the models: " + "; ".join(problems))
    except migrations.MigrationError as error:
        await close_db()
        raise DatabaseError(str(error)) from error
    except BaseException:
        await close_db()
        raise
    where = settings.sqlite_path or "the configured server"
    if report.created:
        log.info("created a new database (schema version %d) at %s", report.to_version, where)
    elif report.applied:
        log.info(
            "upgraded the database at %s from schema version %s to %d",
            where,
            report.from_version,
            report.to_version,
        )
    else:
        log.info("database ready at %s (schema version %d)", where, report.to_version)
    return report


async def close_db() -> None:
    await Tortoise.close_connections()


@asynccontextmanager
async def database(settings: Settings, **init_kwargs: Any) -> AsyncIterator[BaseDBAsyncClient]:
    """`async with database(settings):` — init on entry, always close on exit (CLI, tests)."""
    await init_db(settings, **init_kwargs)
    try:
        yield get_connection()
    finally:
        await close_db()


async def sqlite_pragmas(
    names: tuple[str, ...] = ("journal_mode", "busy_timeout", "foreign_keys", "synchronous"),
) -> dict:
    """Current values of some SQLite pragmas on the ORM's connection (diagnostics, tests)."""
    conn = get_connection()
    if conn.capabilities.dialect != "sqlite":
        return {}
    values: dict[str, object] = {}
    for name in names:
        if not name.isidentifier():
            raise ValueError(f"not a pragma name: {name!r}")
        rows = await conn.execute_query_dict(f"PRAGMA {name}")
        values[name] = next(iter(rows[0].values())) if rows else None
    return values

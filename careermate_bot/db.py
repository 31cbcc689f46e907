"""Database lifecycle: Tortoise ORM over aiosqlite (WAL) by default, PostgreSQL by URL."""

from __future__ import annotations

import logging

from tortoise import Tortoise

from careermate_bot.config import Settings

log = logging.getLogger(__name__)

MODEL_MODULES = ["models"]


def tortoise_config(settings: Settings) -> dict[str, object]:
    url = settings.effective_database_url
    if settings.sqlite_path is not None:
        settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "connections": {"default": url},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def init_db(settings: Settings) -> None:
    """Connect and create any missing tables. Safe to call on every start."""
    await Tortoise.init(config=tortoise_config(settings))
    await Tortoise.generate_schemas(safe=True)
    log.info("database ready at %s", settings.sqlite_path or "the configured server")


async def close_db() -> None:
    await Tortoise.close_connections()

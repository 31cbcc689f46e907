"""Start the real CareerMate bot under dpytest, with the interaction harness."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import types
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import discord.ext.test as dpytest
import discord.ext.test.runner as dpytest_runner

from careermate_bot.bot import CareerMateBot, bot_intents
from careermate_bot.config import Settings
from careermate_bot.services.container import AppServices
from tests.harness.capture import InteractionCapture
from tests.harness.driver import APPLICATION_ID, SETTLE_TIMEOUT, DiscordHarness


class ErrorLog(logging.Handler):
    """Collects ERROR records so a test fails when the bot swallowed an exception."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def summary(self) -> str:
        return "\n".join(f"{r.name}: {r.getMessage()}\n{r.exc_text or ''}" for r in self.records)


def _configure_sharded(bot: CareerMateBot, **options: int) -> None:
    """dpytest.configure() refuses AutoShardedClient only by an isinstance check; with one shard
    and its fake connection state the sharded bot runs fine, so lift that check for the call."""
    real_discord = dpytest_runner.discord
    view = types.SimpleNamespace(**{k: getattr(real_discord, k) for k in dir(real_discord)})
    view.AutoShardedClient = type("NotTheBot", (), {})
    dpytest_runner.discord = view  # type: ignore[assignment]
    try:
        dpytest.configure(bot, **options)
    finally:
        dpytest_runner.discord = real_discord


@asynccontextmanager
async def running_bot(
    settings: Settings, services: AppServices, tmp_dir: Path, *, members: int = 3, guilds: int = 1
) -> AsyncIterator[DiscordHarness]:
    intents = bot_intents()
    intents.members = True  # dpytest builds its guilds from the member cache; the bot needs none
    bot = CareerMateBot(settings, services=services, sync_commands=False, intents=intents)
    await bot._async_setup_hook()
    allowed_mentions = bot._connection.allowed_mentions
    _configure_sharded(bot, guilds=guilds, members=members)
    # configure() installs a fresh connection state: relink the command tree to it, so the
    # state's parse_interaction_create dispatches to our tree, and DynamicItems registered in
    # setup_hook land on the state that receives the clicks.
    state: Any = bot._connection
    state._command_tree = bot.tree
    state.allowed_mentions = allowed_mentions  # what the bot was built with, not dpytest's default
    state.application_id = APPLICATION_ID
    state.loop = asyncio.get_running_loop()
    bot.tree._state = state
    bot.tree._http = state.http
    try:
        await bot.setup_hook()
    except BaseException:
        # Start-up failed (a cog that does not import, a bad database) after the services
        # opened the database: close them, or its worker thread keeps pytest from exiting.
        bot.ws = None
        with contextlib.suppress(Exception):
            await bot.close()
        raise
    user = bot.user
    bot_user = {
        "id": str(user.id),
        "username": user.name,
        "discriminator": "0",
        "avatar": None,
        "bot": True,
        "global_name": None,
    }
    capture = InteractionCapture(bot_user, APPLICATION_ID)
    capture.install()
    errors = ErrorLog()
    logging.getLogger().addHandler(errors)
    harness = DiscordHarness(bot, capture, tmp_dir)
    harness.errors = errors  # type: ignore[attr-defined]
    try:
        yield harness
    finally:
        # Every task the bot started (a streamed reply, a summary still editing) finishes while
        # Discord is still faked; tearing down under it would race the capture's removal.
        pending = [t for t in bot._inflight if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=SETTLE_TIMEOUT)
        logging.getLogger().removeHandler(errors)
        capture.uninstall()
        await dpytest.empty_queue()
        bot.ws = None  # dpytest's fake socket has no transport to close
        await bot.close()

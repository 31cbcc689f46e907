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
from tests.harness.limits import LimitChecker


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


def check_channel_messages(http: Any, limits: LimitChecker) -> None:
    """Run every channel and DM message the bot sends or edits through Discord's limits.

    dpytest's fake HTTP reads its caller's local variables (`sys._getframe`), so the wrappers
    are plain functions that return the original coroutine: the caller awaits it directly and
    the frames dpytest looks at stay the same."""
    send, edit = http.send_message, http.edit_message

    def send_message(channel_id: int, *, params: Any) -> Any:
        files = len(params.files or [])
        limits.message(f"message to channel {channel_id}", params.payload or {}, files=files)
        return send(channel_id, params=params)

    def edit_message(channel_id: int, message_id: int, **fields: Any) -> Any:
        params = fields.get("params")
        if params is not None:
            limits.message(
                f"edit of message {message_id}",
                params.payload or {},
                files=len(params.files or []),
            )
        return edit(channel_id, message_id, **fields)

    http.send_message, http.edit_message = send_message, edit_message


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
    check_channel_messages(state.http, capture.limits)
    errors = ErrorLog()
    logging.getLogger().addHandler(errors)
    harness = DiscordHarness(bot, capture, tmp_dir)
    harness.errors = errors  # type: ignore[attr-defined]
    body_failed = True
    try:
        yield harness
        body_failed = False
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
    if not body_failed:
        # Every payload the test made the bot send, to the end, must fit Discord (limits.py).
        capture.limits.assert_clean()

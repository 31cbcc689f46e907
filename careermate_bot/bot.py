"""The Discord bot: wiring of settings, services, cogs, the command tree and a clean shutdown.

`CareerMateBot` (an `AutoShardedBot`) is what `careermate run` starts and what the dpytest
harness drives in tests.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import math
import pkgutil
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

import discord
from discord.ext import commands

import cogs
from careermate_bot.config import Settings
from careermate_bot.discord_ui.edit_budget import EditBudget, SharedEditBudget, edit_budget_for
from careermate_bot.discord_ui.errors import CareerMateTree, describe_error
from careermate_bot.discord_ui.events import has_listener
from careermate_bot.discord_ui.forms import (
    STALE_FORM_EVENT,
    echo_form,
    form_kind,
    form_values,
    is_stale_form,
)
from careermate_bot.discord_ui.rest_pacing import RestPacer
from careermate_bot.services.container import AppServices, build_services
from careermate_bot.services.status import GatewayState, ShardState, rest_trace
from careermate_bot.sharding.runner import ShardRunner

log = logging.getLogger(__name__)
UNKNOWN_COMMAND = "I don't know that command — try `!help`."

ServicesFactory = Callable[[Settings], Awaitable[AppServices]]
SHUTDOWN_GRACE_SECONDS = 20.0
COMMAND_HASH_FILE = "command_tree.sha256"


def bot_intents() -> discord.Intents:
    """Only what the features use: servers and their channels (guilds), messages in servers
    and DMs with their text (chat, @mentions and the `!` commands). Slash commands, buttons
    and modals need no intent. No members, presences, reactions, typing, voice, invites...
    (tests/unit/test_gateway_intents.py checks every listener against this list)."""
    return discord.Intents(guilds=True, guild_messages=True, dm_messages=True, message_content=True)


def cog_modules() -> list[str]:
    """Every feature in `cogs/`: a package `cogs/<feature>/` (its `__init__` has `setup`) or a
    single module such as `cogs/help.py`. Names starting with `_` are helpers, not cogs."""
    return sorted(
        f"cogs.{info.name}"
        for info in pkgutil.iter_modules(cogs.__path__)
        if not info.name.startswith("_")
    )


class CareerMateBot(commands.AutoShardedBot):
    """CareerMate on Discord: cogs for I/O, shared services for everything else."""

    def __init__(
        self,
        settings: Settings,
        *,
        services: AppServices | None = None,
        services_factory: ServicesFactory = build_services,
        sync_commands: bool = True,
        intents: discord.Intents | None = None,
        **kwargs: Any,
    ) -> None:
        # Every HTTP response to Discord (REST, interaction responses) is counted, 429s by scope.
        kwargs.setdefault(
            "http_trace",
            rest_trace(lambda: self._services.status if self._services is not None else None),
        )
        if settings.shard_ids:  # SHARD_IDS: this process's shards (of SHARD_COUNT)
            kwargs.setdefault("shard_ids", list(settings.shard_ids))
        super().__init__(
            command_prefix=settings.command_prefix,  # an @mention is chat, not a command
            intents=intents or bot_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=CareerMateTree,
            owner_ids=set(settings.owner_ids) or None,
            shard_count=settings.shard_count,
            **kwargs,
        )
        self.settings = settings
        self._services = services
        self._services_factory = services_factory
        self._sync_commands = sync_commands
        self.accepting_work = True
        self._inflight: set[asyncio.Task[Any]] = set()
        self._latest: dict[Hashable, asyncio.Task[Any]] = {}
        # Optional streamed-reply edits fit in this budget (a shared bucket for a fleet).
        self.edit_budget: EditBudget = edit_budget_for(settings)
        self.rest_pacer: RestPacer | None = None  # with REDIS_URL: every REST call paced
        # SHARD_COUNT / REDIS_URL: shards connect under leases, identifies spaced fleet-wide.
        self.shard_runner = ShardRunner(self, settings)

    # -- services ------------------------------------------------------------------------------
    @property
    def services(self) -> AppServices:
        if self._services is None:
            raise RuntimeError("services are created in setup_hook; the bot is not set up yet")
        return self._services

    def track(self, coro: Awaitable[Any], *, name: str) -> asyncio.Task[Any]:
        """Run background work that shutdown waits for (e.g. a streamed LLM reply)."""
        task = asyncio.ensure_future(coro)
        task.set_name(name)
        self._inflight.add(task)
        task.add_done_callback(self._finished)
        return task

    def track_latest(self, coro: Awaitable[Any], *, name: str, key: Hashable) -> asyncio.Task[Any]:
        """`track`, keeping one such job per `key`: a newer one cancels the previous, whose
        result nobody waits for any more (e.g. a user's earlier /career summary)."""
        previous = self._latest.get(key)
        if previous is not None and not previous.done():
            previous.cancel()
        task = self.track(coro, name=name)
        self._latest[key] = task
        task.add_done_callback(lambda done: self._forget_latest(key, done))
        return task

    def _forget_latest(self, key: Hashable, task: asyncio.Task[Any]) -> None:
        if self._latest.get(key) is task:
            del self._latest[key]

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._inflight.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s failed", task.get_name(), exc_info=task.exception())

    # -- start-up ------------------------------------------------------------------------------
    async def setup_hook(self) -> None:
        if self._services is None:
            self._services = await self._services_factory(self.settings)
        await self._services.start()
        if self._services.shared.fleet_wide:  # one Discord budget for every bot process
            budget = self._services.shared.discord_budget
            self.rest_pacer = RestPacer(budget)
            self.rest_pacer.install(self.http)
            self.edit_budget = SharedEditBudget(budget)
        await self._services.leader.start()
        self._services.status.attach_gateway(
            self.gateway_state, accepting=lambda: self.accepting_work
        )
        await self._services.status.start()
        for module in cog_modules():
            await self.load_extension(module)
        log.info("loaded cogs: %s", ", ".join(sorted(self.cogs)))
        if self._sync_commands:
            # One process syncs for the fleet: the leader (SQLite: always this one). A process
            # that becomes the leader later syncs then (the fingerprint skips unchanged trees).
            if self._services.leader.is_leader:
                await self.sync_command_tree()
            else:
                log.info("command sync is left to the leader process")
            self._services.leader.on_elected(self.sync_command_tree)

    def command_tree_fingerprint(self) -> str:
        payload = [command.to_dict(self.tree) for command in self.tree.get_commands()]
        blob = json.dumps(payload, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()

    async def sync_command_tree(self) -> None:
        """Sync to the dev guild (instant) when set; globally only when the commands changed."""
        if self.settings.dev_guild_id:
            guild = discord.Object(id=self.settings.dev_guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to dev guild %s", len(synced), guild.id)
            return
        marker = self.settings.data_dir / COMMAND_HASH_FILE
        fingerprint = self.command_tree_fingerprint()
        if marker.exists() and marker.read_text().strip() == fingerprint:
            log.info("command tree unchanged; skipping global sync")
            return
        synced = await self.tree.sync()
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(fingerprint)
        log.info(
            "synced %d global commands (may take up to an hour to show everywhere)", len(synced)
        )

    def gateway_state(self) -> GatewayState:
        """This process's shards as the status service reports them (/readyz, /status)."""
        shards = tuple(
            ShardState(
                id=shard_id,
                connected=not info.is_closed(),
                latency=info.latency if math.isfinite(info.latency) else None,
            )
            for shard_id, info in sorted(self.shards.items())
        )
        return GatewayState(
            ready=self.is_ready() and not self.is_closed(),
            shards=shards,
            shard_count=self.shard_count,
            guilds=len(self.guilds),
        )

    async def launch_shards(self) -> None:
        if self.shard_runner.coordinated:
            await self.shard_runner.launch()
        else:
            await super().launch_shards()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        if self.shard_runner.coordinated:
            await self.shard_runner.before_identify(shard_id)
        else:
            await super().before_identify_hook(shard_id, initial=initial)

    async def on_ready(self) -> None:
        user = self.user
        log.info(
            "connected as %s (%s) to %d guilds", user, user.id if user else "?", len(self.guilds)
        )

    # -- forms this process no longer knows (opened before a restart, or in another window) ------
    async def on_interaction(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        if not is_stale_form(interaction):
            return
        data: Any = interaction.data or {}
        kind = form_kind(str(data.get("custom_id", "")))
        values = form_values(interaction)
        event = STALE_FORM_EVENT.format(kind=kind) if kind else ""
        log.info("a form nobody has open was submitted (%s)", kind or "not ours")
        if event and has_listener(self, event):
            self.dispatch(event, interaction, values)
            return
        try:
            await echo_form(interaction, values)
        except discord.HTTPException:
            log.warning("could not answer a stale form", exc_info=True)

    # -- errors from prefix commands -------------------------------------------------------------
    async def on_command_error(  # type: ignore[override]
        self, ctx: commands.Context[CareerMateBot], error: commands.CommandError
    ) -> None:
        if isinstance(error, commands.CommandNotFound):
            name = ctx.invoked_with or ""
            if name[:1].isalpha():  # "!!!" or "! wow" is not a command attempt
                await ctx.reply(UNKNOWN_COMMAND, mention_author=False)
            return
        friendly, log_it = describe_error(error)
        if log_it:
            log.error("prefix command %s failed", ctx.command, exc_info=error)
        await ctx.reply(friendly, mention_author=False)

    # -- shutdown ------------------------------------------------------------------------------
    async def close(self) -> None:
        if not self.accepting_work and self.is_closed():
            return
        self.accepting_work = False
        if self._inflight:
            log.info("waiting for %d in-flight tasks", len(self._inflight))
            _done, pending = await asyncio.wait(self._inflight, timeout=SHUTDOWN_GRACE_SECONDS)
            for task in pending:
                task.cancel()
        self.shard_runner.halt()  # connect no shard while closing
        try:
            await super().close()
            await self.shard_runner.stop()  # the shards are closed: give their leases back
        finally:
            if self._services is not None:
                await self._services.stop()

"""A fake Discord on 127.0.0.1 that an unmodified discord.py 2.7 connects to.

    fake = FakeDiscord(token="...", guilds=8)
    await fake.start()
    # point discord.py at it: discord.http.Route.BASE = fake.api_base and
    # DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url) (see boot/sitecustomize.py)
    user = fake.user(1)
    sent = await fake.send_dm(user, "hello")          # MESSAGE_CREATE to shard 0
    await fake.wait_for(lambda: fake.replies_to(sent.message.id), within=30)
    inter = await fake.slash(user, "career paths")    # INTERACTION_CREATE, DM: shard 0
    await fake.click(user, fake.messages[inter.original], custom_id)
    fake.rest.counters                                 # requests per route, 429s, ...
    fake.gateway.identify_log                          # every IDENTIFY, accepted or not

Guild events go to the shard `(guild_id >> 22) % shard_count`; direct messages (and DM
interactions) to shard 0. See gateway.py and rest.py for what is enforced.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.cluster.fake_discord.gateway import (
    DIRECT_MESSAGES,
    GUILD_MESSAGES,
    MESSAGE_CONTENT,
    Gateway,
)
from tests.cluster.fake_discord.model import (
    LOADING,
    Channel,
    Guild,
    Interaction,
    Message,
    User,
    member_payload,
    snowflake,
)
from tests.cluster.fake_discord.rest import API, RestApi

APPLICATION_ID = 1_200_000_000_000_000_001
# Application flags: the message content intent is enabled for this bot (GATEWAY_MESSAGE_CONTENT).
APPLICATION_FLAGS = 1 << 18
SLASH, COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
USER_PERMISSIONS = 1071698660929


@dataclass
class Sent:
    """A message a user sent, and the sessions the gateway delivered it to (none: no live
    session held its shard, so no bot process ever saw it)."""

    message: Message
    delivered_to: list[str]

    @property
    def delivered(self) -> bool:
        return bool(self.delivered_to)


class FakeDiscord:
    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        guilds: int = 4,
        recommended_shards: int = 1,
        max_concurrency: int = 1,
        identify_interval: float = 5.0,
        heartbeat_interval: float = 41.25,
        interaction_deadline: float = 3.0,
        message_content_enabled: bool = True,
    ) -> None:
        self.token = token
        self.application_id = APPLICATION_ID
        self.application_flags = APPLICATION_FLAGS
        self.recommended_shards = recommended_shards
        self.max_concurrency = max_concurrency
        self.identify_interval = identify_interval
        self.heartbeat_interval = heartbeat_interval
        self.interaction_deadline = interaction_deadline
        self.enabled_privileged_intents = MESSAGE_CONTENT if message_content_enabled else 0
        self.session_starts_remaining = 1000
        self.bot = User(APPLICATION_ID, "CareerMate", bot=True)
        self.owner = User(snowflake(), "owner")
        self.users: dict[int, User] = {self.bot.id: self.bot, self.owner.id: self.owner}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        self.interactions: dict[str, Interaction] = {}
        self.commands: dict[str | None, list[dict[str, Any]]] = {}
        self.command_syncs = 0
        self._dms: dict[int, Channel] = {}
        self._user_numbers: dict[int, User] = {}
        self.guilds = [self._make_guild(index) for index in range(guilds)]
        self.gateway = Gateway(self)
        self.rest = RestApi(self)
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Event()
        self._tokens = itertools.count(1)

    # -- life cycle ------------------------------------------------------------------------------
    def app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/", self.gateway.handle)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_route("*", API + "/{tail:.*}", self.rest.handle)
        return app

    async def start(self, port: int = 0) -> FakeDiscord:
        self._runner = web.AppRunner(self.app(), handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port, reuse_address=True)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return self.base_url + API

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    # -- the world ---------------------------------------------------------------------------------
    def _make_guild(self, index: int) -> Guild:
        # Guild i lands on shard i % shard_count for every shard count up to 16 (720720 is
        # divisible by each of them).
        guild_id = ((720_720 * 100_000 + index) << 22) | 1
        channel = Channel(id=snowflake(), type=0, guild_id=guild_id, name="career-help")
        self.channels[channel.id] = channel
        return Guild(id=guild_id, name=f"Guild {index}", channel=channel)

    def user(self, number: int) -> User:
        """The test's user number `number` (created once, a member of every guild)."""
        found = self._user_numbers.get(number)
        if found is None:
            found = User(snowflake(), f"user{number}")
            self._user_numbers[number] = found
            self.users[found.id] = found
            for guild in self.guilds:
                guild.members[found.id] = found
        return found

    def dm_channel(self, user: User) -> Channel:
        channel = self._dms.get(user.id)
        if channel is None:
            channel = Channel(id=snowflake(), type=1, recipient=user)
            self._dms[user.id] = channel
            self.channels[channel.id] = channel
        return channel

    def guild_for_shard(self, shard_id: int, shard_count: int) -> Guild:
        for guild in self.guilds:
            if guild.shard(shard_count) == shard_id:
                return guild
        raise LookupError(f"no guild on shard {shard_id} of {shard_count}")

    # -- messages the bot sends --------------------------------------------------------------------
    def add_bot_message(
        self,
        channel: Channel,
        payload: dict[str, Any],
        files: list[dict[str, Any]],
        *,
        reference: int | None = None,
        interaction: Interaction | None = None,
        loading: bool = False,
    ) -> Message:
        message = Message(
            id=snowflake(),
            channel_id=channel.id,
            author=self.bot,
            content=payload.get("content") or "",
            guild_id=channel.guild_id,
            embeds=list(payload.get("embeds") or []),
            components=list(payload.get("components") or []),
            attachments=[_attachment(f) for f in files],
            flags=int(payload.get("flags") or 0) | (LOADING if loading else 0),
            reference=reference,
            interaction_token=interaction.token if interaction is not None else None,
            webhook_id=self.application_id if interaction is not None else None,
        )
        self.messages[message.id] = message
        self.notify()
        return message

    def edit_message(
        self, message: Message, payload: dict[str, Any], files: list[dict[str, Any]]
    ) -> None:
        if "content" in payload:
            message.content = payload["content"] or ""
        if "embeds" in payload:
            message.embeds = list(payload["embeds"] or [])
        if "components" in payload:
            message.components = list(payload["components"] or [])
        if "attachments" in payload or files:
            message.attachments = [_attachment(f) for f in files]
        message.flags &= ~LOADING
        message.edits.append(time.monotonic())
        self.notify()

    # -- observations ----------------------------------------------------------------------------
    def bot_messages(self, channel_id: int | None = None) -> list[Message]:
        return [
            m
            for m in self.messages.values()
            if m.author.id == self.bot.id
            and not m.deleted
            and (channel_id is None or m.channel_id == channel_id)
        ]

    def replies_to(self, message_id: int) -> list[Message]:
        """The bot's messages that reply to `message_id` (Discord's message reference)."""
        return [m for m in self.bot_messages() if m.reference == message_id]

    def notify(self) -> None:
        self._changed.set()

    async def wait_for(self, predicate: Callable[[], Any], within: float = 30.0) -> Any:
        """Wait until `predicate()` is truthy (re-checked on every change); its value."""
        deadline = time.monotonic() + within
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the fake Discord did not see it in time")
            self._changed.clear()
            try:
                await asyncio.wait_for(self._changed.wait(), timeout=min(remaining, 0.5))
            except TimeoutError:
                pass

    # -- what users do ---------------------------------------------------------------------------
    async def send_dm(self, user: User, content: str) -> Sent:
        channel = self.dm_channel(user)
        message = Message(id=snowflake(), channel_id=channel.id, author=user, content=content)
        self.messages[message.id] = message
        delivered = await self.gateway.route(
            "MESSAGE_CREATE", message.payload(), guild_id=None, intent=DIRECT_MESSAGES
        )
        return Sent(message, delivered)

    async def send_guild_message(
        self, user: User, guild: Guild, content: str, *, mention_bot: bool = True
    ) -> Sent:
        text = f"<@{self.bot.id}> {content}" if mention_bot else content
        message = Message(
            id=snowflake(),
            channel_id=guild.channel.id,
            author=user,
            content=text,
            guild_id=guild.id,
            mentions=[self.bot] if mention_bot else [],
        )
        self.messages[message.id] = message
        data = message.payload()
        data["member"] = {k: v for k, v in member_payload(user, []).items() if k != "user"}
        delivered = await self.gateway.route(
            "MESSAGE_CREATE", data, guild_id=guild.id, intent=GUILD_MESSAGES
        )
        return Sent(message, delivered)

    async def slash(
        self, user: User, command: str, *, guild: Guild | None = None, **options: Any
    ) -> Interaction:
        """A slash command as Discord sends it: `await fake.slash(u, "career paths")`; the
        command must have been synced (PUT .../commands), its options typed by that sync."""
        data = self._command_data(command, options, guild)
        return await self._interact(SLASH, data, user, guild=guild)

    async def click(self, user: User, message: Message, custom_id: str) -> Interaction:
        if custom_id not in message.custom_ids():
            raise AssertionError(f"{custom_id!r} is not on the message: {message.custom_ids()}")
        data = {"custom_id": custom_id, "component_type": 2}
        guild = next((g for g in self.guilds if g.id == message.guild_id), None)
        return await self._interact(COMPONENT, data, user, guild=guild, message=message)

    async def submit_modal(
        self, user: User, shown: Interaction, values: dict[str, str]
    ) -> Interaction:
        if shown.modal is None:
            raise AssertionError("that interaction opened no modal")
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
            for key, value in values.items()
        ]
        data = {"custom_id": shown.modal["custom_id"], "components": rows}
        guild = next((g for g in self.guilds if g.id == shown.guild_id), None)
        return await self._interact(MODAL_SUBMIT, data, user, guild=guild)

    def _command_data(
        self, command: str, options: dict[str, Any], guild: Guild | None
    ) -> dict[str, Any]:
        names = command.split()
        synced = self.commands.get(str(guild.id) if guild else None) or self.commands.get(None)
        spec = next((c for c in synced or [] if c["name"] == names[0]), None)
        if spec is None:
            raise AssertionError(f"/{names[0]} was never synced to the fake Discord")
        level: dict[str, Any] = spec
        for name in names[1:]:
            level = next(o for o in level.get("options", []) if o["name"] == name)
        types = {o["name"]: o["type"] for o in level.get("options", []) if o["type"] > 2}
        unknown = set(options) - set(types)
        if unknown:
            raise AssertionError(f"/{command} has no options {unknown}")
        nested: list[dict[str, Any]] = [
            {"name": k, "type": types[k], "value": v} for k, v in options.items()
        ]
        for depth in range(len(names) - 1, 0, -1):
            kind = 1 if depth == len(names) - 1 else 2
            nested = [{"name": names[depth], "type": kind, "options": nested}]
        return {"id": spec["id"], "name": names[0], "type": 1, "options": nested}

    async def _interact(
        self,
        kind: int,
        data: dict[str, Any],
        user: User,
        *,
        guild: Guild | None,
        message: Message | None = None,
    ) -> Interaction:
        interaction_id = snowflake()
        token = f"itoken-{interaction_id}-{next(self._tokens)}"
        channel = guild.channel if guild is not None else self.dm_channel(user)
        interaction = Interaction(
            id=interaction_id,
            token=token,
            type=kind,
            user=user,
            channel_id=channel.id,
            guild_id=guild.id if guild is not None else None,
            source_message=message.id if message is not None else None,
        )
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "attachment_size_limit": 25 * 1024 * 1024,
            "app_permissions": str(USER_PERMISSIONS),
            "entitlements": [],
            "authorizing_integration_owners": (
                {"0": str(guild.id)} if guild else {"1": str(user.id)}
            ),
            "channel": channel.payload(),
            "channel_id": str(channel.id),
        }
        if guild is not None:
            payload.update(
                guild_id=str(guild.id),
                guild={"id": str(guild.id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                member=member_payload(user, [], USER_PERMISSIONS),
                context=0,
            )
        else:
            payload.update(user=user.payload(), context=1)
        if message is not None:
            payload["message"] = message.payload()
        self.interactions[token] = interaction
        interaction.created = time.monotonic()
        interaction.delivered_to = await self.gateway.route(
            "INTERACTION_CREATE", payload, guild_id=interaction.guild_id, intent=0
        )
        return interaction


def _attachment(file: dict[str, Any]) -> dict[str, Any]:
    attachment_id = snowflake()
    name = file.get("filename") or "file"
    url = f"https://cdn.example.invalid/attachments/{attachment_id}/{name}"
    return {
        "id": str(attachment_id),
        "filename": name,
        "size": file.get("size", 0),
        "url": url,
        "proxy_url": url,
    }

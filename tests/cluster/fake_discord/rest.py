"""The fake Discord's REST API (`/api/v10/...`): the routes CareerMate uses, under Discord's
rate limits (`budget.py`), Discord's error shapes, and Discord's payload limits (the harness's
`limits.py`: a payload Discord would refuse gets its 400 here too).

Counters for the test: requests per route, statuses, 429s (global and per route), refused
payloads, and any route the fake does not know (a test should see none).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

from tests.cluster.fake_discord.budget import RestBudget
from tests.cluster.fake_discord.model import EPHEMERAL, LOADING, Channel, Interaction, Message
from tests.harness.limits import callback_problems, message_problems

if TYPE_CHECKING:
    from tests.cluster.fake_discord.server import FakeDiscord

API = "/api/v10"
Files = list[dict[str, Any]]
Handler = Callable[[web.Request, dict[str, str], Any, Files], Awaitable[Any]]

# Interaction callback types.
PONG, CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE = 1, 4, 5, 6, 7
AUTOCOMPLETE, MODAL = 8, 9


class DiscordError(Exception):
    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class RouteSpec:
    method: str
    template: str  # Discord's route, e.g. /channels/{channel_id}/messages
    bucket: str
    major: str | None  # which path parameter is the bucket's major parameter
    handler: str
    interaction: bool = False  # not bound to the global limit, no bot token needed

    @property
    def key(self) -> str:
        return f"{self.method} {self.template}"

    def regex(self) -> re.Pattern[str]:
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", self.template)
        return re.compile(f"^{API}{pattern}$")


ROUTES = [
    RouteSpec("GET", "/users/@me", "users-me", None, "users_me"),
    RouteSpec("GET", "/users/{user_id}", "users", None, "get_user"),
    RouteSpec("GET", "/oauth2/applications/@me", "application", None, "application"),
    RouteSpec("GET", "/gateway/bot", "gateway-bot", None, "gateway_bot"),
    RouteSpec("GET", "/gateway", "gateway", None, "gateway"),
    RouteSpec("GET", "/applications/{app_id}/commands", "commands", None, "get_commands"),
    RouteSpec("PUT", "/applications/{app_id}/commands", "commands", None, "put_commands"),
    RouteSpec(
        "GET",
        "/applications/{app_id}/guilds/{guild_id}/commands",
        "guild-commands",
        "guild_id",
        "get_commands",
    ),
    RouteSpec(
        "PUT",
        "/applications/{app_id}/guilds/{guild_id}/commands",
        "guild-commands",
        "guild_id",
        "put_commands",
    ),
    RouteSpec("POST", "/users/@me/channels", "dm-create", None, "create_dm"),
    RouteSpec("GET", "/channels/{channel_id}", "channel", "channel_id", "get_channel"),
    RouteSpec(
        "POST",
        "/channels/{channel_id}/messages",
        "channel-message-create",
        "channel_id",
        "create_message",
    ),
    RouteSpec(
        "GET",
        "/channels/{channel_id}/messages/{message_id}",
        "channel-message-get",
        "channel_id",
        "get_message",
    ),
    RouteSpec(
        "PATCH",
        "/channels/{channel_id}/messages/{message_id}",
        "channel-message-edit",
        "channel_id",
        "edit_message",
    ),
    RouteSpec(
        "DELETE",
        "/channels/{channel_id}/messages/{message_id}",
        "channel-message-edit",
        "channel_id",
        "delete_message",
    ),
    RouteSpec("POST", "/channels/{channel_id}/typing", "channel-typing", "channel_id", "typing"),
    RouteSpec(
        "PUT",
        "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
        "reactions",
        "channel_id",
        "react",
    ),
    RouteSpec(
        "DELETE",
        "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
        "reactions",
        "channel_id",
        "react",
    ),
    RouteSpec(
        "POST",
        "/interactions/{interaction_id}/{token}/callback",
        "interaction-callback",
        "token",
        "callback",
        interaction=True,
    ),
    RouteSpec(
        "POST",
        "/webhooks/{app_id}/{token}",
        "interaction-webhook",
        "token",
        "followup",
        interaction=True,
    ),
    RouteSpec(
        "GET",
        "/webhooks/{app_id}/{token}/messages/{message_id}",
        "interaction-webhook",
        "token",
        "webhook_get",
        interaction=True,
    ),
    RouteSpec(
        "PATCH",
        "/webhooks/{app_id}/{token}/messages/{message_id}",
        "interaction-webhook",
        "token",
        "webhook_edit",
        interaction=True,
    ),
    RouteSpec(
        "DELETE",
        "/webhooks/{app_id}/{token}/messages/{message_id}",
        "interaction-webhook",
        "token",
        "webhook_delete",
        interaction=True,
    ),
]
COMPILED = [(spec, spec.regex()) for spec in ROUTES]


@dataclass
class RestCounters:
    requests: Counter[str] = field(default_factory=Counter)  # "POST /channels/{...}/messages"
    statuses: Counter[int] = field(default_factory=Counter)
    limited_global: int = 0
    limited_route: Counter[str] = field(default_factory=Counter)
    refused_payloads: list[str] = field(default_factory=list)
    unknown_routes: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    @property
    def total(self) -> int:
        return sum(self.requests.values())

    @property
    def limited(self) -> int:
        return self.limited_global + sum(self.limited_route.values())

    def channel_message_calls(self) -> int:
        """Calls bound to the global limit that create, edit or delete channel messages."""
        return sum(
            n for key, n in self.requests.items() if "/channels/{channel_id}/messages" in key
        )


class RestApi:
    def __init__(self, discord: FakeDiscord) -> None:
        self.discord = discord
        self.budget = RestBudget()
        self.counters = RestCounters()

    # -- dispatch ------------------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        for spec, regex in COMPILED:
            match = regex.match(path)
            if match is None or spec.method != request.method:
                continue
            params = match.groupdict()
            return await self._serve(request, spec, params)
        self.counters.unknown_routes.append(f"{request.method} {path}")
        self.counters.statuses[404] += 1
        return _json({"message": "404: Not Found", "code": 0}, status=404)

    async def _serve(
        self, request: web.Request, spec: RouteSpec, params: dict[str, str]
    ) -> web.StreamResponse:
        counters = self.counters
        counters.requests[spec.key] += 1
        if not spec.interaction and request.headers.get("Authorization") != (
            f"Bot {self.discord.token}"
        ):
            counters.statuses[401] += 1
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        major = params.get(spec.major, "") if spec.major else ""
        decision = self.budget.check(spec.bucket, major, global_exempt=spec.interaction)
        if not decision.allowed:
            counters.statuses[429] += 1
            if decision.is_global:
                counters.limited_global += 1
            else:
                counters.limited_route[spec.key] += 1
            body = {
                "message": "You are being rate limited.",
                "retry_after": round(decision.retry_after, 3),
                "global": decision.is_global,
            }
            return _json(body, status=429, headers=decision.headers)
        try:
            payload, files = await _read_body(request)
            handler: Handler = getattr(self, spec.handler)
            result = await handler(request, params, payload, files)
        except DiscordError as error:
            counters.statuses[error.status] += 1
            body = {"message": error.message, "code": error.code}
            return _json(body, status=error.status, headers=decision.headers)
        if result is None:
            counters.statuses[204] += 1
            return web.Response(status=204, headers=decision.headers)
        counters.statuses[200] += 1
        return _json(result, headers=decision.headers)

    def _refuse(self, what: str, problems: list[str]) -> None:
        if problems:
            self.counters.refused_payloads.append(f"{what}: {'; '.join(problems)}")
            raise DiscordError(400, 50035, f"Invalid Form Body: {'; '.join(problems)}")

    # -- users, application, gateway -----------------------------------------------------------
    async def users_me(self, *_: Any) -> Any:
        return self.discord.bot.payload()

    async def get_user(self, _r: web.Request, params: dict[str, str], *_: Any) -> Any:
        user = self.discord.users.get(int(params["user_id"]))
        if user is None:
            raise DiscordError(404, 10013, "Unknown User")
        return user.payload()

    async def application(self, *_: Any) -> Any:
        fake = self.discord
        return {
            "id": str(fake.application_id),
            "name": fake.bot.username,
            "icon": None,
            "description": "",
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": fake.owner.payload(),
            "team": None,
            "verify_key": "0" * 64,
            "flags": fake.application_flags,
            "redirect_uris": [],
        }

    async def gateway_bot(self, *_: Any) -> Any:
        fake = self.discord
        return {
            "url": fake.gateway_url,
            "shards": fake.recommended_shards,
            "session_start_limit": {
                "total": 1000,
                "remaining": fake.session_starts_remaining,
                "reset_after": 86_400_000,
                "max_concurrency": fake.max_concurrency,
            },
        }

    async def gateway(self, *_: Any) -> Any:
        return {"url": self.discord.gateway_url}

    # -- application commands ------------------------------------------------------------------
    async def get_commands(self, _r: web.Request, params: dict[str, str], *_: Any) -> Any:
        return self.discord.commands.get(params.get("guild_id"), [])

    async def put_commands(
        self, _r: web.Request, params: dict[str, str], payload: Any, _f: Any
    ) -> Any:
        from tests.cluster.fake_discord.model import snowflake

        fake = self.discord
        if int(params["app_id"]) != fake.application_id:
            raise DiscordError(403, 50001, "Missing Access")
        stored = []
        for command in payload or []:
            entry = {
                "id": str(snowflake()),
                "application_id": str(fake.application_id),
                "version": str(snowflake()),
                "type": command.get("type", 1),
                "default_member_permissions": None,
                "dm_permission": True,
                "nsfw": False,
                **command,
            }
            if params.get("guild_id"):
                entry["guild_id"] = params["guild_id"]
            stored.append(entry)
        fake.commands[params.get("guild_id")] = stored
        fake.command_syncs += 1
        return stored

    # -- channels and messages -------------------------------------------------------------------
    def _channel(self, channel_id: str) -> Channel:
        channel = self.discord.channels.get(int(channel_id))
        if channel is None:
            raise DiscordError(404, 10003, "Unknown Channel")
        return channel

    def _message(self, channel_id: str, message_id: str) -> Message:
        message = self.discord.messages.get(int(message_id))
        if message is None or message.deleted or message.channel_id != int(channel_id):
            raise DiscordError(404, 10008, "Unknown Message")
        return message

    async def create_dm(self, _r: web.Request, _p: Any, payload: Any, _f: Any) -> Any:
        user = self.discord.users.get(int(payload.get("recipient_id", 0)))
        if user is None:
            raise DiscordError(400, 50033, "Invalid Recipient(s)")
        return self.discord.dm_channel(user).payload()

    async def get_channel(self, _r: web.Request, params: dict[str, str], *_: Any) -> Any:
        return self._channel(params["channel_id"]).payload()

    async def create_message(
        self, _r: web.Request, params: dict[str, str], payload: Any, files: list[dict[str, Any]]
    ) -> Any:
        channel = self._channel(params["channel_id"])
        self._refuse(
            f"message to channel {channel.id}", message_problems(payload, files=len(files))
        )
        reference = (payload.get("message_reference") or {}).get("message_id")
        if reference is not None:
            target = self.discord.messages.get(int(reference))
            if target is None and (payload.get("message_reference") or {}).get(
                "fail_if_not_exists", True
            ):
                raise DiscordError(400, 50035, "Invalid Form Body: Unknown message")
        message = self.discord.add_bot_message(
            channel,
            payload,
            files,
            reference=int(reference) if reference is not None else None,
        )
        return message.payload()

    async def get_message(self, _r: web.Request, params: dict[str, str], *_: Any) -> Any:
        return self._message(params["channel_id"], params["message_id"]).payload()

    async def edit_message(
        self, _r: web.Request, params: dict[str, str], payload: Any, files: list[dict[str, Any]]
    ) -> Any:
        message = self._message(params["channel_id"], params["message_id"])
        if message.author.id != self.discord.bot.id:
            raise DiscordError(403, 50005, "Cannot edit a message authored by another user")
        self._refuse(f"edit of message {message.id}", message_problems(payload, files=len(files)))
        self.discord.edit_message(message, payload, files)
        return message.payload()

    async def delete_message(self, _r: web.Request, params: dict[str, str], *_: Any) -> Any:
        message = self._message(params["channel_id"], params["message_id"])
        message.deleted = True
        return None

    async def typing(self, _r: web.Request, params: dict[str, str], *_: Any) -> Any:
        self._channel(params["channel_id"])
        return None

    async def react(self, _r: web.Request, params: dict[str, str], *_: Any) -> Any:
        self._message(params["channel_id"], params["message_id"])
        return None

    # -- interactions --------------------------------------------------------------------------
    def _interaction(self, token: str) -> Interaction:
        interaction = self.discord.interactions.get(token)
        if interaction is None:
            raise DiscordError(404, 10015, "Unknown Webhook")
        return interaction

    async def callback(
        self, _r: web.Request, params: dict[str, str], payload: Any, files: list[dict[str, Any]]
    ) -> Any:
        fake = self.discord
        interaction = fake.interactions.get(params["token"])
        if interaction is None or str(interaction.id) != params["interaction_id"]:
            raise DiscordError(404, 10062, "Unknown interaction")
        if interaction.callback_type is not None:
            interaction.double_callbacks += 1
            raise DiscordError(400, 40060, "Interaction has already been acknowledged.")
        if time.monotonic() - interaction.created > fake.interaction_deadline:
            interaction.late_callbacks += 1
            raise DiscordError(404, 10062, "Unknown interaction")
        kind = int(payload.get("type", 0))
        data = dict(payload.get("data") or {})
        self._refuse(
            f"interaction response (type {kind})",
            callback_problems(kind, data, files=len(files)),
        )
        interaction.callback_type = kind
        interaction.callback_at = time.monotonic()
        response: dict[str, Any] = {"interaction": {"id": str(interaction.id), "type": kind}}
        channel = fake.channels[interaction.channel_id]
        if kind in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            loading = kind == DEFERRED_CHANNEL_MESSAGE
            message = fake.add_bot_message(
                channel, data, files, interaction=interaction, loading=loading
            )
            interaction.original = message.id
            response["interaction"].update(
                response_message_id=str(message.id),
                response_message_loading=loading,
                response_message_ephemeral=bool(message.flags & EPHEMERAL),
            )
            response["resource"] = {"type": kind, "message": message.payload()}
        elif kind in (UPDATE_MESSAGE, DEFERRED_UPDATE) and interaction.source_message:
            message = fake.messages[interaction.source_message]
            interaction.original = message.id
            if kind == UPDATE_MESSAGE:
                fake.edit_message(message, data, files)
            response["interaction"]["response_message_id"] = str(message.id)
            response["resource"] = {"type": kind, "message": message.payload()}
        elif kind == MODAL:
            interaction.modal = data
        fake.notify()
        return response

    def _target(self, interaction: Interaction, message_id: str) -> Message:
        target = interaction.original if message_id == "@original" else int(message_id)
        message = self.discord.messages.get(target or 0)
        if message is None or message.deleted:
            raise DiscordError(404, 10008, "Unknown Message")
        return message

    async def followup(
        self, _r: web.Request, params: dict[str, str], payload: Any, files: list[dict[str, Any]]
    ) -> Any:
        interaction = self._interaction(params["token"])
        if interaction.callback_type is None:
            raise DiscordError(404, 10015, "Unknown Webhook")
        self._refuse("followup", message_problems(payload, files=len(files)))
        channel = self.discord.channels[interaction.channel_id]
        message = self.discord.add_bot_message(channel, payload, files, interaction=interaction)
        interaction.followups.append(message.id)
        return message.payload()

    async def webhook_get(self, _r: web.Request, params: dict[str, str], *_: Any) -> Any:
        interaction = self._interaction(params["token"])
        return self._target(interaction, params["message_id"]).payload()

    async def webhook_edit(
        self, _r: web.Request, params: dict[str, str], payload: Any, files: list[dict[str, Any]]
    ) -> Any:
        interaction = self._interaction(params["token"])
        message = self._target(interaction, params["message_id"])
        self._refuse(f"edit of message {message.id}", message_problems(payload, files=len(files)))
        self.discord.edit_message(message, payload, files)
        return message.payload()

    async def webhook_delete(self, _r: web.Request, params: dict[str, str], *_: Any) -> Any:
        interaction = self._interaction(params["token"])
        self._target(interaction, params["message_id"]).deleted = True
        return None


async def _read_body(request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
    """The JSON payload and any uploaded files (multipart: `payload_json` + `files[n]`)."""
    if request.content_type.startswith("multipart/"):
        payload: Any = {}
        files: list[dict[str, Any]] = []
        reader = await request.multipart()
        async for part in reader:
            name = getattr(part, "name", None)
            data = await part.read()  # type: ignore[union-attr]
            if name == "payload_json":
                payload = json.loads(data)
            elif name and name.startswith("files["):
                files.append({"filename": getattr(part, "filename", None), "size": len(data)})
        return payload, files
    if request.can_read_body:
        text = await request.text()
        return (json.loads(text) if text else {}), []
    return {}, []


def _json(data: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON as Discord sends it: discord.py parses a body only when the Content-Type is
    exactly `application/json` (aiohttp's json_response adds a charset)."""
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


def loading_flag(message: Message) -> bool:
    return bool(message.flags & LOADING)

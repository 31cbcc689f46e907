"""Capture of everything the bot answers to interactions.

discord.py sends interaction responses, followups and edits through
`discord.webhook.async_.AsyncWebhookAdapter.request`, not through the bot's HTTP client (which
dpytest fakes). Patching that one method catches every interaction route; the fake answers with
payloads shaped like Discord's, so discord.py builds real `InteractionMessage`/`WebhookMessage`
objects and stores views by the message id we hand out. Every payload also goes through
Discord's size limits (`limits.py`): `limits.violations` lists what Discord would refuse.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any

import discord
from discord.webhook.async_ import AsyncWebhookAdapter

from tests.harness.limits import LimitChecker

_ids = itertools.count(1_300_000_000_000_000_000)


def next_snowflake() -> int:
    return next(_ids)


CALLBACK_RE = re.compile(r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback$")
WEBHOOK_RE = re.compile(
    r"/webhooks/(?P<app>\d+)/(?P<token>[^/?]+)(?:/messages/(?P<message>@original|\d+))?$"
)

# Interaction callback types (Discord API).
PONG, CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE = 1, 4, 5, 6, 7
AUTOCOMPLETE_RESULT, MODAL = 8, 9
EPHEMERAL_FLAG = 64


@dataclass
class Call:
    """One request the bot made for an interaction."""

    kind: str  # callback | followup | edit | get | delete
    token: str
    payload: dict[str, Any]
    files: list[discord.File]
    callback_type: int | None = None
    message_id: int | None = None


@dataclass
class InteractionResult:
    """What one interaction produced: its calls, and the messages they created or edited."""

    interaction_id: int
    token: str
    capture: InteractionCapture
    calls: list[Call] = field(default_factory=list)

    # -- the response ---------------------------------------------------------------------
    @property
    def callback(self) -> Call | None:
        return next((c for c in self.calls if c.kind == "callback"), None)

    @property
    def deferred(self) -> bool:
        cb = self.callback
        return cb is not None and cb.callback_type in (DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE)

    @property
    def modal(self) -> dict[str, Any] | None:
        cb = self.callback
        return cb.payload if cb is not None and cb.callback_type == MODAL else None

    @property
    def choices(self) -> list[dict[str, Any]]:
        cb = self.callback
        if cb is None or cb.callback_type != AUTOCOMPLETE_RESULT:
            return []
        return list(cb.payload.get("choices", []))

    @property
    def message_ids(self) -> list[int]:
        ids: list[int] = []
        for call in self.calls:
            if call.message_id is not None and call.message_id not in ids:
                ids.append(call.message_id)
        return ids

    @property
    def messages(self) -> list[dict[str, Any]]:
        """The current state (after edits) of every message this interaction touched."""
        return [self.capture.messages[i] for i in self.message_ids if i in self.capture.messages]

    @property
    def message(self) -> dict[str, Any]:
        """The first message of the reply (the original response, or the first followup)."""
        messages = self.messages
        if not messages:
            raise AssertionError(f"the interaction produced no message; calls: {self.calls}")
        return messages[0]

    @property
    def ephemeral(self) -> bool:
        return bool(self.message.get("flags", 0) & EPHEMERAL_FLAG)

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return [embed for message in self.messages for embed in message.get("embeds", [])]

    @property
    def files(self) -> list[discord.File]:
        return [f for call in self.calls for f in call.files]

    def text(self) -> str:
        """All visible text of all messages: content, embed titles, fields, footers."""
        return "\n".join(message_text(m) for m in self.messages)

    def custom_ids(self) -> list[str]:
        return [c["custom_id"] for c in iter_components(self.message) if "custom_id" in c]


def iter_components(message: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            found.append(item)
            walk(item.get("components", []))
            if "component" in item:
                walk([item["component"]])

    walk(message.get("components", []))
    return found


def embed_text(embed: dict[str, Any]) -> str:
    parts = [embed.get("title", ""), embed.get("description", "")]
    for f in embed.get("fields", []):
        parts += [f.get("name", ""), f.get("value", "")]
    parts.append(embed.get("footer", {}).get("text", ""))
    parts.append(embed.get("author", {}).get("name", ""))
    return "\n".join(p for p in parts if p)


def message_text(message: dict[str, Any]) -> str:
    parts = [message.get("content") or ""]
    parts += [embed_text(e) for e in message.get("embeds", [])]
    return "\n".join(p for p in parts if p)


class InteractionCapture:
    """Fake Discord webhook/interaction endpoint: records calls, keeps message state."""

    def __init__(self, bot_user: dict[str, Any], application_id: int) -> None:
        self.bot_user = bot_user
        self.application_id = application_id
        self.messages: dict[int, dict[str, Any]] = {}
        self.results: dict[str, InteractionResult] = {}
        self.original: dict[str, int] = {}  # token -> message id of the original response
        self.channels: dict[str, int] = {}  # token -> channel id
        self.source_message: dict[str, int] = {}  # token -> message id a component sat on
        self.limits = LimitChecker()
        self._original_request = AsyncWebhookAdapter.request

    # -- lifecycle ---------------------------------------------------------------------------
    def install(self) -> None:
        capture = self

        async def fake_request(
            adapter: AsyncWebhookAdapter, route: Any, session: Any, **kw: Any
        ) -> Any:
            return capture.handle(route.method, route.url, kw)

        AsyncWebhookAdapter.request = fake_request  # type: ignore[method-assign]

    def uninstall(self) -> None:
        AsyncWebhookAdapter.request = self._original_request  # type: ignore[method-assign]

    def begin(
        self, interaction_id: int, token: str, channel_id: int, message_id: int | None
    ) -> InteractionResult:
        result = InteractionResult(interaction_id=interaction_id, token=token, capture=self)
        self.results[token] = result
        self.channels[token] = channel_id
        if message_id is not None:
            self.source_message[token] = message_id
        return result

    # -- the fake endpoint ---------------------------------------------------------------------
    def handle(self, method: str, url: str, kw: dict[str, Any]) -> Any:
        payload = _payload(kw)
        files = list(kw.get("files") or [])
        if match := CALLBACK_RE.search(url):
            return self._callback(match["token"], int(match["id"]), payload, files)
        match = WEBHOOK_RE.search(url)
        if match is None:
            raise AssertionError(f"unexpected webhook route {method} {url}")
        token, target = match["token"], match["message"]
        result = self.results[token]
        if method in ("POST", "PATCH"):
            what = "followup" if method == "POST" else f"edit of message {target}"
            self.limits.message(f"{what} (interaction webhook)", payload, files=len(files))
        if method == "POST":
            message = self._new_message(token, payload, files)
            result.calls.append(
                Call("followup", token, payload, files, message_id=message["id_int"])
            )
            return message["data"]
        message_id = self.original.get(token) if target == "@original" else int(target or 0)
        if method == "GET":
            result.calls.append(Call("get", token, {}, [], message_id=message_id))
            return self.messages[message_id]  # type: ignore[index]
        if method == "DELETE":
            result.calls.append(Call("delete", token, {}, [], message_id=message_id))
            self.messages.pop(message_id, None)  # type: ignore[arg-type]
            return None
        if method == "PATCH":
            data = self._edit(message_id, payload, files)  # type: ignore[arg-type]
            result.calls.append(Call("edit", token, payload, files, message_id=message_id))
            return data
        raise AssertionError(f"unexpected webhook method {method} {url}")

    def _callback(
        self, token: str, interaction_id: int, payload: dict[str, Any], files: list[discord.File]
    ) -> dict[str, Any]:
        result = self.results[token]
        callback_type = int(payload.get("type", 0))
        data = dict(payload.get("data") or {})
        self.limits.callback(
            f"interaction response (callback type {callback_type})",
            callback_type,
            data,
            files=len(files),
        )
        response: dict[str, Any] = {
            "interaction": {"id": str(interaction_id), "type": callback_type},
        }
        message_id: int | None = None
        if callback_type in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            created = self._new_message(
                token, data, files, loading=callback_type == DEFERRED_CHANNEL_MESSAGE
            )
            message_id = created["id_int"]
            self.original[token] = message_id
            response["interaction"].update(
                response_message_id=str(message_id),
                response_message_loading=callback_type == DEFERRED_CHANNEL_MESSAGE,
                response_message_ephemeral=bool(data.get("flags", 0) & EPHEMERAL_FLAG),
            )
            response["resource"] = {"type": callback_type, "message": created["data"]}
        elif callback_type in (UPDATE_MESSAGE, DEFERRED_UPDATE):
            message_id = self.source_message.get(token)
            if message_id is not None:
                self.original[token] = message_id
                if callback_type == UPDATE_MESSAGE:
                    self._edit(message_id, data, files)
                response["interaction"]["response_message_id"] = str(message_id)
                response["resource"] = {"type": callback_type, "message": self.messages[message_id]}
        result.calls.append(
            Call("callback", token, data, files, callback_type=callback_type, message_id=message_id)
        )
        return response

    def _new_message(
        self, token: str, data: dict[str, Any], files: list[discord.File], *, loading: bool = False
    ) -> dict[str, Any]:
        message_id = next_snowflake()
        message = {
            "id": str(message_id),
            "channel_id": str(self.channels.get(token, 0)),
            "author": self.bot_user,
            "content": data.get("content") or "",
            "embeds": data.get("embeds") or [],
            "components": data.get("components") or [],
            "attachments": [_attachment(f) for f in files],
            "flags": int(data.get("flags", 0)) | (128 if loading else 0),
            "timestamp": discord.utils.utcnow().isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "type": 0,
            "webhook_id": str(self.application_id),
            "application_id": str(self.application_id),
            "allowed_mentions": data.get("allowed_mentions"),
        }
        self.messages[message_id] = message
        return {"id_int": message_id, "data": message}

    def message_payload(
        self, message_id: int, channel_id: int, components: list[dict[str, Any]], content: str = ""
    ) -> dict[str, Any]:
        """A message the bot sent outside an interaction (e.g. a DM reply with a Stop button), as
        Discord would include it in a click's payload; for clicking it after a restart."""
        message = self._new_message("", {"content": content, "components": components}, [])["data"]
        self.messages.pop(int(message["id"]))
        return {**message, "id": str(message_id), "channel_id": str(channel_id)}

    def _edit(
        self, message_id: int, data: dict[str, Any], files: list[discord.File]
    ) -> dict[str, Any]:
        message = self.messages[message_id]
        for key in ("content", "embeds", "components", "allowed_mentions"):
            if key in data:
                message[key] = (
                    data[key] if data[key] is not None else ([] if key != "content" else "")
                )
        if "attachments" in data or files:
            message["attachments"] = [_attachment(f) for f in files]
        message["flags"] = message.get("flags", 0) & ~128
        message["edited_timestamp"] = discord.utils.utcnow().isoformat()
        return message


def _payload(kw: dict[str, Any]) -> dict[str, Any]:
    if kw.get("payload") is not None:
        return dict(kw["payload"])
    for part in kw.get("multipart") or []:
        if part.get("name") == "payload_json":
            return json.loads(part["value"])
    return {}


def _attachment(file: discord.File) -> dict[str, Any]:
    attachment_id = next_snowflake()
    return {
        "id": str(attachment_id),
        "filename": file.filename,
        "size": 0,
        "url": f"https://cdn.example.invalid/attachments/{attachment_id}/{file.filename}",
        "proxy_url": f"https://cdn.example.invalid/attachments/{attachment_id}/{file.filename}",
    }

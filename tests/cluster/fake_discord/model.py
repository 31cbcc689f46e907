"""What the fake Discord knows: snowflakes, users, guilds, channels, messages, interactions.

Payloads are shaped like Discord API v10's (the fields discord.py 2.7 reads), so an unmodified
discord.py builds real objects from them.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000
EPHEMERAL = 64
LOADING = 128

_increment = itertools.count(1)


def snowflake(at_ms: int | None = None) -> int:
    """A Discord id: milliseconds since 2015 in the high bits, a counter in the low ones."""
    ms = at_ms if at_ms is not None else int(time.time() * 1000)
    return ((ms - DISCORD_EPOCH_MS) << 22) | (next(_increment) & 0xFFF)


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class User:
    id: int
    username: str
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": None if self.bot else self.username.title(),
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }


@dataclass
class Channel:
    id: int
    type: int  # 0 guild text, 1 DM
    guild_id: int | None = None
    name: str = ""
    recipient: User | None = None

    def payload(self) -> dict[str, Any]:
        if self.type == 1:
            assert self.recipient is not None
            return {
                "id": str(self.id),
                "type": 1,
                "recipients": [self.recipient.payload()],
                "last_message_id": None,
                "flags": 0,
            }
        return {
            "id": str(self.id),
            "type": 0,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "flags": 0,
        }


@dataclass
class Guild:
    id: int
    name: str
    channel: Channel
    members: dict[int, User] = field(default_factory=dict)

    def shard(self, shard_count: int) -> int:
        return (self.id >> 22) % shard_count

    def payload(self, bot: User) -> dict[str, Any]:
        everyone = {
            "id": str(self.id),
            "name": "@everyone",
            "permissions": "1071698660929",  # send/read messages, embeds, files, app commands
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "owner_id": str(next(iter(self.members), bot.id)),
            "roles": [everyone],
            "emojis": [],
            "stickers": [],
            "features": [],
            "channels": [self.channel.payload()],
            "threads": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "members": [member_payload(bot, [])],
            "member_count": len(self.members) + 1,
            "large": False,
            "unavailable": False,
            "joined_at": iso_now(),
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "system_channel_flags": 0,
        }


def member_payload(user: User, roles: list[int], permissions: int | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "user": user.payload(),
        "roles": [str(r) for r in roles],
        "joined_at": iso_now(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
    }
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


@dataclass
class Message:
    """A message in a channel: the user's, or one the bot sent (with its edit history)."""

    id: int
    channel_id: int
    author: User
    content: str
    guild_id: int | None = None
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    reference: int | None = None  # the message this one replies to
    interaction_token: str | None = None  # sent as an interaction response / followup
    webhook_id: int | None = None
    mentions: list[User] = field(default_factory=list)
    created: float = field(default_factory=time.monotonic)
    edits: list[float] = field(default_factory=list)
    deleted: bool = False

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": iso_now(),
            "edited_timestamp": iso_now() if self.edits else None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [u.payload() for u in self.mentions],
            "mention_roles": [],
            "attachments": self.attachments,
            "embeds": self.embeds,
            "components": self.components,
            "pinned": False,
            "type": 19 if self.reference is not None else 0,
            "flags": self.flags,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.reference is not None:
            data["message_reference"] = {
                "type": 0,
                "message_id": str(self.reference),
                "channel_id": str(self.channel_id),
                **({"guild_id": str(self.guild_id)} if self.guild_id else {}),
            }
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
            data["application_id"] = str(self.webhook_id)
        return data

    def text(self) -> str:
        """Content plus embed titles, descriptions and fields: what a user reads."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title", ""), embed.get("description", "")]
            for item in embed.get("fields", []):
                parts += [item.get("name", ""), item.get("value", "")]
        return "\n".join(p for p in parts if p)

    def custom_ids(self) -> list[str]:
        found: list[str] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for item in items:
                if "custom_id" in item:
                    found.append(item["custom_id"])
                walk(item.get("components", []))

        walk(self.components)
        return found


@dataclass
class Interaction:
    """One INTERACTION_CREATE the fake sent, and what the bot answered to it."""

    id: int
    token: str
    type: int
    user: User
    channel_id: int
    guild_id: int | None
    created: float = field(default_factory=time.monotonic)
    source_message: int | None = None
    callback_type: int | None = None
    callback_at: float | None = None
    original: int | None = None  # message id of the original response
    followups: list[int] = field(default_factory=list)
    late_callbacks: int = 0
    double_callbacks: int = 0
    modal: dict[str, Any] | None = None
    delivered_to: list[str] = field(default_factory=list)  # session ids

    @property
    def message_ids(self) -> list[int]:
        first = [self.original] if self.original is not None else []
        return first + self.followups

"""What the DM end-to-end tests share: a spy on every reply the bot makes to a message (with
its buttons and later edits), a DM sender, the services a test bot runs with."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import callbacks

from careermate_bot.config import Settings
from careermate_bot.llm.fake import fake_client
from careermate_bot.services.container import AppServices
from models import ChatMessage, MessageRole
from tests.harness.driver import DiscordHarness

MODEL_SAYS = "Nice to hear from you! How is the job hunt going?"


@dataclass
class Sent:
    content: str
    embeds: list[discord.Embed]
    components: list[dict[str, Any]]
    message_id: int
    channel_id: int


@dataclass
class Spy:
    """Every reply the bot made to a message (with its buttons), plus later edits."""

    replies: list[Sent] = field(default_factory=list)
    edits: dict[int, str] = field(default_factory=dict)

    def texts(self) -> list[str]:
        return [self.edits.get(s.message_id, s.content) for s in self.replies]

    def last(self) -> Sent:
        return self.replies[-1]

    def embeds(self) -> list[discord.Embed]:
        """Every embed the bot sent, in order."""
        return [e for s in self.replies for e in s.embeds]

    def all_text(self) -> str:
        parts = []
        for sent, text in zip(self.replies, self.texts(), strict=True):
            parts.append(text)
            for embed in sent.embeds:
                parts.append(embed.title or "")
                parts.append(embed.description or "")
                parts.extend(f"{f.name} {f.value}" for f in embed.fields)
        return "\n".join(parts)


def install_spy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Spy:
    """Record every `Message.reply` and message edit for the rest of the test."""
    monkeypatch.chdir(tmp_path)  # dpytest writes sent files (the career chart) to the cwd
    found = Spy()
    original = discord.Message.reply

    async def reply(message: discord.Message, content: str | None = None, **kwargs: Any) -> Any:
        sent = await original(message, content, **kwargs)
        view = kwargs.get("view")
        embeds = [kwargs["embed"]] if kwargs.get("embed") is not None else []
        found.replies.append(
            Sent(
                content=content or "",
                embeds=embeds,
                components=view.to_components() if view is not None else [],
                message_id=sent.id,
                channel_id=sent.channel.id,
            )
        )
        return sent

    monkeypatch.setattr(discord.Message, "reply", reply)

    async def on_edit(channel: object, message: discord.Message, fields: dict[str, Any]) -> None:
        params = fields.get("params")
        payload = (params.payload if params is not None else fields) or {}
        if payload.get("content") is not None:
            found.edits[message.id] = payload["content"]

    callbacks.set_callback(on_edit, "edit_message")
    return found


def services_for(settings: Settings, kb: Any, llm: Any = "default") -> AppServices:
    client = fake_client([MODEL_SAYS]) if llm == "default" else llm
    return AppServices(settings, llm=client, knowledge=kb, backups_enabled=False)


async def send_dm(h: DiscordHarness, text: str, **kwargs: Any) -> None:
    channel = await h.member.create_dm()
    await dpytest.message(text, channel=channel, member=h.member, **kwargs)
    await h.settle()


def payload_of(h: DiscordHarness, sent: Sent) -> dict[str, Any]:
    return h.capture.message_payload(
        sent.message_id, sent.channel_id, sent.components, sent.content
    )


def custom_ids_of(sent: Sent) -> list[str]:
    return [
        c["custom_id"]
        for row in sent.components
        for c in row.get("components", [])
        if "custom_id" in c
    ]


async def stored_intents(user_id: int) -> list[str | None]:
    rows = await ChatMessage.filter(user__discord_id=user_id, role=MessageRole.USER).order_by("id")
    return [r.intent for r in rows]

"""Free-text chat in DMs and by @mention, through dpytest's message path and a real DB."""

from collections.abc import AsyncIterator
from pathlib import Path

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import callbacks

from careermate_bot.config import Settings
from careermate_bot.llm import EngineUnreachable
from careermate_bot.llm.fake import FakeBackend, FakeReply, fake_client
from careermate_bot.services.container import AppServices
from models import ChatMessage, MessageSource
from tests.harness.bot import running_bot
from tests.harness.driver import DiscordHarness


class Screen:
    """The final text of every message the bot sent, after its edits."""

    def __init__(self) -> None:
        self.text: dict[int, str] = {}

    async def on_send(self, message: discord.Message) -> None:
        self.text[message.id] = message.content or ""

    async def on_edit(self, channel: object, message: discord.Message, fields: dict) -> None:
        params = fields.get("params")
        payload = (params.payload if params is not None else fields) or {}
        if payload.get("content") is not None:
            self.text[message.id] = payload["content"]


@pytest.fixture
async def chat_harness(
    settings: Settings, tmp_path: Path
) -> AsyncIterator[tuple[DiscordHarness, FakeBackend, Screen]]:
    backend = FakeBackend(["Hi Ada! Tell me about the roles you enjoy."])
    services = AppServices(settings, llm=fake_client(backend), backups_enabled=False)
    async with running_bot(settings, services, tmp_path) as harness:
        screen = Screen()
        callbacks.set_callback(screen.on_edit, "edit_message")
        yield harness, backend, screen


async def _dm(harness: DiscordHarness, text: str) -> discord.Message:
    channel = await harness.member.create_dm()
    message = await dpytest.message(text, channel=channel, member=harness.member)
    await harness.settle()
    return message


async def test_a_dm_gets_a_streamed_reply_stored_with_history(chat_harness) -> None:
    harness, backend, screen = chat_harness
    await _dm(harness, "hello, I'm Ada")
    reply = dpytest.get_message()
    assert reply.content == "*Thinking…*"
    assert screen_text(screen, reply) == "Hi Ada! Tell me about the roles you enjoy."
    rows = await ChatMessage.all().order_by("id")
    assert [(r.role, r.content, r.source) for r in rows] == [
        ("user", "hello, I'm Ada", MessageSource.DM),
        ("assistant", "Hi Ada! Tell me about the roles you enjoy.", MessageSource.DM),
    ]
    # The next turn sends the earlier conversation to the model: memory without replying.
    await _dm(harness, "what did I say my name was?")
    last_prompt = [m["content"] for m in backend.calls[-1].messages]
    assert "hello, I'm Ada" in last_prompt and last_prompt[-1] == "what did I say my name was?"


async def test_guild_messages_need_a_mention(chat_harness) -> None:
    harness, backend, _ = chat_harness
    await dpytest.message(
        "just chatting with friends", channel=harness.channel, member=harness.member
    )
    await harness.settle()
    assert dpytest.verify().message().nothing()
    assert backend.calls == []
    bot_id = harness.bot.user.id
    await dpytest.message(f"<@{bot_id}> any tips?", channel=harness.channel, member=harness.member)
    await harness.settle()
    assert backend.calls and backend.calls[-1].messages[-1]["content"] == "any tips?"


async def test_engine_down_gets_the_friendly_hint(settings: Settings, tmp_path: Path) -> None:
    backend = FakeBackend([EngineUnreachable("connection refused to 127.0.0.1:11434")])
    services = AppServices(settings, llm=fake_client(backend, retries=0), backups_enabled=False)
    async with running_bot(settings, services, tmp_path) as harness:
        screen = Screen()
        callbacks.set_callback(screen.on_edit, "edit_message")
        await _dm(harness, "hello")
        reply = dpytest.get_message()
        assert "ollama serve" in screen_text(screen, reply).lower()


async def test_a_long_answer_is_split_across_messages(settings: Settings, tmp_path: Path) -> None:
    long_text = " ".join(f"word{i}" for i in range(700))
    backend = FakeBackend([FakeReply([long_text])])
    services = AppServices(settings, llm=fake_client(backend), backups_enabled=False)
    async with running_bot(settings, services, tmp_path) as harness:
        screen = Screen()
        callbacks.set_callback(screen.on_edit, "edit_message")
        callbacks.set_callback(screen.on_send, "send_message")
        await _dm(harness, "hey, how are you today?")  # small talk: the model answers alone
        texts = list(screen.text.values())
        assert len(texts) >= 3 and all(len(t) <= 2000 for t in texts)
        assert " ".join(texts).split()[-1] == "word699"


async def test_spamming_gets_one_warning_then_silence(chat_harness) -> None:
    harness, backend, _ = chat_harness
    for i in range(9):
        await _dm(harness, f"message {i}")
    assert len(backend.calls) == 6
    contents = []
    while not dpytest.sent_queue.empty():
        contents.append(dpytest.get_message().content)
    notices = [c for c in contents if "faster than I can think" in c]
    assert len(notices) == 1  # one notice per window, saying when to come back
    seconds = int(notices[0].split("Give me ")[1].split(" s")[0])
    assert 1 <= seconds <= 60


def screen_text(screen: Screen, message: discord.Message) -> str:
    return screen.text.get(message.id, message.content)

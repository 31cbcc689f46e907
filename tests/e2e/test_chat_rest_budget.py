"""Discord REST calls a streamed DM reply spends, through the real chat cog: the Stop button
goes with the final edit, edits are paced, and with a grace period a quick reply is one call."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import discord.ext.test as dpytest
import pytest

from careermate_bot.config import Settings
from careermate_bot.llm.fake import FakeBackend, FakeReply, fake_client
from careermate_bot.services.container import AppServices
from tests.harness.bot import running_bot
from tests.harness.driver import DiscordHarness

ANSWER = "Hi Ada! Tell me about the roles you enjoy."


class RestLog:
    """Every channel-message call the bot makes: (POST | PATCH, payload)."""

    def __init__(self, http: Any) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        send, edit = http.send_message, http.edit_message

        # Plain functions returning dpytest's coroutine (it inspects its caller's frame).
        def send_message(channel_id: int, *, params: Any) -> Any:
            self.calls.append(("POST", dict(params.payload or {})))
            return send(channel_id, params=params)

        def edit_message(channel_id: int, message_id: int, **fields: Any) -> Any:
            params = fields.get("params")
            self.calls.append(("PATCH", dict(params.payload or {}) if params else {}))
            return edit(channel_id, message_id, **fields)

        http.send_message, http.edit_message = send_message, edit_message

    def has_stop(self, payload: dict[str, Any]) -> bool:
        return "cm:stop:" in str(payload.get("components", []))


Run = Callable[..., Any]


@pytest.fixture
async def chat(settings: Settings, tmp_path: Path) -> AsyncIterator[Run]:
    """`await chat(script, **settings)`: one DM to a bot with those settings; its REST log."""
    bots: list[Any] = []

    async def run(script: Any, **values: Any) -> RestLog:
        tuned = settings.model_copy(update=values)
        services = AppServices(tuned, llm=fake_client(FakeBackend([script])), backups_enabled=False)
        context = running_bot(tuned, services, tmp_path)
        harness: DiscordHarness = await context.__aenter__()
        bots.append(context)
        log = RestLog(harness.bot._connection.http)
        channel = await harness.member.create_dm()
        await dpytest.message("hello, I'm Ada", channel=channel, member=harness.member)
        await harness.settle()
        return log

    yield run
    for context in bots:
        await context.__aexit__(None, None, None)


async def test_the_final_edit_takes_the_stop_button_away_in_the_same_call(chat: Run) -> None:
    log = await chat(ANSWER)  # the defaults: no grace period
    (post, first), (patch, final) = log.calls
    assert (post, first["content"]) == ("POST", "*Thinking…*") and log.has_stop(first)
    assert (patch, final["content"]) == ("PATCH", ANSWER)
    assert final["components"] == []  # no third call just to remove Stop


async def test_a_reply_done_within_the_grace_period_is_one_call_without_stop(chat: Run) -> None:
    log = await chat(ANSWER, stream_grace_seconds=1.0)
    [(post, payload)] = log.calls
    assert (post, payload["content"]) == ("POST", ANSWER)
    assert not log.has_stop(payload)


async def test_a_slow_reply_streams_after_the_grace_period_with_paced_edits(chat: Run) -> None:
    sentences = [
        "Start with the job you have now. ",
        "List what you enjoy in it. ",
        "Ask a colleague what they see you doing well. ",
        "Pick one skill to grow this month. ",
        "Read about two roles that use it. ",
        "Talk to someone who works in one of them. ",
        "Write down what surprised you. ",
        "Then decide on a small next step. ",
    ]
    slow = FakeReply(sentences, delay=0.4)  # about 3 s
    log = await chat(slow, stream_grace_seconds=1.0, stream_edit_interval=1.0)
    kinds = [kind for kind, _ in log.calls]
    first = log.calls[0][1]
    assert kinds[0] == "POST" and log.has_stop(first)
    assert first["content"].startswith("Start with")  # the text so far, not a placeholder
    assert set(kinds[1:]) == {"PATCH"} and 2 <= len(kinds) <= 5  # about an edit a second
    last = log.calls[-1][1]
    assert last["content"] == "".join(sentences).strip() and last["components"] == []

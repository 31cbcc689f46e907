"""/interview through discord.py's real dispatch (harness) with a real SQLite file.

Scripted candidates answer through the Answer form; the session's one message is edited in place
(question -> score + coach -> next question -> report). Questions come from the tiny test bank
(tests/interview_support.py) so the expected order is fixed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord.ext.test as dpytest
import pytest

from careermate_bot.config import Settings
from careermate_bot.llm import EngineUnreachable
from careermate_bot.llm.fake import fake_client
from careermate_bot.services.container import AppServices
from careermate_bot.services.conversation import StartInterview
from careermate_bot.services.interview import InterviewService
from models import InterviewAnswer, InterviewSession
from tests.harness.bot import running_bot
from tests.harness.capture import InteractionResult, iter_components
from tests.harness.driver import DiscordHarness, _modal_inputs
from tests.interview_support import (
    GIBBERISH,
    IDK,
    OFF_TOPIC,
    SQL_FOUR_OF_FIVE,
    SQL_ONE_OF_FIVE,
    STRONG_STAR,
    VAGUE,
    tiny_bank,
)

COACH = (
    "You set the scene well and said what you did yourself. Keep your answers this specific in "
    "the real interview."
)


def make_services(settings: Settings, kb: Any, llm: Any) -> AppServices:
    services = AppServices(settings, llm=llm, knowledge=kb, backups_enabled=False)
    services.interview = InterviewService.for_knowledge(kb, tiny_bank(), llm=llm)
    return services


@pytest.fixture
async def iv(settings: Settings, career_kb: Any, tmp_path: Path) -> AsyncIterator[DiscordHarness]:
    services = make_services(settings, career_kb, fake_client([COACH]))
    async with running_bot(settings, services, tmp_path) as h:
        yield h


def ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for c in iter_components(message) if "custom_id" in c]


def button(message: dict[str, Any], action: str) -> str:
    found = [i for i in ids(message) if i.startswith(f"cm:iv:{action}:")]
    assert found, f"no {action} button in {ids(message)}"
    return found[0]


async def answer(
    h: DiscordHarness, message: dict[str, Any], text: str, *, user: Any = None
) -> InteractionResult:
    """Click Answer, then submit the form from that message (as Discord does)."""
    shown = await h.click(message, button(message, "answer"), user=user)
    modal = shown.modal
    assert modal is not None, shown.calls
    spec = _modal_inputs(modal)["answer"]
    if len(text) > spec["max_length"]:
        raise AssertionError("Discord would refuse the modal: answer too long")
    data = {
        "custom_id": modal["custom_id"],
        "components": [
            {"type": 1, "components": [{"type": 4, "custom_id": "answer", "value": text}]}
        ],
    }
    return await h._fire(5, data, user=user, message=message)


async def scores(session_id: int) -> list[int | None]:
    rows = await InterviewAnswer.filter(session_id=session_id).order_by("index")
    return [r.score for r in rows]


async def start(h: DiscordHarness, **options: Any) -> InteractionResult:
    options.setdefault("role", "Data Scientist")
    return await h.slash("interview start", **options)


async def session_id() -> int:
    row = await InterviewSession.all().order_by("-id").first()
    assert row is not None
    return row.id


async def test_scripted_candidates_strong_beats_vague_beats_idk(iv: DiscordHarness) -> None:
    h = iv
    started = await start(h, kind="behavioral", questions=3)
    assert started.ephemeral
    msg = started.message
    text = started.text()
    assert "Question 1 of 3" in text and "conflict with a coworker" in text
    assert {"answer", "hint", "skip", "end"} <= {i.split(":")[2] for i in ids(msg)}
    sid = await session_id()

    scored = await answer(h, msg, STRONG_STAR)
    assert scored.message["id"] == msg["id"]  # the same message, edited in place
    shown = scored.text()
    assert "Score:" in shown and "How it was scored" in shown and "STAR" in shown
    assert "Coach" in shown and "set the scene well" in shown
    msg = scored.message
    msg = (await h.click(msg, button(msg, "next"))).message
    assert "Question 2 of 3" in message_text(msg)
    msg = (await answer(h, msg, VAGUE)).message
    msg = (await h.click(msg, button(msg, "next"))).message
    msg = (await answer(h, msg, IDK)).message
    assert "See report" in str(msg["components"])
    report = await h.click(msg, button(msg, "next"))
    strong, vague, idk = await scores(sid)
    assert strong is not None and vague is not None and idk is not None
    assert strong > vague > idk and strong >= 75 and idk <= 3
    shown = report.text()
    assert "Interview report" in shown and "Overall:" in shown and "Two things to work on" in shown
    assert report.files and report.files[0].filename == "interview.png"
    assert {"weak", "new"} <= {i.split(":")[2] for i in ids(report.message)}


async def test_gibberish_and_off_topic_score_near_the_bottom(iv: DiscordHarness) -> None:
    h = iv
    msg = (await start(h, kind="behavioral", questions=3)).message
    sid = await session_id()
    msg = (await answer(h, msg, GIBBERISH)).message
    assert "0/100" in message_text(msg) or "1/100" in message_text(msg)
    msg = (await h.click(msg, button(msg, "next"))).message
    msg = (await answer(h, msg, OFF_TOPIC)).message
    first, second = await scores(sid)
    assert first is not None and first <= 3
    assert second is not None and second <= 10


async def test_technical_four_key_points_beat_one(iv: DiscordHarness) -> None:
    h = iv
    msg = (await start(h, kind="technical", questions=3)).message
    assert "speed up a slow SQL query" in message_text(msg)
    first = await session_id()
    await answer(h, msg, SQL_FOUR_OF_FIVE)
    await h.click(msg, button(msg, "end"))
    msg = (await start(h, kind="technical", questions=3)).message
    second = await session_id()
    await answer(h, msg, SQL_ONE_OF_FIVE)
    (four,) = await scores(first)
    (one,) = await scores(second)
    assert four is not None and one is not None and four > one + 30


async def test_restart_mid_session_then_next(
    settings: Settings, career_kb: Any, tmp_path: Path
) -> None:
    services = make_services(settings, career_kb, fake_client([COACH]))
    async with running_bot(settings, services, tmp_path) as h:
        msg = (await start(h, kind="behavioral", questions=3)).message
        msg = (await answer(h, msg, STRONG_STAR)).message
        user = h.member
    services = make_services(settings, career_kb, fake_client([COACH]))
    async with running_bot(settings, services, tmp_path) as h2:
        after = await h2.click(msg, button(msg, "next"), user=user)
        assert "Question 2 of 3" in after.text()
        assert after.message["id"] == msg["id"]


async def test_another_user_is_refused_politely(iv: DiscordHarness) -> None:
    h = iv
    msg = (await start(h, kind="behavioral", questions=3)).message
    intruder = h.member_at(1)
    for action in ("answer", "skip", "end"):
        refused = await h.click(msg, button(msg, action), user=intruder)
        assert refused.modal is None and refused.ephemeral
        assert "someone else's interview" in refused.text()
    view = await h.bot.services.interview.active(h.member.id)
    assert view is not None and view.current == 0 and not view.answers


async def test_modal_limits(iv: DiscordHarness) -> None:
    h = iv
    msg = (await start(h, kind="behavioral", questions=3)).message
    shown = await h.click(msg, button(msg, "answer"))
    assert shown.modal is not None
    spec = _modal_inputs(shown.modal)["answer"]
    assert spec["max_length"] == 4000 and spec.get("min_length") == 1 and spec["required"]
    assert shown.modal["title"] == "Question 1 of 3"
    label = shown.modal["components"][0]["components"][0]["label"]
    assert label.startswith("Tell me about a time") and len(label) <= 45
    with pytest.raises(AssertionError, match="refuse"):
        await answer(h, msg, "x" * 4001)
    ok = await answer(h, msg, STRONG_STAR[:300] * 13)  # 3,900 characters
    assert "Score:" in ok.text()


async def test_end_early_and_skip_all(iv: DiscordHarness) -> None:
    h = iv
    msg = (await start(h, kind="behavioral", questions=5)).message
    msg = (await answer(h, msg, STRONG_STAR)).message
    ended = await h.click(msg, button(msg, "end"))
    shown = ended.text()
    assert "Interview report" in shown and "ended after 1 of 5" in shown
    msg = (await start(h, kind="behavioral", questions=3)).message
    for _ in range(3):
        msg = (await h.click(msg, button(msg, "skip"))).message
    shown = message_text(msg)
    assert "Overall: 0/100" in shown and "3 skipped" in shown
    assert "skip" in shown.casefold()


async def test_model_down_scores_intact_with_a_note(
    settings: Settings, career_kb: Any, tmp_path: Path
) -> None:
    llm = fake_client([EngineUnreachable("down")])
    services = make_services(settings, career_kb, llm)
    async with running_bot(settings, services, tmp_path) as h:
        msg = (await start(h, kind="behavioral", questions=3)).message
        scored = await answer(h, msg, STRONG_STAR)
        shown = scored.text()
        assert "Score:" in shown and "unavailable" in shown and "offline" in shown
        (score,) = await scores(await session_id())
        assert score is not None and score >= 75


async def test_hint_active_session_prompt_history_and_resume(iv: DiscordHarness) -> None:
    h = iv
    msg = (await start(h, kind="behavioral", questions=3)).message
    hinted = await h.click(msg, button(msg, "hint"))
    assert "Hint" in hinted.text() and "real disagreement" in hinted.text()
    again = await start(h, kind="technical", questions=4)
    assert "unfinished" in again.text() and again.ephemeral
    prompt = dict(again.message)
    restart = next(i for i in ids(prompt) if i.startswith("cm:ivre:"))
    resumed = await h.click(prompt, button(prompt, "resume"))
    assert "Question 1 of 3" in resumed.text()  # the prompt becomes the session
    fresh = await h.click(prompt, restart)
    assert "Question 1 of 4" in fresh.text() and "SQL" in fresh.text()
    history = await h.slash("interview history")
    assert history.ephemeral and "abandoned" in history.text() and "in progress" in history.text()
    back = await h.slash("interview resume")
    assert "Question 1 of 4" in back.text()


async def test_dm_request_typed_answer_and_leaving_interview_mode(iv: DiscordHarness) -> None:
    h = iv
    # The conversation dispatches interview_request for a DM like "quiz me"; a server message
    # that doesn't mention the bot stays out of the chat cog's way here.
    request = await dpytest.message("quiz me", channel=h.channel, member=h.member)
    before = asyncio.all_tasks()
    h.bot.dispatch("interview_request", request, StartInterview(None))
    await h._settle(before)
    first = dpytest.get_message()
    assert first.embeds and "Question 1 of" in first.embeds[0].description
    service = h.bot.services.interview
    assert await service.awaiting_answer(h.member.id)
    channel = await h.member.create_dm()
    typed = await dpytest.message(STRONG_STAR, channel=channel, member=h.member)
    await h.settle()  # the chat cog routes it: a session waits for an answer
    scored = dpytest.get_message()
    assert scored.embeds and "Score:" in scored.embeds[0].description
    view = await service.active(h.member.id)
    assert view is not None and view.answers[0].answer == STRONG_STAR
    assert typed.id != scored.id
    nxt = await service.next(view.id, h.member.id)
    await service.set_typed_answers(nxt.id, h.member.id, False)  # "Stop typing answers"
    assert not await service.awaiting_answer(h.member.id)


async def test_a_server_mention_is_conversation_not_an_interview_answer(
    iv: DiscordHarness,
) -> None:
    """Typed answers are a DM feature: in a server, an @mention while a question waits is chat."""
    h = iv
    await start(h, kind="behavioral", questions=3)
    service = h.bot.services.interview
    assert await service.awaiting_answer(h.member.id)
    bot_id = h.bot.user.id
    await dpytest.message(f"<@{bot_id}> what can you do?", channel=h.channel, member=h.member)
    await h.settle()
    reply = dpytest.get_message()
    assert reply.content.startswith("Here's what I can do") and "/interview start" in reply.content
    view = await service.active(h.member.id)
    assert view is not None and all(a.answer != "what can you do?" for a in view.answers)
    assert await service.awaiting_answer(h.member.id)


async def test_classic_command(iv: DiscordHarness) -> None:
    h = iv
    await dpytest.message("!mock_interview Data Scientist", channel=h.channel, member=h.member)
    await h.settle()
    reply = dpytest.get_message()
    assert reply.embeds and "Mock interview · Data Scientist" == reply.embeds[0].title
    view = await h.bot.services.interview.active(h.member.id)
    assert view is not None and view.role == "Data Scientist" and view.message_id == reply.id


def message_text(message: dict[str, Any]) -> str:
    from tests.harness.capture import message_text as text

    return text(message)


async def test_dm_session_is_not_ephemeral_and_typing_can_be_turned_off(iv: DiscordHarness) -> None:
    h = iv
    started = await start(h, dm=True, kind="behavioral", questions=3)
    assert not started.ephemeral
    msg = started.message
    assert "type it as a message" in message_text(msg)
    service = h.bot.services.interview
    assert await service.awaiting_answer(h.member.id)
    off = await h.click(msg, button(msg, "typing"), dm=True)
    assert "Answer by typing" in str(off.message["components"])
    assert not await service.awaiting_answer(h.member.id)  # DMs are normal chat again
    on = await h.click(off.message, button(off.message, "typing"), dm=True)
    assert "Stop typing answers" in str(on.message["components"])
    assert await service.awaiting_answer(h.member.id)


async def test_role_autocomplete_offers_titles(iv: DiscordHarness) -> None:
    choices = await iv.autocomplete("interview start", "role", role="data sci")
    assert any(c["value"] == "Data Scientist" for c in choices)
    general = await iv.autocomplete("interview start", "role", role="gen")
    assert general[0]["value"] == "General"


async def test_unknown_role_gets_a_did_you_mean(iv: DiscordHarness) -> None:
    reply = await start(iv, role="qqqq zzzz xxxx")
    assert reply.ephemeral and "don't know the role" in reply.text()


async def test_practice_weakest_area_and_new_interview(iv: DiscordHarness) -> None:
    h = iv
    msg = (await start(h, kind="behavioral", questions=3)).message
    msg = (await answer(h, msg, STRONG_STAR)).message  # conflict: strong
    msg = (await h.click(msg, button(msg, "next"))).message
    msg = (await answer(h, msg, VAGUE)).message  # failure: weak
    msg = (await h.click(msg, button(msg, "next"))).message
    msg = (await answer(h, msg, STRONG_STAR)).message  # prioritisation
    report = await h.click(msg, button(msg, "next"))
    old = await h.bot.services.interview.history(h.member.id)
    weakest = (await h.bot.services.interview.report(old[0].id)).weakest_area
    assert weakest == "failure"
    practice = await h.click(report.message, button(report.message, "weak"))
    assert practice.message["id"] != report.message["id"]  # a new session message
    assert "Question 1 of 3" in practice.text() and "· failure ·" in practice.text()
    view = await h.bot.services.interview.active(h.member.id)
    assert view is not None and view.questions[0].competency == "failure"
    await h.click(practice.message, button(practice.message, "end"))
    again = await h.click(report.message, button(report.message, "new"))
    assert "Question 1 of 3" in again.text() and "conflict" in again.text()


async def test_typed_dm_commands_hint_skip_leave(iv: DiscordHarness) -> None:
    h = iv
    await start(h, dm=True, kind="behavioral", questions=3)
    service = h.bot.services.interview
    channel = await h.member.create_dm()

    async def say(text: str) -> Any:
        await dpytest.message(text, channel=channel, member=h.member)
        await h.settle()
        return dpytest.get_message()

    hinted = await say("hint")
    assert hinted.embeds and "Hint" in str(hinted.embeds[0].fields)
    skipped = await say("skip")
    assert "Question 2 of 3" in skipped.embeds[0].description
    view = await service.active(h.member.id)
    assert view is not None and view.answers[0].skipped
    left = await say("leave")
    assert "normal chat again" in left.content
    assert not await service.awaiting_answer(h.member.id)

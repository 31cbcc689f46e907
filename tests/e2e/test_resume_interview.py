"""The résumé review's "Practice an interview for <role>" button starts the interview itself
(the `interview_start_click` event, handled by cogs/interview), through the harness with a real
SQLite file: the click is deferred at once, then the deferred answer becomes question 1 of a
session for the review's role; an unfinished interview gets the resume/start-over choice; without
the interview cog the button still answers with the command."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from careermate_bot.config import Settings
from careermate_bot.discord_ui.events import INTERVIEW_START_CLICK, has_listener
from careermate_bot.llm.fake import fake_client
from careermate_bot.services.container import AppServices
from models import InterviewSession
from tests import resume_samples as S
from tests.harness.bot import running_bot
from tests.harness.capture import DEFERRED_CHANNEL_MESSAGE, InteractionResult, iter_components
from tests.harness.driver import DiscordHarness, Upload


def _services(settings: Settings, kb: Any) -> AppServices:
    return AppServices(settings, llm=fake_client(["ok"]), knowledge=kb, backups_enabled=False)


@pytest.fixture
async def h(settings: Settings, career_kb: Any, tmp_path: Path) -> AsyncIterator[DiscordHarness]:
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as harness:
        yield harness
        assert not harness.errors.records, harness.errors.summary()  # type: ignore[attr-defined]


def _ids(message: dict[str, Any], prefix: str) -> list[str]:
    return [
        c["custom_id"]
        for c in iter_components(message)
        if c.get("custom_id", "").startswith(prefix)
    ]


async def _review(h: DiscordHarness, role: str = "data-analyst", dm: bool = False) -> Any:
    reply = await h.slash(
        "resume review", dm=dm, file=Upload("cv.txt", S.STRONG.encode()), target_role=role
    )
    return reply.message


async def _click_practice(h: DiscordHarness, message: dict[str, Any], **kw: Any) -> Any:
    button = _ids(message, "cm:rinterview:")
    assert button, f"no interview button in {_ids(message, 'cm:')}"
    return await h.click(message, button[0], **kw)


def _assert_first_question(clicked: InteractionResult, title: str) -> None:
    embed = clicked.embeds[0]
    assert embed["title"] == f"Mock interview · {title}"
    assert "**Question 1 of 5**" in embed["description"]
    actions = {i.split(":")[2] for i in _ids(clicked.message, "cm:iv:")}
    assert {"answer", "hint", "skip", "end"} <= actions


async def test_the_button_starts_the_interview_for_the_reviewed_role(
    h: DiscordHarness, career_kb: Any
) -> None:
    assert has_listener(h.bot, INTERVIEW_START_CLICK)
    review = await _review(h)
    clicked = await _click_practice(h, review)
    callback = clicked.callback
    assert callback is not None and callback.callback_type == DEFERRED_CHANNEL_MESSAGE
    assert clicked.ephemeral  # private in a server, like /interview start
    _assert_first_question(clicked, "Data Analyst")
    assert "/interview start" not in clicked.text()  # no hand-over text, the interview itself
    rows = await InterviewSession.all()
    assert len(rows) == 1
    assert rows[0].occupation_id == "data-analyst" and rows[0].role == "Data Analyst"
    assert rows[0].message_id == int(clicked.message["id"])  # the card is the session's message
    # The question on the card is the session's first question.
    first = rows[0].questions[0]["text"]
    assert first[:60] in clicked.embeds[0]["description"]
    # Answer it from that card: the session goes on as usual.
    hint = await h.click(clicked.message, _ids(clicked.message, "cm:iv:hint:")[0])
    assert "Hint" in hint.text()


async def test_an_unfinished_interview_offers_resume_or_start_over(h: DiscordHarness) -> None:
    await h.slash("interview start", role="Registered Nurse", questions=3)
    review = await _review(h)
    clicked = await _click_practice(h, review)
    assert clicked.ephemeral and "unfinished" in clicked.text()
    prompt = clicked.message
    assert _ids(prompt, "cm:iv:resume:") and _ids(prompt, "cm:ivre:")
    assert _ids(prompt, "cm:ivre:")[0].endswith(":data-analyst")  # start over = the review's role
    fresh = await h.click(prompt, _ids(prompt, "cm:ivre:")[0])
    _assert_first_question(fresh, "Data Analyst")
    statuses = sorted(str(r.status) for r in await InterviewSession.all())
    assert len(statuses) == 2 and any("abandoned" in s for s in statuses)


async def test_in_a_dm_the_question_is_a_normal_message(h: DiscordHarness) -> None:
    review = await _review(h, dm=True)
    clicked = await _click_practice(h, review, dm=True)
    assert not clicked.ephemeral
    _assert_first_question(clicked, "Data Analyst")
    assert "or just type it as a message here" in clicked.embeds[0]["footer"]["text"]


async def test_without_the_interview_cog_the_button_names_the_command(h: DiscordHarness) -> None:
    review = await _review(h)
    await h.bot.remove_cog("Interview")
    assert not has_listener(h.bot, INTERVIEW_START_CLICK)
    clicked = await _click_practice(h, review)
    assert clicked.ephemeral and "`/interview start role:Data Analyst`" in clicked.text()
    assert await InterviewSession.all().count() == 0


async def test_the_button_starts_an_interview_after_a_restart(
    settings: Settings, career_kb: Any, tmp_path: Path
) -> None:
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as first:
        review = await _review(first)
        uid = first.member.id
    (tmp_path / "b").mkdir()
    async with running_bot(settings, _services(settings, career_kb), tmp_path / "b") as second:
        me = SimpleNamespace(id=uid, name="returning-user", roles=[])
        clicked = await _click_practice(second, review, user=me)
        _assert_first_question(clicked, "Data Analyst")
        other = await _click_practice(second, review)
        assert "someone else's résumé review" in other.text()
        assert await InterviewSession.all().count() == 1

"""Forms never lose what people typed: per-person, per-window form ids; an Answer form submitted
after its question moved on is shown back, not scored against the next question; a form opened
before a restart (or in a window this process doesn't know) still gets an answer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from careermate_bot.config import Settings
from careermate_bot.llm.fake import fake_client
from models import InterviewAnswer
from tests.e2e.test_interview import button, make_services, session_id, start
from tests.harness.bot import running_bot
from tests.harness.capture import InteractionResult
from tests.harness.driver import DiscordHarness
from tests.interview_support import STRONG_STAR
from tests.resume_samples import STRONG


@pytest.fixture
async def iv(settings: Settings, career_kb: Any, tmp_path: Path) -> AsyncIterator[DiscordHarness]:
    async with running_bot(
        settings, make_services(settings, career_kb, fake_client(["ok"])), tmp_path
    ) as h:
        yield h


async def _submit(
    h: DiscordHarness, custom_id: str, values: dict[str, str], *, user: Any = None
) -> InteractionResult:
    rows = [
        {"type": 1, "components": [{"type": 4, "custom_id": name, "value": value}]}
        for name, value in values.items()
    ]
    return await h._fire(5, {"custom_id": custom_id, "components": rows}, user=user)


async def test_two_members_paste_forms_each_get_their_own_review(
    career_harness: DiscordHarness,
) -> None:
    h = career_harness
    first, second = h.member, h.member_at(1)
    form_a = await h.slash("resume paste", user=first)
    form_b = await h.slash("resume paste", user=second)
    assert form_a.modal is not None and form_b.modal is not None
    assert form_a.modal["custom_id"] != form_b.modal["custom_id"]
    review_b = await h.submit_modal(form_b, {"resume": STRONG}, user=second)
    review_a = await h.submit_modal(form_a, {"resume": STRONG}, user=first)
    for review in (review_a, review_b):
        assert review.embeds and "Résumé review" in review.embeds[0]["title"]


async def test_an_answer_for_a_skipped_question_is_shown_back_not_scored(
    iv: DiscordHarness,
) -> None:
    h = iv
    message = (await start(h, kind="behavioral", questions=3)).message
    shown = await h.click(message, button(message, "answer"))
    assert shown.modal is not None
    form = shown.modal["custom_id"]
    await h.click(message, button(message, "skip"))  # the interview moves to question 2
    late = await _submit(h, form, {"answer": STRONG_STAR})
    assert late.ephemeral and "moved past" in late.text() and "Acme" in late.text()
    rows = await InterviewAnswer.filter(session_id=await session_id()).order_by("index")
    assert [r.skipped for r in rows] == [True]  # question 2 got nothing it wasn't written for


async def test_an_answer_form_from_before_a_restart_is_still_scored(iv: DiscordHarness) -> None:
    h = iv
    await start(h, kind="behavioral", questions=3)
    sid = await session_id()
    stale = f"cm:ivanswer:{sid}:0:0123456789ab"  # a window this process never opened
    result = await _submit(h, stale, {"answer": STRONG_STAR})
    assert result.embeds and "/100" in result.text()
    rows = await InterviewAnswer.filter(session_id=sid)
    assert len(rows) == 1 and rows[0].score is not None and rows[0].index == 0


async def test_a_paste_form_from_before_a_restart_is_reviewed(
    career_harness: DiscordHarness,
) -> None:
    h = career_harness
    stale = f"cm:rpasteform:{h.member.id}:0123456789ab"
    result = await _submit(h, stale, {"resume": STRONG, "role": ""})
    assert result.embeds and "Résumé review" in result.embeds[0]["title"]


async def test_any_other_unknown_form_shows_the_text_back(career_harness: DiscordHarness) -> None:
    h = career_harness
    stale = f"cm:profileform:{h.member.id}:0123456789ab"
    result = await _submit(h, stale, {"skills": "Python, SQL", "locations": "Austin"})
    assert result.ephemeral and "Python, SQL" in result.text() and "Austin" in result.text()
    unknown = await _submit(h, "0f1e2d3c4b5a69788796a5b4c3d2e1f0", {"title": "Data Analyst"})
    assert unknown.ephemeral and "Data Analyst" in unknown.text()


NOT_A_RESUME = (
    "Grandma's apple pie. Mix two cups of flour with a pinch of salt and cold butter until it "
    "looks like sand, add four spoons of iced water, chill the dough for an hour, roll it out, "
    "fill it with sliced apples, sugar and cinnamon, and bake for fifty minutes until golden."
)


async def test_a_refused_paste_shows_the_pasted_text_back_with_the_reason(
    career_harness: DiscordHarness,
) -> None:
    h = career_harness
    form = await h.slash("resume paste", target_role="Data Analyst")
    refused = await h.submit_modal(form, {"resume": NOT_A_RESUME})
    assert not refused.embeds
    text = refused.text()
    assert "nothing is lost" in text and "apple pie" in text and "bake for fifty" in text
    assert "Data Analyst" in text  # the other field too
    # the same from a paste form this process never opened (before a restart)
    stale = f"cm:rpasteform:{h.member.id}:0123456789ab"
    late = await _submit(h, stale, {"resume": NOT_A_RESUME, "role": ""})
    assert late.ephemeral and "nothing is lost" in late.text() and "apple pie" in late.text()


async def test_an_answer_form_that_fails_shows_the_answer_back(
    iv: DiscordHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = iv
    message = (await start(h, kind="behavioral", questions=3)).message
    shown = await h.click(message, button(message, "answer"))
    assert shown.modal is not None

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("scoring crashed")

    monkeypatch.setattr(h.bot.services.interview, "answer", broken)
    failed = await h.submit_modal(shown, {"answer": STRONG_STAR})
    assert failed.ephemeral
    assert "Something went wrong" in failed.text() or "went wrong" in failed.text()
    assert "nothing is lost" in failed.text() and "Acme" in failed.text()
    logged = " ".join(r.getMessage() for r in h.errors.records)  # type: ignore[attr-defined]
    assert "form AnswerModal failed" in logged and "Acme" not in logged  # no personal content

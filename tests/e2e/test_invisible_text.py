"""Text of only invisible characters (zero-width space/joiners, word joiner, BOM) counts as empty:
a /jobs search, /career paths, /resume or /interview option holding only those behaves like an
omitted one, and an interview answer of only those is scored as empty, with the empty-answer
message. Through the harness with a real SQLite file (the normaliser is
`careermate_bot.common.user_text.visible_text`)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord.ext.test as dpytest
import pytest

from careermate_bot.config import Settings
from careermate_bot.llm.fake import fake_client
from careermate_bot.services import profile as profiles
from careermate_bot.services.container import AppServices
from careermate_bot.services.conversation import InterviewTurn
from careermate_bot.services.interview import InterviewService
from models import InterviewAnswer, InterviewSession
from tests import resume_samples as S
from tests.e2e.test_interview import answer, button
from tests.harness.bot import running_bot
from tests.harness.capture import InteractionResult, iter_components
from tests.harness.driver import DiscordHarness, Upload
from tests.interview_support import tiny_bank

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner; WJ; BOM


def _shown(reply: InteractionResult) -> list[tuple[Any, ...]]:
    """The result as the user sees it (titles, descriptions, fields), footers aside."""
    return [
        (e.get("title"), e.get("description"), [(f["name"], f["value"]) for f in e["fields"]])
        for e in reply.embeds
    ]


def _ids(message: dict[str, Any], prefix: str) -> list[str]:
    return [
        c["custom_id"]
        for c in iter_components(message)
        if c.get("custom_id", "").startswith(prefix)
    ]


# -- /jobs search and /career paths ---------------------------------------------------------------
async def test_jobs_search_invisible_role_and_location_are_left_out(
    career_harness: DiscordHarness,
) -> None:
    h = career_harness
    await profiles.update_profile(
        h.member.id,
        skills=["SQL", "Excel", "Tableau"],
        target_roles=["Data Analyst"],
        locations=["Austin, TX"],
    )
    omitted = await h.slash("jobs search")
    invisible = await h.slash("jobs search", role=INVISIBLE, location=INVISIBLE)
    assert not invisible.ephemeral  # a result, not a "no such role" message
    assert _shown(invisible) == _shown(omitted)
    assert "Data Analyst" in omitted.text() and "Austin" in omitted.text()
    # A visible role with invisible characters around it is that role.
    typed = await h.slash("jobs search", role=f"{INVISIBLE}data analyst{INVISIBLE}")
    assert _shown(typed)[0][0] == _shown(omitted)[0][0]


async def test_career_paths_invisible_location_and_target_role_are_left_out(
    career_harness: DiscordHarness,
) -> None:
    h = career_harness
    await profiles.update_profile(
        h.member.id,
        skills=["Python", "SQL"],
        locations=["Austin, TX"],
        target_roles=["Data Analyst"],
    )
    omitted = await h.slash("career paths")
    invisible = await h.slash("career paths", location=INVISIBLE, target_role=INVISIBLE)
    assert _shown(invisible) == _shown(omitted)
    assert "Austin" in invisible.text()  # the profile's location, as when left out


async def test_career_paths_invisible_skills_get_the_no_skills_prompt(
    career_harness: DiscordHarness,
) -> None:
    empty = await career_harness.slash("career paths")
    invisible = await career_harness.slash("career paths", skills=INVISIBLE)
    assert invisible.ephemeral and invisible.text() == empty.text()
    assert "skills:Python, SQL" in invisible.text()


# -- /resume ---------------------------------------------------------------------------------------
@pytest.fixture
async def h(settings: Settings, career_kb: Any, tmp_path: Path) -> AsyncIterator[DiscordHarness]:
    services = AppServices(
        settings, llm=fake_client(["ok"]), knowledge=career_kb, backups_enabled=False
    )
    services.interview = InterviewService.for_knowledge(career_kb, tiny_bank(), llm=services.llm)
    async with running_bot(settings, services, tmp_path) as harness:
        yield harness
        assert not harness.errors.records, harness.errors.summary()  # type: ignore[attr-defined]


async def test_resume_review_invisible_target_role_and_location_are_left_out(
    h: DiscordHarness,
) -> None:
    await profiles.update_profile(h.member.id, target_roles=["Retail Salesperson"])
    data = S.WEAK.encode()
    omitted = await h.slash("resume review", file=Upload("cv.txt", data))
    invisible = await h.slash(
        "resume review", file=Upload("cv.txt", data), target_role=INVISIBLE, location=INVISIBLE
    )
    assert invisible.embeds[0]["title"].startswith("Résumé review — ")
    assert [f["name"] for f in invisible.embeds[0]["fields"]] == [
        f["name"] for f in omitted.embeds[0]["fields"]
    ]
    assert "🎯 Keywords for Retail Salesperson" in invisible.text()  # the profile's role
    # No pay area from an invisible location: the career-paths button has none.
    paths = _ids(invisible.message, "cm:rpaths:")
    assert paths and paths[0].count(":") == 3


async def test_resume_paste_invisible_target_role_leaves_the_form_blank(h: DiscordHarness) -> None:
    shown = await h.slash("resume paste", target_role=INVISIBLE)
    modal = shown.modal
    assert modal is not None
    role = next(
        c for row in modal["components"] for c in row["components"] if c["custom_id"] == "role"
    )
    assert not role.get("value")
    reviewed = await h.submit_modal(shown, {"resume": S.STRONG, "role": INVISIBLE})
    assert reviewed.embeds[0]["title"].startswith("Résumé review — ")
    # No target role given, no error: STRONG's own summary names its role (issue 18; before,
    # best-fitting roles were shown here).
    assert "🎯 Keywords for Data Analyst" in reviewed.text()


# -- interviews ------------------------------------------------------------------------------------
async def test_an_invisible_interview_answer_is_scored_empty(h: DiscordHarness) -> None:
    started = await h.slash("interview start", role="Data Scientist", kind="behavioral")
    scored = await answer(h, started.message, INVISIBLE)
    text = scored.text()
    assert "Score: 0/100" in text and "No answer was given." in text
    row = await InterviewAnswer.all().first()
    assert row is not None and row.score == 0 and row.answer == ""
    assert row.details["flags"] == ["empty"]


async def test_an_invisible_typed_dm_answer_is_scored_empty(h: DiscordHarness) -> None:
    started = await h.slash("interview start", role="Data Scientist", dm=True)
    assert _ids(started.message, "cm:iv:answer:")
    typed = await dpytest.message(INVISIBLE, channel=await h.member.create_dm())
    before = asyncio.all_tasks()
    h.bot.dispatch("interview_answer", typed, InterviewTurn("answer"))
    await h._settle(before)
    row = await InterviewAnswer.all().first()
    assert row is not None and row.score == 0 and row.details["flags"] == ["empty"]
    sent = dpytest.get_message()
    assert "No answer was given." in str(sent.embeds[0].to_dict())


async def test_interview_start_with_an_invisible_role_uses_the_profile_role(
    h: DiscordHarness,
) -> None:
    await profiles.update_profile(h.member.id, target_roles=["Data Scientist"])
    started = await h.slash("interview start", role=INVISIBLE)
    assert started.embeds[0]["title"] == "Mock interview · Data Scientist"
    session = await InterviewSession.all().first()
    assert session is not None and session.role == "Data Scientist"
    assert button(started.message, "answer")

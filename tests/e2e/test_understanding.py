"""Understanding every message, end to end through Discord DMs: facts saved with their polarity,
topics never saved as skills, education and the current role used later, forget with Undo,
role slang, life situations routed to the guide with an empathetic line, long multi-intent
messages, follow-ups after a restart, a pasted résumé offered a review, and a DM interview that
does not swallow the conversation.

Real bot (dpytest + the harness), real SQLite file, the shipped knowledge base, a scripted model.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import backend

from careermate_bot.config import Settings
from careermate_bot.services import profile as profiles
from careermate_bot.shared import LocalRateLimiter
from models import ChatMessage
from tests.e2e.dm_support import (
    Spy,
    custom_ids_of,
    payload_of,
    send_dm,
    services_for,
    stored_intents,
)
from tests.harness.bot import running_bot
from tests.harness.driver import DiscordHarness
from tests.seed_messages import SEED_JOBS, SEED_PATHS

PASTED_RESUME = """Jordan Lee
Chicago, IL | jordan.lee@example.com | (312) 555-0142

SUMMARY
Operations analyst with five years of experience turning messy data into weekly decisions.

EXPERIENCE
Operations Analyst, Northwind Logistics, Chicago IL (Mar 2021 - Present)
- Built SQL and Tableau dashboards used by 40 managers to track on-time delivery
- Cut weekly reporting time from 6 hours to 45 minutes by automating Excel exports with Python
- Led a three-person project that reduced late shipments by 18% in two quarters

Junior Analyst, Lakeside Retail, Evanston IL (Jun 2018 - Feb 2021)
- Reconciled inventory counts across 12 stores and flagged shrinkage trends to finance
- Trained six new hires on the reporting workflow and wrote the team's first data dictionary

EDUCATION
B.S. Economics, University of Illinois, 2018

SKILLS
SQL, Python, Tableau, Excel, data visualization, forecasting, stakeholder communication
"""


@pytest.fixture
async def h(settings: Settings, career_kb: Any, tmp_path: Path) -> AsyncIterator[DiscordHarness]:
    async with running_bot(settings, services_for(settings, career_kb), tmp_path) as harness:
        yield harness


def _embed_text(embed: discord.Embed) -> str:
    parts = [embed.title or "", embed.description or ""]
    parts += [f"{f.name} {f.value}" for f in embed.fields]
    parts.append(embed.footer.text or "")
    return "\n".join(parts)


def _last_embed(spy: Spy) -> discord.Embed:
    return next(e for s in reversed(spy.replies) for e in s.embeds)


# -- facts with polarity ---------------------------------------------------------------------------


async def test_a_negation_saves_not_remote_and_the_preference_beside_it(
    h: DiscordHarness, spy: Spy
) -> None:
    text = "I don't want to do remote, I prefer hybrid in Austin, and I need at least 95k"
    await send_dm(h, text)
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None
    assert profile.remote_ok is False
    assert profile.arrangement == "hybrid"
    assert profile.locations == ["Austin"]
    assert profile.min_salary == 95_000
    saved = spy.texts()[0]
    assert "not remote" in saved and "prefers hybrid work" in saved and "$95,000" in saved
    assert "open to remote" not in saved


async def test_skills_named_in_a_question_are_topics_not_saved(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, "should I learn React or go into data engineering?")
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.skills == []
    assert not any(text.startswith("Saved:") for text in spy.texts())
    assert await stored_intents(h.member.id) == ["compare"]
    embed = _last_embed(spy)  # answered by the guide, not a career-path table
    assert "React" in _embed_text(embed) or "Data Engineer" in _embed_text(embed)


async def test_education_is_used_by_the_next_question(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, "I just finished a nursing degree")
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.education == "nursing degree"
    assert spy.texts()[0] == "Saved: education nursing degree"
    await send_dm(h, "what kind of jobs can I get with that?")
    jobs = _last_embed(spy)
    assert "Registered Nurse" in _embed_text(jobs) or "Nurs" in (jobs.title or "")
    assert "What kind of work" not in spy.texts()[-1]


async def test_the_current_role_answers_what_jobs_are_there_for_me(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "I'm a software developer")
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.current_role == "Software Developer"
    await send_dm(h, "What job opportunities are available for me?")
    assert "Software Developer" in _embed_text(_last_embed(spy))


async def test_forget_removes_exactly_that_fact_and_undo_brings_it_back(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "I live in Boston and I know SQL and Excel")
    await send_dm(h, "forget that I said I live in Boston")
    removed = spy.last()
    assert removed.content == "Removed: location Boston"
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.locations == []
    assert profile.skills == ["SQL", "Microsoft Excel"]  # nothing else went
    [undo] = [c for c in custom_ids_of(removed) if c.startswith("cm:undo:")]
    result = await h.click(payload_of(h, removed), undo, dm=True)
    assert "Undone" in result.text()
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.locations == ["Boston"]


# -- role slang -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "title"),
    [
        ("how much do RNs make?", "Registered Nurse"),
        ("what does an SDE II earn in Seattle?", "Software Developer"),
        ("pay for front end devs", "Web Developer"),
        ("how much do instructional desingers make", "Instructional Coordinator"),
    ],
)
async def test_role_slang_gets_the_pay_of_the_right_occupation(
    h: DiscordHarness, spy: Spy, message: str, title: str
) -> None:
    await send_dm(h, message)
    answer = spy.texts()[-1]
    assert title in answer and "$" in answer
    assert "Source: U.S. Bureau of Labor Statistics" in answer


# -- life situations and open questions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "intent", "must_say"),
    [
        ("I got laid off today", "advice", ("unemployment",)),
        (
            "applied to 200 jobs and heard nothing back, what am I doing wrong",
            "advice",
            ("résumé",),
        ),
        ("can you write me a cover letter", "advice", ("[",)),
        ("how do I negotiate, they offered 65k", "advice", ("$65,000", "offer")),
        ("PMP or CAPM?", "compare", ("Project Management Institute",)),
        ("how do I explain leaving teaching in an interview?", "advice", ("teach",)),
    ],
)
async def test_open_questions_and_situations_get_the_guide(
    h: DiscordHarness, spy: Spy, message: str, intent: str, must_say: tuple[str, ...]
) -> None:
    await send_dm(h, message)
    assert await stored_intents(h.member.id) == [intent]
    text = _embed_text(_last_embed(spy))
    for words in must_say:
        assert words.casefold() in text.casefold(), (words, text[:400])


async def test_a_layoff_gets_an_empathetic_line_before_the_help(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "I got laid off yesterday, what should I do first?")
    answer = _embed_text(_last_embed(spy)).casefold()
    assert "sorry" in answer or "tough" in answer
    assert answer.index("sorry" if "sorry" in answer else "tough") < answer.index("unemployment")


async def test_a_joke_after_a_rejection_is_small_talk_with_care(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "tell me a joke, I need cheering up after another rejection")
    assert await stored_intents(h.member.id) in (["small_talk"], ["other"])
    assert any("rejection" in t.casefold() or "sorry" in t.casefold() for t in spy.texts())


# -- long messages: the facts, then the main ask -------------------------------------------------


async def test_the_seed_career_message_saves_the_facts_and_shows_career_paths(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, SEED_PATHS)
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None
    assert {"Python", "JavaScript"} <= set(profile.skills)
    assert profile.experience_years == 3 and profile.remote_ok is True
    assert profile.locations == ["San Francisco"]
    embed = _last_embed(spy)
    assert "career path" in (embed.title or "").lower()
    assert "Bureau of Labor Statistics" not in spy.texts()[-1]  # not a pay figure


async def test_the_seed_job_message_shows_five_to_seven_jobs(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, SEED_JOBS)
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.min_salary == 120_000
    jobs = _last_embed(spy)  # one result a page, the pager says how many
    found = re.search(r"Page 1/(\d+)", jobs.footer.text or "")
    assert found is not None, jobs.footer.text
    assert 5 <= int(found.group(1)) <= 7
    assert "Data Scientist" in _embed_text(jobs)


# -- context in the database -------------------------------------------------------------------


async def test_a_follow_up_after_a_restart_keeps_the_topic(
    settings: Settings, career_kb: Any, tmp_path: Path, spy: Spy
) -> None:
    async with running_bot(settings, services_for(settings, career_kb), tmp_path) as h:
        uid = h.member.id
        await send_dm(h, "How much do data scientists make in Seattle?")
        assert "Data Scientist" in spy.texts()[-1] and "Seattle" in spy.texts()[-1]
    async with running_bot(settings, services_for(settings, career_kb), tmp_path) as h:
        me = backend.make_member(backend.make_user("returning", 1, id_num=uid), h.guild)
        channel = await me.create_dm()
        await dpytest.message("what about in Denver?", channel=channel, member=me)
        await h.settle()
        answer = spy.texts()[-1]
        assert "Data Scientist" in answer and "Denver" in answer and "$" in answer


# -- a pasted résumé ------------------------------------------------------------------------------


async def test_a_pasted_resume_is_offered_a_review_and_kept_only_on_yes(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, PASTED_RESUME)
    offer = spy.last()
    assert "looks like a résumé" in offer.content
    [button] = [c for c in custom_ids_of(offer) if c.startswith("cm:rpasted:")]
    rows = await ChatMessage.filter(user__discord_id=h.member.id).values_list("content", flat=True)
    assert not any("Northwind" in str(r) for r in rows)  # the text was not stored
    result = await h.click(payload_of(h, offer), button, dm=True)
    review = " ".join(str(e) for e in result.embeds)
    assert "SQL" in review and "/100" in review


# -- a DM interview that does not swallow the conversation ---------------------------------------


async def _start_interview(h: DiscordHarness) -> None:
    if not h.bot.extra_events.get("on_interview_answer"):
        pytest.skip("the interview feature is not installed")
    await send_dm(h, "can we practice interview questions for a data analyst job?")
    assert await h.bot.services.interview.awaiting_answer(h.member.id)


async def test_a_question_during_an_interview_is_asked_about_not_scored(
    h: DiscordHarness, spy: Spy
) -> None:
    await _start_interview(h)
    uid = h.member.id
    await send_dm(h, "my resume is all teaching stuff, how do I make it look good")
    guard = spy.last()
    assert guard.content.startswith("That sounds like a question about your résumé")
    assert "`pause`" in guard.content
    ids = custom_ids_of(guard)
    assert [i.split(":")[2] for i in ids] == ["answer", "pause", "chat"]
    session = await h.bot.services.interview.active(uid)
    assert session is not None and session.answers == ()  # nothing scored
    # "Handle this instead": answered as chat, the question still waits.
    [chat] = [i for i in ids if i.startswith("cm:ivaside:chat:")]
    result = await h.click(payload_of(h, guard), chat, dm=True)
    assert "still waits" in result.text()
    await h.settle()
    assert "résumé" in spy.all_text().casefold()
    assert await h.bot.services.interview.awaiting_answer(uid)


async def test_a_preference_during_an_interview_is_not_scored_and_can_be_the_answer(
    h: DiscordHarness, spy: Spy
) -> None:
    await _start_interview(h)
    uid = h.member.id
    await send_dm(h, "I prefer hybrid and need 80k")
    guard = spy.last()
    assert "answer the interview question first" in guard.content
    [answer] = [i for i in custom_ids_of(guard) if i.startswith("cm:ivaside:answer:")]
    result = await h.click(payload_of(h, guard), answer, dm=True)
    assert "/100" in " ".join(str(e) for e in result.embeds)
    session = await h.bot.services.interview.active(uid)
    assert session is not None and len(session.answers) == 1


async def test_typed_controls_work_in_every_phase(h: DiscordHarness, spy: Spy) -> None:
    h.bot.get_cog("Chat").limiter = LocalRateLimiter("chat", 100, 60.0)  # more than 6 DMs a minute
    await _start_interview(h)
    uid = h.member.id
    service = h.bot.services.interview
    await send_dm(h, "hint")
    assert "Hint" in _embed_text(_last_embed(spy)) or "💡" in _embed_text(_last_embed(spy))
    await send_dm(h, "In my last role I built a SQL dashboard that cut reporting time by 30%.")
    scored = await service.active(uid)
    assert scored is not None and scored.phase == "feedback"
    await send_dm(h, "skip")  # after the score: on to the next question (D11)
    moved = await service.active(uid)
    assert moved is not None and moved.current == 1 and moved.phase == "question"
    await send_dm(h, "next question")  # while a question waits: skip it
    later = await service.active(uid)
    assert later is not None and later.current == 2
    await send_dm(h, "pause")
    assert "normal chat again" in spy.texts()[-1]
    assert not await service.awaiting_answer(uid)
    await send_dm(h, "how much do nurses make?")  # chat again
    assert "Registered Nurse" in spy.texts()[-1]
    await service.set_typed_answers(later.id, uid, True)
    await send_dm(h, "end")
    assert await service.active(uid) is None
    intents = await stored_intents(uid)
    assert intents == ["interview_practice", "pay"]  # the interview's messages stay out


async def test_chat_in_a_server_never_goes_to_the_dm_interview(h: DiscordHarness, spy: Spy) -> None:
    await _start_interview(h)
    replies = len(spy.replies)
    await dpytest.message(f"<@{h.bot.user.id}> skip", channel=h.channel, member=h.member)
    await h.settle()
    session = await h.bot.services.interview.active(h.member.id)
    assert session is not None and session.current == 0 and session.answers == ()
    assert len(spy.replies) == replies + 1  # answered as conversation

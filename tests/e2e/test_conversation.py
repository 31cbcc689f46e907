"""The DM conversation end to end: every intent routed, facts saved with Undo, follow-ups,
privacy behind a confirm, memory across a restart, the model down, unknown `!` commands.

Real bot (dpytest + the harness), real SQLite file, the shipped knowledge base, a scripted model.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext import commands
from discord.ext.test import backend

from careermate_bot.config import Settings
from careermate_bot.llm import EngineUnreachable
from careermate_bot.llm.fake import FakeBackend, fake_client
from careermate_bot.services import profile as profiles
from careermate_bot.services.conversation import STEER_BACK, StartInterview
from tests.e2e.dm_support import (
    MODEL_SAYS,
    Spy,
    custom_ids_of,
    payload_of,
    send_dm,
    services_for,
    stored_intents,
)
from tests.harness.bot import running_bot
from tests.harness.driver import DiscordHarness


@pytest.fixture
async def h(settings: Settings, career_kb: Any, tmp_path: Path) -> AsyncIterator[DiscordHarness]:
    async with running_bot(settings, services_for(settings, career_kb), tmp_path) as harness:
        yield harness


# -- one test per intent ---------------------------------------------------------------------------


async def test_small_talk_goes_to_the_model_and_stores_the_intent(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "hey, how are you doing?")
    assert spy.texts()[-1] == MODEL_SAYS
    assert await stored_intents(h.member.id) == ["small_talk"]


async def test_other_is_answered_and_steered_back(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, "write me a poem about cats")
    assert spy.texts()[-1] == f"{MODEL_SAYS}\n\n*{STEER_BACK}*"
    assert await stored_intents(h.member.id) == ["other"]


async def test_career_question_gets_the_career_paths_result(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, "What career paths are available for my Python and SQL skills?")
    embed = spy.embeds()[0]
    assert "career path" in (embed.title or "").lower()
    assert "%" in spy.all_text()
    assert await stored_intents(h.member.id) == ["career_advice"]


async def test_a_named_role_gets_its_skill_gap(h: DiscordHarness, spy: Spy) -> None:
    await profiles.add_skills(h.member.id, ["Python", "SQL"])
    await send_dm(h, "what skills do I need to become a data engineer?")
    embed = spy.embeds()[0]
    assert "Data Engineer" in (embed.title or "")


async def test_pay_question_then_a_follow_up(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, "How much do data scientists make in Seattle?")
    first = spy.texts()[-1]
    assert "Data Scientist" in first and "Seattle" in first and "$" in first
    assert "Source: U.S. Bureau of Labor Statistics" in first
    await send_dm(h, "what about in Denver?")
    second = spy.texts()[-1]
    assert "Data Scientist" in second and "Denver" in second and "$" in second
    assert await stored_intents(h.member.id) == ["pay", "pay"]


async def test_a_pay_question_without_a_role_is_asked_one_short_question(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "what's the average salary in Austin?")
    assert spy.texts()[-1].startswith("Which job")
    await send_dm(h, "nurse practitioner")
    assert "Nurse Practitioner" in spy.texts()[-1] and "Austin" in spy.texts()[-1]


async def test_job_search_gets_the_jobs_pager(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, "find me remote python jobs")
    assert any(s.embeds for s in spy.replies)
    assert "python" in spy.all_text().lower()
    assert await stored_intents(h.member.id) == ["job_search"]


async def test_profile_update_saves_says_what_and_undo_reverts(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, "I know Python and SQL and I live in Austin TX")
    sent = spy.last()
    assert sent.content == "Saved: skills Python, SQL; location Austin TX"
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None
    assert profile.skills == ["Python", "SQL"] and profile.locations == ["Austin TX"]
    [undo] = [c for c in custom_ids_of(sent) if c.startswith("cm:undo:")]
    result = await h.click(payload_of(h, sent), undo, user=h.member, dm=True)
    assert "Undone: skills Python, SQL; location Austin TX" in result.text()
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.skills == [] and profile.locations == []
    again = await h.click(payload_of(h, sent), undo, user=h.member, dm=True)
    assert again.ephemeral and "already undone" in again.text()
    assert await stored_intents(h.member.id) == ["profile_update"]


async def test_facts_plus_a_question_does_both(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, "I know Python and SQL — what jobs fit me?")
    assert spy.replies[0].content == "Saved: skills Python, SQL"
    assert any(s.embeds for s in spy.replies[1:])
    assert "Python" in spy.all_text()
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.skills == ["Python", "SQL"]
    assert await stored_intents(h.member.id) == ["job_search"]


async def test_privacy_shows_what_is_kept_and_deletes_only_after_confirm(
    h: DiscordHarness, spy: Spy
) -> None:
    await profiles.update_profile(h.member.id, add_skills=["Python"], add_locations=["Denver"])
    await send_dm(h, "delete my data")
    sent = spy.last()
    assert "Python" in sent.content and "Denver" in sent.content
    assert await profiles.get_profile(h.member.id) is not None  # never on text alone
    ids = custom_ids_of(sent)
    delete = next(c for c in ids if c.startswith("cm:privacy:delete:"))
    export = next(c for c in ids if c.startswith("cm:privacy:export:"))
    exported = await h.click(payload_of(h, sent), export, user=h.member, dm=True)
    assert exported.files and exported.ephemeral
    asked = await h.click(payload_of(h, sent), delete, user=h.member, dm=True)
    assert "can't be undone" in asked.text()
    assert await profiles.get_profile(h.member.id) is not None
    confirm_message = asked.messages[-1]
    confirm = f"cm:privacy:confirm:{h.member.id}"
    done = await h.click(confirm_message, confirm, user=h.member, dm=True)
    assert "deleted everything" in done.text()
    assert await profiles.get_profile(h.member.id) is None


async def test_help_lists_what_the_bot_does(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, "what can you do?")
    text = spy.texts()[-1]
    assert "/career paths" in text and "/jobs search" in text and "Résumé" in text
    assert await stored_intents(h.member.id) == ["help"]


async def test_resume_and_interview_requests_are_dispatched(h: DiscordHarness, spy: Spy) -> None:
    seen: list[tuple[str, Any]] = []

    async def on_resume(message: discord.Message, attachment: Any) -> None:
        seen.append(("resume", attachment))

    async def on_interview(message: discord.Message, ask: StartInterview) -> None:
        seen.append(("interview", ask.role))

    for name in ("on_resume_request", "on_interview_request"):  # replace any real feature
        for listener in list(h.bot.extra_events.get(name, [])):
            h.bot.remove_listener(listener, name)
    h.bot.add_listener(on_resume, "on_resume_request")
    h.bot.add_listener(on_interview, "on_interview_request")
    await send_dm(h, "can you review my resume?")
    await send_dm(h, "let's do a mock interview for a data analyst role")
    assert seen == [("resume", None), ("interview", "Data Analyst")]
    assert await stored_intents(h.member.id) == ["resume_review", "interview_practice"]


async def test_a_dm_with_a_document_is_a_resume_request(h: DiscordHarness, spy: Spy) -> None:
    seen: list[Any] = []

    async def on_resume(message: discord.Message, attachment: Any) -> None:
        seen.append(attachment)

    for listener in list(h.bot.extra_events.get("on_resume_request", [])):
        h.bot.remove_listener(listener, "on_resume_request")
    h.bot.add_listener(on_resume, "on_resume_request")
    channel = await h.member.create_dm()
    path = h.tmp_dir / "cv.txt"
    path.write_text("Jane Doe\nPython developer\n")
    await dpytest.message("", channel=channel, member=h.member, attachments=[str(path)])
    await h.settle()
    assert len(seen) == 1 and seen[0].filename == "cv.txt"


async def test_unknown_bang_command(h: DiscordHarness, spy: Spy) -> None:
    channel = await h.member.create_dm()
    with pytest.raises(commands.CommandNotFound):  # dpytest re-raises what the bot answered
        await dpytest.message("!frobnicate now", channel=channel, member=h.member)
    assert dpytest.get_message().content == "I don't know that command — try `!help`."


# -- memory, restart, the model down ---------------------------------------------------------------


async def test_memory_test_across_a_restart(
    settings: Settings, career_kb: Any, tmp_path: Path, spy: Spy
) -> None:
    async with running_bot(settings, services_for(settings, career_kb), tmp_path) as h:
        uid = h.member.id
        await send_dm(h, "I know Python and SQL")
        assert spy.last().content == "Saved: skills Python, SQL"
    spy.replies.clear()
    async with running_bot(settings, services_for(settings, career_kb), tmp_path) as h:
        # A new bot process: nothing in memory; the same person (same Discord id) comes back.
        returning = backend.make_member(backend.make_user("returning", 1, id_num=uid), h.guild)
        channel = await returning.create_dm()
        await dpytest.message("What jobs are good for me?", channel=channel, member=returning)
        await h.settle()
    text = spy.all_text()
    assert "you have Python, SQL" in text
    assert any(s.embeds for s in spy.replies)


async def test_model_down_small_talk_gets_a_friendly_line(
    settings: Settings, career_kb: Any, tmp_path: Path, spy: Spy
) -> None:
    async with running_bot(settings, services_for(settings, career_kb, llm=None), tmp_path) as h:
        await send_dm(h, "hi there!")
        greeting = spy.texts()[-1]  # CareerMate's own warm line, steering to what it does
        assert greeting.startswith(("Hi", "Hello", "Hey")) and "CareerMate" in greeting
        await send_dm(h, "How much do nurses make in Ohio?")  # data answers still work
        assert "Source: U.S. Bureau of Labor Statistics" in spy.texts()[-1]
    down = fake_client(FakeBackend([EngineUnreachable("refused")]), retries=0)
    async with running_bot(settings, services_for(settings, career_kb, llm=down), tmp_path) as h:
        h.allow_errors = True  # type: ignore[attr-defined]
        await send_dm(h, "good morning")
        reply = spy.texts()[-1]
        assert reply.startswith(("Hi", "Hello", "Hey", "Good morning")) and "Ollama" in reply


async def test_a_mock_interview_from_chat_then_a_typed_answer(h: DiscordHarness, spy: Spy) -> None:
    """With the real interview feature: the chat starts it, a typed DM answers the question."""
    if not h.bot.extra_events.get("on_interview_answer"):
        pytest.skip("the interview feature is not installed")
    uid = h.member.id
    await send_dm(h, "can we practice interview questions for a data analyst job?")
    interview = h.bot.services.interview
    assert await interview.awaiting_answer(uid)
    before = await stored_intents(uid)
    await send_dm(h, "In my last role I built a SQL dashboard that cut reporting time by 30%.")
    session = await interview.active(uid)
    assert session is not None and session.last_answer is not None  # scored
    assert await stored_intents(uid) == before  # the answer went to the interview, not the router
    assert await stored_intents(uid) == ["interview_practice"]


async def test_privacy_asked_in_a_server_is_answered_in_a_dm(h: DiscordHarness, spy: Spy) -> None:
    await profiles.add_skills(h.member.id, ["Kotlin"])
    assert h.bot.user is not None
    await dpytest.message(
        f"<@{h.bot.user.id}> what do you remember about me?",
        channel=h.channel,
        member=h.member,
    )
    await h.settle()
    assert spy.texts()[-1].startswith("I've sent you a DM")
    assert "Kotlin" not in spy.all_text()  # nothing personal in the channel
    dm = await h.member.create_dm()
    sent = [m async for m in dm.history(limit=5)]
    assert any("Kotlin" in m.content for m in sent)


async def test_undo_still_works_after_a_restart(
    settings: Settings, career_kb: Any, tmp_path: Path, spy: Spy
) -> None:
    async with running_bot(settings, services_for(settings, career_kb), tmp_path) as h:
        uid = h.member.id
        await send_dm(h, "I have 7 years of experience")
        sent = spy.last()
        assert sent.content == "Saved: 7 years of experience"
        [undo] = [c for c in custom_ids_of(sent) if c.startswith("cm:undo:")]
    async with running_bot(settings, services_for(settings, career_kb), tmp_path) as h:
        me = backend.make_member(backend.make_user("returning", 1, id_num=uid), h.guild)
        result = await h.click(payload_of(h, sent), undo, user=me, dm=True)
        assert "Undone: 7 years of experience." in result.text()
        other = await h.click(payload_of(h, sent), undo, user=h.member_at(1), dm=True)
        assert other.ephemeral and "Only the person" in other.text()
        profile = await profiles.get_profile(uid)
        assert profile is not None and profile.experience_years is None


async def test_a_field_they_want_is_remembered_and_its_careers_shown(
    h: DiscordHarness, spy: Spy
) -> None:
    await profiles.add_skills(h.member.id, ["Patient Care", "CPR"])
    await send_dm(h, "I want to stay in healthcare")
    assert spy.replies[0].content == "Saved: wants to work in healthcare"
    assert any(c.startswith("cm:undo:") for c in custom_ids_of(spy.replies[0]))
    embed = spy.embeds()[0]
    assert embed.title == "Careers in healthcare"
    assert "% match" in embed.fields[0].name and "median pay $" in embed.fields[0].value
    assert "O*NET" in (embed.footer.text or "")
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.wanted_field == "healthcare"
    await send_dm(h, "what do you remember about me?")
    assert "**Wants to work in:** healthcare" in spy.all_text()
    await send_dm(h, "forget healthcare")
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.wanted_field is None


async def test_a_broad_ask_for_tips_gets_where_to_start_not_a_question_back(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "thanks! any tips?")
    embed = spy.embeds()[0]
    assert embed.title == "Where to start: five moves that help most careers"
    assert (embed.description or "").startswith("Here's where I'd start")
    names = [f.name for f in embed.fields]
    assert "1. Name a direction" in names and "5. Practise out loud before it counts" in names
    assert "Upload your résumé" in spy.all_text()  # "For you": nothing reviewed yet


async def test_what_someone_enjoys_gets_the_fields_roles_and_nothing_is_saved(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "I like working with my hands")
    [embed] = spy.embeds()
    assert embed.title == "Careers in the skilled trades"
    assert (embed.description or "").startswith("Working with your hands is at the heart of")
    assert len(embed.fields) == 8 and all("median pay $" in f.value for f in embed.fields[:3])
    assert not any(s.content.startswith("Saved") for s in spy.replies if s.content)
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.wanted_field is None


async def test_highest_paying_jobs_without_a_degree_are_ranked_from_bls_data(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "what's the highest paying job without a degree?")
    [embed] = spy.embeds()
    assert embed.title == "Highest-paying roles without a college degree"
    assert embed.fields[0].name.startswith("1. ") and "median $" in embed.fields[0].name
    assert "BLS" in (embed.footer.text or "")
    assert "Which job do you want pay figures for" not in spy.all_text()


async def test_a_veteran_asking_for_jobs_with_nothing_to_search_gets_the_transition_steps(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "I'm a veteran, what jobs fit me?")
    [embed] = spy.embeds()
    assert embed.title == "From the military to a civilian job"
    assert any("GI Bill" in f.value for f in embed.fields)
    # the question is not kept as a "note" about the person
    assert not any((s.content or "").startswith("Saved") for s in spy.replies)
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and not profile.preferences.get("notes")


async def test_skills_in_demand_come_from_the_data(h: DiscordHarness, spy: Spy) -> None:
    await send_dm(h, "what skills are in demand in healthcare?")
    [embed] = spy.embeds()
    assert embed.title == "Skills in demand in healthcare"
    assert "U.S. jobs" in embed.fields[0].value and "BLS" in (embed.footer.text or "")


async def test_good_news_about_work_gets_a_warm_line_not_a_refusal(
    h: DiscordHarness, spy: Spy
) -> None:
    h.bot.services.llm = None  # type: ignore[assignment]  # the deterministic line
    await send_dm(h, "I like my team a lot")
    text = spy.all_text()
    assert "beyond me" not in text and "outside what I can" not in text
    assert any(w in text for w in ("great to hear", "Love that", "Nice!")), text


async def test_no_direction_and_no_skills_gets_the_direction_steps_not_a_demand_for_skills(
    h: DiscordHarness, spy: Spy
) -> None:
    await send_dm(h, "I'm 22 and have no idea what to do with my life")
    [embed] = spy.embeds()
    assert embed.title == "Not sure what career to pursue"


@pytest.mark.parametrize("text", ["what jobs fit my skills?", "what careers fit me?"])
async def test_a_plain_request_with_nothing_to_go_on_still_asks_for_the_one_detail(
    h: DiscordHarness, spy: Spy, text: str
) -> None:
    await send_dm(h, text)
    assert not spy.embeds()
    assert "skills" in spy.all_text()

"""The conversation router without Discord: saving facts and undoing them, routing decisions,
follow-ups, and `careermate chat` printing the same results as text (terminal parity)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from careermate_bot.cli.chat import run_terminal_chat
from careermate_bot.config import Settings, build_settings
from careermate_bot.llm.fake import fake_client
from careermate_bot.services import profile as profiles
from careermate_bot.services.conversation import (
    Origin,
    Reply,
    ShowCareerPaths,
    ShowPay,
    ShowPrivacy,
    ShowSaved,
    Turn,
    privacy_summary,
)
from careermate_bot.services.conversation import memory as conversation_memory
from careermate_bot.services.conversation.router import ASK_SKILLS, ConversationRouter
from careermate_bot.services.profile import ProfileService
from careermate_bot.storage.database import close_db, init_db
from models import ChatMessage, MessageRole, MessageSource


def make_settings(tmp_path: Path) -> Settings:
    return build_settings(_env_file=None, data_dir=tmp_path, llm_provider="local")


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Settings]:
    settings = make_settings(tmp_path)
    await init_db(settings)
    try:
        yield settings
    finally:
        await close_db()


@pytest.fixture
def router(career_kb: Any) -> ConversationRouter:
    return ConversationRouter(career_kb, ProfileService(career_kb), None)


async def say(router: ConversationRouter, user_id: int, name: str, text: str) -> Turn:
    return await router.route(Origin(user_id, name, MessageSource.DM), text)


def text_of(turn: Turn) -> str:
    action = turn.action
    assert isinstance(action, ShowSaved | ShowPay | Reply), action
    return action.text


async def test_facts_are_saved_exactly_and_undone_once(
    db: Settings, router: ConversationRouter
) -> None:
    text = "I have 6 years of experience and want at least 95k"
    routed = await say(router, 5, "Ann", text)
    assert isinstance(routed.action, ShowSaved)
    assert text_of(routed) == "Saved: 6 years of experience; minimum salary $95,000"
    profile = await profiles.get_profile(5)
    assert profile is not None and (profile.experience_years, profile.min_salary) == (6, 95_000)
    assert routed.saved is not None
    assert await conversation_memory.undo(5, routed.saved.token) == (
        "Undone: 6 years of experience; minimum salary $95,000."
    )
    profile = await profiles.get_profile(5)
    assert profile is not None and (profile.experience_years, profile.min_salary) == (None, None)
    assert await conversation_memory.undo(5, routed.saved.token) is None


async def test_roles_a_person_holds_or_wants_go_to_the_right_place(
    db: Settings, router: ConversationRouter
) -> None:
    await say(router, 6, "Bo", "I'm a registered nurse")
    await say(router, 6, "Bo", "my goal is to become a nurse practitioner")
    profile = await profiles.get_profile(6)
    assert profile is not None
    assert profile.preferences["current_role"] == "Registered Nurse"
    assert profile.target_roles == ["Nurse Practitioner"]
    saved = await say(router, 6, "Bo", "I'm a CS student graduating next year")
    assert text_of(saved) == "Saved: education CS student"


async def test_refusals_and_relocation_are_saved_shown_and_forgotten(
    db: Settings, router: ConversationRouter
) -> None:
    turn = await say(
        router,
        8,
        "Cy",
        "I'm not interested in sales roles, no night shifts, and I'm willing to relocate",
    )
    assert text_of(turn) == "Saved: no nights; willing to relocate; not interested in sales roles"
    profile = await profiles.get_or_create(8)
    assert profile.avoid == ("sales roles",) and profile.not_schedule == ("nights",)
    assert profile.relocate is True
    assert ("Not interested in", "sales roles") in profile.stated_facts()
    privacy = (await say(router, 8, "Cy", "what do you remember about me?")).action
    assert isinstance(privacy, ShowPrivacy)
    shown = privacy.text
    assert "**Not interested in:** sales roles" in shown and "**Willing to relocate:** yes" in shown
    gone = await say(router, 8, "Cy", "forget that I'm not interested in sales roles")
    assert text_of(gone) == "Removed: not interested in sales roles"
    profile = await profiles.get_or_create(8)
    assert profile.avoid == () and profile.relocate is True


async def test_a_question_never_changes_the_profile(
    db: Settings, router: ConversationRouter
) -> None:
    routed = await say(router, 7, "Cy", "How much do electricians make in Phoenix?")
    assert isinstance(routed.action, ShowPay) and routed.saved is None
    assert "Electrician" in routed.action.text and "Phoenix" in routed.action.text
    profile = await profiles.get_profile(7)
    assert profile is not None and profile.is_empty


async def test_missing_skills_are_asked_for_then_used(
    db: Settings, router: ConversationRouter
) -> None:
    first = await say(router, 8, "Di", "what career paths would suit me?")
    assert first.action == Reply(ASK_SKILLS)
    second = await say(router, 8, "Di", "Python and SQL")
    assert isinstance(second.action, ShowCareerPaths) or second.saved is not None
    profile = await profiles.get_profile(8)
    assert profile is not None and profile.skills == ["Python", "SQL"]


async def test_intent_is_stored_on_the_message_row(
    db: Settings, router: ConversationRouter
) -> None:
    await say(router, 9, "Ed", "what can you do?")
    rows = await ChatMessage.filter(user__discord_id=9).order_by("id")
    assert [(r.role, r.intent) for r in rows] == [(MessageRole.USER, "help")]


async def test_privacy_summary_lists_the_facts(db: Settings) -> None:
    await profiles.update_profile(10, add_skills=["Go"], min_salary=120_000, remote_ok=True)
    profile = await profiles.get_profile(10)
    assert profile is not None
    text = privacy_summary(profile)
    assert "**Skills:** Go" in text and "$120,000" in text and "Open to remote:** yes" in text


async def test_terminal_chat_uses_the_same_router(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO(
        "I know Python and SQL\n"
        "What career paths fit me?\n"
        "What jobs are good for me?\n"
        "How much do nurses make in Denver?\n"
        "what about in Seattle?\n"
        "hello!\n"
        "undo\n"
        "/quit\n"
    )
    client = fake_client(["Hi there!"])
    code = await run_terminal_chat(
        make_settings(tmp_path), None, input_stream=stdin, output=out, errors=err, client=client
    )
    assert code == 0, err.getvalue()
    text = out.getvalue()
    assert "Saved: skills Python, SQL  (type 'undo' to take it back)" in text
    assert "Your top career paths" in text and "% match" in text
    chart = tmp_path / "career-paths.png"
    assert f"Chart: {chart}" in text and chart.read_bytes().startswith(b"\x89PNG")
    assert "Jobs for your profile" in text and "you have Python, SQL" in text
    assert "Registered Nurse" in text and "Denver" in text and "Seattle" in text
    assert "Source: U.S. Bureau of Labor Statistics" in text
    assert "careermate> Hi there!" in text
    assert "Undone: skills Python, SQL." in text
    assert "**" not in text


async def test_terminal_chat_understands_what_people_bring(tmp_path: Path) -> None:
    """The same understanding in the terminal: polarity, education used later, a layoff and a
    comparison answered by the guide, forget."""
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO(
        "I don't want to do remote, I prefer hybrid in Austin\n"
        "I just finished a nursing degree\n"
        "what kind of jobs can I get with that?\n"
        "I got laid off today\n"
        "PMP or CAPM?\n"
        "forget that I live in Austin\n"
        "/quit\n"
    )
    code = await run_terminal_chat(
        make_settings(tmp_path),
        None,
        input_stream=stdin,
        output=out,
        errors=err,
        client=fake_client(["Hi there!"]),
    )
    assert code == 0, err.getvalue()
    text = out.getvalue()
    assert "Saved: location Austin; not remote; prefers hybrid work" in text
    assert "Saved: education nursing degree" in text
    assert "Registered Nurse" in text  # the jobs the degree leads to
    assert "unemployment" in text.casefold()  # the layoff playbook
    assert "Project Management Institute" in text  # PMP vs CAPM, side by side
    assert "Removed: location Austin" in text


async def test_the_model_does_not_see_answers_given_from_data(
    db: Settings, router: ConversationRouter
) -> None:
    from careermate_bot.services.conversation.chat import ChatService

    await say(router, 11, "Flo", "I know Python and SQL")
    await say(router, 11, "Flo", "How much do nurses make in Ohio?")
    chat = ChatService(fake_client(["Hi!"]))
    await chat.reply(11, "Flo", "hello there", "dm")
    profile = await profiles.get_profile(11)
    assert profile is not None
    history = [t["content"] for t in await chat.history(profile)]
    assert history == ["hello there", "Hi!"]  # the saved-facts and pay turns stay out
    rows = await ChatMessage.filter(user__discord_id=11).order_by("id")
    assert [r.role for r in rows][:4] == ["user", "system", "user", "system"]


async def test_the_follow_up_context_is_exported_and_deleted_with_the_profile(
    db: Settings, router: ConversationRouter
) -> None:
    await say(router, 12, "Gil", "How much do nurses make in Denver?")
    exported = await router.profiles.export(12)
    assert exported is not None
    [state] = exported["conversation_state"]
    assert state["last_intent"] == "pay" and state["last_slots"]["location"] == "Denver"
    await router.profiles.delete(12)
    assert await router.profiles.export(12) is None
    turn = await say(router, 12, "Gil", "what about in Seattle?")  # no topic left to follow
    assert not isinstance(turn.action, ShowPay)

"""The DM conversation end to end: every intent routed, facts saved with Undo, follow-ups,
privacy behind a confirm, memory across a restart, the model down, unknown `!` commands.

Real bot (dpytest + the harness), real SQLite file, the shipped knowledge base, a scripted model.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext import commands
from discord.ext.test import backend, callbacks

from careermate_bot.config import Settings
from careermate_bot.llm import EngineUnreachable
from careermate_bot.llm.fake import FakeBackend, fake_client
from careermate_bot.services import profile as profiles
from careermate_bot.services.container import AppServices
from careermate_bot.services.conversation import STEER_BACK, StartInterview
from models import ChatMessage, MessageRole
from tests.harness.bot import running_bot
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

    def all_text(self) -> str:
        parts = []
        for sent, text in zip(self.replies, self.texts(), strict=True):
            parts.append(text)
            for embed in sent.embeds:
                parts.append(embed.title or "")
                parts.append(embed.description or "")
                parts.extend(f"{f.name} {f.value}" for f in embed.fields)
        return "\n".join(parts)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Spy:
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


def _services(settings: Settings, kb: Any, llm: Any = "default") -> AppServices:
    client = fake_client([MODEL_SAYS]) if llm == "default" else llm
    return AppServices(settings, llm=client, knowledge=kb, backups_enabled=False)


@pytest.fixture
async def h(settings: Settings, career_kb: Any, tmp_path: Path) -> AsyncIterator[DiscordHarness]:
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as harness:
        yield harness


async def _dm(h: DiscordHarness, text: str, **kwargs: Any) -> None:
    channel = await h.member.create_dm()
    await dpytest.message(text, channel=channel, member=h.member, **kwargs)
    await h.settle()


def _payload(h: DiscordHarness, sent: Sent) -> dict[str, Any]:
    return h.capture.message_payload(
        sent.message_id, sent.channel_id, sent.components, sent.content
    )


def _custom_ids(sent: Sent) -> list[str]:
    return [
        c["custom_id"]
        for row in sent.components
        for c in row.get("components", [])
        if "custom_id" in c
    ]


async def _intents(user_id: int) -> list[str | None]:
    rows = await ChatMessage.filter(user__discord_id=user_id, role=MessageRole.USER).order_by("id")
    return [r.intent for r in rows]


# -- one test per intent ---------------------------------------------------------------------------


async def test_small_talk_goes_to_the_model_and_stores_the_intent(
    h: DiscordHarness, spy: Spy
) -> None:
    await _dm(h, "hey, how are you doing?")
    assert spy.texts()[-1] == MODEL_SAYS
    assert await _intents(h.member.id) == ["small_talk"]


async def test_other_is_answered_and_steered_back(h: DiscordHarness, spy: Spy) -> None:
    await _dm(h, "write me a poem about cats")
    assert spy.texts()[-1] == f"{MODEL_SAYS}\n\n*{STEER_BACK}*"
    assert await _intents(h.member.id) == ["other"]


async def test_career_question_gets_the_career_paths_result(h: DiscordHarness, spy: Spy) -> None:
    await _dm(h, "What career paths are available for my Python and SQL skills?")
    embed = next(e for s in spy.replies for e in s.embeds)
    assert "career path" in (embed.title or "").lower()
    assert "%" in spy.all_text()
    assert await _intents(h.member.id) == ["career_advice"]


async def test_a_named_role_gets_its_skill_gap(h: DiscordHarness, spy: Spy) -> None:
    await profiles.add_skills(h.member.id, ["Python", "SQL"])
    await _dm(h, "what skills do I need to become a data engineer?")
    embed = next(e for s in spy.replies for e in s.embeds)
    assert "Data Engineer" in (embed.title or "")


async def test_pay_question_then_a_follow_up(h: DiscordHarness, spy: Spy) -> None:
    await _dm(h, "How much do data scientists make in Seattle?")
    first = spy.texts()[-1]
    assert "Data Scientist" in first and "Seattle" in first and "$" in first
    assert "Source: U.S. Bureau of Labor Statistics" in first
    await _dm(h, "what about in Denver?")
    second = spy.texts()[-1]
    assert "Data Scientist" in second and "Denver" in second and "$" in second
    assert await _intents(h.member.id) == ["pay", "pay"]


async def test_a_pay_question_without_a_role_is_asked_one_short_question(
    h: DiscordHarness, spy: Spy
) -> None:
    await _dm(h, "what's the average salary in Austin?")
    assert spy.texts()[-1].startswith("Which job")
    await _dm(h, "nurse practitioner")
    assert "Nurse Practitioner" in spy.texts()[-1] and "Austin" in spy.texts()[-1]


async def test_job_search_gets_the_jobs_pager(h: DiscordHarness, spy: Spy) -> None:
    await _dm(h, "find me remote python jobs")
    assert any(s.embeds for s in spy.replies)
    assert "python" in spy.all_text().lower()
    assert await _intents(h.member.id) == ["job_search"]


async def test_profile_update_saves_says_what_and_undo_reverts(h: DiscordHarness, spy: Spy) -> None:
    await _dm(h, "I know Python and SQL and I live in Austin TX")
    sent = spy.last()
    assert sent.content == "Saved: skills Python, SQL; location Austin TX"
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None
    assert profile.skills == ["Python", "SQL"] and profile.locations == ["Austin TX"]
    [undo] = [c for c in _custom_ids(sent) if c.startswith("cm:undo:")]
    result = await h.click(_payload(h, sent), undo, user=h.member, dm=True)
    assert "Undone: skills Python, SQL; location Austin TX" in result.text()
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.skills == [] and profile.locations == []
    again = await h.click(_payload(h, sent), undo, user=h.member, dm=True)
    assert again.ephemeral and "already undone" in again.text()
    assert await _intents(h.member.id) == ["profile_update"]


async def test_facts_plus_a_question_does_both(h: DiscordHarness, spy: Spy) -> None:
    await _dm(h, "I know Python and SQL — what jobs fit me?")
    assert spy.replies[0].content == "Saved: skills Python, SQL"
    assert any(s.embeds for s in spy.replies[1:])
    assert "Python" in spy.all_text()
    profile = await profiles.get_profile(h.member.id)
    assert profile is not None and profile.skills == ["Python", "SQL"]
    assert await _intents(h.member.id) == ["job_search"]


async def test_privacy_shows_what_is_kept_and_deletes_only_after_confirm(
    h: DiscordHarness, spy: Spy
) -> None:
    await profiles.update_profile(h.member.id, add_skills=["Python"], add_locations=["Denver"])
    await _dm(h, "delete my data")
    sent = spy.last()
    assert "Python" in sent.content and "Denver" in sent.content
    assert await profiles.get_profile(h.member.id) is not None  # never on text alone
    ids = _custom_ids(sent)
    delete = next(c for c in ids if c.startswith("cm:privacy:delete:"))
    export = next(c for c in ids if c.startswith("cm:privacy:export:"))
    exported = await h.click(_payload(h, sent), export, user=h.member, dm=True)
    assert exported.files and exported.ephemeral
    asked = await h.click(_payload(h, sent), delete, user=h.member, dm=True)
    assert "can't be undone" in asked.text()
    assert await profiles.get_profile(h.member.id) is not None
    confirm_message = asked.messages[-1]
    confirm = f"cm:privacy:confirm:{h.member.id}"
    done = await h.click(confirm_message, confirm, user=h.member, dm=True)
    assert "deleted everything" in done.text()
    assert await profiles.get_profile(h.member.id) is None


async def test_help_lists_what_the_bot_does(h: DiscordHarness, spy: Spy) -> None:
    await _dm(h, "what can you do?")
    text = spy.texts()[-1]
    assert "/career paths" in text and "/jobs search" in text and "Résumé" in text
    assert await _intents(h.member.id) == ["help"]


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
    await _dm(h, "can you review my resume?")
    await _dm(h, "let's do a mock interview for a data analyst role")
    assert seen == [("resume", None), ("interview", "Data Analyst")]
    assert await _intents(h.member.id) == ["resume_review", "interview_practice"]


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
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as h:
        uid = h.member.id
        await _dm(h, "I know Python and SQL")
        assert spy.last().content == "Saved: skills Python, SQL"
    spy.replies.clear()
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as h:
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
    async with running_bot(settings, _services(settings, career_kb, llm=None), tmp_path) as h:
        await _dm(h, "hi there!")
        greeting = spy.texts()[-1]  # CareerMate's own warm line, steering to what it does
        assert greeting.startswith(("Hi", "Hello", "Hey")) and "CareerMate" in greeting
        await _dm(h, "How much do nurses make in Ohio?")  # data answers still work
        assert "Source: U.S. Bureau of Labor Statistics" in spy.texts()[-1]
    down = fake_client(FakeBackend([EngineUnreachable("refused")]), retries=0)
    async with running_bot(settings, _services(settings, career_kb, llm=down), tmp_path) as h:
        h.allow_errors = True  # type: ignore[attr-defined]
        await _dm(h, "good morning")
        reply = spy.texts()[-1]
        assert reply.startswith(("Hi", "Hello", "Hey", "Good morning")) and "Ollama" in reply


async def test_a_mock_interview_from_chat_then_a_typed_answer(h: DiscordHarness, spy: Spy) -> None:
    """With the real interview feature: the chat starts it, a typed DM answers the question."""
    if not h.bot.extra_events.get("on_interview_answer"):
        pytest.skip("the interview feature is not installed")
    uid = h.member.id
    await _dm(h, "can we practice interview questions for a data analyst job?")
    interview = h.bot.services.interview
    assert await interview.awaiting_answer(uid)
    before = await _intents(uid)
    await _dm(h, "In my last role I built a SQL dashboard that cut reporting time by 30%.")
    session = await interview.active(uid)
    assert session is not None and session.last_answer is not None  # scored
    assert await _intents(uid) == before  # the answer went to the interview, not the router
    assert await _intents(uid) == ["interview_practice"]


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
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as h:
        uid = h.member.id
        await _dm(h, "I have 7 years of experience")
        sent = spy.last()
        assert sent.content == "Saved: 7 years of experience"
        [undo] = [c for c in _custom_ids(sent) if c.startswith("cm:undo:")]
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as h:
        me = backend.make_member(backend.make_user("returning", 1, id_num=uid), h.guild)
        result = await h.click(_payload(h, sent), undo, user=me, dm=True)
        assert "Undone: 7 years of experience." in result.text()
        other = await h.click(_payload(h, sent), undo, user=h.member_at(1), dm=True)
        assert other.ephemeral and "Only the person" in other.text()
        profile = await profiles.get_profile(uid)
        assert profile is not None and profile.experience_years is None

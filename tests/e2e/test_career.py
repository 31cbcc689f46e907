"""/career paths, /career gap and !career_analyze through the interaction harness (real DB)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext import commands

from careermate_bot.config import Settings
from careermate_bot.knowledge import CareerProfile
from careermate_bot.llm import EngineUnreachable
from careermate_bot.llm.fake import FakeReply, fake_client
from careermate_bot.services import profile as profiles
from careermate_bot.services.container import AppServices
from cogs.career.summary import COMPOSED_HEADER, SUMMARY_HEADER
from tests.conftest import CAREER_SUMMARY_SCRIPT
from tests.harness.bot import running_bot
from tests.harness.capture import iter_components
from tests.harness.driver import DiscordHarness

PNG = b"\x89PNG\r\n\x1a\n"
FIELD_RE = re.compile(r"^(?P<n>\d)\. (?P<title>.+) — (?P<pct>\d+)% match$")


def _paths(reply: Any) -> list[dict[str, Any]]:
    embed = reply.embeds[0]
    return [f for f in embed["fields"] if FIELD_RE.match(f["name"])]


def _gap_select(message: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in iter_components(message) if c.get("type") == 3)


async def test_paths_equal_what_the_knowledge_layer_computes(
    career_harness: DiscordHarness, career_kb: Any
) -> None:
    h = career_harness
    reply = await h.slash("career paths", skills="Python, SQL", location="Austin, TX")
    assert reply.deferred and not reply.ephemeral

    expected = career_kb.match_careers(
        CareerProfile(skills=["Python", "SQL"]), location="Austin, TX", top=5
    )
    fields = _paths(reply)
    assert len(fields) == 5 == len(expected.matches)
    for field, match in zip(fields, expected.matches, strict=True):
        parsed = FIELD_RE.match(field["name"])
        assert parsed is not None
        assert parsed["title"] == match.occupation.title
        assert int(parsed["pct"]) == match.match_percent
        annual = match.salary.annual
        assert f"median {annual.display('median')}/yr" in field["value"]
        assert f"{annual.display('p25')} – {annual.display('p75')}" in field["value"]
        assert match.missing_skills[0].skill in field["value"]
        assert "Python" in field["value"]  # why: the matched skills

    embed = reply.embeds[0]
    assert "Austin-Round Rock-San Marcos, TX" in embed["description"]
    assert "BLS OEWS, May 2025" in embed["footer"]["text"]
    assert "O*NET" in embed["footer"]["text"]
    # The chart: a PNG attached to the embed.
    assert embed["image"]["url"] == "attachment://career-paths.png"
    [chart] = reply.files
    chart.fp.seek(0)
    assert chart.fp.read(8) == PNG
    # The select offers a skill gap for each path.
    select = _gap_select(reply.message)
    assert [o["value"] for o in select["options"]] == [m.occupation.id for m in expected.matches]
    # New skills are saved and the reply says so.
    assert "Saved to your profile: Python, SQL" in embed["description"]
    stored = await profiles.get_profile(h.member.id)
    assert stored is not None and stored.skills == ["Python", "SQL"]
    # The LLM's words arrive in the same message.
    assert CAREER_SUMMARY_SCRIPT in reply.message["content"]
    assert reply.message["allowed_mentions"] == {"parse": []}


async def test_the_profile_survives_a_restart(
    settings: Settings, career_kb: Any, tmp_path: Path
) -> None:
    def services() -> AppServices:
        return AppServices(
            settings, llm=fake_client(["Keep going."]), knowledge=career_kb, backups_enabled=False
        )

    async with running_bot(settings, services(), tmp_path) as h:
        first = await h.slash("career paths", skills="Python, SQL, Tableau")
        uid = h.member.id
        first_fields = [f["name"] for f in _paths(first)]
    async with running_bot(settings, services(), tmp_path) as h:
        same_person = SimpleNamespace(id=uid, name="returning-user", roles=[])
        again = await h.slash("career paths", user=same_person)
        assert [f["name"] for f in _paths(again)] == first_fields
        description = again.embeds[0]["description"]
        assert "Python, SQL, Tableau" in description and "Saved to your profile" not in description
        assert not h.errors.records


async def test_no_skills_and_no_profile_gets_a_private_prompt(
    career_harness: DiscordHarness,
) -> None:
    reply = await career_harness.slash("career paths")
    assert reply.ephemeral and not reply.deferred
    assert "skills:Python, SQL" in reply.text()
    assert "/profile edit" in reply.text()


async def test_unknown_location_gets_did_you_mean(career_harness: DiscordHarness) -> None:
    reply = await career_harness.slash("career paths", skills="Python", location="Springfield")
    assert reply.ephemeral and not reply.deferred
    text = reply.text()
    assert "Did you mean" in text and "Springfield, IL" in text
    nothing = await career_harness.slash("career paths", skills="Python", location="Qqqxzzz")
    assert nothing.ephemeral and "remote" in nothing.text()


async def test_unrecognised_skills_are_refused_and_not_saved(
    career_harness: DiscordHarness,
) -> None:
    reply = await career_harness.slash("career paths", skills="**juggling**, <@123>")
    assert reply.ephemeral
    assert "didn't recognise" in reply.text()
    assert "\\*\\*juggling\\*\\*" in reply.text()  # quoted, not rendered
    assert await profiles.get_profile(career_harness.member.id) is not None
    stored = await profiles.get_profile(career_harness.member.id)
    assert stored is not None and stored.skills == []


async def test_llm_down_still_delivers_the_grounded_embed(career_harness: DiscordHarness) -> None:
    h = career_harness
    h.bot.services.llm = fake_client([EngineUnreachable("connection refused")], retries=0)
    reply = await h.slash("career paths", skills="Python, SQL")
    assert len(_paths(reply)) == 5
    assert reply.files  # the chart too
    content = reply.message["content"]
    assert "summary is unavailable" in content and "offline" in content
    assert "BLS OEWS" in reply.embeds[0]["footer"]["text"]


async def test_a_slow_llm_gets_a_note_not_a_wait(career_harness: DiscordHarness) -> None:
    h = career_harness
    h.bot.services.llm = fake_client(
        [FakeReply(["Too", " late."], first_delay=5.0)], first_token_timeout=0.1
    )
    reply = await h.slash("career paths", skills="Python, SQL")
    assert len(_paths(reply)) == 5
    assert "too slow" in reply.message["content"]


async def test_invented_numbers_never_reach_the_user(career_harness: DiscordHarness) -> None:
    h = career_harness
    h.bot.services.llm = fake_client(["Data Scientist pays $999,999 a year. You match 97% of it."])
    reply = await h.slash("career paths", skills="Python, SQL")
    content = reply.message["content"]
    assert "999,999" not in content and "97%" not in content
    # The model's text is replaced by the summary composed from the result itself.
    top = reply.embeds[0]["fields"][0]["name"]  # "1. Data Scientist — 39% match"
    assert content.startswith(COMPOSED_HEADER)
    assert top.split(". ", 1)[1].split(" — ")[0] in content


async def test_a_summary_naming_roles_and_interests_not_in_the_result_is_replaced(
    career_harness: DiscordHarness,
) -> None:
    h = career_harness
    h.bot.services.llm = fake_client(
        [
            "You seem passionate about science, with an interest in atmospheric science and "
            "Physics. A Meteorologist role would suit you well."
        ]
    )
    reply = await h.slash("career paths", skills="Python, SQL, Git, JavaScript")
    content = reply.message["content"]
    assert "passionate" not in content and "Meteorologist" not in content
    assert content.startswith(COMPOSED_HEADER) and "strongest path" in content


async def test_gap_select_and_find_jobs(career_harness: DiscordHarness, career_kb: Any) -> None:
    h = career_harness
    paths = await h.slash("career paths", skills="Python, SQL")
    select = _gap_select(paths.message)
    chosen = select["options"][1]["value"]
    gap = await h.select(paths.message, select["custom_id"], [chosen])
    assert gap.ephemeral
    report = career_kb.skill_gap(CareerProfile(skills=["Python", "SQL"]), chosen)
    embed = gap.embeds[0]
    assert f"{report.match_percent}% match" in embed["title"]
    to_learn = next(f for f in embed["fields"] if f["name"].startswith("To learn"))
    first = report.missing[0]
    assert f"**{first.skill}**" in to_learn["value"]
    assert f"+{first.gain_points:g} pts" in to_learn["value"]
    assert f"cm:findjobs:{chosen}" in gap.custom_ids()

    jobs = await h.click(gap.message, f"cm:findjobs:{chosen}")
    assert jobs.ephemeral
    occupation = career_kb.get_occupation(chosen)
    assert jobs.embeds[0]["title"] == occupation.title  # this path comes first
    assert "Page 1/" in jobs.embeds[0]["footer"]["text"]


async def test_someone_else_cannot_use_my_gap_select(career_harness: DiscordHarness) -> None:
    h = career_harness
    paths = await h.slash("career paths", skills="Python, SQL")
    select = _gap_select(paths.message)
    other = await h.select(
        paths.message, select["custom_id"], [select["options"][0]["value"]], user=h.member_at(1)
    )
    assert other.ephemeral and "someone else's" in other.text()


async def test_gap_command_and_role_autocomplete(
    career_harness: DiscordHarness, career_kb: Any
) -> None:
    h = career_harness
    await profiles.update_profile(h.member.id, skills=["Python", "SQL"])
    choices = await h.autocomplete("career gap", "role", role="data sci")
    assert choices and choices[0]["value"] == "data-scientist"
    reply = await h.slash("career gap", role="data-scientist")
    assert reply.ephemeral
    report = career_kb.skill_gap(CareerProfile(skills=["Python", "SQL"]), "data-scientist")
    assert reply.embeds[0]["title"] == f"Skill gap: Data Scientist — {report.match_percent}% match"
    assert "BLS OEWS, May 2025" in reply.embeds[0]["footer"]["text"]
    unknown = await h.slash("career gap", role="wizzard of oz")
    assert unknown.ephemeral and "role" in unknown.text()


async def test_skill_autocomplete_completes_the_last_item(career_harness: DiscordHarness) -> None:
    choices = await career_harness.autocomplete("career paths", "skills", skills="Python, sq")
    assert choices
    assert all(c["value"].startswith("Python, ") for c in choices)
    assert "Python, SQL" in [c["value"] for c in choices]
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    places = await career_harness.autocomplete("career paths", "location", location="austin")
    assert places[0]["value"].startswith("Austin")


async def test_works_in_dms(career_harness: DiscordHarness) -> None:
    reply = await career_harness.slash("career paths", skills="Excel, SQL", dm=True)
    assert len(_paths(reply)) == 5


async def test_legacy_career_analyze(
    career_harness: DiscordHarness,
    career_kb: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # dpytest drops the content and embeds of a message that carries a file (it stores the file
    # in the working directory, hence the chdir), so record what the command hands to reply().
    monkeypatch.chdir(tmp_path)
    sent: list[dict[str, Any]] = []
    original = discord.Message.reply

    async def spy(message: discord.Message, content: str | None = None, **kwargs: Any) -> Any:
        sent.append({"content": content, **kwargs})
        return await original(message, content, **kwargs)

    monkeypatch.setattr(discord.Message, "reply", spy)
    h = career_harness
    await dpytest.message("!career_analyze Python, SQL", channel=h.channel, member=h.member)
    await h.settle()
    [reply] = sent
    embed = reply["embed"]
    expected = career_kb.match_careers(CareerProfile(skills=["Python", "SQL"]), top=5)
    assert [f.name for f in embed.fields] == [
        f"{i}. {m.occupation.title} — {m.match_percent}% match"
        for i, m in enumerate(expected.matches, 1)
    ]
    assert reply["file"].filename == "career-paths.png"
    assert dpytest.get_message().attachments  # it was sent
    stored = await profiles.get_profile(h.member.id)
    assert stored is not None and stored.skills == ["Python", "SQL"]
    assert not (Path.cwd() / "dpytest_0.dat").exists() or Path.cwd() == tmp_path


async def test_legacy_career_analyze_without_skills_explains(
    career_harness: DiscordHarness,
) -> None:
    # dpytest re-raises command errors after the bot's own handler has answered.
    with pytest.raises(commands.CommandInvokeError):
        await dpytest.message(
            "!career_analyze", channel=career_harness.channel, member=career_harness.member
        )
    assert "skills" in dpytest.get_message().content


async def test_a_newer_career_paths_supersedes_the_summary_still_being_written(
    career_harness: DiscordHarness,
) -> None:
    """The same user asks again while the model still writes the first summary: the first
    message settles on the composed summary (no endless "writing…") and the model writes only
    the newer one, so stale summaries never fill the user's share of the model queue."""
    h = career_harness
    h.bot.services.llm = fake_client(
        [FakeReply([CAREER_SUMMARY_SCRIPT], first_delay=30.0), CAREER_SUMMARY_SCRIPT]
    )
    first = asyncio.create_task(h.slash("career paths", skills="Python, SQL"))
    for _ in range(2000):  # the first summary is being written
        if any(t.get_name().startswith("career-summary-") for t in h.bot._inflight):
            break
        await asyncio.sleep(0.01)
    else:
        raise AssertionError("the first summary never started")
    second = await h.slash("career paths", skills="Python, SQL")
    first_reply = await asyncio.wait_for(first, 20)  # long before the 30 s first token
    assert first_reply.message["content"].startswith(COMPOSED_HEADER)
    assert "strongest path" in first_reply.message["content"]
    assert second.message["content"].startswith(SUMMARY_HEADER)
    assert "small project" in second.message["content"]
    assert not h.bot._latest  # nothing left behind

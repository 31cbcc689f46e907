"""/jobs search, saved, post, board and !job_match through the interaction harness (real DB)."""

from __future__ import annotations

import asyncio
import importlib
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext import commands
from discord.ext.test import backend

from careermate_bot.config import Settings
from careermate_bot.knowledge import CareerProfile
from careermate_bot.llm.fake import fake_client
from careermate_bot.services import profile as profiles
from careermate_bot.services.container import AppServices
from careermate_bot.services.jobs import saved as saved_jobs
from tests.harness.bot import running_bot
from tests.harness.capture import iter_components
from tests.harness.driver import DiscordHarness

ADMIN = discord.Permissions(
    send_messages=True, read_messages=True, use_application_commands=True, manage_guild=True
)
POSTING = {
    "title": "Junior Data Analyst",
    "company": "Acme Analytics",
    "location": "Austin, TX",
    "skills": "SQL, Tableau, Excel",
    "description": "Dashboards and ad-hoc analysis for our sales team.",
}


def _pager_ids(message: dict[str, Any]) -> dict[str, str]:
    """action -> custom id of the pager's buttons."""
    found = {}
    for component in iter_components(message):
        custom_id = component.get("custom_id", "")
        if custom_id.startswith("cm:jobs:"):
            found[custom_id.rsplit(":", 1)[1]] = custom_id
    return found


def _page(message: dict[str, Any]) -> str:
    return message["embeds"][0]["footer"]["text"].split(" · ")[0]


async def _analyst(h: DiscordHarness) -> Any:
    await profiles.update_profile(h.member.id, skills=["SQL", "Excel", "Tableau"])
    return await h.slash("jobs search", role="analyst", location="Austin, TX")


async def test_results_page_forwards_backwards_and_to_the_end(
    career_harness: DiscordHarness,
) -> None:
    h = career_harness
    first = await _analyst(h)
    assert not first.ephemeral
    pages = int(_page(first.message).split("/")[1])
    assert 5 <= pages <= 7
    ids = _pager_ids(first.message)
    assert set(ids) == {"first", "prev", "page", "next", "last", "save"}
    assert _page(first.message) == f"Page 1/{pages}"

    await h.click(first.message, ids["next"])
    message = h.capture.messages[first.message_ids[0]]
    assert _page(message) == f"Page 2/{pages}"
    await h.click(message, ids["next"])
    await h.click(message, ids["prev"])
    assert _page(h.capture.messages[first.message_ids[0]]) == f"Page 2/{pages}"
    await h.click(message, ids["last"])
    message = h.capture.messages[first.message_ids[0]]
    assert _page(message) == f"Page {pages}/{pages}"
    label = next(c for c in iter_components(message) if c.get("custom_id") == ids["page"])
    assert label["label"] == f"{pages}/{pages}" and label["disabled"]
    nxt = next(c for c in iter_components(message) if c.get("custom_id") == ids["next"])
    assert nxt["disabled"]
    await h.click(message, ids["first"])
    assert _page(h.capture.messages[first.message_ids[0]]) == f"Page 1/{pages}"


async def test_roles_show_bls_pay_and_encoded_job_board_links(
    career_harness: DiscordHarness, career_kb: Any
) -> None:
    h = career_harness
    reply = await h.slash("jobs search", role="Data Analyst", location="Austin, TX")
    embed = reply.embeds[0]
    assert embed["title"] == "Data Analyst"
    salary = career_kb.salary("data-analyst", "Austin, TX")
    pay = next(f for f in embed["fields"] if f["name"].startswith("💵 Pay"))
    assert f"median {salary.annual.display('median')}/yr" in pay["value"]
    assert "Austin-Round Rock-San Marcos, TX" in pay["name"]
    assert "BLS OEWS, May 2025" in embed["footer"]["text"]
    assert "O*NET" in embed["footer"]["text"]
    links = {c["label"]: c["url"] for c in iter_components(reply.message) if c.get("url")}
    assert set(links) == {"LinkedIn", "Indeed", "Glassdoor", "ZipRecruiter"}
    linkedin = parse_qs(urlsplit(links["LinkedIn"]).query)
    assert linkedin == {"keywords": ["Data Analyst"], "location": ["Austin, TX"]}
    assert "keywords=Data%20Analyst&location=Austin%2C%20TX" in links["LinkedIn"]
    assert parse_qs(urlsplit(links["Indeed"]).query) == {"q": ["Data Analyst"], "l": ["Austin, TX"]}
    zip_query = parse_qs(urlsplit(links["ZipRecruiter"]).query)
    assert zip_query == {"search": ["Data Analyst"], "location": ["Austin, TX"]}


async def test_min_salary_and_remote_filters(
    career_harness: DiscordHarness, career_kb: Any
) -> None:
    h = career_harness
    await profiles.update_profile(h.member.id, skills=["Python", "SQL"])
    reply = await h.slash("jobs search", role="tech", min_salary="90k+", remote=True)
    pages = int(_page(reply.message).split("/")[1])
    assert 5 <= pages <= 7
    description = reply.embeds[0]["description"]
    assert "remote" in description and "≥ $90,000" in description
    pay_field = reply.embeds[0]["fields"][1]["name"]
    assert pay_field == "💵 Pay across the U.S."  # remote work is paid at national figures
    message = reply.message
    ids = _pager_ids(message)
    for page in range(1, pages + 1):
        current = h.capture.messages[reply.message_ids[0]]
        assert _page(current) == f"Page {page}/{pages}"
        occupation = next(
            o for o in career_kb.occupations if o.title == current["embeds"][0]["title"]
        )
        assert occupation.family == "tech"
        assert career_kb.salary(occupation).annual.median >= 90_000
        if page < pages:
            await h.click(current, ids["next"])
    links = {c["label"]: c["url"] for c in iter_components(message) if c.get("url")}
    assert "f_WT=2" in links["LinkedIn"] and "l=Remote" in links["Indeed"]

    bad = await h.slash("jobs search", role="tech", min_salary="lots")
    assert bad.ephemeral and "90k" in bad.text()


async def test_another_users_click_is_refused(career_harness: DiscordHarness) -> None:
    h = career_harness
    first = await _analyst(h)
    ids = _pager_ids(first.message)
    before = h.capture.messages[first.message_ids[0]]["embeds"]
    refused = await h.click(first.message, ids["next"], user=h.member_at(1))
    assert refused.ephemeral and "/jobs search" in refused.text() and "yourself" in refused.text()
    assert h.capture.messages[first.message_ids[0]]["embeds"] == before


async def test_a_timed_out_view_is_disabled(
    career_harness: DiscordHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = career_harness
    # The bot (re)loads its cog packages: patch the module it loaded, not one imported earlier.
    monkeypatch.setattr(importlib.import_module("cogs.jobs.views"), "PAGER_TIMEOUT", 0.2)
    first = await _analyst(h)
    message = h.capture.messages[first.message_ids[0]]

    def pager_buttons() -> list[dict[str, Any]]:
        return [c for c in iter_components(message) if c.get("type") == 2 and not c.get("url")]

    # Poll rather than sleep a fixed time: on a busy machine the timeout's edit can lag.
    for _ in range(200):
        if pager_buttons() and all(b["disabled"] for b in pager_buttons()):
            break
        await asyncio.sleep(0.05)
    buttons = pager_buttons()
    assert buttons and all(b["disabled"] for b in buttons)
    with pytest.raises(AssertionError, match="disabled"):
        await h.click(message, _pager_ids(message)["next"])


async def test_a_click_after_a_restart_says_the_list_expired(
    settings: Settings, career_kb: Any, tmp_path: Path
) -> None:
    def services() -> AppServices:
        return AppServices(
            settings, llm=fake_client(["ok"]), knowledge=career_kb, backups_enabled=False
        )

    async with running_bot(settings, services(), tmp_path) as h:
        first = await _analyst(h)
        old, uid = first.message, h.member.id
    async with running_bot(settings, services(), tmp_path) as h:
        same_person = SimpleNamespace(id=uid, name="returning-user", roles=[])
        reply = await h.click(old, _pager_ids(old)["next"], user=same_person)
        assert reply.ephemeral
        assert "expired" in reply.text() and "/jobs search" in reply.text()
        assert not h.errors.records


async def test_save_then_list_then_remove(career_harness: DiscordHarness) -> None:
    h = career_harness
    first = await _analyst(h)
    title = first.embeds[0]["title"]
    saved = await h.click(first.message, _pager_ids(first.message)["save"])
    assert saved.ephemeral and "Saved" in saved.text()
    again = await h.click(first.message, _pager_ids(first.message)["save"])
    assert "already" in again.text()
    # Anyone may save a shown result, to their own list.
    other = h.member_at(1)
    theirs = await h.click(first.message, _pager_ids(first.message)["save"], user=other)
    assert "Saved" in theirs.text()
    assert [s.title for s in await saved_jobs.list_saved(other.id)] == [title]

    listing = await h.slash("jobs saved")
    assert listing.ephemeral
    assert f"1. {title}" in listing.text()
    assert "BLS OEWS, May 2025" in listing.embeds[0]["footer"]["text"]
    [remove] = [i for i in listing.custom_ids() if i.startswith("cm:unsave:")]
    after = await h.click(listing.message, remove)
    assert "Nothing saved yet" in after.text()
    assert await saved_jobs.list_saved(h.member.id) == []


async def test_post_needs_permission(career_harness: DiscordHarness) -> None:
    refused = await career_harness.slash("jobs post")
    assert refused.modal is None and refused.ephemeral
    assert "Manage Server" in refused.text()


async def _post(h: DiscordHarness, values: dict[str, str] | None = None, **options: Any) -> Any:
    form = await h.slash("jobs post", permissions=ADMIN, **options)
    assert form.modal is not None
    return await h.submit_modal(form, values or POSTING, permissions=ADMIN)


async def test_a_posting_reaches_matching_members_of_its_server_only(
    settings: Settings, career_kb: Any, tmp_path: Path
) -> None:
    services = AppServices(
        settings, llm=fake_client(["ok"]), knowledge=career_kb, backups_enabled=False
    )
    async with running_bot(settings, services, tmp_path, guilds=2) as h:
        posted = await _post(h, salary="70k-90k", link="https://example.com/jobs/42?src=cm")
        assert posted.ephemeral and "Posted" in posted.text()
        assert "$70,000 - $90,000" in posted.text()

        seeker = h.member_at(1)
        await profiles.update_profile(seeker.id, skills=["SQL", "Excel"])
        found = await h.slash("jobs search", user=seeker)
        embed = found.embeds[0]
        assert embed["title"] == "Junior Data Analyst — Acme Analytics"
        assert embed["url"] == "https://example.com/jobs/42?src=cm"
        match = next(f for f in embed["fields"] if f["name"] == "Your match")
        assert match["value"].startswith("**67%**")  # 2 of the 3 skills asked for
        links = [c for c in iter_components(found.message) if c.get("url")]
        assert links[0]["label"] == "Open posting"

        elsewhere = await h.slash("jobs search", user=seeker, guild=h.config.guilds[1])
        assert "Acme Analytics" not in elsewhere.text()
        assert "Junior Data Analyst —" not in elsewhere.text()
        dm = await h.slash("jobs search", user=seeker, dm=True)
        assert "Acme Analytics" not in dm.text() and "inside a server" in dm.text()
        assert not h.errors.records


async def test_the_poster_role_may_post(career_harness: DiscordHarness) -> None:
    h = career_harness
    role = backend.make_role("Recruiter", h.guild)
    h.bot.services.settings = h.bot.services.settings.model_copy(
        update={"job_poster_role_id": role.id}
    )
    form = await h.slash("jobs post", roles=[role.id])
    assert form.modal is not None
    # The submit is checked again (issue 13, defect 6): the member still holds the role.
    holder = SimpleNamespace(id=h.member.id, name=h.member.name, roles=[h.guild.default_role, role])
    done = await h.submit_modal(form, POSTING, user=holder)
    assert "Posted" in done.text()


async def test_posting_input_is_validated(career_harness: DiscordHarness) -> None:
    h = career_harness
    bad_pay = await h.slash("jobs post", permissions=ADMIN, salary="120k-90k")
    assert bad_pay.modal is None and "below the bottom" in bad_pay.text()
    bad_link = await h.slash("jobs post", permissions=ADMIN, link="javascript:alert(1)")
    assert bad_link.modal is None and "https://" in bad_link.text()

    form = await h.slash("jobs post", permissions=ADMIN)
    rejected = await h.submit_modal(
        form, {**POSTING, "title": "   ", "location": "Remote"}, permissions=ADMIN
    )
    assert rejected.ephemeral and "job title" in rejected.text()
    [retry] = rejected.custom_ids()
    reopened = await h.click(rejected.message, retry, permissions=ADMIN)
    assert reopened.modal is not None
    assert "Acme Analytics" in str(reopened.modal)  # what was typed is kept
    too_many = ", ".join(f"skill {i}" for i in range(20))
    form = await h.slash("jobs post", permissions=ADMIN)
    rejected = await h.submit_modal(form, {**POSTING, "skills": too_many}, permissions=ADMIN)
    assert "at most 15 skills" in rejected.text()


async def test_board_lists_and_only_poster_or_admin_closes(career_harness: DiscordHarness) -> None:
    h = career_harness
    await _post(h)
    board = await h.slash("jobs board")
    assert board.ephemeral and "Junior Data Analyst" in board.text()
    [close] = [i for i in board.custom_ids() if i.startswith("cm:closepost:")]

    other = h.member_at(1)
    theirs = await h.slash("jobs board", user=other)
    assert "Junior Data Analyst" in theirs.text()
    assert not [i for i in theirs.custom_ids() if i.startswith("cm:closepost:")]
    select = next(c for c in iter_components(board.message) if c.get("custom_id") == close)
    posting_id = select["options"][0]["value"]
    refused = await h.select(board.message, close, [posting_id], user=other)
    assert "Only the member who posted it" in refused.text()

    closed = await h.select(board.message, close, [posting_id])
    assert "Closed" in closed.text() and "No open postings" in closed.text()
    dm = await h.slash("jobs board", dm=True)
    assert dm.ephemeral and "server" in dm.text()


async def test_legacy_job_match(career_harness: DiscordHarness, career_kb: Any) -> None:
    h = career_harness
    await dpytest.message("!job_match Remote, Tech, 90k+", channel=h.channel, member=h.member)
    message = dpytest.get_message()
    [embed] = message.embeds
    assert "remote" in embed.description and "≥ $90,000" in embed.description
    occupation = next(o for o in career_kb.occupations if o.title == embed.title)
    assert occupation.family == "tech"
    assert "Page 1/" in embed.footer.text


async def test_legacy_job_match_without_anything_explains(career_harness: DiscordHarness) -> None:
    with pytest.raises(commands.CommandInvokeError):
        await dpytest.message(
            "!job_match", channel=career_harness.channel, member=career_harness.member
        )
    assert "/jobs search role:" in dpytest.get_message().content


async def test_role_and_location_autocomplete(career_harness: DiscordHarness) -> None:
    h = career_harness
    roles = await h.autocomplete("jobs search", "role", role="data an")
    assert roles[0] == {"name": "Data Analyst", "value": "Data Analyst"}
    places = await h.autocomplete("jobs search", "location", location="")
    assert places[0]["value"] == "remote"
    assert await h.autocomplete("jobs search", "role", role="") == []


# -- issue 19: 5-7 results for a named role, a legend, place and pay that agree -----------------


async def test_a_named_role_gives_five_to_seven_pages(
    career_harness: DiscordHarness, career_kb: Any
) -> None:
    h = career_harness
    await profiles.update_profile(h.member.id, skills=["Python", "SQL"])
    reply = await h.slash("jobs search", role="data scientist")
    pages = int(_page(reply.message).split("/")[1])
    assert 5 <= pages <= 7
    embed = reply.embeds[0]
    assert embed["title"] == "Data Scientist"
    assert "Match % = share of the role's core skills you have" in embed["footer"]["text"]
    expected = career_kb.skill_gap(CareerProfile(skills=["Python", "SQL"]), "data-scientist")
    match = next(f for f in embed["fields"] if f["name"] == "Your match")
    assert match["value"].startswith(f"**{expected.match_percent}%**")
    ids = _pager_ids(reply.message)
    titles = [embed["title"]]
    for _ in range(pages - 1):
        await h.click(h.capture.messages[reply.message_ids[0]], ids["next"])
        titles.append(h.capture.messages[reply.message_ids[0]]["embeds"][0]["title"])
    assert len(set(titles)) == pages
    assert {"Machine Learning Engineer", "Data Analyst"} <= set(titles)


async def test_the_long_job_match_message_gives_five_to_seven_pages(
    career_harness: DiscordHarness,
) -> None:
    h = career_harness
    await dpytest.message(
        "!job_match I need help finding data science jobs, remote, 100k+",
        channel=h.channel,
        member=h.member,
    )
    [embed] = dpytest.get_message().embeds
    assert embed.title == "Data Scientist"
    pages = int(embed.footer.text.split(" · ")[0].split("/")[1])
    assert 5 <= pages <= 7
    assert "remote" in embed.description and "≥ $100,000" in embed.description
    pay = next(f for f in embed.fields if f.name.startswith("💵 Pay"))
    assert pay.name == "💵 Pay across the U.S."  # remote: the pay is national, never a city's


async def test_a_remote_search_with_a_city_shows_national_pay(
    career_harness: DiscordHarness,
) -> None:
    h = career_harness
    reply = await h.slash(
        "jobs search", role="Data Scientist", location="San Francisco, CA", remote=True
    )
    embed = reply.embeds[0]
    assert "remote" in embed["description"] and "national level" in embed["description"]
    pay = next(f for f in embed["fields"] if f["name"].startswith("💵 Pay"))
    assert pay["name"] == "💵 Pay across the U.S."
    assert "San Francisco" not in pay["name"]


async def test_part_time_words_are_answered_plainly(career_harness: DiscordHarness) -> None:
    reply = await career_harness.slash("jobs search", role="part time cashier")
    embed = reply.embeds[0]
    assert embed["title"] == "Cashier"
    assert "I can't filter roles by schedule (part-time)" in embed["description"]
    assert "often offer part-time work" in embed["description"]

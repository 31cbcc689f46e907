"""/jobs search (issue 19): 5-7 results for a named role, work words understood, and a card's
place and pay that agree. Service level, real SQLite database, the shipped knowledge base."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from careermate_bot.config import Settings
from careermate_bot.errors import UserFacingError
from careermate_bot.knowledge import FIT_LEGEND
from careermate_bot.services import profile as profiles
from careermate_bot.services.jobs import board as job_board
from careermate_bot.services.jobs.board import PostingDraft
from careermate_bot.services.jobs.search import (
    MAX_RESULTS,
    MIN_RESULTS,
    JobQuery,
    JobSearch,
    search_jobs,
    split_work_words,
)
from careermate_bot.storage.database import database

USER = 4242
GUILD = 77


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[None]:
    async with database(settings):
        yield


def _roles(search: JobSearch) -> list[str]:
    return [i.role.occupation.id for i in search.items if i.role is not None]


@pytest.mark.parametrize(
    ("text", "role", "arrangement", "part_time", "schedule"),
    [
        ("data scientist", "data scientist", None, False, ()),
        ("find me data science jobs", "data science", None, False, ()),
        ("I need help finding data science jobs", "data science", None, False, ()),
        ("part time barista, weekends only", "barista", None, True, ("weekends only",)),
        ("hybrid software engineer", "software engineer", "hybrid", False, ()),
        ("remote python jobs", "python", "remote", False, ()),
        ("on-site welder night shift", "welder", "on-site", False, ("night shift",)),
        ("Registered Nurse", "Registered Nurse", None, False, ()),
    ],
)
def test_work_words_are_taken_out_of_the_role(
    text: str, role: str, arrangement: str | None, part_time: bool, schedule: tuple[str, ...]
) -> None:
    cleaned, wishes = split_work_words(text)
    assert cleaned == role
    assert wishes.arrangement == arrangement
    assert wishes.part_time is part_time
    assert wishes.schedule == schedule


@pytest.mark.parametrize("role", ["data scientist", "data science", "find me data science jobs"])
async def test_a_named_role_gives_itself_then_its_family_by_fit(
    db: None, career_kb: Any, role: str
) -> None:
    await profiles.update_profile(USER, skills=["Python", "SQL"])
    search = await search_jobs(career_kb, JobQuery(user_id=USER, role=role))
    roles = [i.role for i in search.items if i.role is not None]
    assert MIN_RESULTS <= len(search.items) <= MAX_RESULTS
    assert roles[0].occupation.id == "data-scientist" and roles[0].relation == "named"
    rest = roles[1:]
    assert {r.relation for r in rest} <= {"specialisation", "related"}
    assert {"machine-learning-engineer", "data-analyst"} <= {r.occupation.id for r in rest}
    percents = [r.match_percent or 0 for r in rest]
    assert percents == sorted(percents, reverse=True)  # ranked by this user's fit
    assert any("Data Scientist first" in n for n in search.notes)
    assert search.legend == FIT_LEGEND


async def test_a_named_role_without_skills_still_gives_five(db: None, career_kb: Any) -> None:
    for role in ("welder", "registered nurse", "cashier", "paralegal", "actuary"):
        search = await search_jobs(career_kb, JobQuery(user_id=USER, role=role))
        assert MIN_RESULTS <= len(search.items) <= MAX_RESULTS, role
        assert search.items[0].role is not None and search.items[0].role.relation == "named"


async def test_an_ambiguous_title_lists_the_roles_named_so_first(db: None, career_kb: Any) -> None:
    search = await search_jobs(career_kb, JobQuery(user_id=USER, role="teacher"))
    titles = [i.title for i in search.items]
    assert len(titles) >= MIN_RESULTS
    assert all("Teacher" in t for t in titles[:3])
    assert any("covers several roles" in n for n in search.notes)


async def test_a_rare_skill_is_widened_to_related_roles(db: None, career_kb: Any) -> None:
    search = await search_jobs(career_kb, JobQuery(user_id=USER, role="barista"))
    assert len(search.items) >= MIN_RESULTS


async def test_remote_pay_is_national_even_with_a_city(db: None, career_kb: Any) -> None:
    query = JobQuery(user_id=USER, role="data scientist", location="San Francisco", remote=True)
    search = await search_jobs(career_kb, query)
    assert search.remote and search.location_label.startswith("Remote")
    for item in search.items:
        assert item.role is not None and item.role.salary is not None
        assert item.role.salary.area.is_national  # the card says remote: pay is national
        assert all("location=San" not in link.url for link in item.role.links)
    assert any("national level" in n and "San Francisco" in n for n in search.notes)
    worded = await search_jobs(career_kb, JobQuery(user_id=USER, role="remote data scientist"))
    assert worded.remote and worded.items[0].role is not None
    assert worded.items[0].role.salary is not None and worded.items[0].role.salary.area.is_national


async def test_a_local_search_shows_local_pay(db: None, career_kb: Any) -> None:
    search = await search_jobs(
        career_kb, JobQuery(user_id=USER, role="data scientist", location="Austin, TX")
    )
    assert not search.remote
    first = search.items[0].role
    assert first is not None and first.salary is not None
    assert "Austin" in first.salary.area.name and "Austin" in search.location_label


async def test_part_time_is_said_plainly_and_roles_that_offer_it_come_first(
    db: None, career_kb: Any
) -> None:
    search = await search_jobs(career_kb, JobQuery(user_id=USER, role="part time cashier"))
    assert search.schedule == "part-time" and "part-time" in search.filters_text()
    note = next(n for n in search.notes if n.startswith("I can't filter roles by schedule"))
    assert "often offer part-time work: Cashier" in note
    tagged = [i.role is not None and "part_time" in i.role.work_patterns for i in search.items]
    assert tagged[0] and tagged == sorted(tagged, reverse=True)


async def test_a_schedule_the_catalogue_knows_nothing_about_names_no_roles(
    db: None, career_kb: Any
) -> None:
    search = await search_jobs(career_kb, JobQuery(user_id=USER, role="actuary weekends only"))
    note = next(n for n in search.notes if n.startswith("I can't filter roles by schedule"))
    assert "weekends only" in note and "often offer" not in note
    assert _roles(search)[0] == "actuary"


async def test_hybrid_is_honoured_on_the_board_and_said_for_roles(db: None, career_kb: Any) -> None:
    for title, where, remote in (
        ("Data Analyst (hybrid)", "Austin, TX", False),
        ("Data Analyst", "Austin, TX", False),
        ("Data Analyst", "", True),
    ):
        draft = PostingDraft(
            title=title, company="Acme", location=where, remote=remote, salary=None,
            skills=("SQL",), unknown_skills=(), url=None, description="Dashboards.", days=30,
        )  # fmt: skip
        await job_board.create_posting(GUILD, 1, draft)
    hybrid = await search_jobs(
        career_kb, JobQuery(user_id=USER, guild_id=GUILD, role="hybrid data analyst")
    )
    postings = [i.posting.posting.title for i in hybrid.items if i.posting is not None]
    assert postings == ["Data Analyst (hybrid)"]
    assert any(n.startswith("Hybrid:") for n in hybrid.notes)
    onsite = await search_jobs(
        career_kb, JobQuery(user_id=USER, guild_id=GUILD, role="on-site data analyst")
    )
    assert all(not i.posting.posting.remote for i in onsite.items if i.posting is not None)
    assert sum(i.posting is not None for i in onsite.items) == 2
    assert len(onsite.items) <= MAX_RESULTS


async def test_fewer_than_five_get_a_note(db: None, career_kb: Any) -> None:
    search = await search_jobs(career_kb, JobQuery(user_id=USER, role="cashier", min_salary="200k"))
    assert 1 <= len(search.items) < MIN_RESULTS
    assert any(n.startswith(f"Only {len(search.items)} result") for n in search.notes)


async def test_work_words_alone_ask_for_a_role(db: None, career_kb: Any) -> None:
    with pytest.raises(UserFacingError) as raised:
        await search_jobs(career_kb, JobQuery(user_id=USER + 1, role="part time"))
    assert "part-time" in raised.value.user_message and "role" in raised.value.user_message

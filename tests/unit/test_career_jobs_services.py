"""Discord-free parts of /career and /jobs: links, board validation, grounding, parsing, chart."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from careermate_bot.config import Settings
from careermate_bot.errors import InvalidInput, UserFacingError
from careermate_bot.knowledge import CareerProfile
from careermate_bot.llm.grounding import ground
from careermate_bot.services import profile as profiles
from careermate_bot.services.career import CareerRequest, CareerService, NoSkillsGiven
from careermate_bot.services.career.chart import PathBar, render_match_chart
from careermate_bot.services.career.summary import summary_facts
from careermate_bot.services.jobs import JobQuery, JobsService
from careermate_bot.services.jobs import board as job_board
from careermate_bot.services.jobs import saved as saved_jobs
from careermate_bot.services.jobs.links import job_board_links, search_place
from careermate_bot.services.jobs.search import save_request
from careermate_bot.services.profile import ProfileService
from careermate_bot.storage.database import database


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[None]:
    async with database(settings):
        yield


def _career(kb: Any) -> CareerService:
    return CareerService(kb, ProfileService(kb))


# -- job board links -------------------------------------------------------------------------------


def test_links_encode_title_and_place() -> None:
    links = {link.board: link.url for link in job_board_links("C++ Developer", "Austin, TX")}
    assert parse_qs(urlsplit(links["LinkedIn"]).query) == {
        "keywords": ["C++ Developer"],
        "location": ["Austin, TX"],
    }
    assert "keywords=C%2B%2B%20Developer" in links["LinkedIn"]
    assert links["Indeed"].startswith("https://www.indeed.com/jobs?q=C%2B%2B%20Developer&l=")
    assert links["Glassdoor"] == (
        "https://www.glassdoor.com/Job/jobs.htm?sc.keyword=C%2B%2B%20Developer"
    )
    assert parse_qs(urlsplit(links["ZipRecruiter"]).query)["location"] == ["Austin, TX"]


def test_remote_and_nationwide_links() -> None:
    remote = {link.board: link.url for link in job_board_links("Nurse", None, remote=True)}
    assert "f_WT=2" in remote["LinkedIn"]
    assert parse_qs(urlsplit(remote["Indeed"]).query) == {"q": ["Nurse"], "l": ["Remote"]}
    national = {link.board: link.url for link in job_board_links("Nurse", "United States")}
    assert "location" not in parse_qs(urlsplit(national["LinkedIn"]).query)


@pytest.mark.parametrize(
    ("area", "place"),
    [
        ("Austin-Round Rock-San Marcos, TX", "Austin, TX"),
        ("New York-Newark-Jersey City, NY-NJ", "New York, NY"),
        ("Winston-Salem, NC", "Winston-Salem, NC"),
        ("Scranton--Wilkes-Barre, PA", "Scranton, PA"),
        ("Texas", "Texas"),
    ],
)
def test_search_place_from_bls_area_names(area: str, place: str) -> None:
    assert search_place(area) == place


# -- job board validation --------------------------------------------------------------------------


def _draft(**changes: Any) -> job_board.PostingDraft:
    values: dict[str, Any] = {
        "title": "Data Analyst",
        "company": "Acme",
        "location": "Austin, TX",
        "salary": "70k-90k",
        "skills": "SQL, Excel",
        "url": "https://acme.example/jobs/1",
        "description": "Nice job.",
    }
    values.update(changes)
    return job_board.validate_draft(**values)


def test_a_good_draft() -> None:
    draft = _draft()
    assert draft.salary is not None and (draft.salary.low, draft.salary.high) == (70_000, 90_000)
    assert draft.skills == ("SQL", "Excel") and not draft.remote and draft.days == 30
    assert _draft(location="Remote (US)").remote
    assert _draft(location="", remote=True).location == "Remote"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "job title"),
        ({"title": "x" * 101}, "at most 100"),
        ({"location": ""}, "location"),
        ({"url": "ftp://files.example/x"}, "https://"),
        ({"url": "javascript:alert(1)"}, "https://"),
        ({"url": "https://"}, "https://"),
        ({"url": "https://nodot"}, "domain"),
        ({"url": "https://a.example/x y"}, "spaces"),
        ({"salary": "90k-20k"}, "below the bottom"),
        ({"salary": "5k-900k"}, "too wide"),
        ({"description": "x" * 1001}, "at most 1000"),
        ({"skills": ", ".join(f"s{i}" for i in range(16))}, "at most 15"),
        ({"days": 91}, "1 to 90"),
    ],
)
def test_bad_drafts_say_what_is_wrong(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _draft(**changes)
    assert message in caught.value.user_message


def test_who_may_post() -> None:
    assert job_board.may_post(manage_guild=True, role_ids=[], poster_role_id=None)
    assert job_board.may_post(manage_guild=False, role_ids=[5, 7], poster_role_id=7)
    assert not job_board.may_post(manage_guild=False, role_ids=[5], poster_role_id=7)
    assert not job_board.may_post(manage_guild=False, role_ids=[5], poster_role_id=None)


async def test_postings_expire_and_close(db: None) -> None:
    now = datetime.now(UTC)
    old = await job_board.create_posting(1, 10, _draft(days=1), now=now - timedelta(days=2))
    live = await job_board.create_posting(1, 10, _draft(title="Live"))
    other_guild = await job_board.create_posting(2, 10, _draft(title="Elsewhere"))
    assert [p.id for p in await job_board.open_postings(1)] == [live.id]
    assert not old.is_open()
    with pytest.raises(UserFacingError, match="Only the member"):
        await job_board.close_posting(live.id, guild_id=1, user_id=99, is_admin=False)
    with pytest.raises(UserFacingError, match="doesn't exist"):
        await job_board.close_posting(other_guild.id, guild_id=1, user_id=10, is_admin=True)
    closed = await job_board.close_posting(live.id, guild_id=1, user_id=99, is_admin=True)
    assert closed.closed_at is not None
    assert await job_board.open_postings(1) == []


# -- saved jobs ------------------------------------------------------------------------------------


async def test_saved_jobs_are_per_user_and_deduplicated(db: None, career_kb: Any) -> None:
    await profiles.update_profile(1, skills=["SQL", "Excel"])
    search = await JobsService(career_kb).search(JobQuery(user_id=1, role="data analyst"))
    request = save_request(search.items[0], search)
    first, created = await saved_jobs.save(1, request)
    again, created_again = await saved_jobs.save(1, request)
    assert created and not created_again and first.id == again.id
    assert not await saved_jobs.remove(2, first.id)  # not theirs
    exported = await profiles.export_user_data(1)
    assert exported is not None and exported["saved_jobs"][0]["title"] == first.title
    assert await saved_jobs.remove(1, first.id)
    assert await saved_jobs.list_saved(1) == []


# -- career paths ----------------------------------------------------------------------------------


async def test_career_paths_save_only_new_known_skills(db: None, career_kb: Any) -> None:
    await profiles.update_profile(5, skills=["SQL"])
    paths = await _career(career_kb).career_paths(
        CareerRequest(user_id=5, skills="sql, python, underwater basketry")
    )
    assert paths.added_skills == ("Python",)
    assert paths.unknown_skills == ("underwater basketry",)
    stored = await profiles.get_profile(5)
    assert stored is not None and stored.skills == ["SQL", "Python"]
    expected = career_kb.match_careers(CareerProfile(skills=["SQL", "Python"]), top=5)
    assert [m.match_percent for m in paths.matches] == [m.match_percent for m in expected.matches]


async def test_nothing_is_written_when_the_request_is_rejected(db: None, career_kb: Any) -> None:
    with pytest.raises(NoSkillsGiven):
        await _career(career_kb).prepare(CareerRequest(user_id=6))
    with pytest.raises(InvalidInput, match="Did you mean"):
        await _career(career_kb).prepare(
            CareerRequest(user_id=6, skills="Python", location="Springfield")
        )
    stored = await profiles.get_profile(6)
    assert stored is not None and stored.skills == []


async def test_a_saved_location_that_does_not_resolve_falls_back_to_national(
    db: None, career_kb: Any
) -> None:
    await profiles.update_profile(7, skills=["Python"], locations=["Qqqxzzz"])
    paths = await _career(career_kb).career_paths(CareerRequest(user_id=7))
    assert paths.location_label == "United States (national)"
    assert paths.location_note is not None and "national" in paths.location_note


# -- grounding the summary -------------------------------------------------------------------------


async def test_ground_keeps_sentences_with_known_numbers_only(db: None, career_kb: Any) -> None:
    paths = await _career(career_kb).career_paths(CareerRequest(user_id=8, skills="Python, SQL"))
    facts = summary_facts(paths)
    top = paths.matches[0]
    median = top.salary.annual.display("median")  # type: ignore[union-attr]
    good = f"{top.occupation.title} fits you at {top.match_percent}% and pays {median}."
    invented = "It pays $987,654 everywhere."
    assert ground(f"{good} {invented} Keep learning!", facts) == f"{good} Keep learning!"
    assert ground(invented, facts) == ""
    assert ground("   ", facts) == ""
    assert median in facts and f"{top.match_percent}% match" in facts


# -- legacy filters and the chart ------------------------------------------------------------------


def test_legacy_job_match_filters(career_kb: Any) -> None:
    assert JobsService(career_kb).read_filters("Remote, Tech, 90k+") == {
        "remote": True,
        "role": "Tech",
        "location": None,
        "min_salary": "90k+",
    }
    parsed = JobsService(career_kb).read_filters("Austin, data analyst, $80,000")
    assert parsed["location"] == "Austin" and parsed["role"] == "data analyst"
    assert parsed["min_salary"] == "$80,000"


def test_chart_is_a_png_and_refuses_nothing() -> None:
    png = render_match_chart([PathBar("Data Scientist " * 5, 82, 7, 3), PathBar("DBA", 0, 0, 9)])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    with pytest.raises(ValueError):
        render_match_chart([])


def test_ground_drops_echoes_repeats_markup_and_noise() -> None:
    facts = "1. Data Scientist: 39% match; median yearly pay $127,360."
    prompt = "You are CareerMate, a friendly and concise career coach."
    echo = "You are CareerMate, a friendly and concise career coach.\n\nRules: write"
    assert ground(echo, facts, prompt) == ""
    looping = "Machine learning is fun. Python.\n" * 5
    assert ground(looping, facts, prompt) == ""
    noisy = (
        "<h1>Data Scientist suits your Python and SQL skills very well.</h1>\n"
        "Мне нравится.\nData Scientist suits your Python and SQL skills very well."
    )
    assert ground(noisy, facts, prompt) == (
        "Data Scientist suits your Python and SQL skills very well."
    )

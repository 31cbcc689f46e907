"""Every /career and /jobs embed stays inside Discord's limits, whatever the data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import discord
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careermate_bot.discord_ui.fit import embed_size, fit_embed
from careermate_bot.knowledge import CareerProfile, OccupationRef, SkillGain
from careermate_bot.services.career.paths import CareerPaths, SkillGap
from careermate_bot.services.jobs.board import PostingSnapshot
from careermate_bot.services.jobs.saved import SavedSnapshot
from careermate_bot.services.jobs.search import JobItem, JobSearch, Link, PostingHit, RoleHit
from careermate_bot.services.profile import ProfileSnapshot
from cogs.career.embeds import career_embed, gap_embed
from cogs.jobs.embeds import board_embed, job_page, saved_embed
from models.jobs import SavedKind

NOW = datetime(2025, 6, 1, tzinfo=UTC)
text = st.text(min_size=1, max_size=300)
long_text = st.text(min_size=0, max_size=3000)
skills = st.lists(st.text(min_size=1, max_size=120), max_size=60)
FAST = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def assert_fits(embed: discord.Embed) -> None:
    data = embed.to_dict()
    assert len(data.get("title", "")) <= 256
    assert len(data.get("description", "")) <= 4096
    fields = data.get("fields", [])
    assert len(fields) <= 25
    for field in fields:
        assert 1 <= len(field["name"]) <= 256
        assert 1 <= len(field["value"]) <= 1024
    assert len(data.get("footer", {}).get("text", "")) <= 2048
    assert len(data.get("author", {}).get("name", "")) <= 256
    assert embed_size(embed) <= 6000


def _profile() -> ProfileSnapshot:
    return ProfileSnapshot(
        discord_id=1,
        display_name="x",
        skills=[],
        locations=[],
        remote_ok=None,
        min_salary=None,
        experience_years=None,
        target_roles=[],
        preferences={},
        created_at=NOW,
        updated_at=NOW,
    )


def _gains(names: list[str]) -> tuple[SkillGain, ...]:
    return tuple(
        SkillGain(skill=n, category="tool", core=i % 2 == 0, gain_points=round(30 / (i + 1), 1))
        for i, n in enumerate(names)
    )


@FAST
@given(title=text, have=skills, missing=skills, note=long_text, unknown=skills)
def test_career_embed_fits(
    career_kb: Any, title: str, have: list[str], missing: list[str], note: str, unknown: list[str]
) -> None:
    result = career_kb.match_careers(CareerProfile(skills=["Python", "SQL"]), top=5)
    matches = tuple(
        m.model_copy(
            update={
                "occupation": m.occupation.model_copy(update={"title": f"{title} {i}"}),
                "matched_skills": tuple(have),
                "missing_skills": _gains(missing),
                "next_roles": tuple(
                    OccupationRef(id=f"r{j}", title=title, soc_code="15-1252") for j in range(9)
                ),
            }
        )
        for i, m in enumerate(result.matches)
    )
    paths = CareerPaths(
        result=result.model_copy(update={"matches": matches, "skills": tuple(have)}),
        profile=_profile(),
        added_skills=tuple(have),
        unknown_skills=tuple(unknown),
        location_label=title,
        location_note=note or None,
        target_role=title,
    )
    assert_fits(career_embed(paths))


@FAST
@given(title=text, description=long_text, have=skills, missing=skills)
def test_gap_embed_fits(
    career_kb: Any, title: str, description: str, have: list[str], missing: list[str]
) -> None:
    report = career_kb.skill_gap(CareerProfile(skills=["Python"]), "data-scientist")
    occupation = report.occupation.model_copy(
        update={"title": title, "description": description or "x", "education": title}
    )
    gap = SkillGap(
        report=report.model_copy(
            update={
                "occupation": occupation,
                "have": tuple(have),
                "missing": _gains(missing),
            }
        ),
        salary=career_kb.salary("data-scientist"),
        skills=tuple(have),
        next_roles=tuple([title] * 10),
    )
    assert_fits(gap_embed(gap))


def _posting(i: int, title: str, description: str, skills: list[str]) -> PostingSnapshot:
    return PostingSnapshot(
        id=i,
        guild_id=1,
        poster_id=2,
        title=title,
        company=title,
        location=title,
        remote=True,
        salary_min=90_000,
        salary_max=None,
        skills=tuple(skills),
        url="https://example.com/" + "a" * 400,
        description=description,
        created_at=NOW,
        expires_at=NOW + timedelta(days=30),
        closed_at=None,
    )


@FAST
@given(title=text, description=long_text, names=skills, notes=st.lists(long_text, max_size=5))
def test_job_pages_fit(
    career_kb: Any, title: str, description: str, names: list[str], notes: list[str]
) -> None:
    occupation = career_kb.get_occupation("data-analyst").model_copy(
        update={"title": title, "description": description or "x", "education": title}
    )
    role = RoleHit(
        occupation=occupation,
        salary=career_kb.salary("data-analyst"),
        match_percent=55,
        matched_skills=tuple(names),
        missing_skills=tuple(names),
        links=(Link(board="LinkedIn", url="https://www.linkedin.com/jobs/search/?keywords=x"),),
    )
    posting = PostingHit(
        posting=_posting(1, title, description, names),
        match_percent=40,
        matched_skills=tuple(names),
        missing_skills=tuple(names),
    )
    search = JobSearch(
        items=(JobItem(kind="posting", posting=posting), JobItem(kind="role", role=role)),
        query=title,
        location_label=title,
        area_code=None,
        area_name=None,
        remote=False,
        min_salary=90_000,
        in_guild=True,
        notes=tuple(notes),
    )
    for index in range(len(search.items)):
        assert_fits(job_page(search, index))


@FAST
@given(title=text, description=long_text, names=skills, count=st.integers(0, 40))
def test_board_and_saved_lists_fit(
    title: str, description: str, names: list[str], count: int
) -> None:
    postings = [_posting(i, title, description, names) for i in range(count)]
    assert_fits(board_embed(postings, guild_name=title))
    saved = [
        SavedSnapshot(
            id=i,
            kind=SavedKind.ROLE,
            key=f"k{i}",
            title=title,
            subtitle=title,
            detail=title,
            url="https://example.com/(x)",
            posting_id=None,
            occupation_id=None,
            area_code=None,
            created_at=NOW,
        )
        for i in range(count)
    ]
    for page in range(3):
        assert_fits(saved_embed(saved, page))


def test_fit_embed_cuts_the_least_important_text_first() -> None:
    embed = discord.Embed(title="t" * 300, description="d" * 5000)
    for i in range(30):
        embed.add_field(name=f"field {i}", value="v" * 2000)
    fit_embed(embed)
    assert_fits(embed)
    assert embed.title is not None and embed.title.endswith("…")
    assert len(embed.fields) == 25 and embed.fields[0].value.startswith("v")


def test_markdown_in_user_text_is_escaped(career_kb: Any) -> None:
    posting = PostingHit(
        posting=_posting(1, "**Boss** <@&123> `x`", "[click](https://evil.example)", []),
        match_percent=None,
    )
    search = JobSearch(
        items=(JobItem(kind="posting", posting=posting),),
        query=None,
        location_label="US",
        area_code=None,
        area_name=None,
        remote=False,
        min_salary=None,
        in_guild=True,
    )
    embed = job_page(search, 0).to_dict()
    assert "\\*\\*Boss\\*\\*" in embed["title"]
    assert "\\[click](" in embed["description"]  # no link syntax any more

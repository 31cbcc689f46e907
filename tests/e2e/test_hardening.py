"""Issue 13's Discord-side defects through the real bot (tests/harness, real SQLite file)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import discord
import discord.ext.test as dpytest
import pytest

from careermate_bot.services import profile as profiles
from models import JobPosting
from tests.harness.capture import iter_components
from tests.harness.driver import DiscordHarness

backend = dpytest.backend

POSTING = {
    "title": "Junior Data Analyst",
    "company": "Acme Analytics",
    "location": "Austin, TX",
    "skills": "SQL, Excel",
    "description": "Dashboards for our sales team.",
}


# -- 1 ---------------------------------------------------------------------------------------------
async def test_defect01_career_paths_with_a_full_profile_answers_and_says_what_went(
    career_harness: DiscordHarness,
) -> None:
    h = career_harness
    old = [f"Old skill {i:03d}" for i in range(profiles.MAX_LIST_ITEMS)]
    await profiles.update_profile(h.member.id, skills=old)
    reply = await h.slash("career paths", skills="Python, SQL")
    text = reply.text()
    assert "Something went wrong" not in text
    assert "keeps at most 100 skills" in text and "Old skill 000" in text
    stored = await profiles.get_profile(h.member.id)
    assert stored is not None and len(stored.skills) == profiles.MAX_LIST_ITEMS
    assert stored.skills[-2:] == ["Python", "SQL"]


# -- 2 ---------------------------------------------------------------------------------------------
def _inputs(modal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["custom_id"]: c for c in iter_components(modal) if c.get("type") == 4}


async def test_defect02_profile_form_prefill_fits_every_field_and_keeps_the_rest(
    harness: DiscordHarness,
) -> None:
    h = harness
    skills = [f"Specialised skill number {i:03d}" for i in range(profiles.MAX_LIST_ITEMS)]
    places = [f"Somewhere Far Away {i:02d}" for i in range(30)]
    roles = [f"Senior Principal Role {i:02d}" for i in range(30)]
    await profiles.update_profile(
        h.member.id,
        skills=skills,
        locations=places,
        target_roles=roles,
        experience_years=60,
        min_salary=10_000_000,
    )
    shown = await h.slash("profile show")
    form = await h.click(shown.message, f"cm:profile:edit:{h.member.id}")
    assert form.modal is not None
    inputs = _inputs(form.modal)
    for name, spec in inputs.items():
        value = spec.get("value") or ""
        assert len(value) <= spec["max_length"], f"{name}: {len(value)} > {spec['max_length']}"
        assert len(spec["label"]) <= 45
    assert "Specialised skill number 099" in inputs["skills"]["value"]  # the newest are shown
    assert "newest" in inputs["skills"]["label"] and "of 100" in inputs["skills"]["label"]
    assert "of 30" in inputs["locations"]["label"]

    saved = await h.submit_modal(form, {})  # save the form as it opened
    assert "Saved." in saved.text()
    stored = await profiles.get_profile(h.member.id)
    assert stored is not None
    assert stored.skills == skills and stored.locations == places and stored.target_roles == roles


# -- 6 ---------------------------------------------------------------------------------------------
@pytest.fixture
def poster_role(career_harness: DiscordHarness) -> discord.Role:
    h = career_harness
    role = backend.make_role("Recruiter", h.guild)
    h.bot.services.settings = h.bot.services.settings.model_copy(
        update={"job_poster_role_id": role.id}
    )
    return role


def _with_role(h: DiscordHarness, role: discord.Role) -> Any:
    """The same member while they still hold the poster role."""
    return SimpleNamespace(id=h.member.id, name=h.member.name, roles=[h.guild.default_role, role])


async def test_defect06_a_removed_poster_role_stops_the_open_form(
    career_harness: DiscordHarness, poster_role: discord.Role
) -> None:
    h = career_harness
    form = await h.slash("jobs post", user=_with_role(h, poster_role))
    assert form.modal is not None
    # The role is removed while the form is open; the submit carries the fresh (empty) roles.
    refused = await h.submit_modal(form, POSTING, user=h.member)
    assert refused.ephemeral and "Manage Server" in refused.text()
    assert await JobPosting.all().count() == 0


async def test_defect06_edit_and_resubmit_rechecks_the_poster_role(
    career_harness: DiscordHarness, poster_role: discord.Role
) -> None:
    h = career_harness
    poster = _with_role(h, poster_role)
    form = await h.slash("jobs post", user=poster)
    rejected = await h.submit_modal(form, {**POSTING, "title": "\u200b\u200b"}, user=poster)
    assert "Please fill in the job title" in rejected.text()
    [retry] = [i for i in rejected.custom_ids() if i.startswith("cm:repost:")]

    # With the role: the form reopens; without it by the time they submit: refused.
    reopened = await h.click(rejected.message, retry, user=poster)
    assert reopened.modal is not None
    refused = await h.submit_modal(reopened, POSTING, user=h.member)
    assert "Manage Server" in refused.text()

    # Role gone before the click: the form does not even open.
    again = await h.click(rejected.message, retry, user=h.member)
    assert again.modal is None and again.ephemeral and "Manage Server" in again.text()
    assert await JobPosting.all().count() == 0

    # And with the role the retry still posts.
    reopened = await h.click(rejected.message, retry, user=poster)
    done = await h.submit_modal(reopened, POSTING, user=poster)
    assert "Posted" in done.text()
    assert await JobPosting.all().count() == 1

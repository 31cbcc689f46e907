"""/guide through the interaction harness (real DB, real knowledge base): how to become X, what X
does, each comparison kind, a personalised negotiation answer, a cover-letter outline from the
stored résumé summary and profile, the clarifying question, and the buttons to the next tool."""

from __future__ import annotations

from typing import Any

from careermate_bot.knowledge import ONET_ATTRIBUTION
from careermate_bot.services import profile as profiles
from careermate_bot.services.resume import review
from careermate_bot.services.resume.store import save_review
from tests.harness.driver import DiscordHarness
from tests.resume_samples import STRONG


def _ids(result: Any, prefix: str) -> list[str]:
    return [c for c in result.custom_ids() if c.startswith(prefix)]


async def test_how_to_become_a_registered_nurse(career_harness: DiscordHarness) -> None:
    h = career_harness
    result = await h.slash("guide become", role="registered-nurse")
    text = result.text()
    assert "Registered Nurse" in result.embeds[0]["title"]
    assert "NCLEX-RN" in text and "board of nursing" in text.casefold()
    assert "degree" in text.casefold()  # typical education with its share of workers
    assert ONET_ATTRIBUTION.split(",")[0] in result.embeds[0]["footer"]["text"]
    assert _ids(result, "cm:gact:")  # buttons to the next tool


async def test_what_a_role_does_shows_tasks_pay_and_education(
    career_harness: DiscordHarness, career_kb: Any
) -> None:
    h = career_harness
    await profiles.update_profile(h.member.id, locations=["Seattle, WA"])
    result = await h.slash("guide role", role="actuary")
    text = result.text()
    pay = career_kb.salary("actuary", "Seattle, WA")
    assert pay.annual is not None and pay.annual.display("median") in text
    assert "Seattle" in text and "What they do" in text


async def test_compare_two_roles_side_by_side(career_harness: DiscordHarness) -> None:
    result = await career_harness.slash("guide compare", a="data analyst", b="data scientist")
    text = result.text()
    assert "Data Analyst" in text and "Data Scientist" in text
    assert "BLS" in text or "Bureau of Labor Statistics" in text


async def test_compare_two_skills_counts_roles_and_pay(career_harness: DiscordHarness) -> None:
    result = await career_harness.slash("guide compare", a="Python", b="R")
    text = result.text()
    assert "Python" in text and "R" in text and "occupation" in text.casefold()


async def test_compare_two_certifications_names_the_issuer(career_harness: DiscordHarness) -> None:
    result = await career_harness.slash("guide compare", a="PMP", b="CAPM")
    text = result.text()
    assert "PMI" in text or "Project Management Institute" in text
    assert "PMP" in text and "CAPM" in text


async def test_negotiation_places_the_offer_against_local_pay(
    career_harness: DiscordHarness, career_kb: Any
) -> None:
    question = "They offered me 65k for a data analyst job in Chicago. How do I negotiate?"
    result = await career_harness.slash("guide ask", question=question)
    text = result.text()
    assert result.ephemeral
    assert "$65,000" in text and "Chicago" in text and "percentile" in text
    assert "negotiat" in text.casefold()


async def test_cover_letter_outline_uses_only_stored_facts(
    career_harness: DiscordHarness, career_kb: Any
) -> None:
    h = career_harness
    await profiles.update_profile(h.member.id, skills=["SQL", "Tableau"], experience_years=6)
    await save_review(h.member.id, review(career_kb, STRONG, target_role="Data Analyst"))
    result = await h.slash("guide cover-letter", role="data-analyst", company="Acme")
    text = result.text()
    assert "Acme" in text and "SQL" in text and "[" in text  # [placeholders] for the unknown
    assert "Kubernetes" not in text  # nothing the person never said


async def test_an_unclear_question_offers_two_readings(career_harness: DiscordHarness) -> None:
    h = career_harness
    result = await h.slash("guide ask", question="what should I do now")
    readings = _ids(result, "cm:gclar:")
    assert len(readings) == 2, result.text()
    chosen = await h.click(result.message, readings[0])
    assert chosen.ephemeral and chosen.embeds and chosen.embeds[0]["title"]


async def test_a_skill_gap_button_asks_the_career_feature(career_harness: DiscordHarness) -> None:
    h = career_harness
    await profiles.update_profile(h.member.id, skills=["Excel"])
    result = await h.slash("guide become", role="data-analyst")
    gap = next(c for c in _ids(result, "cm:gact:") if ":skill_gap:" in c)
    clicked = await h.click(result.message, gap)
    assert clicked.embeds and "Data Analyst" in clicked.text() and "%" in clicked.text()

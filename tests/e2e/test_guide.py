"""/guide through the interaction harness (real DB, real knowledge base): how to become X, what X
does, each comparison kind, a personalised negotiation answer, a cover-letter outline from the
stored résumé summary and profile, the clarifying question, and the buttons to the next tool;
with a capable (scripted) model, its opening above the unchanged steps."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from careermate_bot.config import Settings
from careermate_bot.knowledge import ONET_ATTRIBUTION
from careermate_bot.llm import GenParams, LLMMessage, load_prompt
from careermate_bot.llm.capability import Capabilities
from careermate_bot.llm.fake import FakeBackend, fake_client
from careermate_bot.services import profile as profiles
from careermate_bot.services.container import AppServices
from careermate_bot.services.resume import review
from careermate_bot.services.resume.store import save_review
from tests.e2e.dm_support import Spy, send_dm
from tests.harness.bot import running_bot
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
    result = await h.slash("guide ask", question="tips for talking about money")
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


# -- words: a capable model's opening (services/guide/wording.py) -------------------------------
NURSE_OPENING = (
    "To become a registered nurse you'll finish an approved nursing program and pass the "
    "NCLEX-RN for your state licence. Most nurses hold a bachelor's degree, and it takes "
    "considerable preparation (job zone 4). Here is the path, step by step."
)


def _opening_or_summary(messages: Sequence[LLMMessage], params: GenParams) -> str:
    """A scripted capable model: the nurse opening for the guide's prompt."""
    system = messages[0]["content"] if messages else ""
    return NURSE_OPENING if "career guide" in system else "Hello."


@pytest.fixture
async def words(
    settings: Settings, career_kb: Any, tmp_path: Path
) -> AsyncIterator[tuple[DiscordHarness, AppServices, FakeBackend]]:
    backend = FakeBackend([_opening_or_summary])
    services = AppServices(
        settings, llm=fake_client(backend), knowledge=career_kb, backups_enabled=False
    )
    async with running_bot(settings, services, tmp_path) as h:
        yield h, services, backend
        assert not h.errors.records, h.errors.summary()  # type: ignore[attr-defined]


async def test_a_capable_model_words_the_opening_and_the_steps_stay(
    words: tuple[DiscordHarness, AppServices, FakeBackend],
) -> None:
    h, services, backend = words
    entry = services.guide.how_to_become("registered-nurse")  # the user has no profile yet
    result = await h.slash("guide become", role="registered-nurse")
    assert result.deferred  # acknowledged before the model was asked
    (embed,) = result.embeds
    assert embed["description"] == NURSE_OPENING != entry.lead
    assert "worded by the language model" in embed["footer"]["text"]
    assert ONET_ATTRIBUTION.split(",")[0] in embed["footer"]["text"]
    fields = [(f["name"], f["value"]) for f in embed["fields"]]
    assert fields == [(s.name, s.value) for s in entry.sections]  # every step, verbatim
    assert _ids(result, "cm:gact:")
    assert [c.messages[0]["content"] for c in backend.calls] == [load_prompt("guide_wording")]

    # Measured, not assumed: a model without the capability is never asked.
    services.capabilities = Capabilities.nothing()
    plain = await h.slash("guide become", role="registered-nurse")
    assert not plain.deferred and plain.embeds[0]["description"] == entry.lead
    assert "language model" not in plain.embeds[0]["footer"]["text"]
    assert len(backend.calls) == 1


async def test_an_opening_that_fails_its_checks_leaves_the_private_answer_as_composed(
    words: tuple[DiscordHarness, AppServices, FakeBackend],
) -> None:
    h, _, backend = words
    question = "They offered me 65k for a data analyst job in Chicago. How do I negotiate?"
    result = await h.slash("guide ask", question=question)
    assert result.ephemeral and result.deferred
    text = result.text()
    assert "$65,000" in text and "percentile" in text and NURSE_OPENING not in text  # off topic
    assert "language model" not in result.embeds[0]["footer"]["text"]
    assert len(backend.calls) == 1


# -- the same answers from a DM (the conversation routes open questions to the guide) ---------
@pytest.mark.parametrize(
    ("question", "must_say"),
    [
        ("How do I become a registered nurse?", ("How to become a Registered Nurse", "NCLEX-RN")),
        ("what does an actuary do?", ("What does an Actuary do?", "BLS OEWS")),
        ("data analyst vs data scientist", ("Data Analyst", "Data Scientist")),
        ("Python or R?", ("Python", "occupation")),
        ("PMP or CAPM?", ("PMP", "CAPM", "Project Management Institute")),
        (
            "They offered me 65k for a data analyst job in Chicago. How do I negotiate?",
            ("$65,000", "Chicago", "percentile"),
        ),
    ],
)
async def test_a_dm_question_gets_the_guide_answer(
    career_harness: DiscordHarness,
    spy: Spy,
    question: str,
    must_say: Sequence[str],
) -> None:
    await send_dm(career_harness, question)
    text = _spied_embed_text(spy)
    for words in must_say:
        assert words in text, (words, text[:300])
    assert ONET_ATTRIBUTION in text or "BLS" in text or "Institute" in text


async def test_a_dm_asking_for_a_cover_letter_gets_the_outline_from_stored_facts(
    career_harness: DiscordHarness, career_kb: Any, spy: Spy
) -> None:
    h = career_harness
    await profiles.update_profile(h.member.id, skills=["SQL", "Tableau"], locations=["Chicago"])
    await save_review(h.member.id, review(career_kb, STRONG, target_role="Data Analyst"))
    await send_dm(h, "can you write me a cover letter for a data analyst job")
    text = _spied_embed_text(spy)
    assert "Cover letter outline: Data Analyst" in text
    assert "SQL" in text and "Chicago" in text and "/100" in text  # profile + review summary
    assert "[Company]" in text  # what nobody said stays a placeholder


def _spied_embed_text(spy: Spy) -> str:
    embed = next(e for s in reversed(spy.replies) for e in s.embeds)
    parts = [embed.title or "", embed.description or "", embed.footer.text or ""]
    return "\n".join(parts + [f"{f.name}\n{f.value}" for f in embed.fields])


async def test_a_topics_find_jobs_button_searches_from_the_profile(
    career_harness: DiscordHarness,
) -> None:
    """A playbook topic has no role of its own: "Find jobs" searches for the person's profile,
    and without one says what to give (it used to say the tool was unavailable)."""
    h = career_harness
    result = await h.slash("guide ask", question="how can I find a job faster?")
    find = next(c for c in _ids(result, "cm:gact:") if ":job_search" in c)
    empty = await h.click(result.message, find)
    assert empty.ephemeral and "Tell me what to look for" in empty.text()
    await profiles.update_profile(h.member.id, skills=["Python", "SQL"])
    found = await h.click(result.message, find)
    assert found.ephemeral and found.embeds, found.text()
    assert "isn't available" not in found.text() and "for your profile" in found.text()

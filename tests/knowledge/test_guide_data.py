"""Integrity of the shipped guide data: guide.yaml, certifications.yaml, playbook.yaml.

Reads only the package's data files (never ../shared)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careermate_bot.knowledge.catalogue import OccupationCatalogue
from careermate_bot.knowledge.guide import ACTIONS, HOOKS, Guide
from careermate_bot.knowledge.guide.types import MAX_STEP_TEXT
from careermate_bot.knowledge.loading import package_data_dir
from careermate_bot.knowledge.types import ONET_ATTRIBUTION

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def guide() -> Guide:
    return Guide.load()


@pytest.fixture(scope="module")
def catalogue() -> OccupationCatalogue:
    return OccupationCatalogue.from_yaml(package_data_dir() / "occupations.yaml")


# -- occupation guide -----------------------------------------------------------------------------
def test_every_catalogue_occupation_has_a_complete_entry(
    guide: Guide, catalogue: OccupationCatalogue
) -> None:
    assert guide.check_against(catalogue.by_id) == []
    assert set(guide.entries) == set(catalogue.by_id)
    for occ in catalogue:
        entry = guide.entries[occ.id]
        assert entry.education.level.strip(), occ.id
        assert entry.job_zone in guide.job_zones, occ.id
        assert guide.zone(entry).meaning.strip(), occ.id
        assert len(entry.tasks) >= 3, f"{occ.id}: {len(entry.tasks)} tasks"
        assert all(t.strip().endswith(".") for t in entry.tasks), occ.id
        assert len(entry.related) >= 2 or entry.related_note, f"{occ.id}: related {entry.related}"
        assert occ.id not in entry.related, occ.id
        assert len(set(entry.related)) == len(entry.related), occ.id


def test_curated_roles_say_which_onet_occupation_they_borrow(
    guide: Guide, catalogue: OccupationCatalogue
) -> None:
    curated = [o for o in catalogue if o.source.startswith("CareerMate")]
    assert curated, "the catalogue has CareerMate-curated roles"
    for occ in catalogue:
        entry = guide.entries[occ.id]
        assert entry.onet == occ.onet_code, occ.id
        if occ in curated:
            assert entry.mapping == "closest", occ.id
            assert entry.mapping_note and entry.onet_title in entry.mapping_note, occ.id
        else:
            assert entry.mapping == "exact", occ.id


def test_education_shares_are_percentages_with_their_basis(guide: Guide) -> None:
    for entry in guide.entries.values():
        edu = entry.education
        if edu.basis == "onet":
            assert edu.share is not None and 0 < edu.share <= 100, entry.id
            if edu.runner_up is not None:
                assert edu.runner_up.share is not None and edu.runner_up.share <= edu.share
        else:
            assert edu.share is None and edu.note, entry.id
    nurse = guide.entries["registered-nurse"].education
    assert nurse.level == "Bachelor's degree" and nurse.basis == "onet"


def test_attribution_is_present(guide: Guide) -> None:
    assert guide.attribution == ONET_ATTRIBUTION
    text = (package_data_dir() / "guide.yaml").read_text(encoding="utf-8")
    assert "O*NET 29.3 Database by USDOL/ETA" in text and "CC BY 4.0" in text


LICENSED = (
    "registered-nurse", "licensed-practical-nurse", "nurse-practitioner", "physician-assistant",
    "family-physician", "pharmacist", "pharmacy-technician", "physical-therapist",
    "dental-hygienist", "dentist", "emt", "paramedic", "social-worker", "electrician", "plumber",
    "hvac-technician", "accountant", "truck-driver", "lawyer", "real-estate-agent",
    "airline-pilot", "aircraft-mechanic", "hairdresser", "elementary-teacher",
    "high-school-teacher", "civil-engineer", "architect", "insurance-sales-agent",
    "loan-officer", "massage-therapist", "veterinarian", "nursing-assistant",
)  # fmt: skip


@pytest.mark.parametrize("occ_id", LICENSED)
def test_licensed_occupations_have_a_route_with_named_bodies(guide: Guide, occ_id: str) -> None:
    lic = guide.entries[occ_id].licensing
    assert lic is not None, occ_id
    assert lic.summary and lic.steps and lic.bodies
    assert all(len(step) <= MAX_STEP_TEXT for step in lic.steps)


@pytest.mark.parametrize(
    ("occ_id", "must"),
    [
        ("registered-nurse", ("NCLEX-RN", "NCSBN", "state board of nursing")),
        ("licensed-practical-nurse", ("NCLEX-PN",)),
        ("truck-driver", ("CDL", "FMCSA", "DMV")),
        ("electrician", ("apprenticeship", "licen")),
        ("accountant", ("AICPA", "NASBA", "state board of accountancy")),
        ("pharmacist", ("NAPLEX", "PharmD")),
        ("lawyer", ("bar exam", "MPRE")),
        ("airline-pilot", ("FAA", "1,500")),
        ("hvac-technician", ("EPA Section 608",)),
        ("emt", ("NREMT",)),
    ],
)
def test_licensing_names_the_right_exam_and_issuer(
    guide: Guide, occ_id: str, must: tuple[str, ...]
) -> None:
    lic = guide.entries[occ_id].licensing
    assert lic is not None
    text = " ".join((lic.summary, *lic.steps, *lic.bodies))
    for needle in must:
        assert needle in text, f"{occ_id}: {needle!r} missing"


def test_no_prices_in_curated_facts(guide: Guide) -> None:
    money = re.compile(r"\$\s?\d")
    for entry in guide.entries.values():
        if entry.licensing is not None:
            text = " ".join((entry.licensing.summary, *entry.licensing.steps))
            assert not money.search(text), entry.id
    for cert in guide.certifications.values():
        text = " ".join(filter(None, (cert.eligibility, cert.exam, cert.renewal, cert.audience)))
        assert not money.search(text), cert.id


# -- certifications -------------------------------------------------------------------------------
def test_certification_table(guide: Guide, catalogue: OccupationCatalogue) -> None:
    certs = guide.certifications
    assert len(certs) >= 30
    for needed in ("pmp", "capm", "comptia-a-plus", "comptia-network-plus", "comptia-security-plus",
                   "cissp", "aws-cloud-practitioner", "aws-solutions-architect-associate",
                   "azure-fundamentals", "google-data-analytics", "cpa", "cfa", "shrm-cp", "phr",
                   "csm", "psm", "six-sigma-green-belt", "ccna", "cisa", "cma", "itil-foundation",
                   "salesforce-administrator", "tableau-data-analyst"):  # fmt: skip
        assert needed in certs, needed
    seen: dict[str, str] = {}
    for cert in certs.values():
        assert cert.name and cert.issuer and cert.audience and cert.eligibility and cert.source
        assert cert.serves, cert.id
        assert all(r in catalogue.by_id for r in cert.serves), cert.id
        assert cert.aliases, cert.id
        for alias in cert.aliases:
            key = alias.casefold()
            assert seen.setdefault(key, cert.id) == cert.id, f"alias {alias!r} used twice"


# -- playbook -------------------------------------------------------------------------------------
REQUIRED_TOPICS = (
    "salary-negotiation", "raise", "lowball-offer", "competing-offers", "counteroffer",
    "career-change", "career-change-age", "employment-gap", "explaining-career-change", "layoff",
    "no-responses", "cover-letter", "networking", "linkedin", "internship", "bootcamp-vs-degree",
    "masters-degree", "remote-work", "burnout", "first-job", "promotion", "references",
    "follow-up", "behavioral-interview", "questions-for-interviewer", "salary-history",
    "relocation", "freelancing", "returning-to-work", "resume-length", "resume-format",
    "job-search-strategy", "rejection", "imposter-syndrome", "quitting", "resigning",
    "certifications", "changing-industries", "informational-interview", "portfolio",
    "overqualified", "age-discrimination", "work-visa", "work-life-balance", "toxic-workplace",
)  # fmt: skip


def test_playbook_topics_are_complete(guide: Guide) -> None:
    topics = guide.topics
    assert len(topics) >= 45
    for topic_id in REQUIRED_TOPICS:
        assert topic_id in topics, topic_id
    for topic in topics.values():
        assert topic.title and topic.applies and topic.source
        assert 3 <= len(topic.steps) <= 6, topic.id
        for step in topic.steps:
            assert 0 < len(step.text) <= MAX_STEP_TEXT and 0 < len(step.name) <= 256
        assert 1 <= len(topic.actions) <= 2 and set(topic.actions) <= set(ACTIONS), topic.id
        assert set(topic.hooks) <= set(HOOKS), topic.id
        assert topic.keywords and topic.examples, topic.id
        assert all(isinstance(k, str) and k.strip() for k in topic.keywords), topic.id


def test_money_topics_place_offers_against_pay(guide: Guide) -> None:
    for topic_id in ("salary-negotiation", "lowball-offer", "competing-offers"):
        assert "offer_vs_pay" in guide.topics[topic_id].hooks
        assert "check_pay" in guide.topics[topic_id].actions


def test_layoff_topic_names_the_agencies(guide: Guide) -> None:
    topic = guide.topics["layoff"]
    text = " ".join(f"{s.name} {s.text}" for s in topic.steps)
    for needle in ("unemployment insurance", "COBRA", "HealthCare.gov", "401(k)", "severance"):
        assert needle in text, needle
    assert "Department of Labor" in topic.source


def test_the_package_never_reads_shared_data() -> None:
    for folder in ("careermate_bot/knowledge/guide", "careermate_bot/services/guide"):
        for path in (ROOT / folder).glob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "shared/onet" not in text and "../shared" not in text, path

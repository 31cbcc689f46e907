"""The interview question bank: coverage, links to the taxonomy and catalogue, and selection."""

from __future__ import annotations

import copy
import random
import re
from collections import Counter
from typing import Any

import pytest

from careermate_bot.knowledge.catalogue import OccupationCatalogue
from careermate_bot.knowledge.loading import package_data_dir, read_yaml
from careermate_bot.knowledge.questions import (
    COMPETENCIES,
    QUESTIONS_FILE,
    InterviewQuestion,
    QuestionBank,
    QuestionBankError,
    load_question_bank,
    parse_question_bank,
)

DATA = package_data_dir()
MOST_ASKED = [
    "software-developer", "data-scientist", "data-analyst", "registered-nurse",
    "elementary-teacher", "high-school-teacher", "electrician", "plumber", "sales-representative",
    "accountant", "financial-analyst", "graphic-designer", "ux-designer", "product-manager",
    "project-manager", "marketing-manager", "mechanical-engineer", "civil-engineer", "pharmacist",
    "physician-assistant", "hr-specialist", "customer-service-representative", "web-developer",
    "devops-engineer", "systems-administrator", "information-security-analyst", "welder",
    "truck-driver", "chef", "police-officer", "paralegal", "lawyer", "dental-hygienist",
    "physical-therapist", "social-worker", "business-analyst", "machine-learning-engineer",
    "medical-assistant", "hvac-technician", "administrative-assistant",
]  # fmt: skip


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_question_bank()


@pytest.fixture(scope="module")
def catalogue() -> OccupationCatalogue:
    return OccupationCatalogue.from_yaml(DATA / "occupations.yaml")


@pytest.fixture(scope="module")
def skill_names() -> list[str]:
    return [entry["name"] for entry in read_yaml(DATA / "skills.yaml")["skills"]]


@pytest.fixture()
def raw() -> dict[str, Any]:
    return copy.deepcopy(read_yaml(DATA / QUESTIONS_FILE))


def ids(questions: list[InterviewQuestion]) -> list[str]:
    return [q.id for q in questions]


# -- contents ------------------------------------------------------------------------------------
def test_load_is_cached(bank: QuestionBank) -> None:
    assert load_question_bank() is bank


def test_ids_unique_and_lookup(bank: QuestionBank) -> None:
    counts = Counter(q.id for q in bank.all)
    assert [i for i, c in counts.items() if c > 1] == []
    q = bank.all[0]
    assert bank.by_id(q.id) is q
    assert bank.by_id("no-such-question") is None


def test_at_least_60_behavioral_across_competencies(bank: QuestionBank) -> None:
    behavioral = [q for q in bank.all if q.kind == "behavioral"]
    assert len(behavioral) >= 60
    per = Counter(q.competency for q in behavioral)
    for competency in COMPETENCIES:
        assert per[competency] >= 3, competency
    for core in ("teamwork", "conflict", "failure", "leadership", "prioritisation",
                 "communication", "customer focus", "ethics", "learning"):  # fmt: skip
        assert per[core] >= 5, core
    assert all(not q.key_points and not q.roles for q in behavioral)


def test_ten_technical_questions_per_family(
    bank: QuestionBank, catalogue: OccupationCatalogue
) -> None:
    families = {occ.family for occ in catalogue}
    assert len(families) >= 15
    per = Counter(f for q in bank.all if q.kind == "technical" for f in q.families)
    for family in families:
        assert per[family] >= 10, family


def test_role_questions_for_the_most_asked_roles(bank: QuestionBank) -> None:
    per = Counter(r for q in bank.all if q.kind == "role" for r in q.roles)
    assert len(MOST_ASKED) == 40
    for role in MOST_ASKED:
        assert per[role] >= 3, role


def test_links_are_valid(
    bank: QuestionBank, catalogue: OccupationCatalogue, skill_names: list[str]
) -> None:
    skills = set(skill_names)
    families = {occ.family for occ in catalogue}
    for q in bank.all:
        assert q.skills, q.id
        assert set(q.skills) <= skills, q.id
        assert set(q.families) <= families, q.id
        for role in q.roles:
            occ = catalogue.get(role)
            assert occ is not None and occ.id == role, q.id
            assert occ.family in q.families, q.id  # role questions carry their families


def test_shape_of_each_question(bank: QuestionBank) -> None:
    for q in bank.all:
        assert q.text.strip().endswith(("?", ".")), q.id
        hint = q.hint.strip()
        one_sentence = not re.search(r"\w[.!?] [A-Z]", hint.replace("e.g. ", ""))
        assert hint.endswith(".") and one_sentence, q.id
        if q.kind == "behavioral":
            assert q.competency in COMPETENCIES and q.key_points == (), q.id
        else:
            assert q.competency is None, q.id
            assert 3 <= len(q.key_points) <= 6, q.id
            assert all(len(p) >= 4 and len(p) <= 120 for p in q.key_points), q.id
        if q.kind == "role":
            assert q.roles, q.id
    assert {q.difficulty for q in bank.all} == {"easy", "medium", "hard"}


# -- validation ----------------------------------------------------------------------------------
def test_unknown_skill_raises(
    raw: dict[str, Any], skill_names: list[str], catalogue: OccupationCatalogue
) -> None:
    raw["technical"][0]["skills"] = ["Python", "Underwater basket weaving"]
    with pytest.raises(QuestionBankError, match=r"unknown skill 'Underwater basket weaving'"):
        parse_question_bank(raw, skill_names, catalogue)


def test_unknown_family_raises(
    raw: dict[str, Any], skill_names: list[str], catalogue: OccupationCatalogue
) -> None:
    raw["technical"][0]["families"] = ["wizardry"]
    with pytest.raises(QuestionBankError, match=r"unknown family 'wizardry'"):
        parse_question_bank(raw, skill_names, catalogue)


def test_unknown_role_raises(
    raw: dict[str, Any], skill_names: list[str], catalogue: OccupationCatalogue
) -> None:
    raw["role"][0]["roles"] = ["dragon-tamer"]
    qid = raw["role"][0]["id"]
    with pytest.raises(QuestionBankError, match=rf"{qid}.*unknown role 'dragon-tamer'"):
        parse_question_bank(raw, skill_names, catalogue)


def test_other_validation_errors(
    raw: dict[str, Any], skill_names: list[str], catalogue: OccupationCatalogue
) -> None:
    dup = copy.deepcopy(raw)
    dup["behavioral"].append(dict(dup["behavioral"][0]))
    with pytest.raises(QuestionBankError, match="duplicate question id"):
        parse_question_bank(dup, skill_names, catalogue)
    few = copy.deepcopy(raw)
    few["technical"][0]["key_points"] = ["only one"]
    with pytest.raises(QuestionBankError, match="3-6 key points"):
        parse_question_bank(few, skill_names, catalogue)
    comp = copy.deepcopy(raw)
    comp["behavioral"][0]["competency"] = "juggling"
    with pytest.raises(QuestionBankError, match="competency 'juggling'"):
        parse_question_bank(comp, skill_names, catalogue)


def test_titles_and_any_case_skills_are_normalised(
    raw: dict[str, Any], skill_names: list[str], catalogue: OccupationCatalogue
) -> None:
    raw["role"][0]["roles"] = ["Registered Nurse"]
    raw["role"][0]["skills"] = ["patient CARE"]
    q = parse_question_bank(raw, skill_names, catalogue).by_id(raw["role"][0]["id"])
    assert q is not None
    assert q.roles == ("registered-nurse",) and q.skills == ("Patient care",)
    assert q.families == ("healthcare",)


# -- selection -----------------------------------------------------------------------------------
def test_role_specific_first_then_family_then_general(bank: QuestionBank) -> None:
    picked = bank.for_role("plumber", "technical", None, 40, random.Random(3))
    tiers = [0 if q.roles else 1 if q.families else 2 for q in picked]
    assert tiers == sorted(tiers)
    assert tiers.count(0) >= 3 and tiers.count(1) >= 10 and 2 in tiers
    assert all("plumber" in q.roles for q in picked if q.roles)
    assert all(q.families == ("trades",) for q in picked if not q.roles and q.families)
    assert all(q.kind in ("technical", "role") for q in picked)
    assert len(set(ids(picked))) == len(picked)


def test_deterministic_given_rng(bank: QuestionBank) -> None:
    a = bank.for_role("data-scientist", "mixed", None, 8, random.Random(42))
    b = bank.for_role("data-scientist", "mixed", None, 8, random.Random(42))
    assert ids(a) == ids(b)
    seeds = {tuple(ids(bank.for_role(None, "behavioral", None, 5, random.Random(s))))
             for s in range(5)}  # fmt: skip
    assert len(seeds) > 1  # the rng does shuffle


def test_title_alias_and_id_resolve_to_the_same_role(bank: QuestionBank) -> None:
    by_id = bank.for_role("software-developer", "technical", None, 3, random.Random(1))
    by_title = bank.for_role("Software Developer", "technical", None, 3, random.Random(1))
    by_alias = bank.for_role("software engineer", "technical", None, 3, random.Random(1))
    assert ids(by_id) == ids(by_title) == ids(by_alias)
    assert all("software-developer" in q.roles for q in by_id)


def test_mixed_alternates_behavioral_and_technical(bank: QuestionBank) -> None:
    picked = bank.for_role("Registered Nurse", "mixed", None, 6, random.Random(5))
    assert [q.kind == "behavioral" for q in picked] == [True, False] * 3
    five = bank.for_role("accountant", "mixed", None, 5, random.Random(5))
    assert sum(q.kind == "behavioral" for q in five) == 3 and len(five) == 5


def test_behavioral_spreads_competencies(bank: QuestionBank) -> None:
    picked = bank.for_role("teacher", "behavioral", None, 8, random.Random(9))
    assert all(q.kind == "behavioral" for q in picked)
    assert len({q.competency for q in picked}) == 8
    nurse = bank.for_role("registered-nurse", "behavioral", None, 4, random.Random(9))
    assert "healthcare" in nurse[0].families  # family-flavoured behavioral first


def test_unknown_role_gets_general_questions(bank: QuestionBank) -> None:
    for role in (None, "", "astronaut on Mars"):
        picked = bank.for_role(role, "technical", None, 4, random.Random(2))
        assert len(picked) == 4 and all(q.is_general for q in picked)


def test_difficulty_preferred_then_filled(bank: QuestionBank) -> None:
    hard = bank.for_role("data-analyst", "technical", "hard", 3, random.Random(1))
    assert [q.difficulty for q in hard] == ["hard"] * 3
    assert all(q.families == ("data",) for q in hard)
    many = bank.for_role("plumber", "technical", "hard", 12, random.Random(1))
    assert len(many) == 12 and len(set(ids(many))) == 12
    levels = [q.difficulty for q in many]
    assert levels[: levels.count("hard")] == ["hard"] * levels.count("hard")
    assert all(not q.is_general for q in many)  # plumber and trades questions before general ones


def test_never_duplicates_and_caps_at_pool(bank: QuestionBank) -> None:
    picked = bank.for_role("chef", "behavioral", None, 1000, random.Random(0))
    assert len(picked) == len(set(ids(picked)))
    assert len(picked) == sum(
        1 for q in bank.all if q.kind == "behavioral" and (not q.families or "trades" in q.families)
    )
    assert bank.for_role("chef", "technical", None, 0, random.Random(0)) == []


def test_bad_arguments(bank: QuestionBank) -> None:
    with pytest.raises(ValueError):
        bank.for_role("chef", "trivia", None, 3, random.Random(0))
    with pytest.raises(ValueError):
        bank.for_role("chef", "technical", "impossible", 3, random.Random(0))

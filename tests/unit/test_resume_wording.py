"""Résumé wording: the role a résumé states, job headers vs bullets, duty phrases and clichés,
relevant years, and the model-free rewrite suggestions. Cases that must pass and must fail."""

from __future__ import annotations

from typing import Any

import pytest

from careermate_bot.services import resume
from careermate_bot.services.resume import language, parsing, relevance, shapes, suggestions
from careermate_bot.services.resume.target import stated_target


@pytest.fixture(scope="module")
def kb(career_kb: Any) -> Any:
    return career_kb


def _resume(top: str, summary: str = "", experience: str = "") -> str:
    parts = [top, "x@example.com | 555-201-3344"]
    if summary:
        parts += ["", "SUMMARY", summary]
    parts += [
        "",
        "EXPERIENCE",
        experience
        or "Clerk, Acme Co.  2019 - 2021\n- Filed 40 forms a day for the claims team.\n"
        "- Answered 60 calls a day from customers about their orders.\n"
        "- Cut the filing backlog from 300 to 20 folders in two months.",
    ]
    parts += ["", "EDUCATION", "B.A. History, Lincoln State University, 2018"]
    return "\n".join(parts) + "\n"


# -- the role a résumé states ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("top", "summary", "role", "source"),
    [
        ("Ana Ruiz", "Seeking an entry-level data analyst position.", "Data Analyst", "objective"),
        ("Ana Ruiz", "Chef transitioning into a software developer role.", "Software Developer",
         "objective"),
        ("Ana Ruiz", "Teacher moving into instructional design.", "Instructional Designer",
         "objective"),
        ("Ana Ruiz", "Aspiring UX designer with a portfolio of 4 apps.", "UX Designer",
         "objective"),
        ("Ana Ruiz\nLicensed Journeyman Electrician", "", "Electrician", "headline"),
        ("Ana Ruiz\nLicensed Plumber", "", "Plumber", "headline"),
        ("Ana Ruiz | Registered Nurse", "", "Registered Nurse", "headline"),
        ("Ana Ruiz", "Registered nurse with 7 years in intensive care.", "Registered Nurse",
         "summary"),
        ("Ana Ruiz", "Experienced payroll specialist who closes payroll for 900 staff.",
         "Payroll Specialist", "summary"),
        # A stated aim beats the old job named first.
        ("Ana Ruiz", "Retail store manager transitioning to data analytics.", "Data Analyst",
         "objective"),
        # A vague aim keeps the more precise role the summary names.
        ("Ana Ruiz", "Caring preschool teacher seeking a lead teacher role.", "Preschool Teacher",
         "summary"),
    ],
)  # fmt: skip
def test_the_role_a_resume_states(kb: Any, top: str, summary: str, role: str, source: str) -> None:
    found = stated_target(kb, parsing.parse(_resume(top, summary)))
    assert found is not None and (found.occupation.title, found.source) == (role, source)


@pytest.mark.parametrize(
    ("top", "summary"),
    [
        ("Tyler Cook", ""),  # a name is not a role
        ("RÉSUMÉ\nJohn Carpenter", ""),  # nor when a title line stands above it
        ("Ana Ruiz", "Hard worker looking for a job where I can grow."),
        ("Ana Ruiz", "To obtain a position in IT where I can use my skills."),
        ("Ana Ruiz", "Dedicated professional with a passion for numbers."),
        ("Ana Ruiz", "Seeking growth opportunities in a stable company."),
        ("Ana Ruiz", "Pursuing a degree in nursing at State University."),
        ("Ana Ruiz", ""),
    ],
)
def test_no_role_is_made_up(kb: Any, top: str, summary: str) -> None:
    assert stated_target(kb, parsing.parse(_resume(top, summary))) is None


def test_a_given_role_beats_the_stated_one(kb: Any) -> None:
    text = _resume("Ana Ruiz", "Seeking an entry-level data analyst position.")
    result = resume.review(kb, text, target_role="Bookkeeper")
    assert (result.target_role, result.target_source) == ("Bookkeeper", "given")
    assert not result.best_fits


# -- job headers and label lines are not bullets -----------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Walmart - Sales Associate / Team Lead",
        "Senior Analyst | Acme Corp | Austin, TX",
        "Help Desk - Riverside Insurance",
        "Supply Sergeant (92Y), U.S. Army, Fort Bragg, NC",
        "Rotations: Pediatrics, Labor & Delivery, ICU",
        "Tools: Excel, SQL, Tableau",
    ],
)
def test_structure_lines(line: str) -> None:
    assert shapes.is_structure(line)


@pytest.mark.parametrize(
    "line",
    [
        "Trained new associates and made the weekly schedule.",
        "Led Project Phoenix – ERP Migration",
        "Course Planner (React, Node.js): built a scheduling app",
        "Inventory project – reduced waste by 10%",
        "Manage a $28M store with 95 team members across 4 departments.",
        "Responsible for answering phones and tickets.",
    ],
)
def test_achievement_lines_stay_bullets(line: str) -> None:
    assert not shapes.is_structure(line)


def test_a_job_header_in_a_bulletless_resume_is_not_scored(kb: Any) -> None:
    text = _resume(
        "Ana Ruiz",
        experience="Walmart - Sales Associate / Team Lead\n2014 - Present\n"
        "Helped customers find products and ran the register every shift.\n"
        "\nSKILLS\nCustomer service, cash handling, inventory, scheduling, Excel\n",
    )
    lines = [line.text for line in parsing.parse(text).achievement_lines()]
    assert lines == ["Helped customers find products and ran the register every shift."]
    headers = [h for _, h in relevance.role_headers(parsing.parse(text))]
    assert "Walmart - Sales Associate / Team Lead" in headers[0]
    result = resume.review(kb, text)
    assert all("Walmart" not in (f.quote or "") for f in result.fixes)


def test_a_heading_ends_a_wrapped_bullet() -> None:
    text = (
        "EXPERIENCE\nCashier, Dollar General 2020 - 2022\n- helping customers\n"
        "EDUCATION\nJefferson High\n"
    )
    parsed = parsing.parse(text)
    assert [(line.text, line.section) for line in parsed.lines][-2:] == [
        ("helping customers", "experience"),
        ("Jefferson High", "education"),
    ]


# -- duty phrases and clichés --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Responsible for payroll for 40 staff", "responsible for"),
        ("Duties included filing and scanning", "duties included"),
        ("Worked on the website redesign", "worked on"),
        ("Hard worker and fast learner", "hard worker"),
        ("Fast learner seeking a role", "fast learner"),
        ("Team player with a positive attitude", "team player"),
        ("Detail-oriented bookkeeper", "detail-oriented"),
        ("Hard worker, reliable, can lift 50 lbs", "hard worker"),  # the 50 is not evidence
    ],
)
def test_weak_phrases_are_flagged_with_a_concrete_fix(text: str, phrase: str) -> None:
    assert language.weak_phrase(text) == phrase
    fix = language.phrase_fix(phrase)
    assert phrase in fix or "Start with what you did" in fix
    assert "[" in fix or "instead" in fix  # a concrete replacement, not just "avoid this"


@pytest.mark.parametrize(
    "text",
    [
        "Detail-oriented: reconciled 400 accounts a month with zero errors",
        "Hard worker who covered 30 extra shifts in peak season",
        "Reduced invoice errors by 30%",
        "Built the I/O layer",
    ],
)
def test_evidence_or_plain_action_is_not_flagged(text: str) -> None:
    assert language.weak_phrase(text) is None


def test_a_duty_phrase_is_not_an_action_verb() -> None:
    assert not language.starts_with_action("Worked on the migration to NetSuite")
    assert not language.starts_with_action("Helped with email templates")
    assert language.starts_with_action("Helped 40 customers a day")


def test_cliches_in_the_skills_section_cost_points(kb: Any) -> None:
    clean = _resume("Ana Ruiz") + "\nSKILLS\nExcel, filing, scheduling\n"
    cliched = _resume("Ana Ruiz") + "\nSKILLS\nExcel, filing, team player, fast learner\n"
    a, b = resume.review(kb, clean), resume.review(kb, cliched)
    check_a, check_b = a.check("language"), b.check("language")
    assert check_a is not None and check_b is not None
    assert check_b.points <= check_a.points - 2
    assert "team player" in check_b.detail and "fast learner" in check_b.detail


# -- relevant years ------------------------------------------------------------------------------
def test_years_count_only_in_roles_matching_the_target(kb: Any) -> None:
    text = (
        "EXPERIENCE\n"
        "Data Analyst\nAcme Outdoor Co.\nJan 2022 – Dec 2023\n- Built 14 dashboards.\n"
        "Store Manager, Target — Cleveland, OH  2012 – 2021\n- Grew sales 12%.\n"
    )
    parsed = parsing.parse(text)
    analyst = relevance.RoleContext(kb, kb.get_occupation("Data Analyst"))
    manager = relevance.RoleContext(kb, kb.get_occupation("Retail Store Manager"))
    assert relevance.relevant_years(parsed, analyst) == 2.0
    assert relevance.relevant_years(parsed, manager) == 10.0


def test_relevant_skills_are_the_roles_and_its_familys(kb: Any) -> None:
    role = relevance.RoleContext(kb, kb.get_occupation("Data Analyst"))
    got = role.relevant_skills(["SQL", "Python", "Cash handling", "Customer service"])
    assert got == ["SQL", "Python"]


# -- model-free rewrite suggestions --------------------------------------------------------------
@pytest.mark.parametrize(
    ("bullet", "text", "dropped"),
    [
        (
            "Responsible for helping customers, running the register and stocking.",
            "Helped [N] customers, ran the register and stocked",
            "Responsible for",
        ),
        (
            "Duties included resetting passwords and fixing printers.",
            "Reset [N] passwords and fixed printers",
            "Duties included",
        ),
        ("Trained new associates.", "Trained [N] new associates", None),
        ("Reports were prepared weekly", "Prepared [N] reports weekly", "passive voice"),
        (
            "I was tasked with opening the store on weekends.",
            "Opened the store on weekends, [what changed] by [X%]",
            "I was tasked with",
        ),
        ("Responsible for the register.", "Ran the register, [what changed] by [X%]",
         "Responsible for"),
        ("Used Excel to track inventory counts.", "Tracked [N] inventory counts with Excel",
         "“used … to”"),
        ("Helped with email templates.", "[Built / Ran / Wrote…] [N] email templates",
         "Helped with"),
        ("I was responsible for billing and insurance claims.",
         "Handled billing and insurance claims, [what changed] by [X%]",
         "I was responsible for"),
    ],
)  # fmt: skip
def test_suggestions_are_built_from_the_bullet(bullet: str, text: str, dropped: str) -> None:
    found = suggestions.suggest(bullet)
    assert found is not None
    assert (found.text, found.dropped) == (text, dropped)
    # Nothing invented: every word is the bullet's, a placeholder, or the verb it leads with.
    own = set(bullet.lower().replace(",", " ").replace(".", " ").split())
    new = {w.strip(",.").lower() for w in found.text.split() if not w.startswith("[")}
    assert len(new - own) <= 3, new - own


def test_no_suggestion_for_nothing_to_build_on() -> None:
    assert suggestions.suggest("Other duties as assigned.") is None
    assert suggestions.suggest("Handled various tasks for the office manager.") is None
    assert suggestions.suggest("Cut invoice errors by 30% for 4 teams") is None


@pytest.mark.parametrize(
    ("gerund", "past"),
    [("helping", "helped"), ("running", "ran"), ("scheduling", "scheduled"),
     ("stopping", "stopped"), ("copying", "copied"), ("setting", "set"), ("writing", "wrote"),
     ("managing", "managed"), ("fixing", "fixed")],
)  # fmt: skip
def test_gerunds_become_past_tense(gerund: str, past: str) -> None:
    assert suggestions.gerund_to_past(gerund) == past


def test_the_review_carries_suggestions_for_its_weak_bullets(kb: Any) -> None:
    from tests import resume_samples as S

    result = resume.review(kb, S.WEAK)
    assert result.suggestions
    originals = {s.original for s in result.suggestions}
    assert originals <= set(result.weak_bullets)
    assert any(s.text.startswith("Stocked") for s in result.suggestions)

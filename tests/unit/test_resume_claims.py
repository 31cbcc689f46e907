"""A model rewrite may not claim what the résumé doesn't hold: no new skill, tool, employer or
title, and no raised seniority. Cases that must pass and cases that must fail."""

from __future__ import annotations

from typing import Any

import pytest

from careermate_bot.llm.fake import fake_client
from careermate_bot.services.resume.claims import rewrite_problem
from careermate_bot.services.resume.rewrites import judge_rewrite, stream_rewrites
from tests import resume_samples as S

INTERN = """\
EXPERIENCE
Software Engineering Intern, Hillcrest Software — Austin, TX      May 2024 – Aug 2024
• Built a Java REST API endpoint for invoice search.
SKILLS
Java, SQL, Git
"""
ASSISTANT_MANAGER = """\
EXPERIENCE
Assistant Store Manager, Kohl's — Akron, OH                         2015 – 2019
• Ran daily operations for a store with 60 associates.
"""
JUNIOR = """\
EXPERIENCE
Junior Analyst, Summit Retail — Dallas, TX                          2016 – 2018
• Produced weekly sales reports in Excel for 25 store managers.
"""
API = "Built a Java REST API endpoint for invoice search."
OPS = "Ran daily operations for a store with 60 associates."
REPORTS = "Produced weekly sales reports in Excel for 25 store managers."
STOCK = "Responsible for stocking shelves and helping customers."
REGISTER = "Duties included cash register and cleaning."


@pytest.fixture(scope="module")
def skills(career_kb: Any) -> Any:
    return career_kb.extract_skills


@pytest.mark.parametrize(
    ("resume_text", "original", "rewrite"),
    [
        (S.WEAK, STOCK, "Stocked shelves and helped [N] customers a shift."),
        (S.WEAK, REGISTER, "Ran the cash register and kept the store clean."),
        (INTERN, API, "Built a Java REST API endpoint for invoice search in [N] ms."),
        (INTERN, API, "As a software engineering intern, built a Java REST API."),
        (ASSISTANT_MANAGER, OPS, "Ran daily operations for a [N]-associate store."),
        (ASSISTANT_MANAGER, OPS, "As Assistant Store Manager, ran operations for 60 associates."),
        (ASSISTANT_MANAGER, OPS, "Lead daily operations for a store with 60 associates."),
        (JUNIOR, REPORTS, "Produced weekly Excel sales reports for 25 store managers."),
        (S.STRONG, REPORTS, "As a Junior Analyst, produced Excel sales reports for 25 managers."),
        (S.STRONG, "Automated invoice reconciliation.", "Automated reconciliation with Python."),
    ],
)  # fmt: skip
def test_rewrites_that_claim_nothing_new_pass(
    skills: Any, resume_text: str, original: str, rewrite: str
) -> None:
    assert rewrite_problem(rewrite, original, resume_text, skills) is None


@pytest.mark.parametrize(
    ("resume_text", "original", "rewrite", "code"),
    [
        # A skill or tool the résumé never names.
        (S.WEAK, STOCK, "Stocked shelves and built a Python tool to track stock.", "skill"),
        (INTERN, API, "Built a Java REST API with Kubernetes for invoice search.", "skill"),
        (S.WEAK, REGISTER, "Ran the cash register in Salesforce and kept it clean.", "skill"),
        # An employer or other name.
        (S.WEAK, REGISTER, "Ran the cash register at Walmart and kept the store clean.", "name"),
        (S.WEAK, REGISTER, "Ran the cash register using Square POS and kept it clean.", "name"),
        # A title the résumé doesn't hold, or a raised one.
        (INTERN, API, "As a Software Engineer, built a Java REST API for invoice search.",
         "seniority"),
        (ASSISTANT_MANAGER, OPS, "As Store Manager, ran daily operations for 60 associates.",
         "seniority"),
        (JUNIOR, REPORTS, "As an Analyst, produced weekly Excel sales reports for 25 managers.",
         "seniority"),
        (JUNIOR, REPORTS, "As Senior Analyst, produced weekly Excel reports for 25 managers.",
         "seniority"),
        (S.WEAK, STOCK, "As team lead, stocked shelves and helped customers.", "seniority"),
        (S.WEAK, STOCK, "As Store Manager, stocked shelves and helped customers.", "seniority"),
        (S.WEAK, STOCK, "Promoted to Director after stocking shelves for customers.", "seniority"),
        (S.WEAK, STOCK, "Worked as a merchandiser, stocking shelves for customers.", "title"),
    ],
)  # fmt: skip
def test_rewrites_that_claim_more_are_dropped(
    skills: Any, resume_text: str, original: str, rewrite: str, code: str
) -> None:
    problem = rewrite_problem(rewrite, original, resume_text, skills)
    assert problem is not None and problem.code == code, problem


def test_without_the_skill_extractor_names_still_catch_a_new_tool() -> None:
    problem = rewrite_problem(
        "Stocked shelves and built a Python tool to track stock.", STOCK, S.WEAK
    )
    assert problem is not None and problem.code == "name"


def test_judge_gives_the_reason_code(skills: Any) -> None:
    assert judge_rewrite("Stocked shelves, raising sales by 40%.", STOCK, S.WEAK) == ("", "figure")
    text, reason = judge_rewrite(
        "As Store Manager, stocked shelves and helped customers.", STOCK, S.WEAK, "", skills
    )
    assert (text, reason) == ("", "seniority")
    kept = "Stocked shelves and helped [N] customers a shift."
    assert judge_rewrite(kept, STOCK, S.WEAK, "", skills) == (kept, "")


async def test_stream_drops_invented_claims_and_says_why(skills: Any) -> None:
    llm = fake_client(
        [
            "Stocked shelves and built a Python dashboard for [N] customers.",
            "As Store Manager, ran the cash register and kept the store clean.",
        ]
    )
    got = [
        r
        async for r in stream_rewrites(
            llm, (STOCK, REGISTER), S.WEAK, user_id=1, extract_skills=skills
        )
    ]
    assert [(r.text, r.reason) for r in got] == [("", "skill"), ("", "seniority")]

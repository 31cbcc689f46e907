"""The score against hand-labelled résumés, and the properties it must keep on all of them.

The labels (tests/data/resumes/labels.csv) were written before the score was tuned; figures are
printed by `bench/resume.py --only calibration`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from careermate_bot.services import resume
from careermate_bot.services.resume import headings, parsing
from careermate_bot.services.resume.dates import find_ranges
from tests import resume_calibration as C
from tests import resume_samples as S

SPEARMAN_FLOOR = 0.8
GAP_FLOOR = 30.0
ITEMS = C.load()


@pytest.fixture(scope="module")
def kb(career_kb: Any) -> Any:
    return career_kb


@pytest.fixture(scope="module")
def scored(kb: Any) -> list[C.Scored]:
    return C.score_all(kb, ITEMS)


def test_the_labelled_set_is_large_and_varied() -> None:
    assert len(ITEMS) >= 36
    bands = Counter(i.band for i in ITEMS)
    assert set(bands) == set(C.BANDS) and min(bands.values()) >= 12
    assert sum(1 for i in ITEMS if i.target_role) >= 12
    assert sum(1 for i in ITEMS if not i.target_role) >= 12
    fields = Counter(i.file.split("_")[0] for i in ITEMS)
    for field in ("tech", "health", "trades", "retail", "edu", "fin", "creative", "changer"):
        assert fields[field] >= 3, field
    assert sum(1 for i in ITEMS if "entry" in i.file) >= 6


def test_scores_track_the_labels(scored: list[C.Scored]) -> None:
    figures = C.figures(scored)
    assert figures.spearman >= SPEARMAN_FLOOR, figures
    weak, mid, strong = (figures.bands[b][1] for b in C.BANDS)
    assert strong > mid > weak, figures
    assert figures.gap >= GAP_FLOOR, figures


def test_spearman_is_rank_correlation() -> None:
    assert C.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert C.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert C.spearman([1, 1, 2], [0, 0, 1]) == pytest.approx(1.0)  # ties share a rank


def test_the_issues_retail_to_data_analyst_resume_scores_low_and_honestly(kb: Any) -> None:
    result = resume.review(kb, S.RETAIL_TO_ANALYST, target_role="Data Analyst")
    assert result.score < 50
    skills = result.check("skills")
    assert skills is not None and skills.ratio <= 0.35 and "fit Data Analyst" in skills.detail
    fit = result.check("role_fit")
    assert fit is not None and fit.ratio <= 0.25
    # Eleven years of retail are not data-analyst years: entry level, entry-level length advice.
    assert result.stats.level == "entry" and result.stats.relevant_years == 0.0
    assert (result.stats.experience_years or 0) >= 10
    length = result.check("length")
    assert length is not None and "(entry level)" in length.detail
    assert length.ratio < 0.5  # ~100 words is short even for entry level (150–700)
    # The job header is not a bullet; duty phrasing and clichés are flagged.
    assert not any("Walmart" in b for b in result.weak_bullets)
    assert all("Walmart" not in (f.quote or "") for f in result.fixes)
    language = result.check("language")
    assert language is not None and language.ratio < 0.6
    assert "team player" in language.detail
    wording = [f for f in result.fixes if f.check == "language"]
    assert wording and ("“" in wording[0].message or "Start with" in wording[0].message)


def test_the_objective_sets_the_target_when_none_is_given(kb: Any) -> None:
    result = resume.review(kb, S.RETAIL_TO_ANALYST)
    assert result.target_role == "Data Analyst" and result.target_source == "objective"
    # cogs/resume/flow.py offers "Practice an interview for …" from the coverage's occupation.
    assert result.coverage is not None and result.coverage.occupation_id == "data-analyst"
    assert result.score < 50


def test_a_career_changer_is_entry_level_for_the_new_role(kb: Any) -> None:
    item = next(i for i in ITEMS if i.file == "changer_strong_retail_to_data_analyst.txt")
    result = resume.review(kb, item.text, "Data Analyst")
    assert (result.stats.experience_years or 0) >= 5
    assert result.stats.level == "entry" and result.stats.relevant_years == 0.0
    same_field = resume.review(kb, item.text, "Retail Store Manager")
    assert same_field.stats.level != "entry"


def test_a_wrong_target_role_costs_points(kb: Any) -> None:
    item = next(i for i in ITEMS if i.file == "fin_strong_accountant.txt")
    right = resume.review(kb, item.text, "Accountant")
    wrong = resume.review(kb, item.text, "Registered Nurse")
    assert right.score - wrong.score >= 15
    fit = wrong.check("role_fit")
    assert fit is not None and fit.points == 0


def test_checks_sum_to_100_with_and_without_a_target(kb: Any) -> None:
    with_role = resume.review(kb, S.RETAIL_TO_ANALYST)
    without = resume.review(kb, S.WEAK)
    for result in (with_role, without):
        assert sum(c.max_points for c in result.checks) == 100
        assert result.score == round(sum(c.points for c in result.checks))
    assert without.target_role is None and without.check("role_fit") is None
    assert "no target role" in without.formula


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.file)
def test_same_score_as_txt_docx_and_pdf(kb: Any, item: C.Labelled) -> None:
    text = item.text
    latin = text.translate(str.maketrans("●·", "-|"))
    results = [
        resume.review_document(kb, resume.read_document(data, name), item.target_role)
        for data, name in (
            (text.encode(), "cv.txt"),
            (S.to_docx(text), "cv.docx"),
            (S.to_pdf(latin), "cv.pdf"),
            (S.to_pdf_unicode(text), "cv.pdf"),
        )
    ]
    scores = [r.score for r in results]
    assert max(scores) - min(scores) <= 3, scores
    assert len({(r.target_role, r.stats.level) for r in results}) == 1


_MARKER = re.compile(r"^(\s*)([•\-*●▪])\s+")


def _insertion_point(text: str) -> tuple[int, str]:
    """Where a new bullet goes (before the first bullet of a role, or after the first role's
    header when the résumé has no bullets) and the marker to use."""
    lines = text.splitlines()
    bullets = parsing.parse(text).bullets()
    if bullets:
        first = bullets[0].text[:30]
        at = next(i for i, line in enumerate(lines) if first in line and _MARKER.match(line))
        marker = _MARKER.match(lines[at])
        assert marker is not None
        return at, f"{marker.group(1)}{marker.group(2)}"
    in_experience = False
    for number, line in enumerate(lines):
        section = headings.canonical(line)
        if section is not None:
            in_experience = section == "experience"
        elif in_experience and find_ranges(line, number):
            return number + 1, "•"
    pytest.skip("no dated role to add a bullet to")


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.file)
def test_a_quantified_bullet_never_lowers_the_score(kb: Any, item: C.Labelled) -> None:
    text = item.text
    at, marker = _insertion_point(text)
    lines = text.splitlines()
    before = resume.review(kb, text, item.target_role).score
    for bullet in ("Cut invoice errors by 12% for 3 teams.", "Served 40 customers a day."):
        added = [*lines[:at], f"{marker} {bullet}", *lines[at:]]
        after = resume.review(kb, "\n".join(added) + "\n", item.target_role).score
        assert after >= before, (bullet, before, after)

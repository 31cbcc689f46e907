"""The review: score properties across formats, checks, keyword coverage, fixes, non-résumés."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careermate_bot.services import resume
from careermate_bot.services.resume import checks, headings, language, parsing
from careermate_bot.services.resume.report import render_text
from tests import resume_samples as S


@pytest.fixture(scope="module")
def kb(career_kb: Any) -> Any:
    return career_kb


def _review(kb: Any, data: bytes, name: str, role: str | None = None) -> resume.ResumeReview:
    return resume.review_document(kb, resume.read_document(data, name), role)


def test_same_resume_as_txt_docx_pdf_gives_same_skills_and_score(kb: Any) -> None:
    results = [
        _review(kb, S.STRONG.encode(), "cv.txt"),
        _review(kb, S.to_docx(S.STRONG), "cv.docx"),
        _review(kb, S.to_pdf(S.STRONG), "cv.pdf"),
        _review(kb, S.to_pdf_unicode(S.STRONG), "cv.pdf"),
    ]
    skills = [set(r.skills) for r in results]
    assert all(found == skills[0] for found in skills)
    scores = [r.score for r in results]
    assert max(scores) - min(scores) <= 3, scores
    for r in results:
        assert r.stats.bullets == 11


@pytest.mark.parametrize("text", [S.STRONG, S.WEAK, S.strong_without_metrics_and_contact()])
def test_same_skills_and_score_for_other_resumes_across_formats(kb: Any, text: str) -> None:
    base = _review(kb, text.encode(), "cv.txt")
    formats = (
        (S.to_docx(text), "cv.docx"),
        (S.to_pdf(text), "cv.pdf"),
        (S.to_pdf_unicode(text), "cv.pdf"),
    )
    for data, name in formats:
        other = _review(kb, data, name)
        assert set(other.skills) == set(base.skills), name
        assert abs(other.score - base.score) <= 3, (name, other.score, base.score)


@pytest.mark.parametrize(
    "bullet",
    [
        S.QUANTIFIED_BULLET,
        "• Cut onboarding time by 35% with a new checklist.",
        "- Grew newsletter subscribers from 2,000 to 9,500 in one year.",
        "* Processed 300+ invoices a week with zero late payments.",
        "• 25% fewer support tickets after rewriting the onboarding guide.",
    ],
)
@pytest.mark.parametrize("text", [S.STRONG, S.WEAK, S.strong_without_metrics_and_contact()])
def test_adding_a_quantified_bullet_never_lowers_the_score(kb: Any, text: str, bullet: str) -> None:
    after = "EXPERIENCE" if "EXPERIENCE" in text else "Work History"
    before = resume.review(kb, text).score
    assert resume.review(kb, S.add_bullet(text, bullet, after=after)).score >= before


def test_strong_minus_metrics_and_contact_scores_clearly_lower(kb: Any) -> None:
    strong = resume.review(kb, S.STRONG)
    weaker = resume.review(kb, S.strong_without_metrics_and_contact())
    assert strong.score - weaker.score >= 15
    assert strong.score >= 85
    assert weaker.check("quantified").points == 0  # type: ignore[union-attr]
    assert not weaker.contact.email and not weaker.contact.phone


def test_score_is_the_sum_of_named_checks(kb: Any) -> None:
    result = resume.review(kb, S.STRONG)
    assert sum(c.max_points for c in result.checks) == 100
    assert result.score == round(sum(c.points for c in result.checks))
    assert {c.name for c in result.checks} == set(checks.WEIGHTS)
    assert "contact" in result.formula and "quantified" in result.formula


def test_weak_resume_gets_fixes_quoting_its_bullets(kb: Any) -> None:
    result = resume.review(kb, S.WEAK)
    assert result.score < 60
    impacts = [f.impact for f in result.fixes]
    assert impacts == sorted(impacts, reverse=True)
    quotes = [f.quote for f in result.fixes if f.quote]
    assert "Responsible for stocking shelves and helping customers." in quotes
    assert result.weak_bullets[0].startswith(("Responsible for", "Duties included", "I was"))
    assert len(result.weak_bullets) == 3
    language_check = result.check("language")
    assert language_check is not None and language_check.points == 0


def test_contact_values_are_detected_not_kept(kb: Any) -> None:
    result = resume.review(kb, S.STRONG)
    assert result.contact.model_dump() == {
        "email": True,
        "phone": True,
        "location": True,
        "link": True,
    }
    dumped = result.model_dump_json()
    assert "jordan.rivera@example.com" not in dumped and "555-0148" not in dumped


def test_keyword_coverage_against_a_target_role(kb: Any) -> None:
    result = resume.review(kb, S.STRONG, target_role="Data Analyst")
    cov = result.coverage
    assert cov is not None and result.target_role == cov.occupation_title
    assert "SQL" in cov.matched and "Python" in cov.matched
    assert 0 < cov.percent <= 100 and cov.percent == round(100 * len(cov.matched) / cov.total)
    gains = [m.gain_points for m in cov.missing]
    assert gains == sorted(gains, reverse=True)
    assert not result.best_fits


def test_best_fits_without_a_target(kb: Any) -> None:
    # Issue 18 changed this: STRONG's summary opens "Data analyst with 6 years...", which now
    # sets the target; a résumé that states no role still gets best fits and no coverage.
    unstated = S.STRONG.replace("Data analyst with 6 years of experience turning", "Turning")
    result = resume.review(kb, unstated)
    assert result.coverage is None and result.best_fits and result.target_source is None
    assert any("Analyst" in f.title or "Data" in f.title for f in result.best_fits)
    stated = resume.review(kb, S.STRONG)
    assert stated.target_role == "Data Analyst" and stated.target_source == "summary"
    assert stated.coverage is not None and stated.best_fits


def test_unknown_role_gets_a_note_and_best_fits(kb: Any) -> None:
    result = resume.review(kb, S.STRONG, target_role="qwzx blorf")
    assert result.coverage is None and result.target_note and result.best_fits


def test_nurse_resume_matches_nursing(kb: Any) -> None:
    from pathlib import Path

    text = (Path(__file__).parents[1] / "knowledge" / "resume_nurse.txt").read_text()
    result = resume.review(kb, text, target_role="Registered Nurse")
    assert result.coverage is not None and result.coverage.percent >= 30
    assert "Wound care" in result.skills


def test_recipe_is_not_a_resume(kb: Any) -> None:
    with pytest.raises(resume.NotAResume) as caught:
        resume.review(kb, S.RECIPE)
    assert "doesn't look like a résumé" in caught.value.user_message


def test_near_empty_text_is_refused(kb: Any) -> None:
    with pytest.raises(resume.EmptyDocument):
        resume.review(kb, "Jane Doe\nExperience\nCashier at a shop")


def test_text_report_shows_score_breakdown_and_fixes(kb: Any) -> None:
    text = render_text(resume.review(kb, S.WEAK, target_role="Retail Salesperson"))
    assert "Résumé score:" in text and "Quantified results" in text
    assert "Top fixes" in text and "“Responsible for stocking shelves" in text


# -- parsing in many styles ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("EXPERIENCE", "experience"),
        ("Work History:", "experience"),
        ("## Professional Experience", "experience"),
        ("E X P E R I E N C E", "experience"),
        ("1. Education", "education"),
        ("Education & Training", "education"),
        ("— Skills —", "skills"),
        ("Core Competencies", "skills"),
        ("**Projects**", "projects"),
        ("Licenses and Certifications", "certifications"),
        ("PROFESSIONAL SUMMARY", "summary"),
        ("Berufserfahrung", "experience"),
        ("Compétences", "skills"),
        ("Volunteer Experience", "volunteer"),
        ("Interests", "interests"),
        ("I managed a team of five", None),
        ("Experience with Python and SQL for six years", None),
    ],
)
def test_headings_in_many_styles(line: str, section: str | None) -> None:
    assert headings.canonical(line) == section


def test_inline_heading_with_content() -> None:
    assert headings.split_inline("Skills: Python, SQL, Excel") == ("skills", "Python, SQL, Excel")


@pytest.mark.parametrize("marker", ["•", "-", "*", "▪", "◦", "➢", "1.", "2)", "\uf0b7", "o"])
def test_bullet_markers(marker: str) -> None:
    text = f"EXPERIENCE\nAnalyst, Acme 2020 - 2022\n{marker} Built a report that cut errors by 20%"
    parsed = parsing.parse(text)
    bullets = parsed.bullets()
    assert [b.text for b in bullets] == ["Built a report that cut errors by 20%"]


def test_lines_without_markers_count_as_achievements() -> None:
    text = (
        "EXPERIENCE\nAnalyst, Acme 2020 - 2022\nBuilt a report that cut errors by 20% for 4 teams"
    )
    lines = parsing.parse(text).achievement_lines()
    assert [line.text for line in lines] == ["Built a report that cut errors by 20% for 4 teams"]


def test_wrapped_bullet_lines_are_joined() -> None:
    text = (
        "EXPERIENCE\n"
        "- Provide direct patient care for 5-6 patients per shift: head-to-toe assessments,\n"
        "  vital signs, medication administration and wound care.\n"
        "- Start peripheral IVs.\n"
    )
    bullets = parsing.parse(text).bullets()
    assert len(bullets) == 2 and bullets[0].text.endswith("wound care.")


@pytest.mark.parametrize(
    ("line", "months", "style"),
    [
        ("Jan 2020 – Dec 2020", 12, "month name"),
        ("March 2019 to June 2019", 4, "month name"),
        ("03/2018 - 05/2018", 3, "mm/yyyy"),
        ("2017 - 2019", 36, "year"),
        ("2021.04 – 2021.06", 3, "yyyy-mm"),
        ("Sept. 2022 - Present", 12 * 4 + 3, "month name"),
    ],
)
def test_date_ranges(line: str, months: int, style: str) -> None:
    from careermate_bot.services.resume.dates import find_ranges

    (found,) = find_ranges(line, 0, today=date(2026, 11, 29))
    assert found.months == months and found.style == style


def test_dates_out_of_order_are_a_fix(kb: Any) -> None:
    text = S.STRONG.replace("Mar 2021 – Present", "Mar 2014 – Jun 2015")
    result = resume.review(kb, text)
    dates_check = result.check("dates")
    assert dates_check is not None and dates_check.points < dates_check.max_points
    assert any("newest first" in f.message for f in result.fixes) or any(
        "newest first" in f.message for f in checks.check_dates(parsing.parse(text))[1]
    )


@pytest.mark.parametrize(
    ("text", "action", "quantified"),
    [
        ("Spearheaded the migration to AWS", True, False),
        ("Reduced churn by 12%", True, True),
        ("Responsible for payroll", False, False),
        ("Managed a team of five nurses", True, True),
        ("Led the 2021 rebrand", True, False),
        ("Grew revenue $2M in one year", True, True),
        ("Used Excel daily", False, False),
        ("30% fewer returns after a packaging redesign", True, True),
        ("$2M in new revenue from 3 partner deals", True, True),
        ("2019 was a busy year", False, False),
    ],
)
def test_bullet_language(text: str, action: bool, quantified: bool) -> None:
    assert language.starts_with_action(text) is action
    assert language.is_quantified(text) is quantified


def test_first_person_and_passive() -> None:
    assert language.language_issue("I managed the store") == "first person (“I”, “my”)"
    assert language.language_issue("Reports were prepared weekly") == "passive voice"
    assert language.language_issue("Worked on the website") == "the weak phrase “worked on”"
    assert language.language_issue("Built the I/O layer") is None


JOB_AD = """\
Senior Data Analyst — Lakeside Logistics (Austin, TX)

About the role
You will build dashboards and forecasting models for our operations team.

Responsibilities
- Build Tableau dashboards for 120 managers
- Own the weekly KPI review with finance

Requirements
- 4+ years of experience with SQL and Python
- Experience with A/B testing and statistics

Benefits
Health insurance, 401(k) match, hybrid work.
"""


def test_a_pasted_job_ad_is_told_apart(kb: Any) -> None:
    with pytest.raises(resume.NotAResume) as caught:
        resume.review(kb, JOB_AD)
    assert "job posting" in caught.value.user_message


def test_inline_sub_labels_stay_in_their_section() -> None:
    text = (
        "EDUCATION\nB.S. Biology, 2020\nRelevant Coursework: Genetics, Statistics\n"
        "SKILLS\nLanguages: Python, R\nTools: Excel\nCertifications: CPR, BLS\n"
    )
    parsed = parsing.parse(text)
    assert parsed.sections == ["education", "skills", "certifications"]


def test_action_verb_after_a_lead_in() -> None:
    assert language.starts_with_action("Course Planner (React, Node.js): built a scheduling app")
    assert language.starts_with_action("Inventory project – reduced waste by 10%")
    assert not language.starts_with_action("Course Planner: a scheduling app")


def test_paragraph_roles_are_read_as_sentences_and_get_a_fix(kb: Any) -> None:
    text = S.STRONG.replace("• ", "")
    parsed = parsing.parse(text)
    assert parsed.paragraphs_only
    result = resume.review(kb, text)
    assert any("bullet points" in f.message for f in result.fixes) or result.stats.bullets


_VERBS = ["Cut", "Grew", "Reduced", "Launched", "Automated", "Trained", "Sold", "Saved", "Led"]
_METRICS = ["by 12%", "from 40 to 95 per week", "saving $8K a month", "for 3 teams", "by 2x"]
_OBJECTS = ["invoice errors", "weekly sales", "support backlog", "onboarding time", "a new CRM"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    base=st.sampled_from(["strong", "weak", "bare"]),
    verb=st.sampled_from(_VERBS),
    thing=st.sampled_from(_OBJECTS),
    metric=st.sampled_from(_METRICS),
    marker=st.sampled_from(["•", "-", "*"]),
)
def test_property_a_quantified_bullet_never_lowers_the_score(
    kb: Any, base: str, verb: str, thing: str, metric: str, marker: str
) -> None:
    text = {
        "strong": S.STRONG,
        "weak": S.WEAK,
        "bare": S.strong_without_metrics_and_contact(),
    }[base]
    after = "Work History" if base == "weak" else "EXPERIENCE"
    bullet = f"{marker} {verb} {thing} {metric}."
    before = resume.review(kb, text).score
    assert resume.review(kb, S.add_bullet(text, bullet, after=after)).score >= before


async def test_contact_details_and_content_never_reach_the_logs(
    kb: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    from careermate_bot.services.resume.runner import read_and_review_file

    await read_and_review_file(kb, S.to_pdf(S.STRONG), "Jordan_Rivera_CV.pdf", "Data Analyst")
    await read_and_review_file(kb, S.to_docx(S.STRONG), "Jordan_Rivera_CV.docx")
    for data, name in ((S.corrupt_pdf(), "Jordan_Rivera.pdf"), (S.PNG, "Jordan_Rivera.pdf")):
        with pytest.raises(resume.ResumeError) as caught:
            await read_and_review_file(kb, data, name)
        logging.getLogger("test").warning("refused: %s", caught.value)  # what the cog logs
    logged = caplog.text
    for secret in ("jordan.rivera@example.com", "555-0148", "Jordan", "Lakeside", "Tableau"):
        assert secret not in logged

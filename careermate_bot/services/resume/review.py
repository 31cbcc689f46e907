"""`review(kb, text, target_role)`: parse, check, score, match keywords, rank fixes.

The target role is the one given (by the user or their profile), else the one the résumé
states (objective, headline, summary opening: `target.stated_target`). With a target, role
fit is part of the score, the skills check counts the skills relevant to it, and the level
(hence the length advice) comes from the years in matching roles.

Deterministic and model-free (the LLM's rewrites come later, separately; `suggestions` gives
model-free ones). Raises `EmptyDocument` for near-empty text and `NotAResume` when the text
has no résumé signal.
"""

from __future__ import annotations

from datetime import date

from careermate_bot.knowledge import KnowledgeBase, Occupation
from careermate_bot.services.resume import (
    checks,
    headings,
    keywords,
    language,
    relevance,
    suggestions,
    target,
)
from careermate_bot.services.resume.document import Document, FileKind, LayoutRisk
from careermate_bot.services.resume.errors import MIN_WORDS, EmptyDocument, NotAResume
from careermate_bot.services.resume.parsing import Line, ParsedResume, parse
from careermate_bot.services.resume.text_reader import clean
from careermate_bot.services.resume.types import Fix, ResumeReview, ResumeStats

MAX_FIXES = 5
MAX_FIXES_PER_CHECK = 2  # so one check's many small fixes don't crowd out the others
MAX_REWRITES = 3
RESUME_SECTIONS = frozenset(
    {"experience", "education", "skills", "summary", "certifications", "projects", "volunteer"}
)


def _resume_signal(parsed: ParsedResume, skills: list[str]) -> str | None:
    """None when the text looks like a résumé; otherwise what is missing (for the log)."""
    known = len(RESUME_SECTIONS.intersection(parsed.sections))
    dated = len(parsed.ranges)
    reachable = parsed.contact.email or parsed.contact.phone
    if known >= 2 or (known >= 1 and (dated or reachable)):
        return None
    if dated >= 2 and reachable and len(skills) >= 3:
        return None
    return f"{known} résumé sections, {dated} date ranges, {len(skills)} skills"


def _summary_lines(parsed: ParsedResume) -> list[Line]:
    return [line for line in parsed.lines if line.section == "summary" and not line.bullet]


def _weak_bullets(parsed: ParsedResume) -> tuple[str, ...]:
    """The bullets that gain most from a rewrite: no action verb, no number, weak phrasing."""
    scored = []
    for order, line in enumerate(parsed.achievement_lines()):
        if len(line.text.split()) < 4:
            continue
        strength = (
            int(language.starts_with_action(line.text))
            + int(language.is_quantified(line.text))
            + int(language.language_issue(line.text) is None)
        )
        if strength < 3:
            scored.append((strength, order, line.text))
    scored.sort()
    return tuple(" ".join(text.split()) for _, _, text in scored[:MAX_REWRITES])


def _target(
    kb: KnowledgeBase, parsed: ParsedResume, target_role: str | None
) -> tuple[Occupation | None, str | None, str | None]:
    """(occupation, source, note): the role given, else the one the résumé states."""
    if target_role and target_role.strip():
        found, note = keywords.resolve_role(kb, target_role)
        return found, ("given" if found is not None else None), note
    stated = target.stated_target(kb, parsed)
    if stated is None:
        return None, None, None
    return stated.occupation, stated.source, None


def _title(occupation: Occupation | None) -> str | None:
    return occupation.title if occupation is not None else None


def _category(kb: KnowledgeBase, name: str) -> str | None:
    skill = kb.get_skill(name)
    return skill.category if skill is not None else None


def _top_fixes(fixes: list[Fix]) -> tuple[Fix, ...]:
    """The biggest fixes first, at most MAX_FIXES_PER_CHECK from one check; a duty phrase or
    cliché always gets a place (its fix is concrete and easy, even when worth few points)."""
    fixes = sorted(fixes, key=lambda f: -f.impact)
    taken: dict[str, int] = {}
    out: list[Fix] = []
    for fix in fixes:
        if taken.get(fix.check, 0) >= MAX_FIXES_PER_CHECK:
            continue
        taken[fix.check] = taken.get(fix.check, 0) + 1
        out.append(fix)
    top = out[:MAX_FIXES]
    wording = next((f for f in out if f.check == "language"), None)
    if wording is not None and wording not in top:
        top[-1] = wording
    return tuple(top)


def _icon_risk(parsed: ParsedResume) -> list[LayoutRisk]:
    if parsed.private_glyphs >= 3:
        return [LayoutRisk("icon_glyphs", "icon-font symbols an ATS reads as garbage")]
    return []


def review_document(
    kb: KnowledgeBase,
    document: Document,
    target_role: str | None = None,
    *,
    today: date | None = None,
) -> ResumeReview:
    text = document.text
    words = len(text.split())
    if words < MIN_WORDS:
        raise EmptyDocument("résumé" if document.kind == FileKind.PASTE else "file", words)
    parsed = parse(text, today)
    skills = kb.extract_skills(text)
    ad_headings = sum(1 for line in text.splitlines() if headings.is_job_ad_heading(line))
    if ad_headings >= 2 and not (parsed.contact.email or parsed.contact.phone):
        raise NotAResume(f"{ad_headings} job-posting headings", job_ad=True)
    reason = _resume_signal(parsed, skills)
    if reason is not None:
        raise NotAResume(reason)

    occupation, source, note = _target(kb, parsed, target_role)
    role = relevance.RoleContext(kb, occupation) if occupation is not None else None
    coverage = keywords.coverage(kb, skills, occupation) if occupation is not None else None
    years = checks.experience_years(parsed)
    relevant = relevance.relevant_years(parsed, role) if role is not None else None
    level = checks.level_for(relevant if role is not None else years)
    risks = [*document.risks, *_icon_risk(parsed)]
    summary = _summary_lines(parsed)
    soft = [s for s in skills if _category(kb, s) == "soft"]
    results = [
        checks.check_contact(parsed),
        checks.check_sections(parsed),
        checks.check_length(parsed, level, document.pages, _title(occupation)),
        *checks.check_bullets(parsed, summary),
        checks.check_dates(parsed),
        checks.check_skills(skills, role, soft),
        *([checks.check_role_fit(coverage, source)] if coverage is not None else []),
        checks.check_layout(risks),
    ]
    check_results = tuple(result for result, _ in results)
    fixes = _top_fixes([fix for _, found in results for fix in found])
    score = round(sum(c.points for c in check_results))
    fits = keywords.best_fits(kb, skills) if source != "given" else ()

    bullets = parsed.achievement_lines()
    stats = ResumeStats(
        words=words,
        pages=document.pages,
        bullets=len(bullets),
        quantified=sum(1 for b in bullets if language.is_quantified(b.text)),
        action_verbs=sum(1 for b in bullets if language.starts_with_action(b.text)),
        experience_years=years,
        relevant_years=relevant,
        level=level,
        kind=document.kind.value,
    )
    weak = _weak_bullets(parsed)
    return ResumeReview(
        score=max(0, min(100, score)),
        checks=check_results,
        skills=list(skills),
        sections=tuple(parsed.sections),
        contact=parsed.contact,
        risks=tuple(r.message for r in risks),
        stats=stats,
        fixes=fixes,
        weak_bullets=weak,
        suggestions=suggestions.suggest_all(weak),
        target_role=_title(occupation),
        target_source=source,
        target_note=note,
        coverage=coverage,
        best_fits=fits,
        formula=checks.formula(role is not None),
    )


def review(kb: KnowledgeBase, text: str, target_role: str | None = None) -> ResumeReview:
    """Review résumé text (from `extract_text` or pasted). Deterministic; no model involved."""
    return review_document(kb, Document(text=clean(text), kind=FileKind.TEXT), target_role)

"""The résumé's skills against a target occupation, through the knowledge layer.

Coverage = the role's core and nice-to-have skills the résumé names, out of all of them; `fit`
is the matcher's weighted coverage (core skills 75 %, rarer skills weigh more). Missing
keywords are ranked by the match-% points each would add (the same gains as `/career gap`).
Without a target role, the best-fitting occupations come from `match_careers`.
"""

from __future__ import annotations

from collections.abc import Sequence

from careermate_bot.knowledge import CareerProfile, KnowledgeBase, Occupation
from careermate_bot.services.resume.types import FitSuggestion, KeywordCoverage, MissingKeyword

MAX_MISSING = 8
BEST_FITS = 3


def resolve_role(kb: KnowledgeBase, text: str) -> tuple[Occupation | None, str | None]:
    """(occupation, note). An id or a title; an unknown role gives a did-you-mean note."""
    found = kb.get_occupation(text.strip())
    if found is not None:
        return found, None
    resolution = kb.resolve_occupation(text)
    if resolution.occupation is not None:
        return resolution.occupation, None
    shown = " ".join(text.split())[:60]
    if resolution.suggestions:
        names = "; ".join(o.title for o in resolution.suggestions[:3])
        return None, f"I don't know the role “{shown}” — did you mean: {names}?"
    return None, f"I don't know the role “{shown}”; showing the best-fitting roles instead."


def coverage(kb: KnowledgeBase, skills: Sequence[str], occupation: Occupation) -> KeywordCoverage:
    report = kb.skill_gap(CareerProfile(skills=list(skills)), occupation)
    wanted = {s.casefold() for s in (*occupation.core_skills, *occupation.nice_skills)}
    matched = tuple(s for s in report.have if s.casefold() in wanted)
    missing = tuple(
        MissingKeyword(skill=g.skill, core=g.core, gain_points=round(g.gain_points, 1))
        for g in sorted(report.missing, key=lambda g: (-g.gain_points, not g.core, g.skill))
    )[:MAX_MISSING]
    total = len(wanted) or 1
    return KeywordCoverage(
        occupation_id=occupation.id,
        occupation_title=occupation.title,
        matched=matched,
        missing=missing,
        total=len(wanted),
        percent=round(100 * len(matched) / total),
        match_percent=report.match_percent,
        fit=round(report.breakdown.skill_coverage, 4),
    )


def best_fits(
    kb: KnowledgeBase, skills: Sequence[str], top: int = BEST_FITS
) -> tuple[FitSuggestion, ...]:
    if not skills:
        return ()
    result = kb.match_careers(CareerProfile(skills=list(skills)), top=top)
    return tuple(
        FitSuggestion(
            occupation_id=m.occupation.id, title=m.occupation.title, match_percent=m.match_percent
        )
        for m in result.matches
    )

"""A field at a glance ("I want to stay in healthcare", "careers in tech?"): the field's roles
from the catalogue with BLS pay and the usual way in; ranked by the person's own match when
their skills are known, else by how many U.S. jobs each role has (BLS OEWS employment)."""

from __future__ import annotations

from careermate_bot.knowledge import Occupation
from careermate_bot.knowledge.types import Family, SalaryInfo
from careermate_bot.services.guide.common import BLS, GuideContext, follow_up, onet_source
from careermate_bot.services.guide.pay import area_label, median_value
from careermate_bot.services.guide.types import (
    AnswerSection,
    FactUsed,
    FollowUp,
    GuideAnswer,
    GuideProfile,
    fit,
)

ROLES_SHOWN = 8
FIT_RANKS = 25  # below this best match (%), the field's largest roles come first, not "fits"
# How the field reads in a sentence ("careers in the skilled trades").
FIELD_LABELS: dict[Family, str] = {
    "tech": "tech",
    "data": "data and analytics",
    "design": "design",
    "product": "product management",
    "business": "business and operations",
    "finance": "finance and accounting",
    "marketing": "marketing and media",
    "sales": "sales",
    "healthcare": "healthcare",
    "education": "education",
    "engineering": "engineering",
    "science": "science and research",
    "legal": "law",
    "trades": "the skilled trades",
    "public service": "public service",
}


def _first_sentence(text: str, limit: int = 220) -> str:
    sentence = text.split(". ")[0].rstrip(".")
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rsplit(" ", 1)[0] + "…"
    return sentence + "."


def _jobs(national: SalaryInfo, title: str) -> str:
    """The BLS national employment of the role's SOC code; named when the code is broader
    than the role (a Backend Developer counts among all Software Developers)."""
    count = national.employment
    if not count:
        return ""
    if count >= 1_000_000:
        shown = f"{count / 1_000_000:.1f} million"
    elif count >= 10_000:
        shown = f"{round(count, -3):,}"
    else:
        shown = f"{count:,}"
    if national.occupation_title.casefold().rstrip("s") != title.casefold().rstrip("s"):
        return f"{shown} U.S. jobs as {national.occupation_title} (BLS)"
    return f"about {shown} U.S. jobs"


def _actions(top: Occupation | None, skills_known: bool) -> tuple[FollowUp, ...]:
    if top is None:
        return (follow_up("career_paths"),)
    first = follow_up("skill_gap", top) if skills_known else follow_up("career_paths")
    return (first, follow_up("check_pay", top))


def field_overview(
    ctx: GuideContext, family: Family, profile: GuideProfile, question: str = ""
) -> GuideAnswer:
    label = FIELD_LABELS[family]
    roles = [occ for occ in ctx.kb.catalogue if occ.family == family]
    place = ctx.place(profile, question)
    matches: dict[str, int] = {}
    if profile.skills:
        career = ctx.career_profile(profile)
        matches = {occ.id: ctx.kb.skill_gap(career, occ).match_percent for occ in roles}

    def size(occ: Occupation) -> int:
        return ctx.kb.role_jobs(occ) or 0

    best = max(roles, key=lambda occ: (matches.get(occ.id, 0), size(occ)), default=None)
    best_match = matches.get(best.id, 0) if best is not None else 0
    by_fit = best_match >= FIT_RANKS
    roles.sort(key=lambda occ: (-matches.get(occ.id, 0) if by_fit else 0, -size(occ), occ.title))
    shown = roles[:ROLES_SHOWN]
    sections: list[AnswerSection] = []
    facts: list[FactUsed] = []
    for occ in shown:
        info = ctx.pay(occ, place)
        if not info.available and place.local:
            info = ctx.pay(occ)  # no local estimate: the national one, labelled as such
        median = median_value(info) if info.available else None
        name = occ.title
        if matches.get(occ.id):
            name += f" — {matches[occ.id]}% match"
        details = [ctx.entry(occ).education.text()]
        if median is not None:
            details.append(f"median pay ${median:,.0f} ({area_label(info)})")
            facts.append(ctx.pay_fact(occ, place))
        jobs = _jobs(ctx.pay(occ), occ.title)
        if jobs:
            details.append(jobs)
        value = f"{_first_sentence(occ.description)}\n" + " · ".join(details)
        sections.append(AnswerSection(name=name, value=value))
    if by_fit:
        lead = (
            f"The {len(shown)} roles in {label} that fit your skills best, of {len(roles)} "
            "in CareerMate's catalogue, with BLS pay and the usual education. Ask for the "
            "skill gap of any of them to see what to learn first."
        )
    elif profile.skills and best is not None:
        overlap = (
            f"Your skills overlap little with {label} so far (best: {best_match}% of the core "
            f"skills of {best.title})."
            if best_match
            else f"None of your saved skills is a core skill of a role in {label} yet."
        )
        lead = (
            f"{overlap} Here are the {len(shown)} roles in {label} with the most U.S. jobs, "
            "with BLS pay and the usual education; ask for the skill gap of one to see what "
            "to learn first."
        )
    else:
        lead = (
            f"{len(roles)} roles in CareerMate's catalogue are in {label}; here are the "
            f"{len(shown)} with the most U.S. jobs, with BLS pay and the usual education. "
            "Tell me your skills (for example *I know patient care and Excel*) and I'll rank "
            "them by how well you fit."
        )
    top = (best if by_fit or best_match else shown[0]) if shown else None
    return fit(
        GuideAnswer(
            kind="field",
            title=f"Careers in {label}",
            lead=lead,
            sections=tuple(sections),
            facts=tuple(facts),
            source=onet_source(f"pay and job counts: {BLS}"),
            actions=_actions(top, bool(profile.skills)),
            ids=(family,),
        )
    )

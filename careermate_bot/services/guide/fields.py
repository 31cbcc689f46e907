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


def _example(shown: list[Occupation]) -> str:
    """Two skills the field's largest role asks for, as a way to say one's skills."""
    skills = [s for occ in shown for s in occ.core_skills][:2]
    return " and ".join(skills) if len(skills) == 2 else "Excel and customer service"


def _actions(top: Occupation | None, skills_known: bool) -> tuple[FollowUp, ...]:
    if top is None:
        return (follow_up("career_paths"),)
    first = follow_up("skill_gap", top) if skills_known else follow_up("career_paths")
    return (first, follow_up("check_pay", top))


def field_overview(
    ctx: GuideContext,
    family: Family,
    profile: GuideProfile,
    question: str = "",
    *,
    enjoys: str | None = None,
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
        info = ctx.pay(occ, place)  # metro -> state -> national when BLS has no local figure
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
            f"Tell me your skills (for example *I know {_example(shown)}*) and I'll rank "
            "them by how well you fit."
        )
    if enjoys:
        lead = f"{enjoys[:1].upper()}{enjoys[1:]} is at the heart of many roles in {label}. {lead}"
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


# Entry education below any college degree (O*NET's levels and the catalogue's spelling).
NO_DEGREE_LEVELS = frozenset(
    {
        "Less than a high school diploma",
        "High school diploma or equivalent",
        "Post-secondary certificate",
        "Some college courses",
        "Some college",
    }
)
NO_DEGREE_MAX_ZONE = 3  # job zone 4 is "usually a bachelor's degree" in O*NET's terms


def _no_degree(ctx: GuideContext, occ: Occupation) -> bool:
    """Below a degree by both O*NET's survey and our catalogue, and at most job zone 3: an
    occupation whose O*NET stand-in is broader (Cloud Architect) is not counted on one source."""
    entry = ctx.entry(occ)
    return (
        entry.education.level in NO_DEGREE_LEVELS
        and occ.education in NO_DEGREE_LEVELS
        and entry.job_zone <= NO_DEGREE_MAX_ZONE
    )


def top_paying(
    ctx: GuideContext,
    profile: GuideProfile,
    question: str = "",
    *,
    family: Family | None = None,
    without_degree: bool = False,
) -> GuideAnswer:
    """The catalogue's roles with the highest BLS median pay (the person's area when known),
    in one field and/or among roles whose usual entry education is below a college degree."""
    place = ctx.place(profile, question)
    pool = [
        occ
        for occ in ctx.kb.catalogue
        if (family is None or occ.family == family) and (not without_degree or _no_degree(ctx, occ))
    ]
    priced: list[tuple[float, Occupation, SalaryInfo]] = []
    for occ in pool:
        info = ctx.pay(occ, place)  # metro -> state -> national when BLS has no local figure
        median = median_value(info) if info.available else None
        if median is not None:
            priced.append((median, occ, info))
    priced.sort(key=lambda item: (-item[0], item[1].title))
    shown = priced[:ROLES_SHOWN]
    scope = []
    if family is not None:
        scope.append(f"in {FIELD_LABELS[family]}")
    if without_degree:
        scope.append("that usually need no college degree")
    where = "your area" if place.local else "the U.S."
    sections = []
    for rank, (median, occ, info) in enumerate(shown, 1):
        details = [ctx.entry(occ).education.text()]
        jobs = _jobs(ctx.pay(occ), occ.title)
        if jobs:
            details.append(jobs)
        sections.append(
            AnswerSection(
                name=f"{rank}. {occ.title} — median ${median:,.0f} ({area_label(info)})",
                value=f"{_first_sentence(occ.description)}\n" + " · ".join(details),
            )
        )
    lead = (
        f"The {len(shown)} roles with the highest BLS median pay {' '.join(scope)} in {where}, "
        f"of the {len(pool)} such roles in CareerMate's catalogue (not every U.S. occupation). "
        "Pay varies with employer, experience and place; the 25th-75th range is one click away."
    ).replace("  ", " ")
    if without_degree:
        lead += " Many of these still ask for a licence, an apprenticeship or years of practice."
    top = shown[0][1] if shown else None
    return fit(
        GuideAnswer(
            kind="field",
            title=_ranking_title(family, without_degree),
            lead=lead,
            sections=tuple(sections),
            facts=tuple(ctx.pay_fact(occ, place) for _, occ, _ in shown),
            source=onet_source(f"pay and job counts: {BLS}"),
            actions=(follow_up("check_pay", top), follow_up("career_paths"))
            if top is not None
            else (follow_up("career_paths"),),
            ids=(family,) if family else (),
        )
    )


def _ranking_title(family: Family | None, without_degree: bool) -> str:
    title = "Highest-paying roles"
    if family is not None:
        title += f" in {FIELD_LABELS[family]}"
    return title + (" without a college degree" if without_degree else "")

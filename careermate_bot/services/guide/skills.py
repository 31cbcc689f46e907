"""Two skills side by side: how many occupations use each, the employment behind them, what
those occupations pay, and how many match points each would add for this user.

Demand is employment-weighted: the BLS national employment of every distinct SOC code among the
catalogue occupations that list the skill (core or nice-to-have), each code counted once.
"Median pay" is the employment-weighted median of those codes' national medians.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from careermate_bot.common.user_text import quote
from careermate_bot.errors import InvalidInput
from careermate_bot.knowledge import Occupation, Skill
from careermate_bot.services.guide.common import BLS, GuideContext, follow_up
from careermate_bot.services.guide.pay import median_value
from careermate_bot.services.guide.types import (
    AnswerSection,
    FactUsed,
    GuideAnswer,
    GuideProfile,
    fit,
)

TOP_ROLES = 4
GAIN_ROLES = 3


@dataclass(frozen=True, slots=True)
class SkillStats:
    skill: str
    occupations: tuple[str, ...]  # ids, core users first
    core: int
    employment: int
    median_pay: float | None
    top_roles: tuple[str, ...]  # titles of the largest-employment users


def skill_stats(
    ctx: GuideContext, skill: Skill, pool: Sequence[Occupation] | None = None
) -> SkillStats:
    """Demand and pay behind one skill, over the catalogue (or `pool`, e.g. one field)."""
    users: list[Occupation] = [
        o
        for o in (ctx.kb.occupations if pool is None else pool)
        if skill.name in o.core_skills or skill.name in o.nice_skills
    ]
    core = sum(1 for o in users if skill.name in o.core_skills)
    by_soc: dict[str, tuple[int, float | None, Occupation]] = {}
    for occ in users:
        if occ.soc_code in by_soc:
            continue
        info = ctx.pay(occ)
        by_soc[occ.soc_code] = (info.employment or 0, median_value(info), occ)
    employment = sum(e for e, _, _ in by_soc.values())
    weighted = sorted((m, e) for e, m, _ in by_soc.values() if m is not None and e > 0)
    median_pay = None
    if weighted:
        half, acc = sum(e for _, e in weighted) / 2, 0
        for value, weight in weighted:
            acc += weight
            if acc >= half:
                median_pay = value
                break
    biggest = sorted(by_soc.values(), key=lambda t: -t[0])[:TOP_ROLES]
    ordered = sorted(users, key=lambda o: (skill.name not in o.core_skills, o.title))
    return SkillStats(
        skill=skill.name,
        occupations=tuple(o.id for o in ordered),
        core=core,
        employment=employment,
        median_pay=median_pay,
        top_roles=tuple(t[2].title for t in biggest),
    )


def _gain(ctx: GuideContext, skill: str, profile: GuideProfile) -> str:
    """How many match points `skill` adds for the user, on their target roles or best matches."""
    if not profile.skills:
        return "Tell me your skills to see how many match points it would add for you."
    have = {s.casefold() for s in ctx.kb.normalize_skills(profile.skills)[0]}
    if skill.casefold() in have:
        return "You already have it."
    career = ctx.career_profile(profile)
    roles = ctx.profile_roles(profile)[:GAIN_ROLES]
    if not roles:
        roles = [m.occupation for m in ctx.kb.match_careers(career, top=GAIN_ROLES).matches]
    gains = []
    for occ in roles:
        report = ctx.kb.skill_gap(career, occ)
        points = next((g.gain_points for g in report.missing if g.skill == skill), None)
        if points:
            gains.append((points, occ.title))
    if not gains:
        names = ", ".join(o.title for o in roles)
        return f"Adds no points for {names}: none of them lists it."
    gains.sort(reverse=True)
    return "; ".join(f"+{p:g} pts for {t}" for p, t in gains) + "."


def _skill(ctx: GuideContext, name: str) -> Skill:
    skill = ctx.kb.get_skill(name)
    if skill is None:
        found = ctx.kb.normalize_skills([name])[0]
        skill = ctx.kb.get_skill(found[0]) if found else None
    if skill is None:
        raise InvalidInput(f"I don't know the skill {quote(name, 40)}. Try a name like 'SQL'.")
    return skill


def compare_skills(
    ctx: GuideContext, first: str, second: str, profile: GuideProfile
) -> GuideAnswer:
    a, b = _skill(ctx, first), _skill(ctx, second)
    sa, sb = skill_stats(ctx, a), skill_stats(ctx, b)
    facts: list[FactUsed] = []
    sections: list[AnswerSection] = []
    for stats in (sa, sb):
        pay = f"${stats.median_pay:,.0f}" if stats.median_pay is not None else "n/a"
        lines = [
            f"Used by {len(stats.occupations)} of {len(ctx.kb.occupations)} catalogue occupations "
            f"(core skill in {stats.core}).",
            f"U.S. employment in those occupations: {stats.employment:,}.",
            f"Median pay across them (employment-weighted): {pay}.",
        ]
        if stats.top_roles:
            lines.append("Largest: " + ", ".join(stats.top_roles) + ".")
        lines.append("For you: " + _gain(ctx, stats.skill, profile))
        sections.append(AnswerSection(name=stats.skill, value="\n".join(lines)))
        facts += [
            FactUsed(
                label=f"Occupations using {stats.skill}",
                value=str(len(stats.occupations)),
                source="CareerMate catalogue",
            ),
            FactUsed(
                label=f"Employment in occupations using {stats.skill}",
                value=f"{stats.employment:,}",
                source=BLS,
            ),
            FactUsed(label=f"Median pay of occupations using {stats.skill}", value=pay, source=BLS),
        ]
    shared = [o for o in sa.occupations if o in set(sb.occupations)]
    if shared:
        titles = [ctx.kb.catalogue.by_id[o].title for o in shared[:6]]
        sections.append(AnswerSection(name="Roles that use both", value=", ".join(titles) + "."))
    return fit(
        GuideAnswer(
            kind="compare_skills",
            title=f"{a.name} vs {b.name}",
            lead=_lead(sa, sb),
            sections=tuple(sections),
            facts=tuple(facts),
            source=f"CareerMate catalogue (skills per occupation); employment and pay: {BLS}",
            actions=(follow_up("skill_gap"), follow_up("career_paths")),
            ids=(a.name, b.name),
        )
    )


def _lead(a: SkillStats, b: SkillStats) -> str:
    if a.employment == b.employment:
        return f"{a.skill} and {b.skill} reach the same occupations."
    wide, narrow = (a, b) if a.employment > b.employment else (b, a)
    ratio = wide.employment / max(1, narrow.employment)
    size = f"{ratio:.1f}x" if ratio < 10 else "over 10x"
    return (
        f"{wide.skill} is the broader bet: occupations using it employ {size} as many people "
        f"as those using {narrow.skill}. Pick the one your target roles list; see 'For you'."
    )

"""Skills in demand ("what skills are in demand?", "... in healthcare?"): every taxonomy skill
ranked by the BLS employment of the catalogue occupations that use it (each SOC code once), the
same measure `/guide compare` uses for two skills; soft skills listed apart, degree fields left
out. The ranking is computed once per field and kept (the data do not change while running)."""

from __future__ import annotations

from careermate_bot.knowledge.types import Family
from careermate_bot.services.guide.common import BLS, GuideContext, follow_up, onet_source
from careermate_bot.services.guide.fields import FIELD_LABELS
from careermate_bot.services.guide.skills import SkillStats, skill_stats
from careermate_bot.services.guide.types import AnswerSection, GuideAnswer, GuideProfile, fit

SHOWN = 8
SOFT_SHOWN = 5
MIN_ROLES = 2  # a skill only one catalogue role uses says more about that role than demand


def _ranked(ctx: GuideContext, family: Family | None) -> tuple[list[SkillStats], list[SkillStats]]:
    """(learnable skills, soft skills), each by employment behind them, largest first."""
    cached = ctx.demand.get(family)
    if cached is not None:
        return cached
    pool = [o for o in ctx.kb.occupations if family is None or o.family == family]
    hard: list[SkillStats] = []
    soft: list[SkillStats] = []
    for skill in ctx.kb.taxonomy.skills.values():
        if skill.field_of_study:
            continue
        stats = skill_stats(ctx, skill, pool)
        if len(stats.occupations) < MIN_ROLES or not stats.employment:
            continue
        (soft if skill.category == "soft" else hard).append(stats)
    for table in (hard, soft):
        table.sort(key=lambda s: (-s.employment, s.skill))
    ctx.demand[family] = (hard, soft)
    return hard, soft


def _jobs(count: int) -> str:
    return f"{count / 1_000_000:.1f} million" if count >= 1_000_000 else f"{count:,}"


def skills_in_demand(
    ctx: GuideContext, profile: GuideProfile, family: Family | None = None
) -> GuideAnswer:
    hard, soft = _ranked(ctx, family)
    have = {s.casefold() for s in ctx.kb.normalize_skills(profile.skills)[0]}
    where = f" in {FIELD_LABELS[family]}" if family else ""
    sections = []
    for rank, stats in enumerate(hard[:SHOWN], 1):
        mine = " ✓ you have it" if stats.skill.casefold() in have else ""
        pay = f"; their median pay ${stats.median_pay:,.0f}" if stats.median_pay else ""
        sections.append(
            AnswerSection(
                name=f"{rank}. {stats.skill}{mine}",
                value=f"Used by {len(stats.occupations)} roles ({_jobs(stats.employment)} U.S. "
                f"jobs{pay}), e.g. {', '.join(stats.top_roles[:3])}.",
            )
        )
    if soft:
        sections.append(
            AnswerSection(
                name="People skills that run through them",
                value=", ".join(s.skill for s in soft[:SOFT_SHOWN]) + ".",
            )
        )
    lead = (
        f"The skills{where} behind the most U.S. jobs: each counts the BLS employment of the "
        "catalogue roles that use it (each BLS occupation once). "
        + (
            "Those you already have are ticked; the skill gap for a target role says which "
            "missing one adds the most for you."
            if profile.skills
            else "Tell me your skills and I'll tick the ones you have and rank what to add."
        )
    )
    return fit(
        GuideAnswer(
            kind="field",
            title=f"Skills in demand{where}",
            lead=lead,
            sections=tuple(sections),
            source=onet_source(f"employment and pay: {BLS}"),
            actions=(follow_up("skill_gap"), follow_up("career_paths"))
            if profile.target_roles
            else (follow_up("career_paths"),),
            ids=(family,) if family else (),
        )
    )

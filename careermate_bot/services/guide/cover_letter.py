"""A cover-letter outline drafted from the user's own facts, with [placeholders] for the rest.

Only facts the user gave (profile and stored résumé review summary) appear as facts; everything
else is a bracketed placeholder for them to fill in. Nothing is invented: no employer, result,
number or skill the user didn't state.
"""

from __future__ import annotations

from careermate_bot.knowledge import Occupation
from careermate_bot.services.guide.common import PLAYBOOK, GuideContext, follow_up
from careermate_bot.services.guide.types import (
    AnswerSection,
    FactUsed,
    GuideAnswer,
    GuideProfile,
    fit,
)

MAX_SKILLS = 4


def _skills_for(ctx: GuideContext, profile: GuideProfile, occ: Occupation | None) -> list[str]:
    """The user's skills, the ones the target role lists first (core, then nice-to-have)."""
    mine = list(
        ctx.kb.normalize_skills(
            [*profile.skills, *(profile.resume_summary.skills if profile.resume_summary else ())]
        )[0]
    )
    if occ is None:
        return mine[:MAX_SKILLS]
    rank = {s: i for i, s in enumerate((*occ.core_skills, *occ.nice_skills))}
    relevant = sorted((s for s in mine if s in rank), key=lambda s: rank[s])
    return relevant[:MAX_SKILLS]


def cover_letter(
    ctx: GuideContext,
    profile: GuideProfile,
    role: str | None = None,
    company: str | None = None,
) -> GuideAnswer:
    occ = ctx.maybe_occupation(role) if role else None
    if occ is None:
        roles = ctx.profile_roles(profile)
        occ = roles[0] if roles else None
    target = occ.title if occ is not None else (role or "[job title]")
    employer = company or "[Company]"
    skills = _skills_for(ctx, profile, occ)
    facts: list[FactUsed] = []
    name = profile.name or "[Your name]"

    intro_bits = []
    if profile.current_role:
        intro_bits.append(f"As a {profile.current_role}")
        facts.append(
            FactUsed(label="Current role", value=profile.current_role, source="your profile")
        )
    if profile.experience_years is not None:
        intro_bits.append(f"with {profile.experience_years:g} years of experience")
        facts.append(
            FactUsed(
                label="Experience",
                value=f"{profile.experience_years:g} years",
                source="your profile",
            )
        )
    intro = " ".join(intro_bits) if intro_bits else "[One line on who you are professionally]"
    opening = (
        f"I'm applying for the {target} role at {employer}. {intro}, "
        "[your strongest result that matches the job, with a number]."
    )

    if skills:
        facts.append(
            FactUsed(
                label="Skills used", value=", ".join(skills), source="your profile / résumé review"
            )
        )
        first = skills[0]
        second = skills[1] if len(skills) > 1 else None
        match_1 = (
            f"The posting asks for [requirement 1]. I've used {first} to "
            "[what you did and the result]."
        )
        match_2 = (
            f"It also asks for [requirement 2]. With {second}, I "
            "[a second example with its outcome]."
            if second
            else "It also asks for [requirement 2]. [A second example with its outcome]."
        )
    else:
        match_1 = (
            "The posting asks for [requirement 1]. "
            "[An example where you did this, with the result]."
        )
        match_2 = "It also asks for [requirement 2]. [A second example with its outcome]."

    city = profile.locations[0] if profile.locations else "[city]"
    if profile.locations:
        facts.append(FactUsed(label="City", value=city, source="your profile"))
    review = profile.resume_summary
    check_lines = [
        "Replace every [placeholder]; keep to 250-400 words.",
        "Use the posting's own words for the two requirements you chose.",
        "Only claim results and skills you can talk about in an interview.",
    ]
    if review is not None and review.score is not None:
        check_lines.insert(
            0,
            f"Your résumé last scored {review.score}/100: make sure the letter's examples "
            "also appear there.",
        )
        facts.append(
            FactUsed(
                label="Résumé review score",
                value=f"{review.score}/100",
                source="your last CareerMate résumé review",
            )
        )

    sections = (
        AnswerSection(
            name="Header",
            value=f"{name} · [email] · [phone] · {city}\nDear [Hiring manager's name],",
        ),
        AnswerSection(name="1. Opening", value=opening),
        AnswerSection(name="2. Why you fit", value=f"{match_1}\n{match_2}"),
        AnswerSection(
            name=f"3. Why {employer}",
            value=f"[What draws you to {employer}: a product, a goal or a value from their site "
            "or news], "
            "and how your experience helps with it.",
        ),
        AnswerSection(
            name="4. Close",
            value=f"I'd welcome the chance to discuss how I can help {employer} "
            "[goal of the role]. "
            f"Thank you for your time.\nSincerely,\n{name}",
        ),
        AnswerSection(name="Before you send", value="\n".join(f"• {line}" for line in check_lines)),
    )
    known = [f.label.lower() for f in facts]
    lead = (
        f"An outline for a {target} cover letter, drafted from your "
        + (", ".join(known) if known else "profile (it is empty, so most of it is placeholders)")
        + ". Fill in every [placeholder]."
    )
    return fit(
        GuideAnswer(
            kind="cover_letter",
            title=f"Cover letter outline: {target}",
            lead=lead,
            sections=sections,
            facts=tuple(facts),
            source=f"{PLAYBOOK}; only facts from your profile and résumé review",
            actions=(follow_up("review_resume"), follow_up("job_search")),
            ids=(occ.id,) if occ is not None else (),
        )
    )

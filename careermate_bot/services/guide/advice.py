"""Playbook answers: the retrieved topic's steps, personalised where the user's data has a figure.

Hooks (declared per topic in playbook.yaml):
- offer_vs_pay: the offer in the question placed against the BLS 25th/50th/75th percentiles for
  the role (named in the question, else the profile's) in the area (question, else profile);
- pay_range: the BLS range for the user's role and area;
- resume_summary: the stored résumé review's score and length;
- skill_gap: the top missing skills for the target role, with match points;
- experience: the user's years of experience, where the advice depends on them;
- target_roles: the user's target role, named so the steps read as theirs.
A hook without the data it needs says in one line what to share; it never guesses.
"""

from __future__ import annotations

from careermate_bot.knowledge import Occupation
from careermate_bot.knowledge.guide.router import GuideRoute
from careermate_bot.knowledge.guide.types import Topic
from careermate_bot.services.guide.common import BLS, GuideContext, follow_up
from careermate_bot.services.guide.pay import area_label, parse_offer, place_offer, range_line
from careermate_bot.services.guide.types import (
    AnswerSection,
    FactUsed,
    GuideAnswer,
    GuideProfile,
    fit,
)

WORDS_PER_PAGE = 450


def _role(ctx: GuideContext, route: GuideRoute | None, profile: GuideProfile) -> Occupation | None:
    if route is not None:
        for rid in route.roles:
            occ = ctx.kb.catalogue.by_id.get(rid)
            if occ is not None:
                return occ
    roles = ctx.profile_roles(profile)
    return roles[0] if roles else None


class _Personal:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.facts: list[FactUsed] = []
        self.bls = False


def _offer_vs_pay(
    ctx: GuideContext,
    question: str,
    route: GuideRoute | None,
    profile: GuideProfile,
    out: _Personal,
) -> None:
    offer = parse_offer(question)
    occ = _role(ctx, route, profile)
    place = ctx.place(profile, question)
    if occ is None:
        if offer is not None:
            out.lines.append(
                f"Tell me the job title (and city) and I'll place {offer.shown()} against the BLS "
                "pay percentiles for that role."
            )
        else:
            out.lines.append(
                "Tell me the role, the city and the offer (e.g. '70k for a data analyst in "
                "Chicago') and I'll place it against BLS pay for that role."
            )
        return
    info = ctx.pay(occ, place)
    if offer is None:
        if info.available:
            out.lines.append(
                f"{occ.title} in {area_label(info)}: {range_line(info)}. "
                "Share the offer amount and I'll place it."
            )
            out.facts.append(ctx.pay_fact(occ, place))
            out.bls = True
        return
    placed = place_offer(offer, info, occ.title)
    if placed is None:
        out.lines.append(f"BLS publishes no pay estimate for {occ.title} in {area_label(info)}.")
        return
    sentence, advice = placed
    out.lines += [sentence, advice]
    if info.fallback or (not place.local and not place.from_question):
        out.lines.append(
            "These are national figures; tell me the city for local ones."
            if not place.local
            else info.notes[0]
        )
    out.facts += [
        FactUsed(label="Offer", value=offer.shown(), source="your message"),
        ctx.pay_fact(occ, place),
    ]
    out.bls = True


def _pay_range(
    ctx: GuideContext,
    question: str,
    route: GuideRoute | None,
    profile: GuideProfile,
    out: _Personal,
) -> None:
    occ = _role(ctx, route, profile)
    if occ is None:
        out.lines.append(
            "Tell me your role and city and I'll add the BLS pay range to check your "
            "number against."
        )
        return
    place = ctx.place(profile, question)
    info = ctx.pay(occ, place)
    if not info.available:
        return
    out.lines.append(f"Market pay for {occ.title} in {area_label(info)}: {range_line(info)}.")
    if profile.min_salary:
        out.lines.append(f"Your saved salary floor: ${profile.min_salary:,}.")
    out.facts.append(ctx.pay_fact(occ, place))
    out.bls = True


def _resume(topic: Topic, profile: GuideProfile, out: _Personal) -> None:
    summary = profile.resume_summary
    if summary is None or summary.score is None:
        out.lines.append("Upload your résumé for a review: its score shows what to fix first.")
        return
    parts = [f"Your last résumé review scored {summary.score}/100"]
    if summary.words:
        pages = max(1, round(summary.words / WORDS_PER_PAGE))
        parts.append(f"{summary.words} words (about {pages} page{'s' if pages > 1 else ''})")
    if summary.target_role and summary.coverage_percent is not None:
        parts.append(f"{summary.coverage_percent}% of the {summary.target_role} skill list covered")
    out.lines.append(", ".join(parts) + ".")
    out.facts.append(
        FactUsed(
            label="Résumé review score",
            value=f"{summary.score}/100",
            source="your last CareerMate résumé review",
        )
    )
    if topic.id == "no-responses" and summary.score < 70:
        out.lines.append("Below 70, fix the résumé first: it is the first stage of the funnel.")


def _skill_gap(
    ctx: GuideContext, route: GuideRoute | None, profile: GuideProfile, out: _Personal
) -> None:
    occ = _role(ctx, route, profile)
    if occ is None or not profile.skills:
        return
    report = ctx.kb.skill_gap(ctx.career_profile(profile), occ)
    missing = [g for g in report.missing if g.gain_points > 0][:3]
    line = f"For {occ.title} you match {report.match_percent}%."
    if missing:
        line += (
            " Learn first: "
            + "; ".join(f"{g.skill} (+{g.gain_points:g} pts)" for g in missing)
            + "."
        )
    out.lines.append(line)
    out.facts.append(
        FactUsed(
            label=f"Your match, {occ.title}",
            value=f"{report.match_percent}%",
            source="CareerMate matcher",
        )
    )


def _experience(topic: Topic, profile: GuideProfile, out: _Personal) -> None:
    years = profile.experience_years
    if years is None:
        return
    if topic.id == "resume-length":
        pages = "one page" if years < 10 else "two pages"
        out.lines.append(f"With {years:g} years of experience, aim for {pages}.")
    else:
        out.lines.append(f"Your {years:g} years of experience are an asset here: lead with them.")


def _target(
    route: GuideRoute | None, ctx: GuideContext, profile: GuideProfile, out: _Personal
) -> None:
    occ = _role(ctx, route, profile)
    if occ is not None:
        out.lines.append(f"Apply these steps to your target: {occ.title}.")


def _role_note(ctx: GuideContext, role_id: str) -> AnswerSection:
    """The role the question named, when a situation topic answered it ("become a nurse with a
    record"): its licensing route, and who decides."""
    occ = ctx.kb.catalogue.by_id[role_id]
    lic = ctx.guide.entries[role_id].licensing
    name = f"The {occ.title} route"
    if lic is None:
        return AnswerSection(
            name=name,
            value="No licence is generally required; ask me how to become one for the full path.",
        )
    return AnswerSection(
        name=name,
        value=f"{lic.summary} Who decides: {'; '.join(lic.bodies)}. Ask them how your "
        "situation affects eligibility before you invest in training.",
    )


def topic_answer(
    ctx: GuideContext,
    topic: Topic,
    profile: GuideProfile,
    question: str = "",
    route: GuideRoute | None = None,
) -> GuideAnswer:
    personal = _Personal()
    for hook in topic.hooks:
        if hook == "offer_vs_pay":
            _offer_vs_pay(ctx, question, route, profile, personal)
        elif hook == "pay_range":
            _pay_range(ctx, question, route, profile, personal)
        elif hook == "resume_summary":
            _resume(topic, profile, personal)
        elif hook == "skill_gap":
            _skill_gap(ctx, route, profile, personal)
        elif hook == "experience":
            _experience(topic, profile, personal)
        elif hook == "target_roles" and not personal.lines:
            _target(route, ctx, profile, personal)
    sections = []
    if personal.lines:
        sections.append(AnswerSection(name="For you", value="\n".join(personal.lines)))
    sections += [
        AnswerSection(name=f"{i}. {s.name}", value=s.text) for i, s in enumerate(topic.steps, 1)
    ]
    if route is not None and route.via.startswith("topic:over-") and route.roles:
        sections.append(_role_note(ctx, route.roles[0]))
    source = topic.source + (f"; pay: {BLS}" if personal.bls and "BLS" not in topic.source else "")
    occ = _role(ctx, route, profile)
    actions = tuple(
        follow_up(a, occ if a in ("check_pay", "skill_gap") else None) for a in topic.actions
    )
    return fit(
        GuideAnswer(
            kind="topic",
            title=topic.title,
            lead=f"When this applies: {topic.applies}",
            sections=tuple(sections),
            facts=tuple(personal.facts),
            source=source,
            actions=actions,
            ids=(topic.id,),
            confidence=route.confidence if route is not None else 1.0,
        )
    )

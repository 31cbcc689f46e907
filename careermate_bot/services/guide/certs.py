"""Certification answers: one certification, or two side by side, from the curated table."""

from __future__ import annotations

from careermate_bot.knowledge.guide.types import Certification
from careermate_bot.services.guide.common import GuideContext, article, follow_up
from careermate_bot.services.guide.types import (
    AnswerSection,
    FactUsed,
    GuideAnswer,
    GuideProfile,
    fit,
)

_LEVEL_RANK = {"foundational": 0, "associate": 1, "professional": 2, "expert": 3}
SOURCE_NOTE = (
    "CareerMate certification table (facts from the issuers; check the issuer before booking)"
)


def _roles(ctx: GuideContext, cert: Certification) -> str:
    titles = [ctx.kb.catalogue.by_id[r].title for r in cert.serves if r in ctx.kb.catalogue.by_id]
    return ", ".join(titles[:6]) or "-"


def _fit_line(ctx: GuideContext, cert: Certification, profile: GuideProfile) -> str | None:
    mine = {o.id for o in ctx.profile_roles(profile)}
    hits = [ctx.kb.catalogue.by_id[r].title for r in cert.serves if r in mine]
    if hits:
        return f"It serves your role{'s' if len(hits) > 1 else ''}: {', '.join(hits)}."
    if mine:
        return "It isn't one of the usual credentials for your saved roles."
    return None


def certification(ctx: GuideContext, cert: Certification, profile: GuideProfile) -> GuideAnswer:
    sections = [
        AnswerSection(name="Issuer", value=cert.issuer),
        AnswerSection(name="Who it's for", value=cert.audience),
        AnswerSection(name="Eligibility", value=cert.eligibility),
    ]
    if cert.exam:
        sections.append(AnswerSection(name="Exam", value=cert.exam))
    if cert.renewal:
        sections.append(AnswerSection(name="Renewal", value=cert.renewal))
    sections.append(AnswerSection(name="Roles it helps", value=_roles(ctx, cert)))
    line = _fit_line(ctx, cert, profile)
    if line:
        sections.append(AnswerSection(name="For you", value=line))
    return fit(
        GuideAnswer(
            kind="certification",
            title=cert.name,
            lead=(
                f"{article(cert.level).capitalize()} {cert.level} {cert.field} credential from "
                f"{cert.issuer}. {cert.audience}"
            ),
            sections=tuple(sections),
            facts=(
                FactUsed(
                    label=f"{cert.name}: eligibility", value=cert.eligibility, source=cert.source
                ),
            ),
            source=f"{cert.source}; {SOURCE_NOTE}",
            actions=(follow_up("skill_gap"), follow_up("job_search")),
            ids=(cert.id,),
        )
    )


def compare_certifications(
    ctx: GuideContext, a: Certification, b: Certification, profile: GuideProfile
) -> GuideAnswer:
    def pair(name: str, va: str, vb: str) -> AnswerSection:
        return AnswerSection(name=name, value=f"{_short(a)}: {va}\n{_short(b)}: {vb}")

    sections = [
        pair("Issuer", a.issuer, b.issuer),
        pair("Level", f"{a.level} ({a.field})", f"{b.level} ({b.field})"),
        pair("Who it's for", a.audience, b.audience),
        AnswerSection(name=f"Eligibility: {_short(a)}", value=a.eligibility),
        AnswerSection(name=f"Eligibility: {_short(b)}", value=b.eligibility),
        pair("Roles it helps", _roles(ctx, a), _roles(ctx, b)),
    ]
    if a.renewal or b.renewal:
        sections.append(pair("Renewal", a.renewal or "-", b.renewal or "-"))
    for cert in (a, b):
        line = _fit_line(ctx, cert, profile)
        if line:
            sections.append(AnswerSection(name=f"For you: {_short(cert)}", value=line))
    sections.append(AnswerSection(name="How to choose", value=_choose(a, b, profile)))
    sources = sorted({a.source, b.source})
    return fit(
        GuideAnswer(
            kind="compare_certs",
            title=f"{_short(a)} vs {_short(b)}",
            lead=_lead(a, b),
            sections=tuple(sections),
            facts=(
                FactUsed(label=f"{a.name}: eligibility", value=a.eligibility, source=a.source),
                FactUsed(label=f"{b.name}: eligibility", value=b.eligibility, source=b.source),
            ),
            source="; ".join(sources) + f"; {SOURCE_NOTE}",
            actions=(follow_up("skill_gap"), follow_up("job_search")),
            ids=(a.id, b.id),
        )
    )


def _short(cert: Certification) -> str:
    """ "PMP" from "Project Management Professional (PMP)"; the name when it has no acronym."""
    if cert.name.endswith(")") and "(" in cert.name:
        return cert.name.rsplit("(", 1)[1].rstrip(")")
    return cert.name


def _lead(a: Certification, b: Certification) -> str:
    ra, rb = _LEVEL_RANK[a.level], _LEVEL_RANK[b.level]
    if ra == rb:
        if a.field == b.field:
            return (
                f"{_short(a)} and {_short(b)} sit at the same level in {a.field}; the issuer, "
                "format and which one your target employers ask for decide."
            )
        return f"{_short(a)} ({a.field}) and {_short(b)} ({b.field}) serve different fields."
    lower, higher = (a, b) if ra < rb else (b, a)
    return (
        f"{_short(lower)} is the {lower.level} step; {_short(higher)} is {higher.level}-level "
        f"and asks for more. {_short(lower)} fits people starting out, {_short(higher)} "
        "people with the experience it requires."
    )


def _choose(a: Certification, b: Certification, profile: GuideProfile) -> str:
    lines = [
        "Search 20 job ads for your target role and count which one they name.",
        "Check you meet the eligibility today; if not, the one you qualify for now is the "
        "practical first step.",
    ]
    if profile.experience_years is not None:
        lines.insert(
            0,
            f"You have told me {profile.experience_years:g} years of experience: compare it "
            "with the experience each requires above.",
        )
    return "\n".join(f"• {line}" for line in lines)

"""Occupation answers: how to become X, what X does, X compared with Y."""

from __future__ import annotations

from careermate_bot.knowledge import Occupation, SkillGapReport
from careermate_bot.knowledge.guide.types import GuideEntry
from careermate_bot.services.guide.common import (
    BLS,
    NATIONAL,
    GuideContext,
    Place,
    article,
    bullet,
    follow_up,
    numbered,
    onet_source,
)
from careermate_bot.services.guide.pay import area_label, median_value, range_line
from careermate_bot.services.guide.types import (
    AnswerSection,
    FactUsed,
    GuideAnswer,
    GuideProfile,
    fit,
)

MAX_ENTRY_ROLES = 3


MAX_GAP_SKILLS = 4


def _education_fact(entry: GuideEntry, occ: Occupation) -> FactUsed:
    source = "O*NET 29.3 (Education, Training, and Experience)"
    if entry.education.basis == "catalogue":
        source = "CareerMate catalogue (O*NET has no education survey for this occupation)"
    return FactUsed(
        label=f"Typical education, {occ.title}", value=entry.education.text(), source=source
    )


def _preparation(ctx: GuideContext, entry: GuideEntry) -> str:
    zone = ctx.guide.zone(entry)
    return f"Job zone {zone.zone}: {zone.name}. {zone.meaning}"


def _mapping_line(entry: GuideEntry) -> str:
    return f"\n_{entry.mapping_note}_" if entry.mapping_note else ""


def _gap(
    ctx: GuideContext, occ: Occupation, profile: GuideProfile
) -> tuple[str, SkillGapReport | None]:
    if not profile.skills:
        return (
            "Tell me your skills (or save them with /profile edit) and I'll show which ones you "
            "already have for this role and what to learn first.",
            None,
        )
    report = ctx.kb.skill_gap(ctx.career_profile(profile), occ)
    lines = [f"Your match: {report.match_percent}%."]
    if report.have:
        lines.append("You have: " + ", ".join(report.have[:8]) + ".")
    missing = [g for g in report.missing if g.gain_points > 0][:MAX_GAP_SKILLS]
    if missing:
        lines.append(
            "Learn first: "
            + "; ".join(
                f"{g.skill} (+{g.gain_points:g} pts{', core' if g.core else ''})" for g in missing
            )
            + "."
        )
    return "\n".join(lines), report


def _entry_roles(ctx: GuideContext, occ: Occupation, entry: GuideEntry) -> list[Occupation]:
    """Related occupations that need less preparation: ways in, or stepping stones."""
    out = []
    for rid in entry.related:
        other = ctx.kb.catalogue.by_id.get(rid)
        if other is not None and ctx.guide.entries[rid].job_zone < entry.job_zone:
            out.append(other)
    return out[:MAX_ENTRY_ROLES]


def become(
    ctx: GuideContext, occ: Occupation, profile: GuideProfile, question: str = ""
) -> GuideAnswer:
    entry = ctx.entry(occ)
    place = ctx.place(profile, question)
    lic = entry.licensing
    sections = [
        AnswerSection(
            name="Education",
            value=f"Most common: {entry.education.text()}."
            + (f"\n{entry.education.note}" if entry.education.note else "")
            + _mapping_line(entry),
        ),
        AnswerSection(name="Preparation", value=_preparation(ctx, entry)),
    ]
    sources = [onet_source()]
    if lic is not None:
        status = {
            "required": "Licence or certification required",
            "varies": "Rules vary by state or employer",
            "optional": "Optional credentials",
        }[lic.status]
        sections.append(
            AnswerSection(
                name=f"Licensing: {status.lower()}",
                value=f"{lic.summary}\n{numbered(lic.steps)}\nIssued by: {', '.join(lic.bodies)}.",
            )
        )
        sources.append("licensing: CareerMate curation from " + ", ".join(lic.bodies))
    else:
        sections.append(
            AnswerSection(
                name="Licensing",
                value="No licence is generally required for this role in the U.S.; employers "
                "decide on education, experience and any certifications.",
            )
        )
    gap_text, _report = _gap(ctx, occ, profile)
    sections.append(AnswerSection(name="Your skill gap", value=gap_text))
    ways_in = _entry_roles(ctx, occ, entry)
    if ways_in:
        sections.append(
            AnswerSection(
                name="Shorter-preparation roles to start from",
                value=bullet(
                    [
                        f"{o.title}: job zone {ctx.guide.entries[o.id].job_zone} "
                        f"({ctx.guide.job_zones[ctx.guide.entries[o.id].job_zone].name.lower()})"
                        for o in ways_in
                    ]
                ),
            )
        )
    if entry.tasks:
        sections.append(AnswerSection(name="What the work involves", value=bullet(entry.tasks[:3])))
    info = ctx.pay(occ, place)
    facts = [
        _education_fact(entry, occ),
        FactUsed(
            label=f"Job zone, {occ.title}",
            value=str(entry.job_zone),
            source="O*NET 29.3 (Job Zones)",
        ),
    ]
    if info.available:
        sections.append(
            AnswerSection(
                name=f"Pay ({area_label(info)})", value=range_line(info).capitalize() + "."
            )
        )
        facts.append(ctx.pay_fact(occ, place))
        sources.append(BLS)
    lead = (
        f"{occ.title}: {entry.education.level.lower()} is the most common requirement; "
        f"{ctx.guide.zone(entry).name.lower()} (job zone {entry.job_zone})."
    )
    if lic is not None and lic.status == "required":
        lead += f" Licence required: {lic.summary}"
    return fit(
        GuideAnswer(
            kind="become",
            title=f"How to become {article(occ.title)} {occ.title}",
            lead=lead,
            sections=tuple(sections),
            facts=tuple(facts),
            source="; ".join(sources),
            actions=(follow_up("skill_gap", occ), follow_up("check_pay", occ)),
            ids=(occ.id,),
        )
    )


def role_info(
    ctx: GuideContext, occ: Occupation, profile: GuideProfile, question: str = ""
) -> GuideAnswer:
    entry = ctx.entry(occ)
    place = ctx.place(profile, question)
    sections = [
        AnswerSection(
            name="What they do",
            value=bullet(entry.tasks[:5]) + _mapping_line(entry)
            if entry.tasks
            else occ.description,
        )
    ]
    facts: list[FactUsed] = []
    sources = [onet_source()]
    info = ctx.pay(occ, place)
    national = ctx.pay(occ, NATIONAL)
    pay_lines = []
    if place.local and info.available:
        pay_lines.append(f"{info.area.name}: {range_line(info)}")
        facts.append(ctx.pay_fact(occ, place))
    if national.available:
        pay_lines.append(f"{area_label(national)}: {range_line(national)}")
        facts.append(ctx.pay_fact(occ, NATIONAL))
    if pay_lines:
        sections.append(AnswerSection(name="Pay", value="\n".join(pay_lines)))
        sources.append(BLS)
    sections.append(AnswerSection(name="Typical education", value=entry.education.text() + "."))
    facts.append(_education_fact(entry, occ))
    sections.append(AnswerSection(name="Preparation", value=_preparation(ctx, entry)))
    if entry.licensing is not None:
        sections.append(AnswerSection(name="Licensing", value=entry.licensing.summary))
    related = [
        ctx.kb.catalogue.by_id[r].title for r in entry.related[:5] if r in ctx.kb.catalogue.by_id
    ]
    if related:
        sections.append(AnswerSection(name="Related roles", value=", ".join(related) + "."))
    nxt = ctx.kb.next_roles(occ)
    if nxt:
        sections.append(
            AnswerSection(name="Next steps from here", value=", ".join(r.title for r in nxt) + ".")
        )
    if occ.core_skills:
        sections.append(
            AnswerSection(name="Core skills", value=", ".join(occ.core_skills[:8]) + ".")
        )
    return fit(
        GuideAnswer(
            kind="role_info",
            title=f"What does {article(occ.title)} {occ.title} do?",
            lead=occ.description,
            sections=tuple(sections),
            facts=tuple(facts),
            source="; ".join(sources),
            actions=(follow_up("check_pay", occ), follow_up("skill_gap", occ)),
            ids=(occ.id,),
        )
    )


def compare_roles(
    ctx: GuideContext, a: Occupation, b: Occupation, profile: GuideProfile, question: str = ""
) -> GuideAnswer:
    ea, eb = ctx.entry(a), ctx.entry(b)
    place = ctx.place(profile, question)
    facts: list[FactUsed] = []
    sections: list[AnswerSection] = []

    def pay_value(occ: Occupation, where: Place) -> str:
        info = ctx.pay(occ, where)
        facts.append(ctx.pay_fact(occ, where))
        return range_line(info)

    sections.append(
        AnswerSection(
            name="Pay (United States)",
            value=f"{a.title}: {pay_value(a, NATIONAL)}\n{b.title}: {pay_value(b, NATIONAL)}",
        )
    )
    if place.local:
        sections.append(
            AnswerSection(
                name=f"Pay ({place.label})",
                value=f"{a.title}: {pay_value(a, place)}\n{b.title}: {pay_value(b, place)}",
            )
        )
    same_series = a.soc_code == b.soc_code
    if same_series:
        sections.append(
            AnswerSection(
                name="Note on pay",
                value=f"BLS publishes both under one series ({ctx.pay(a).occupation_title}, "
                f"{a.soc_code}), so their pay figures are the same.",
            )
        )
    sections.append(
        AnswerSection(
            name="Typical education",
            value=f"{a.title}: {ea.education.text()}\n{b.title}: {eb.education.text()}",
        )
    )
    facts += [_education_fact(ea, a), _education_fact(eb, b)]
    za, zb = ctx.guide.zone(ea), ctx.guide.zone(eb)
    sections.append(
        AnswerSection(
            name="Preparation",
            value=f"{a.title}: job zone {za.zone} ({za.name.lower()})\n"
            f"{b.title}: job zone {zb.zone} ({zb.name.lower()})",
        )
    )
    for occ, entry in ((a, ea), (b, eb)):
        sections.append(
            AnswerSection(
                name=f"What {article(occ.title)} {occ.title} does",
                value=bullet(entry.tasks[:3]) or occ.description,
            )
        )
    shared = [s for s in a.core_skills if s in set(b.core_skills) | set(b.nice_skills)]
    only_a = [s for s in a.core_skills if s not in set(b.core_skills) | set(b.nice_skills)]
    only_b = [s for s in b.core_skills if s not in set(a.core_skills) | set(a.nice_skills)]
    skill_lines = []
    if shared:
        skill_lines.append("Both: " + ", ".join(shared[:8]))
    if only_a:
        skill_lines.append(f"Only {a.title}: " + ", ".join(only_a[:6]))
    if only_b:
        skill_lines.append(f"Only {b.title}: " + ", ".join(only_b[:6]))
    if skill_lines:
        sections.append(AnswerSection(name="Core skills", value="\n".join(skill_lines)))
    if profile.skills:
        career = ctx.career_profile(profile)
        ga, gb = ctx.kb.skill_gap(career, a), ctx.kb.skill_gap(career, b)
        both = [s for s in ga.have if s in gb.have]
        lines = [
            f"{a.title}: {ga.match_percent}% match ({len(ga.have)} of your skills)",
            f"{b.title}: {gb.match_percent}% match ({len(gb.have)} of your skills)",
        ]
        if both:
            lines.append("Your skills that count for both: " + ", ".join(both[:8]))
        sections.append(AnswerSection(name="Your match", value="\n".join(lines)))
    else:
        sections.append(
            AnswerSection(
                name="Your match",
                value="Tell me your skills and I'll show how well you match each role.",
            )
        )
    lic = [
        f"{o.title}: {e.licensing.summary}"
        for o, e in ((a, ea), (b, eb))
        if e.licensing is not None
    ]
    if lic:
        sections.append(AnswerSection(name="Licensing", value="\n".join(lic)))
    ma, mb = median_value(ctx.pay(a)), median_value(ctx.pay(b))
    lead = " ".join(
        part
        for part in (
            f"{a.title} vs {b.title}:",
            _pay_lead(a, b, ma, mb, same_series),
            _prep_lead(a, b, ea, eb),
            _skills_lead(a, b, only_a, only_b),
        )
        if part
    )
    return fit(
        GuideAnswer(
            kind="compare_roles",
            title=f"{a.title} vs {b.title}",
            lead=lead,
            sections=tuple(sections),
            facts=tuple(facts),
            source=f"{BLS}; {onet_source()}",
            actions=(follow_up("skill_gap", a), follow_up("skill_gap", b)),
            ids=(a.id, b.id),
        )
    )


def _pay_lead(a: Occupation, b: Occupation, ma: float | None, mb: float | None, same: bool) -> str:
    if same or ma is None or mb is None:
        return "BLS publishes one pay series for both." if same else ""
    if abs(ma - mb) / max(ma, mb) < 0.05:
        return "national median pay is about the same."
    high, _low = (a, b) if ma > mb else (b, a)
    return (
        f"{high.title} pays more at the national median "
        f"(${max(ma, mb):,.0f} vs ${min(ma, mb):,.0f})."
    )


def _skills_lead(a: Occupation, b: Occupation, only_a: list[str], only_b: list[str]) -> str:
    parts = []
    if only_b:
        parts.append(f"{b.title} adds {', '.join(only_b[:3])}")
    if only_a:
        parts.append(f"{a.title} leans on {', '.join(only_a[:3])}")
    return ("The skills differ: " + "; ".join(parts) + ".") if parts else ""


def _prep_lead(a: Occupation, b: Occupation, ea: GuideEntry, eb: GuideEntry) -> str:
    if ea.job_zone == eb.job_zone:
        return "Both need similar preparation."
    more, less = (a, b) if ea.job_zone > eb.job_zone else (b, a)
    return f"{more.title} needs more preparation than {less.title}."

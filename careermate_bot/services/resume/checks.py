"""The score: a weighted sum of named checks, each with its points, a reason and fixes.

    contact 7 · sections 8 · length 8 · action verbs 12 · quantified results 16 ·
    bullet language 10 · dates 7 · skills 8 · role fit 18 · layout (ATS parse risks) 6  = 100

With a target role (given, or stated in the résumé), "skills" counts the skills relevant to
that role and "role fit" is the role's keyword coverage. Without one there is no role fit: its
weight goes to "skills", which then counts every recognised skill.

Every check is a pure function of the parsed résumé, so the same résumé scores the same from
.txt, .docx or .pdf; shares (not counts) keep the bullet checks fair to short and long résumés.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from careermate_bot.services.resume import language, relevance
from careermate_bot.services.resume.dates import DateRange, this_month
from careermate_bot.services.resume.document import LayoutRisk
from careermate_bot.services.resume.headings import LABELS
from careermate_bot.services.resume.parsing import Line, ParsedResume
from careermate_bot.services.resume.types import CheckResult, Fix, KeywordCoverage

WEIGHTS: dict[str, float] = {
    "contact": 7,
    "sections": 8,
    "length": 8,
    "action_verbs": 12,
    "quantified": 16,
    "language": 10,
    "dates": 7,
    "skills": 8,
    "role_fit": 18,
    "layout": 6,
}
LABEL = {
    "contact": "Contact details",
    "sections": "Standard sections",
    "length": "Length",
    "action_verbs": "Action verbs",
    "quantified": "Quantified results",
    "language": "Bullet language",
    "dates": "Dates",
    "skills": "Skills keywords",
    "role_fit": "Role fit",
    "layout": "ATS-safe layout",
}
CONTACT_POINTS = {"email": 3.0, "phone": 2.5, "location": 0.75, "link": 0.75}
SECTION_POINTS = {"experience": 3.5, "education": 2.0, "skills": 2.0, "summary": 0.5}
DATE_SHARES = {"dated": 0.4, "one_format": 0.2, "newest_first": 0.3, "no_gaps": 0.1}
ACTION_TARGET = 0.8  # share of bullets opening with an action verb for full points
QUANTIFIED_TARGET = 0.5  # share of bullets with a number for full points
SKILLS_TARGET = 10  # recognised skills (soft skills count half) for full points, no target role
ROLE_SKILLS_TARGET = 8  # skills relevant to the target role for full points
FIT_TARGET = 0.75  # the role's weighted keyword coverage for full role-fit points
CLICHE_COST = 1.0  # per distinct cliché outside the bullets ("hard worker" in the summary)
CLICHE_CAP = 3.0
RISK_SHARES = {
    "tables": 0.3,
    "text_boxes": 0.3,
    "columns": 0.3,
    "images": 0.2,
    "header_footer": 0.2,
    "icon_glyphs": 0.1,
}
# Words for full length points, by experience level.
LENGTH_BANDS = {"entry": (150, 700), "mid": (250, 900), "senior": (300, 1200)}
GAP_MONTHS = 6
QUOTE_CHARS = 120


def weights_for(has_role: bool) -> dict[str, float]:
    """The weights in use: without a target role, role fit's weight goes to skills."""
    if has_role:
        return dict(WEIGHTS)
    out = {k: v for k, v in WEIGHTS.items() if k != "role_fit"}
    out["skills"] = WEIGHTS["skills"] + WEIGHTS["role_fit"]
    return out


def formula(has_role: bool) -> str:
    shown = weights_for(has_role)
    note = "" if has_role else "; no target role, so role fit's points go to skills keywords"
    return (
        "score = "
        + " + ".join(f"{LABEL[k].lower()} {v:g}" for k, v in shown.items())
        + f" (each check earns a share of its weight{note})"
    )


FORMULA = formula(True)


def _result(name: str, points: float, detail: str, weight: float | None = None) -> CheckResult:
    weight = WEIGHTS[name] if weight is None else weight
    return CheckResult(
        name=name,
        label=LABEL[name],
        points=round(min(weight, max(0.0, points)), 2),
        max_points=weight,
        detail=detail,
    )


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


Checked = tuple[CheckResult, list[Fix]]


def check_contact(parsed: ParsedResume) -> Checked:
    have = parsed.contact
    points = sum(p for name, p in CONTACT_POINTS.items() if getattr(have, name))
    missing = have.missing()
    fixes = [
        Fix(
            check="contact",
            impact=CONTACT_POINTS[name],
            message={
                "email": "Add a professional email address at the top.",
                "phone": "Add a phone number at the top.",
                "location": "Add your city and state/country (e.g. “Austin, TX”) at the top.",
                "link": "Add a LinkedIn, GitHub or portfolio link.",
            }[name],
        )
        for name in missing
    ]
    found = [n for n in CONTACT_POINTS if n not in missing]
    detail = f"found: {', '.join(found) or 'none'}" + (
        f"; missing: {', '.join(missing)}" if missing else ""
    )
    return _result("contact", points, detail), fixes


def check_sections(parsed: ParsedResume) -> Checked:
    points = 0.0
    fixes: list[Fix] = []
    for name, value in SECTION_POINTS.items():
        if parsed.has(name):
            points += value
        elif name == "experience" and (parsed.has("projects") or parsed.has("volunteer")):
            points += value / 2
            fixes.append(
                Fix(
                    check="sections",
                    impact=value / 2,
                    message="Add an “Experience” heading (internships, jobs, freelance work "
                    "count); ATS look for it by that name.",
                )
            )
        else:
            fixes.append(
                Fix(
                    check="sections",
                    impact=value,
                    message=f"Add a “{LABELS[name]}” section with that heading, so an ATS "
                    "files your details correctly.",
                )
            )
    for heading in parsed.unknown_headings[:2]:
        fixes.append(
            Fix(
                check="sections",
                impact=0.0,
                message="Rename this heading to a standard one (Experience, Education, Skills, "
                "Projects…).",
                quote=heading,
            )
        )
    shown = ", ".join(LABELS[s] for s in parsed.sections) or "none recognised"
    return _result("sections", points, f"headings: {shown}"), fixes


def experience_years(parsed: ParsedResume) -> float | None:
    """Total years in dated roles (experience, or before any heading), overlaps counted once."""
    return relevance.merged_years((r.start, r.end) for r, _ in relevance.role_headers(parsed))


def level_for(years: float | None) -> str:
    if years is None or years < 3:
        return "entry"
    return "mid" if years < 10 else "senior"


def check_length(
    parsed: ParsedResume, level: str, pages: int | None, role: str | None = None
) -> Checked:
    low, high = LENGTH_BANDS[level]
    words = parsed.words
    weight = WEIGHTS["length"]
    article = "an" if level == "entry" else "a"
    aim = f"{article} {level}-level résumé" + (f" for {role}" if role else "")
    if words < low:
        points = weight * max(0.0, (words - 0.3 * low) / (0.7 * low))
        message = (
            f"Your résumé has {words} words; for {aim} aim for {low}–{high}: add results, "
            "projects, training or skills that show you can do the job."
        )
    elif words > high:
        points = weight * max(0.0, 1 - (words - high) / high)
        message = (
            f"Your résumé has {words} words; for {aim} keep it to about {high} (cut older or "
            "less relevant bullets)."
        )
    else:
        points, message = weight, ""
    detail = f"{words} words" + (f", {pages} page(s)" if pages else "") + f" ({level} level)"
    result = _result("length", points, detail)
    fixes = (
        [Fix(check="length", impact=round(result.max_points - result.points, 1), message=message)]
        if message
        else []
    )
    return result, fixes


def _weakest(lines: Sequence[Line], bad: list[bool], avoid: str | None = None) -> str | None:
    """The first flagged line, preferring one not quoted already (`avoid`)."""
    flagged = [_quote(line.text) for line, is_bad in zip(lines, bad, strict=True) if is_bad]
    fresh = [quote for quote in flagged if quote != avoid]
    candidates = fresh or flagged
    return candidates[0] if candidates else None


def check_bullets(parsed: ParsedResume, summary: Sequence[Line]) -> list[Checked]:
    bullets = parsed.achievement_lines()
    n = len(bullets)
    if n == 0:
        fix = Fix(
            check="action_verbs",
            impact=WEIGHTS["action_verbs"] + WEIGHTS["quantified"],
            message="Describe each role in 3–5 bullet points that start with an action verb "
            "and show a result (“Cut invoice errors by 30%”).",
        )
        return [
            (_result("action_verbs", 0, "no bullet points found"), [fix]),
            (_result("quantified", 0, "no bullet points found"), []),
            (_result("language", 0, "no bullet points found"), []),
        ]
    action = [language.starts_with_action(b.text) for b in bullets]
    numbers = [language.is_quantified(b.text) for b in bullets]
    share_action = sum(action) / n
    share_numbers = sum(numbers) / n
    results: list[Checked] = []

    points = WEIGHTS["action_verbs"] * min(1.0, share_action / ACTION_TARGET)
    result = _result("action_verbs", points, f"{sum(action)} of {n} bullets start with one")
    fixes = []
    quote = _weakest(bullets, [not a for a in action])
    if quote and result.points < result.max_points:
        fixes.append(
            Fix(
                check="action_verbs",
                impact=round(result.max_points - result.points, 1),
                message="Start bullets with a strong action verb (Led, Built, Reduced…), e.g.",
                quote=quote,
            )
        )
    if parsed.paragraphs_only:
        fixes.append(
            Fix(
                check="action_verbs",
                impact=0.0,
                message="Break each role's paragraph into 3–5 bullet points: ATS and recruiters "
                "skim bullets.",
            )
        )
    results.append((result, fixes))

    points = WEIGHTS["quantified"] * min(1.0, share_numbers / QUANTIFIED_TARGET)
    result = _result("quantified", points, f"{sum(numbers)} of {n} bullets have a number")
    fixes = []
    quote = _weakest(bullets, [not q for q in numbers], avoid=quote)
    if quote and result.points < result.max_points:
        fixes.append(
            Fix(
                check="quantified",
                impact=round(result.max_points - result.points, 1),
                message="Add a measurable result (%, $, time saved, people, volume) to",
                quote=quote,
            )
        )
    results.append((result, fixes))

    results.append(check_language(bullets, summary, parsed.lines))
    return results


def check_language(
    bullets: Sequence[Line], summary: Sequence[Line], every_line: Sequence[Line]
) -> Checked:
    """Share of bullets and summary lines free of duty phrasing, clichés without evidence,
    first person and passive voice; minus a point per distinct cliché elsewhere (a Skills
    line that says "team player")."""
    items = [*bullets, *summary]
    weight = WEIGHTS["language"]
    issues = [language.language_issue(line.text) for line in items]
    phrases = [language.weak_phrase(line.text) for line in items]
    flagged = sum(1 for issue in issues if issue)
    seen = {p for p in phrases if p}
    checked = {line.index for line in items}  # sentences keep their line's index
    elsewhere: list[tuple[str, Line]] = []
    for line in every_line:
        if line.index in checked:
            continue
        for phrase in language.cliches(line.text):
            if phrase not in seen:
                seen.add(phrase)
                elsewhere.append((phrase, line))
    penalty = min(CLICHE_CAP, CLICHE_COST * len(elsewhere))
    points = weight * (1 - flagged / len(items)) - penalty
    parts = [f"{flagged} of {len(items)} lines use weak phrasing"] if flagged else []
    if elsewhere:
        parts.append("clichés: " + ", ".join(f"“{p}”" for p, _ in elsewhere))
    detail = "; ".join(parts) or "no duty phrases, clichés, first person or passive voice"
    result = _result("language", points, detail)
    fixes: list[Fix] = []
    for line, issue, weak in zip(items, issues, phrases, strict=True):
        if not issue:
            continue
        message = language.phrase_fix(weak) if weak else f"Rewrite without {issue}:"
        fixes.append(
            Fix(
                check="language",
                impact=round(weight / len(items), 1),
                message=message,
                quote=_quote(line.text),
            )
        )
        if len(fixes) == 2:
            break
    for phrase, line in elsewhere[:2]:
        fixes.append(
            Fix(
                check="language",
                impact=CLICHE_COST,
                message=language.phrase_fix(phrase),
                quote=_quote(line.text),
            )
        )
    return result, fixes


def _line_text(parsed: ParsedResume, index: int) -> str:
    return _quote(parsed.lines[index].text) if 0 <= index < len(parsed.lines) else ""


def check_dates(parsed: ParsedResume) -> Checked:
    work = [
        r
        for r, section in zip(parsed.ranges, parsed.range_sections, strict=True)
        if section in ("experience", "projects", "volunteer", None)
    ]
    if not work:
        fix = Fix(
            check="dates",
            impact=WEIGHTS["dates"],
            message="Give every role start and end dates (e.g. “Jan 2021 – Present”).",
        )
        return _result("dates", 0, "no date ranges found for your roles"), [fix]
    fixes: list[Fix] = []
    part = {name: share * WEIGHTS["dates"] for name, share in DATE_SHARES.items()}
    points = part["dated"]  # roles are dated
    styles = {r.style for r in work}
    if len(styles) == 1 and "+" not in next(iter(styles)):
        points += part["one_format"]
    else:
        fixes.append(
            Fix(
                check="dates",
                impact=round(part["one_format"], 1),
                message="Use one date format throughout (e.g. “Mar 2021 – Jun 2023” everywhere).",
            )
        )
    order_bad = _order_problem(work)
    if order_bad is None:
        points += part["newest_first"]
    else:
        fixes.append(
            Fix(
                check="dates",
                impact=round(part["newest_first"], 1),
                message="List roles newest first (reverse-chronological); this one is out of "
                "order:",
                quote=_line_text(parsed, order_bad.line),
            )
        )
    broken = [r for r in work if r.end < r.start or r.start > this_month() + 12]
    gap = _largest_gap(work)
    if broken:
        fixes.append(
            Fix(
                check="dates",
                impact=round(part["no_gaps"], 1),
                message="Check this date range (it ends before it starts or lies in the future):",
                quote=_line_text(parsed, broken[0].line),
            )
        )
    elif gap > 12:
        fixes.append(
            Fix(
                check="dates",
                impact=round(part["no_gaps"], 1),
                message=f"There is a {gap}-month gap between roles; a one-line note (study, "
                "caregiving, freelance) answers the question before it is asked.",
            )
        )
    else:
        points += part["no_gaps"]
    detail = f"{len(work)} date range(s), format: {', '.join(sorted(styles))}"
    if gap > GAP_MONTHS:
        detail += f"; largest gap {gap} months"
    return _result("dates", points, detail), fixes


def _order_problem(ranges: Sequence[DateRange]) -> DateRange | None:
    """The first range that starts later than the one above it (roles should go newest first).
    A later section may restart the order, so only consecutive lines of a block count."""
    for above, below in pairwise(ranges):
        if below.start > above.start and below.end > above.end and below.line - above.line < 40:
            return below
    return None


def _largest_gap(ranges: Sequence[DateRange]) -> int:
    spans = sorted((r.start, r.end) for r in ranges)
    gap = 0
    reach = spans[0][1]
    for start, end in spans[1:]:
        gap = max(gap, start - reach - 1)
        reach = max(reach, end)
    return max(0, gap)


def check_skills(
    skills: Sequence[str], role: relevance.RoleContext | None, soft: Iterable[str] = ()
) -> Checked:
    """Without a target: every recognised skill (soft skills count half). With one: the skills
    relevant to it (the role's own, related ones, its family's), so a retail résumé aimed at
    Data Analyst is not told its skills are complete."""
    soft_set = set(soft)
    if role is None:
        weight = WEIGHTS["skills"] + WEIGHTS["role_fit"]
        target = SKILLS_TARGET
        counted = list(skills)
        detail = f"{len(skills)} recognised skills"
    else:
        weight = WEIGHTS["skills"]
        target = ROLE_SKILLS_TARGET
        counted = role.relevant_skills(skills)
        detail = f"{len(counted)} of your {len(skills)} skills fit {role.occupation.title}"
    value = sum(relevance.SOFT_WEIGHT if s in soft_set else 1.0 for s in counted)
    if any(s in soft_set for s in counted):
        detail += " (soft skills count half)"
    points = weight * min(1.0, value / target)
    fixes = []
    if value < target:
        if role is None:
            message = (
                f"I recognised {len(skills)} skills; name your tools and methods explicitly "
                f"(aim for {target}+), in a Skills section and in your bullets."
            )
        else:
            some = (
                "none of your skills is one"
                if not counted
                else f"only {len(counted)} of your skills "
                + ("is one" if len(counted) == 1 else "are ones")
            )
            message = (
                f"For {role.occupation.title}, {some} the role uses; name the tools and "
                "methods you have for it (see the missing keywords), in a Skills section and "
                "in your bullets."
            )
        fixes.append(Fix(check="skills", impact=round(weight - points, 1), message=message))
    return _result("skills", points, detail, weight), fixes


def check_role_fit(coverage: KeywordCoverage, source: str | None) -> Checked:
    """The target role's keyword coverage, weighted like /career (core skills 75 %, rarer
    skills more): full points at FIT_TARGET."""
    weight = WEIGHTS["role_fit"]
    points = weight * min(1.0, coverage.fit / FIT_TARGET)
    origin = {
        "objective": " (from your objective)",
        "headline": " (from your headline)",
        "summary": " (from your summary)",
    }.get(source or "", "")
    detail = (
        f"{coverage.occupation_title}{origin}: {len(coverage.matched)} of {coverage.total} "
        f"keywords, weighted coverage {round(100 * coverage.fit)}%"
    )
    result = _result("role_fit", points, detail)
    fixes = []
    if result.points < result.max_points and coverage.missing:
        top = ", ".join(m.skill for m in coverage.missing[:4])
        fixes.append(
            Fix(
                check="role_fit",
                impact=round(result.max_points - result.points, 1),
                message=f"For {coverage.occupation_title}, add the keywords you really have "
                f"(only if true), with a bullet that shows each in use: {top}.",
            )
        )
    return result, fixes


def check_layout(risks: Sequence[LayoutRisk]) -> Checked:
    lost = 0.0
    fixes = []
    for risk in risks:
        cost = round(RISK_SHARES.get(risk.code, 0.1) * WEIGHTS["layout"], 1)
        lost += cost
        fixes.append(
            Fix(
                check="layout",
                impact=cost,
                message=f"ATS risk — {risk.message}. Use a simple one-column layout.",
            )
        )
    detail = "; ".join(r.message for r in risks) if risks else "no tables, text boxes or columns"
    return _result("layout", WEIGHTS["layout"] - lost, detail), fixes

"""The score: a weighted sum of named checks, each with its points, a reason and fixes.

    contact 12 · sections 15 · length 10 · action verbs 12 · quantified results 15 ·
    bullet language 8 · dates 10 · skills 8 · layout (ATS parse risks) 10   = 100

Every check is a pure function of the parsed résumé, so the same résumé scores the same from
.txt, .docx or .pdf; shares (not counts) keep the bullet checks fair to short and long résumés.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from careermate_bot.services.resume import language
from careermate_bot.services.resume.dates import DateRange, this_month
from careermate_bot.services.resume.document import LayoutRisk
from careermate_bot.services.resume.headings import LABELS
from careermate_bot.services.resume.parsing import Line, ParsedResume
from careermate_bot.services.resume.types import CheckResult, Fix

WEIGHTS: dict[str, float] = {
    "contact": 12,
    "sections": 15,
    "length": 10,
    "action_verbs": 12,
    "quantified": 15,
    "language": 8,
    "dates": 10,
    "skills": 8,
    "layout": 10,
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
    "layout": "ATS-safe layout",
}
CONTACT_POINTS = {"email": 5.0, "phone": 4.0, "location": 1.5, "link": 1.5}
SECTION_POINTS = {"experience": 6.0, "education": 4.0, "skills": 4.0, "summary": 1.0}
ACTION_TARGET = 0.8  # share of bullets opening with an action verb for full points
QUANTIFIED_TARGET = 0.5  # share of bullets with a number for full points
SKILLS_TARGET = 10
RISK_POINTS = {
    "tables": 3.0,
    "text_boxes": 3.0,
    "columns": 3.0,
    "images": 2.0,
    "header_footer": 2.0,
    "icon_glyphs": 1.0,
}
# Words for full length points, by experience level.
LENGTH_BANDS = {"entry": (200, 700), "mid": (300, 900), "senior": (400, 1200)}
GAP_MONTHS = 6
QUOTE_CHARS = 120

FORMULA = (
    "score = "
    + " + ".join(f"{LABEL[k].lower()} {v:g}" for k, v in WEIGHTS.items())
    + " (each check earns a share of its weight)"
)


def _result(name: str, points: float, detail: str) -> CheckResult:
    weight = WEIGHTS[name]
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
    spans = [
        (r.start, r.end)
        for r, section in zip(parsed.ranges, parsed.range_sections, strict=True)
        if section in ("experience", None) and r.end >= r.start
    ]
    if not spans:
        return None
    spans.sort()
    months = 0
    current_start, current_end = spans[0]
    for start, end in spans[1:]:
        if start > current_end + 1:
            months += current_end - current_start + 1
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    months += current_end - current_start + 1
    return round(months / 12, 1)


def level_for(years: float | None) -> str:
    if years is None or years < 3:
        return "entry"
    return "mid" if years < 10 else "senior"


def check_length(parsed: ParsedResume, level: str, pages: int | None) -> Checked:
    low, high = LENGTH_BANDS[level]
    words = parsed.words
    if words < low:
        points = WEIGHTS["length"] * max(0.0, (words - 0.3 * low) / (0.7 * low))
        message = (
            f"Your résumé has {words} words; for {level}-level aim for {low}–{high}: add "
            "results, projects or skills."
        )
    elif words > high:
        points = WEIGHTS["length"] * max(0.0, 1 - (words - high) / high)
        message = (
            f"Your résumé has {words} words; for {level}-level keep it to about {high} "
            "(cut older or less relevant bullets)."
        )
    else:
        points, message = WEIGHTS["length"], ""
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

    items = [*bullets, *summary]
    issues = [language.language_issue(line.text) for line in items]
    flagged = sum(1 for issue in issues if issue)
    points = WEIGHTS["language"] * (1 - flagged / len(items))
    result = _result(
        "language",
        points,
        f"{flagged} of {len(items)} lines use weak phrasing"
        if flagged
        else "no weak phrases, first person or passive voice",
    )
    fixes = []
    for line, issue in zip(items, issues, strict=True):
        if issue:
            fixes.append(
                Fix(
                    check="language",
                    impact=round(WEIGHTS["language"] / len(items), 1),
                    message=f"Rewrite without {issue}:",
                    quote=_quote(line.text),
                )
            )
            if len(fixes) == 2:
                break
    results.append((result, fixes))
    return results


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
    points = 4.0  # roles are dated
    styles = {r.style for r in work}
    if len(styles) == 1 and "+" not in next(iter(styles)):
        points += 2
    else:
        fixes.append(
            Fix(
                check="dates",
                impact=2,
                message="Use one date format throughout (e.g. “Mar 2021 – Jun 2023” everywhere).",
            )
        )
    order_bad = _order_problem(work)
    if order_bad is None:
        points += 3
    else:
        fixes.append(
            Fix(
                check="dates",
                impact=3,
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
                impact=1,
                message="Check this date range (it ends before it starts or lies in the future):",
                quote=_line_text(parsed, broken[0].line),
            )
        )
    elif gap > 12:
        fixes.append(
            Fix(
                check="dates",
                impact=1,
                message=f"There is a {gap}-month gap between roles; a one-line note (study, "
                "caregiving, freelance) answers the question before it is asked.",
            )
        )
    else:
        points += 1
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


def check_skills(skills: Sequence[str]) -> Checked:
    n = len(skills)
    points = WEIGHTS["skills"] * min(1.0, n / SKILLS_TARGET)
    fixes = []
    if n < SKILLS_TARGET:
        fixes.append(
            Fix(
                check="skills",
                impact=round(WEIGHTS["skills"] - points, 1),
                message=f"I recognised {n} skills; name your tools and methods explicitly "
                f"(aim for {SKILLS_TARGET}+), in a Skills section and in your bullets.",
            )
        )
    return _result("skills", points, f"{n} recognised skills"), fixes


def check_layout(risks: Sequence[LayoutRisk]) -> Checked:
    lost = 0.0
    fixes = []
    for risk in risks:
        cost = RISK_POINTS.get(risk.code, 1.0)
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

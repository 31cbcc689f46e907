"""The review as plain text (the terminal, logs-free): the same content the Discord embed shows."""

from __future__ import annotations

from careermate_bot.services.resume.headings import LABELS
from careermate_bot.services.resume.types import ResumeReview

BAR = 20


def bar(ratio: float, width: int = BAR) -> str:
    filled = round(max(0.0, min(1.0, ratio)) * width)
    return "█" * filled + "░" * (width - filled)


SOURCE_NOTES = {
    "objective": "the role your objective names",
    "headline": "the role your headline names",
    "summary": "the role your summary names",
}


def target_line(result: ResumeReview) -> str | None:
    """ "Reviewed for Data Analyst (the role your objective names)"."""
    if not result.target_role:
        return None
    note = SOURCE_NOTES.get(result.target_source or "")
    return f"Reviewed for {result.target_role}" + (f" ({note})" if note else "")


def suggestion_lines(result: ResumeReview) -> list[str]:
    """Model-free rewrites of the weakest bullets: verb first, [N] / [X%] where numbers go."""
    lines: list[str] = []
    for item in result.suggestions:
        lines.append(f"- “{item.original}”")
        lines.append(f"  → {item.text}")
    return lines


def coverage_lines(result: ResumeReview) -> list[str]:
    lines: list[str] = []
    cov = result.coverage
    if cov is not None:
        lines.append(
            f"Keywords for {cov.occupation_title}: {len(cov.matched)} of {cov.total} "
            f"({cov.percent}%), match {cov.match_percent}%"
        )
        if cov.matched:
            lines.append("  have: " + ", ".join(cov.matched[:12]))
        if cov.missing:
            lines.append(
                "  add (if true): "
                + ", ".join(f"{m.skill} (+{m.gain_points:g})" for m in cov.missing[:6])
            )
    if result.target_note:
        lines.append(result.target_note)
    if result.best_fits:
        lines.append(
            "Best-fitting roles: "
            + "; ".join(f"{f.title} ({f.match_percent}%)" for f in result.best_fits)
        )
    return lines


def render_text(result: ResumeReview, *, delta_line: str | None = None) -> str:
    out = [f"Résumé score: {result.score}/100" + (f"  ({delta_line})" if delta_line else "")]
    target = target_line(result)
    if target:
        out.append(target)
    out.append("")
    for check in result.checks:
        out.append(
            f"{check.label:<20} {bar(check.ratio)} {check.points:4.1f}/{check.max_points:g}"
            f"  {check.detail}"
        )
    out.append("")
    sections = ", ".join(LABELS.get(s, s) for s in result.sections) or "none recognised"
    out.append(f"Sections: {sections}")
    out.append(f"Skills found ({len(result.skills)}): " + (", ".join(result.skills) or "none"))
    out.extend(coverage_lines(result))
    if result.fixes:
        out.append("")
        out.append("Top fixes (by score impact):")
        for number, fix in enumerate(result.fixes, 1):
            gain = f"+{fix.impact:g} " if fix.impact else ""
            quote = f" “{fix.quote}”" if fix.quote else ""
            out.append(f"{number}. {gain}{fix.message}{quote}")
    if result.suggestions:
        out.append("")
        out.append("Stronger bullets (fill in the [brackets] with your real numbers):")
        out.extend(suggestion_lines(result))
    out.append("")
    out.append(f"How the score works: {result.formula}.")
    return "\n".join(out)

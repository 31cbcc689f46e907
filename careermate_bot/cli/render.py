"""The conversation's results as plain text, for `careermate chat` (terminal parity).

`render_turn` performs a routed message the way the Discord cogs do — the same services, the
same figures — and writes what the embeds would show: the title, then each field; a pager's
pages one after another; a chart is saved as a PNG and its path printed.
"""

from __future__ import annotations

import re
from pathlib import Path

from careermate_bot.knowledge import SALARY_SOURCE
from careermate_bot.services.career import CareerPaths, SkillGap
from careermate_bot.services.container import AppServices
from careermate_bot.services.conversation import (
    ModelChat,
    Origin,
    Reply,
    ReviewResume,
    SearchJobs,
    ShowCareerPaths,
    ShowGuide,
    ShowPay,
    ShowPrivacy,
    ShowSaved,
    ShowSkillGap,
    StartInterview,
    Turn,
)
from careermate_bot.services.jobs import JobSearch
from careermate_bot.workers import Work, run_in

CHART_FILE = "career-paths.png"
_MARKUP = re.compile(r"\*\*|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)|`")


def plain(text: str) -> str:
    """Markdown emphasis and code ticks removed (a terminal shows them literally)."""
    return _MARKUP.sub("", text)


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"${value:,.0f}"


def career_text(result: CareerPaths, chart: Path | None) -> str:
    lines = [f"Your top career paths ({result.location_label})"]
    if result.added_skills:
        lines.append(f"Saved to your profile: {', '.join(result.added_skills)}")
    for rank, match in enumerate(result.matches, 1):
        pay = match.salary.range_text() if match.salary is not None else "no pay data"
        lines.append(f"{rank}. {match.occupation.title} — {match.match_percent}% match · {pay}")
        if match.matched_skills:
            lines.append(f"   you have: {', '.join(match.matched_skills[:8])}")
        if match.missing_skills:
            gains = ", ".join(f"{g.skill} (+{g.gain_points:g})" for g in match.missing_skills[:5])
            lines.append(f"   to learn: {gains}")
    if not result.matches:
        lines.append("No paths matched those skills yet — add a few more.")
    lines.append(f"Sources: pay {SALARY_SOURCE}; roles & skills O*NET.")
    if chart is not None:
        lines.append(f"Chart: {chart}")
    return "\n".join(lines)


def gap_text(result: SkillGap) -> str:
    report = result.report
    lines = [f"Skill gap: {report.occupation.title} — {report.match_percent}% match"]
    lines.append(f"You have: {', '.join(report.have) or 'none of its skills yet'}")
    if report.missing:
        lines.append("To learn (points each adds):")
        lines.extend(f"  • {g.skill} +{g.gain_points:g}" for g in report.missing[:10])
    if result.salary is not None:
        lines.append(f"Pay: {result.salary.range_text()} ({result.salary.citation()})")
    return "\n".join(lines)


def jobs_text(search: JobSearch) -> str:
    lines = [f"Jobs {search.filters_text()} — {len(search.items)} results"]
    for page, item in enumerate(search.items, 1):
        lines.append(f"[{page}/{len(search.items)}] {item.title}")
        if item.role is not None:
            hit = item.role
            pay = hit.salary.range_text() if hit.salary is not None else "no pay data"
            match = f"{hit.match_percent}% match · " if hit.match_percent is not None else ""
            lines.append(f"   {match}{pay}")
            if hit.matched_skills:
                lines.append(f"   you have {', '.join(hit.matched_skills[:6])}")
            for link in hit.links[:4]:
                lines.append(f"   {link.board}: {link.url}")
        elif item.posting is not None:
            posting = item.posting.posting
            lines.append(f"   {posting.company} · {posting.location or 'location not given'}")
    lines.append(f"Pay source: {search.salary_source}.")
    return "\n".join(lines)


async def _chart(services: AppServices, result: CareerPaths) -> Path | None:
    png = await services.career.chart(result)
    if png is None:
        return None
    path = Path(services.settings.data_dir) / CHART_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    await run_in(Work.CHARTS, path.write_bytes, png)
    return path


UNDO_HINT = "  (type 'undo' to take it back)"
RESUME_IN_TERMINAL = (
    'I review résumés from a file: run `careermate resume PATH` (add `--role "Data '
    'Analyst"` to match a role), or send the file to me in a Discord DM.'
)


async def render_turn(services: AppServices, turn: Turn, origin: Origin) -> str:
    """The text answer for every action but `ModelChat` (the model's stream)."""
    parts: list[str] = []
    action = turn.action
    if turn.saved is not None and not isinstance(action, ShowSaved):
        parts.append(turn.saved.summary + UNDO_HINT)
    match action:
        case ShowCareerPaths(request):
            result = await services.career.career_paths(request)
            parts.append(career_text(result, await _chart(services, result)))
        case ShowSkillGap(role):
            parts.append(gap_text(await services.career.skill_gap(origin.user_id, role)))
        case SearchJobs(query):
            parts.append(jobs_text(await services.jobs.search(query)))
        case ReviewResume():
            parts.append(RESUME_IN_TERMINAL)
        case StartInterview(role):
            shown = role or "Data Analyst"
            parts.append(
                f'Start a mock interview in the terminal with `careermate interview "{shown}"`, '
                "or ask me in Discord (`/interview start`)."
            )
        case ShowPrivacy(text):
            parts.append(
                text + "\nIn Discord: `/profile export` downloads it, `/profile delete` "
                "deletes it (with a confirm)."
            )
        case ShowSaved(text):
            parts.append(text + (UNDO_HINT if turn.saved is not None and turn.saved.token else ""))
        case ShowGuide(answer, lead):
            parts.append("\n\n".join(part for part in (lead, answer.to_text()) if part))
        case ShowPay(text=text) | Reply(text):
            parts.append(text)
        case ModelChat():
            raise ValueError("a ModelChat turn is answered by the model, not rendered")
    return plain("\n".join(parts))

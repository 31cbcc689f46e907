"""Interview embeds: the question card, the score card (with coach's comments), the report."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from careermate_bot.discord_ui.fit import fit_embed
from careermate_bot.discord_ui.formatting import BRAND_COLOUR, relative_time, user_text
from careermate_bot.services.interview import (
    AnswerView,
    InterviewReport,
    SessionSummary,
    SessionView,
)

CHART_NAME = "interview.png"
FIELD_LIMIT = 1024
GOOD = discord.Colour.from_rgb(87, 199, 160)
WEAK = discord.Colour.from_rgb(240, 163, 94)
KIND_LABEL = {"behavioral": "behavioral", "technical": "technical", "role": "role-specific"}
STATUS_LABEL = {
    "active": "in progress",
    "completed": "completed",
    "abandoned": "abandoned",
    "expired": "closed after 24 h idle",
}


def _clip(text: str, limit: int = FIELD_LIMIT) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bullets(items: Sequence[str], limit: int = 5) -> str:
    return "\n".join(f"• {_clip(i, 200)}" for i in items[:limit]) or "—"


def _title(view: SessionView) -> str:
    return f"Mock interview · {view.role}"


def _question_header(view: SessionView) -> str:
    q = view.questions[min(view.current, view.total - 1)]
    tags = [KIND_LABEL.get(q.kind, q.kind)]
    if q.competency:
        tags.append(q.competency)
    elif q.skills:
        tags.append(", ".join(q.skills[:2]))
    tags.append(q.difficulty)
    return f"**Question {min(view.current + 1, view.total)} of {view.total}** · {' · '.join(tags)}"


def question_embed(
    view: SessionView, *, hint: str | None = None, dm: bool = False
) -> discord.Embed:
    q = view.question
    assert q is not None
    embed = discord.Embed(
        title=_title(view),
        description=f"{_question_header(view)}\n\n> {_clip(q.text, 1500)}",
        colour=BRAND_COLOUR,
    )
    if hint:
        embed.add_field(name="💡 Hint", value=_clip(hint), inline=False)
    how = "Press **Answer** to write your answer (up to 4,000 characters)"
    if dm and view.typed_answers:
        how += ", or just type it as a message here"
    embed.set_footer(text=how + ". Hint · Skip · End are below.")
    return fit_embed(embed)


def score_embed(
    view: SessionView, answer: AnswerView, *, coach: str | None = None
) -> discord.Embed:
    details = answer.details
    score = answer.score or 0
    colour = GOOD if score >= 75 else (WEAK if score < 50 else BRAND_COLOUR)
    embed = discord.Embed(
        title=_title(view),
        description=(
            f"{_question_header(view)}\n\n> {_clip(answer.question, 600)}\n\n"
            f"## Score: {score}/100" + (f" · {details.band}" if details else "")
        ),
        colour=colour,
    )
    if details is not None:
        embed.add_field(name="What worked", value=_bullets(details.matched), inline=False)
        embed.add_field(name="What was missing", value=_bullets(details.missed), inline=False)
        if details.tips:
            embed.add_field(name="Next time", value=_bullets(details.tips, 2), inline=False)
        embed.add_field(name="How it was scored", value=_clip(details.how_scored), inline=False)
    if coach:
        embed.add_field(name="🗣️ Coach", value=_clip(coach), inline=False)
    nxt = (
        "Press **Next** for the next question."
        if not view.is_last_question
        else ("Press **See report** for your results.")
    )
    embed.set_footer(text=f"{nxt} Scores come from fixed rules; the coach only adds words.")
    return fit_embed(embed)


def report_embed(report: InterviewReport, *, chart: bool = False) -> discord.Embed:
    overall = "—" if report.overall is None else f"{report.overall}/100"
    lines = [f"## Overall: {overall}"]
    lines.append(
        f"{report.answered} answered · {report.skipped} skipped"
        + (f" · ended after {report.asked} of {report.total}" if report.ended_early else "")
    )
    colour = BRAND_COLOUR
    if report.overall is not None:
        colour = GOOD if report.overall >= 75 else (WEAK if report.overall < 50 else BRAND_COLOUR)
    embed = discord.Embed(
        title=f"Interview report · {report.role}", description="\n".join(lines), colour=colour
    )
    per_question = []
    for item in report.items:
        shown = "skipped" if item.skipped else f"**{item.score}**"
        per_question.append(f"{item.number}. {shown} · {item.area} — {_clip(item.question, 70)}")
    if per_question:
        embed.add_field(name="Per question", value=_clip("\n".join(per_question)), inline=False)
    if report.strengths:
        embed.add_field(name="Strengths", value=_bullets(report.strengths, 3), inline=False)
    if report.work_on:
        embed.add_field(
            name="Two things to work on", value=_bullets(report.work_on, 2), inline=False
        )
    if report.areas:
        embed.add_field(
            name="By area",
            value=_clip(", ".join(f"{a.area} {a.score}" for a in report.areas)),
            inline=False,
        )
    if chart:
        embed.set_image(url=f"attachment://{CHART_NAME}")
    embed.set_footer(text=_clip(report.how_scored, 300))
    return fit_embed(embed)


def closed_embed(view: SessionView) -> discord.Embed:
    embed = discord.Embed(
        title=_title(view),
        description=f"This interview was {STATUS_LABEL.get(view.status, view.status)}.",
        colour=BRAND_COLOUR,
    )
    embed.set_footer(text="Start a new one with /interview start or the button below.")
    return embed


def history_embed(sessions: Sequence[SessionSummary]) -> discord.Embed:
    embed = discord.Embed(title="Your mock interviews", colour=BRAND_COLOUR)
    if not sessions:
        embed.description = "No interviews yet. Start one with `/interview start`."
        return embed
    lines = []
    for s in sessions:
        score = "—" if s.overall is None else f"**{s.overall}**/100"
        lines.append(
            f"`#{s.id}` {user_text(s.role, 60)} · {s.kind} · {score} · {s.answered}/{s.total} "
            f"answered · {STATUS_LABEL.get(s.status, s.status)} · {relative_time(s.created_at)}"
        )
    embed.description = _clip("\n".join(lines), 4000)
    embed.set_footer(text="Unfinished? /interview resume continues it.")
    return fit_embed(embed)

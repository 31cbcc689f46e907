"""Typed résumé results -> Discord embeds (fitted to Discord's limits at the end)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import discord
from discord.utils import escape_markdown

from careermate_bot.discord_ui.fit import fit_embed
from careermate_bot.discord_ui.formatting import BRAND_COLOUR, names, pay_line, user_text
from careermate_bot.knowledge import ONET_ATTRIBUTION, SALARY_SOURCE, MatchResult
from careermate_bot.services.resume import (
    SECTION_LABELS,
    BulletSuggestion,
    Comparison,
    ResumeReview,
    Rewrite,
    bar,
)

CHART_NAME = "resume_breakdown.png"
QUOTE_LIMIT = 140
GOOD = discord.Colour(0x57C7A0)
FAIR = BRAND_COLOUR
POOR = discord.Colour(0xF0A35E)
REWRITES_TITLE = "✍️ Suggested rewrites (AI, from your own facts)"
SUGGESTIONS_TITLE = "✍️ How to rewrite your weakest bullets (fill in the [brackets])"
REWRITES_PENDING = "*Writing stronger versions of your weakest bullets…*"
FOOTER = (
    "Scores come from fixed checks, not AI · Your file and its text are not stored; only this "
    "score summary is (see /profile export · /profile delete)"
)


@dataclass
class RewriteState:
    """What the rewrites field shows: pending, the rewrites so far, or a one-line note."""

    pending: bool = False
    items: list[Rewrite] = field(default_factory=list)
    note: str | None = None
    # The model-free suggestions: shown for a bullet whose model rewrite didn't check out.
    fallback: tuple[BulletSuggestion, ...] = ()


def _mark(ratio: float) -> str:
    return "✅" if ratio >= 0.999 else ("🟡" if ratio >= 0.5 else "🔴")


def _colour(score: int) -> discord.Colour:
    return GOOD if score >= 80 else (FAIR if score >= 60 else POOR)


def breakdown_text(result: ResumeReview) -> str:
    return "\n".join(
        f"{_mark(c.ratio)} **{c.label}** {c.points:.1f}/{c.max_points:g} — "
        f"{escape_markdown(c.detail)}"
        for c in result.checks
    )


def coverage_text(result: ResumeReview) -> tuple[str, str] | None:
    cov = result.coverage
    if cov is not None:
        lines = [
            f"**{len(cov.matched)} of {cov.total}** role keywords ({cov.percent}%) · "
            f"match {cov.match_percent}%"
        ]
        if cov.matched:
            lines.append("Have: " + names(list(cov.matched), 10))
        if cov.missing:
            lines.append(
                "Add if true: "
                + ", ".join(
                    f"{escape_markdown(m.skill)} (+{m.gain_points:g})" for m in cov.missing[:6]
                )
            )
        return f"🎯 Keywords for {cov.occupation_title}", "\n".join(lines)
    lines = []
    if result.target_note:
        lines.append(escape_markdown(result.target_note))
    if result.best_fits:
        lines.extend(
            f"{i}. **{escape_markdown(f.title)}** — {f.match_percent}% match"
            for i, f in enumerate(result.best_fits, 1)
        )
        lines.append("*Pick a target role to see the keywords you are missing.*")
    return ("🧭 Best-fitting roles", "\n".join(lines)) if lines else None


def fixes_text(result: ResumeReview) -> str:
    lines = []
    for number, fix in enumerate(result.fixes, 1):
        gain = f"**+{fix.impact:g}** " if fix.impact else ""
        quote = f"\n> {user_text(fix.quote, QUOTE_LIMIT)}" if fix.quote else ""
        lines.append(f"{number}. {gain}{escape_markdown(fix.message)}{quote}")
    return "\n".join(lines) or "Nothing major — nice work."


def _rewrite_line(original: str, text: str) -> str:
    return f"~~{user_text(original, 110)}~~\n→ {user_text(text, 220)}"


def rewrites_text(state: RewriteState) -> str:
    lines = []
    by_bullet = {s.original: s for s in state.fallback}
    for rewrite in state.items:
        if rewrite.text:
            lines.append(_rewrite_line(rewrite.original, rewrite.text))
        elif rewrite.original in by_bullet:  # the model's version didn't check out
            lines.append(_rewrite_line(rewrite.original, by_bullet[rewrite.original].text))
    if state.pending:
        lines.append(REWRITES_PENDING)
    elif state.note:
        lines.append(state.note)
    elif state.items and not lines:
        lines.append("ℹ️ The model's suggestions didn't check out, so none are shown.")
    return "\n".join(lines)


def suggestions_text(result: ResumeReview) -> str:
    """The model-free suggestions (no capable model, or before it answers)."""
    return "\n".join(_rewrite_line(s.original, s.text) for s in result.suggestions[:3])


def review_embed(
    result: ResumeReview,
    *,
    comparison: Comparison | None = None,
    rewrites: RewriteState | None = None,
    with_chart: bool = False,
    source: str | None = None,
) -> discord.Embed:
    title = f"Résumé review — {result.score}/100"
    if comparison is not None:
        sign = "+" if comparison.delta > 0 else ""
        title += f" ({sign}{comparison.delta})"
    stats = result.stats
    meta = [f"{stats.words} words"]
    if stats.pages:
        meta.append(f"{stats.pages} page{'s' if stats.pages != 1 else ''}")
    meta.append(f"{stats.level}-level")
    if stats.bullets:
        meta.append(f"{stats.quantified}/{stats.bullets} bullets quantified")
    description = [f"`{bar(result.score / 100, 20)}` **{result.score}**/100", " · ".join(meta)]
    if source:
        description.append(f"File: {user_text(source, 80)}")
    if comparison is not None:
        description.append(f"📈 {escape_markdown(comparison.line())}")
    if result.target_role:
        description.append(f"Reviewed for **{escape_markdown(result.target_role)}**")
    embed = discord.Embed(
        title=title, description="\n".join(description), colour=_colour(result.score)
    )
    embed.add_field(name="Score breakdown", value=breakdown_text(result), inline=False)
    coverage = coverage_text(result)
    if coverage is not None:
        embed.add_field(name=coverage[0], value=coverage[1], inline=False)
    embed.add_field(
        name="🔧 Top fixes (biggest score gain first)", value=fixes_text(result), inline=False
    )
    if rewrites is not None:
        text = rewrites_text(rewrites)
        if text:
            embed.add_field(name=REWRITES_TITLE, value=text, inline=False)
    elif result.suggestions:
        embed.add_field(name=SUGGESTIONS_TITLE, value=suggestions_text(result), inline=False)
    sections = ", ".join(SECTION_LABELS.get(s, s) for s in result.sections) or "none recognised"
    embed.add_field(
        name=f"Skills found ({len(result.skills)})",
        value=(names(result.skills, 15) or "none recognised") + f"\nSections: {sections}",
        inline=False,
    )
    if with_chart:
        embed.set_image(url=f"attachment://{CHART_NAME}")
    embed.set_footer(text=FOOTER)
    return fit_embed(embed)


def paths_embed(result: MatchResult, *, area_name: str | None = None) -> discord.Embed:
    """Career paths for the résumé's skills (a compact /career paths)."""
    embed = discord.Embed(
        title="Career paths for this résumé",
        description=(
            f"From the {len(result.skills)} skills in your résumé"
            + (f" · pay for {escape_markdown(area_name)}" if area_name else " · national pay")
            + "\nFor charts, pay by area and skill gaps, run `/career paths`."
        ),
        colour=BRAND_COLOUR,
    )
    for number, match in enumerate(result.matches, 1):
        learn = ", ".join(escape_markdown(g.skill) for g in match.missing_skills[:3])
        value = f"Pay: {pay_line(match.salary)}"
        if match.matched_skills:
            value += f"\nYou have: {names(list(match.matched_skills), 6)}"
        if learn:
            value += f"\nLearn next: {learn}"
        embed.add_field(
            name=f"{number}. {match.occupation.title} — {match.match_percent}% match",
            value=value,
            inline=False,
        )
    if not result.matches:
        embed.add_field(name="No matches", value="I found too few skills to rank careers.")
    embed.set_footer(text=f"Pay: {SALARY_SOURCE} · Roles & skills: {ONET_ATTRIBUTION}")
    return fit_embed(embed)


def skills_preview(new: Sequence[str], already: Sequence[str]) -> str:
    if not new:
        return f"All {len(already)} skills from this résumé are already in your profile."
    text = f"I'll add these {len(new)} skills to your profile: {names(list(new), 40)}."
    if already:
        text += f"\n({len(already)} more are already there.)"
    return text + "\nSave them?"

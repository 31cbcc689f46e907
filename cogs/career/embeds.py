"""Render /career results (typed, from `services.career`) as embeds."""

from __future__ import annotations

import discord
from discord.utils import escape_markdown

from careermate_bot.discord_ui.fit import fit_embed
from careermate_bot.discord_ui.formatting import BRAND_COLOUR, names, pay_line
from careermate_bot.discord_ui.limits import truncate
from careermate_bot.knowledge import (
    FIT_LEGEND,
    ONET_ATTRIBUTION,
    SALARY_SOURCE,
    CareerMatch,
    SkillGain,
)
from careermate_bot.services.career import CareerPaths, SkillGap

CHART_NAME = "career-paths.png"
SOURCES_FOOTER = f"Pay: {SALARY_SOURCE} · Roles & skills: {ONET_ATTRIBUTION}"
MATCH_EXPLAINED = FIT_LEGEND
GAP_COLOUR = discord.Colour(0x57C7A0)


def _gains(gains: tuple[SkillGain, ...], limit: int = 3) -> str:
    parts = [f"{escape_markdown(g.skill)} (+{g.gain_points:g} pts)" for g in gains[:limit]]
    return ", ".join(parts) if parts else "nothing major: you cover this role's skills"


def path_field(number: int, match: CareerMatch) -> tuple[str, str]:
    name = f"{number}. {match.occupation.title} — {match.match_percent}% match"
    lines = [
        f"✅ **Why:** {escape_markdown(match.why)}"
        if match.why
        else f"✅ **Why:** you have {names(match.matched_skills)}"
        if match.matched_skills
        else "✅ **Why:** related to your experience or target role",
        f"💵 **Pay:** {pay_line(match.salary)}",
        f"📚 **Learn next:** {_gains(match.missing_skills)}",
    ]
    if match.next_roles:
        lines.append(f"➡️ **Then:** {names([r.title for r in match.next_roles], 3)}")
    return name, "\n".join(lines)


def career_embed(paths: CareerPaths, *, with_chart: bool = True) -> discord.Embed:
    result = paths.result
    lines = [f"**Your skills:** {names(result.skills, 15)}"]
    if paths.added_skills:
        lines.append(f"💾 Saved to your profile: {names(paths.added_skills, 10)}")
    if paths.unknown_skills:
        lines.append(
            f"❔ Not recognised (not saved): {names(paths.unknown_skills, 6)} — pick skills "
            "from the autocomplete list."
        )
    lines.append(f"📍 **Pay shown for:** {escape_markdown(paths.location_label)}")
    if paths.location_note:
        lines.append(f"ℹ️ {escape_markdown(paths.location_note)}")
    if paths.target_role:
        lines.append(f"🎯 **Target role:** {escape_markdown(paths.target_role)}")
    lines.append(f"*{MATCH_EXPLAINED}*")
    count = len(paths.matches)
    embed = discord.Embed(
        title=f"Your top {count} career path{'s' if count != 1 else ''}",
        description="\n".join(lines),
        colour=BRAND_COLOUR,
    )
    for number, match in enumerate(paths.matches, 1):
        name, value = path_field(number, match)
        embed.add_field(name=name, value=value, inline=False)
    if with_chart:
        embed.set_image(url=f"attachment://{CHART_NAME}")
    embed.set_footer(text=SOURCES_FOOTER)
    return fit_embed(embed)


def gap_embed(gap: SkillGap) -> discord.Embed:
    report = gap.report
    occupation = report.occupation
    description = truncate(occupation.description, 350)
    years = occupation.experience_years
    fields = report.education_fields  # degree fields are education, not skills to learn
    description += (
        f"\n**Typical entry:** {escape_markdown(occupation.education)}"
        + (f" in {names(list(fields), 3)}" if fields else "")
        + (f", about {years:g} years of experience" if years else "")
    )
    if not gap.skills:
        description += "\n*You have no saved skills yet, so every skill shows as missing.*"
    embed = discord.Embed(
        title=f"Skill gap: {occupation.title} — {report.match_percent}% match",
        description=description,
        colour=GAP_COLOUR,
    )
    embed.add_field(
        name=f"You have ({len(report.have)})",
        value=names(report.have, 20) if report.have else "none of its listed skills yet",
        inline=False,
    )
    missing = report.missing[:10]
    if missing:
        rows = [
            f"{i}. **{escape_markdown(g.skill)}** — {'core' if g.core else 'nice to have'}, "
            f"+{g.gain_points:g} pts"
            for i, g in enumerate(missing, 1)
        ]
        more = len(report.missing) - len(missing)
        if more > 0:
            rows.append(f"…and {more} more")
        embed.add_field(name="To learn, biggest gain first", value="\n".join(rows), inline=False)
    else:
        embed.add_field(name="To learn", value="Nothing: you have every listed skill.")
    embed.add_field(name="💵 Pay", value=pay_line(gap.salary, show_area=True), inline=False)
    if gap.next_roles:
        embed.add_field(name="➡️ Next steps", value=names(list(gap.next_roles), 4), inline=False)
    embed.set_footer(text=f"{report.legend or FIT_LEGEND} · {SOURCES_FOOTER}")
    return fit_embed(embed)

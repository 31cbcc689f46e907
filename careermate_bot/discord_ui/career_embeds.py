"""Render /career results (typed, from `services.career_paths`) as embeds and components.

Components here are stateless `DynamicItem`s: everything they need is in their custom id or in
the message, so the "Skill gap for..." select and the "Find jobs for this path" button keep
working after a restart. Both views have no timeout and consist only of dynamic items.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord.utils import escape_markdown

from careermate_bot.discord_ui.fit import fit_embed
from careermate_bot.discord_ui.help_text import BRAND_COLOUR
from careermate_bot.discord_ui.limits import SELECT_OPTIONS_LIMIT, truncate
from careermate_bot.discord_ui.views import allow_only
from careermate_bot.knowledge import (
    ONET_ATTRIBUTION,
    SALARY_SOURCE,
    CareerMatch,
    SalaryInfo,
    SkillGain,
)
from careermate_bot.services.career_paths import CareerPaths, SkillGap

log = logging.getLogger(__name__)

CHART_NAME = "career-paths.png"
SOURCES_FOOTER = f"Pay: {SALARY_SOURCE} · Roles & skills: {ONET_ATTRIBUTION}"
MATCH_EXPLAINED = (
    "Match % weighs the role's skills you have (core skills and rarer skills count more), how "
    "many of your skills it uses, and your experience and target role when known."
)
GAP_COLOUR = discord.Colour(0x57C7A0)
NOT_YOURS = "These are someone else's results. Run `/career paths` yourself to get yours."
OCCUPATION_ID = r"[a-z0-9][a-z0-9-]{0,79}"


def _names(items: tuple[str, ...] | list[str], limit: int = 8) -> str:
    shown = [escape_markdown(i) for i in items[:limit]]
    more = len(items) - len(shown)
    return ", ".join(shown) + (f" +{more} more" if more > 0 else "")


def pay_line(salary: SalaryInfo | None, *, show_area: bool = False) -> str:
    if salary is None or not salary.available:
        where = f" in {salary.area.name}" if salary is not None else ""
        return f"no published BLS estimate{where}"
    pct, unit = salary.annual, "/yr"
    if pct is None or not pct.has_estimate:
        pct, unit = salary.hourly, "/hr"
    assert pct is not None
    text = (
        f"median {pct.display('median')}{unit} · 25th–75th percentile "
        f"{pct.display('p25')} – {pct.display('p75')}"
    )
    if salary.fallback:
        asked = salary.requested_area.name if salary.requested_area else "your area"
        text += f" · {salary.area.name} figure (none published for {asked})"
    elif show_area:
        text += f" · {salary.area.name}"
    return text


def _gains(gains: tuple[SkillGain, ...], limit: int = 3) -> str:
    parts = [f"{escape_markdown(g.skill)} (+{g.gain_points:g} pts)" for g in gains[:limit]]
    return ", ".join(parts) if parts else "nothing major: you cover this role's skills"


def path_field(number: int, match: CareerMatch) -> tuple[str, str]:
    name = f"{number}. {match.occupation.title} — {match.match_percent}% match"
    lines = [
        f"✅ **Why:** you have {_names(match.matched_skills)}"
        if match.matched_skills
        else "✅ **Why:** related to your experience or target role",
        f"💵 **Pay:** {pay_line(match.salary)}",
        f"📚 **Learn next:** {_gains(match.missing_skills)}",
    ]
    if match.next_roles:
        lines.append(f"➡️ **Then:** {_names([r.title for r in match.next_roles], 3)}")
    return name, "\n".join(lines)


def career_embed(paths: CareerPaths, *, with_chart: bool = True) -> discord.Embed:
    result = paths.result
    lines = [f"**Your skills:** {_names(result.skills, 15)}"]
    if paths.added_skills:
        lines.append(f"💾 Saved to your profile: {_names(paths.added_skills, 10)}")
    if paths.unknown_skills:
        lines.append(
            f"❔ Not recognised (not saved): {_names(paths.unknown_skills, 6)} — pick skills "
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
    description += f"\n**Typical entry:** {escape_markdown(occupation.education)}" + (
        f", about {years:g} years of experience" if years else ""
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
        value=_names(report.have, 20) if report.have else "none of its listed skills yet",
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
        embed.add_field(name="➡️ Next steps", value=_names(list(gap.next_roles), 4), inline=False)
    embed.set_footer(
        text=f"Match formula: skills weighted by importance and rarity · {SOURCES_FOOTER}"
    )
    return fit_embed(embed)


def no_paths_text() -> str:
    return "I couldn't rank any paths for those skills. Try adding a few more skills."


# -- components ------------------------------------------------------------------------------------


class GapSelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"cm:gap:(?P<owner>\d+)(?::(?P<area>\d{1,12}))?",
):
    """ "Skill gap for...": the ranked gap for one path, privately. Only the invoker may use it.
    The custom id carries the invoker and the BLS area the result's pay was shown for."""

    def __init__(
        self,
        owner_id: int,
        options: list[discord.SelectOption] | None = None,
        area_code: str | None = None,
    ) -> None:
        suffix = f":{area_code}" if area_code else ""
        super().__init__(
            discord.ui.Select(
                custom_id=f"cm:gap:{owner_id}{suffix}",
                placeholder="Skill gap for…",
                options=options or [discord.SelectOption(label="…", value="none")],
                min_values=1,
                max_values=1,
            )
        )
        self.owner_id = owner_id
        self.area_code = area_code

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> GapSelect:
        options = list(getattr(item, "options", []) or [])
        return cls(int(match["owner"]), options, match["area"])

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return await allow_only(interaction, self.owner_id, NOT_YOURS)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from careermate_bot.discord_ui.errors import report_interaction_error
        from careermate_bot.services.career_paths import skill_gap

        values = self.item.values
        if not values or values[0] == "none":
            await interaction.response.send_message("Pick a path from the list.", ephemeral=True)
            return
        services = interaction.client.services  # type: ignore[attr-defined]
        try:
            gap = await skill_gap(
                services.knowledge,
                interaction.user.id,
                values[0],
                display_name=interaction.user.display_name,
                area_code=self.area_code,
            )
        except Exception as error:  # answered like a command error, never "interaction failed"
            await report_interaction_error(interaction, error, "select Skill gap")
            return
        await interaction.response.send_message(
            embed=gap_embed(gap), view=gap_view(gap.report.occupation.id), ephemeral=True
        )


class FindJobsButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"cm:findjobs:(?P<occ>{OCCUPATION_ID})",
):
    """ "Find jobs for this path": the /jobs flow for one occupation, for whoever clicks."""

    def __init__(self, occupation_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Find jobs for this path",
                emoji="🔎",
                style=discord.ButtonStyle.primary,
                custom_id=f"cm:findjobs:{occupation_id}",
            )
        )
        self.occupation_id = occupation_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> FindJobsButton:
        return cls(match["occ"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from careermate_bot.discord_ui.errors import report_interaction_error
        from careermate_bot.discord_ui.jobs_views import send_job_results
        from careermate_bot.services.job_search import JobQuery

        query = JobQuery(
            user_id=interaction.user.id,
            display_name=interaction.user.display_name,
            guild_id=interaction.guild_id,
            occupation_id=self.occupation_id,
        )
        try:
            await send_job_results(interaction, query, ephemeral=True)
        except Exception as error:
            await report_interaction_error(interaction, error, "button Find jobs")


def career_view(owner_id: int, paths: CareerPaths) -> discord.ui.View:
    """The select under a /career result (no timeout: it is a stateless dynamic item)."""
    options = [
        discord.SelectOption(
            label=truncate(f"{i}. {m.occupation.title}", 100),
            description=truncate(f"{m.match_percent}% match · see what to learn", 100),
            value=m.occupation.id,
        )
        for i, m in enumerate(paths.matches[:SELECT_OPTIONS_LIMIT], 1)
    ]
    view = discord.ui.View(timeout=None)
    if options:
        view.add_item(GapSelect(owner_id, options, paths.area_code))
    return view


def gap_view(occupation_id: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(FindJobsButton(occupation_id))
    return view

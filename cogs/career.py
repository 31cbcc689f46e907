"""/career paths, /career gap and the classic !career_analyze: Discord I/O only.

The services (`careermate_bot.services.career_paths`, `career_summary`, `charts`) do the work;
this cog checks input before answering (so mistakes get a private reply), defers, renders the
typed result with `discord_ui.career_embeds`, attaches the chart (drawn in a worker thread) and
streams the LLM's short summary into the message in the background.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from careermate_bot.discord_ui.autocomplete import location_choices, role_choices, skill_choices
from careermate_bot.discord_ui.career_embeds import (
    CHART_NAME,
    FindJobsButton,
    GapSelect,
    career_embed,
    career_view,
    gap_embed,
    gap_view,
)
from careermate_bot.discord_ui.career_stream import SUMMARY_PENDING, stream_summary_into
from careermate_bot.discord_ui.streaming import Editor
from careermate_bot.services.career_paths import (
    CareerPaths,
    CareerRequest,
    prepare_career_paths,
    run_career_paths,
    skill_gap,
)
from careermate_bot.services.charts import PathBar, render_match_chart

log = logging.getLogger(__name__)


def chart_bars(paths: CareerPaths) -> list[PathBar]:
    return [
        PathBar(
            title=m.occupation.title,
            match_percent=m.match_percent,
            matched=len(m.matched_skills),
            missing=len(m.missing_skills),
        )
        for m in paths.matches
    ]


class CareerCog(commands.Cog, name="Career"):
    career = app_commands.Group(
        name="career", description="Career paths and skill gaps from your skills"
    )

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @property
    def services(self) -> Any:
        return self.bot.services  # type: ignore[attr-defined]

    # -- autocomplete ------------------------------------------------------------------------------
    async def _skills_ac(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return skill_choices(self.services.knowledge, current)

    async def _location_ac(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return location_choices(self.services.knowledge, current)

    async def _role_ac(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return role_choices(self.services.knowledge, current)

    # -- /career paths -----------------------------------------------------------------------------
    @career.command(
        name="paths", description="Your top 5 career paths: match %, pay, skills to learn"
    )
    @app_commands.describe(
        skills="Comma-separated, e.g. Python, SQL, Excel (new ones are saved to your profile)",
        location="City, metro, state or 'remote' (for pay figures; default: your profile)",
        experience_years="Years of work experience (default: your profile)",
        target_role="A role you are aiming for (default: your profile)",
    )
    @app_commands.autocomplete(skills=_skills_ac, location=_location_ac, target_role=_role_ac)
    async def paths(
        self,
        interaction: discord.Interaction[Any],
        skills: app_commands.Range[str, 1, 1000] | None = None,
        location: app_commands.Range[str, 1, 100] | None = None,
        experience_years: app_commands.Range[float, 0, 60] | None = None,
        target_role: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        request = CareerRequest(
            user_id=interaction.user.id,
            display_name=interaction.user.display_name,
            skills=skills,
            location=location,
            experience_years=experience_years,
            target_role=target_role,
        )
        kb = self.services.knowledge
        # Checks first (fast: the profile row and in-memory data), so a mistake or a missing
        # skill list gets a private answer; then defer before the slow part.
        prepared = await prepare_career_paths(kb, request)
        await interaction.response.defer(thinking=True)
        result = await run_career_paths(kb, prepared)
        embed, file, view = await self._render(interaction.user.id, result)
        has_llm = self.services.llm is not None and result.matches
        message = await interaction.edit_original_response(
            content=SUMMARY_PENDING if has_llm else None,
            embed=embed,
            attachments=[file] if file else [],
            view=view,
        )
        if has_llm:

            async def send_next(text: str) -> Editor:
                extra = await interaction.followup.send(text, wait=True)
                return lambda new: extra.edit(content=new)

            self._start_summary(
                result,
                user=interaction.user,
                edit=lambda text: message.edit(content=text),
                send_next=send_next,
                name=f"career-summary-{interaction.id}",
            )

    async def _render(
        self, owner_id: int, result: CareerPaths
    ) -> tuple[discord.Embed, discord.File | None, discord.ui.View]:
        png: bytes | None = None
        if result.matches:
            try:
                png = await asyncio.to_thread(render_match_chart, chart_bars(result))
            except Exception:
                log.exception("could not draw the career chart; sending the embed without it")
        embed = career_embed(result, with_chart=png is not None)
        file = discord.File(io.BytesIO(png), filename=CHART_NAME) if png else None
        return embed, file, career_view(owner_id, result)

    # -- the LLM summary (background) --------------------------------------------------------------
    def _start_summary(
        self,
        result: CareerPaths,
        *,
        user: discord.abc.User,
        edit: Callable[[str], Awaitable[Any]],
        send_next: Callable[[str], Awaitable[Editor]],
        name: str,
    ) -> None:
        coro = stream_summary_into(self.services, result, user=user, edit=edit, send_next=send_next)
        self.bot.track(coro, name=name)  # type: ignore[attr-defined]

    # -- /career gap -------------------------------------------------------------------------------
    @career.command(name="gap", description="What you have and what to learn for one role")
    @app_commands.describe(role="The role to compare your skills with (start typing)")
    @app_commands.autocomplete(role=_role_ac)
    async def gap(
        self, interaction: discord.Interaction[Any], role: app_commands.Range[str, 1, 100]
    ) -> None:
        result = await skill_gap(
            self.services.knowledge,
            interaction.user.id,
            role,
            display_name=interaction.user.display_name,
        )
        await interaction.response.send_message(
            embed=gap_embed(result), view=gap_view(result.report.occupation.id), ephemeral=True
        )

    # -- !career_analyze ---------------------------------------------------------------------------
    @commands.command(
        name="career_analyze",
        help="Top career paths for your skills, e.g. !career_analyze Python, SQL",
    )
    async def career_analyze(self, ctx: commands.Context[Any], *, skills: str = "") -> None:
        request = CareerRequest(
            user_id=ctx.author.id, display_name=ctx.author.display_name, skills=skills or None
        )
        kb = self.services.knowledge
        prepared = await prepare_career_paths(kb, request)
        async with ctx.typing():
            result = await run_career_paths(kb, prepared)
            embed, file, view = await self._render(ctx.author.id, result)
        has_llm = self.services.llm is not None and result.matches
        kwargs: dict[str, Any] = {"embed": embed, "view": view, "mention_author": False}
        if file is not None:
            kwargs["file"] = file
        message = await ctx.reply(SUMMARY_PENDING if has_llm else None, **kwargs)
        if has_llm:

            async def send_next(text: str) -> Editor:
                extra = await ctx.send(text)
                return lambda new: extra.edit(content=new)

            self._start_summary(
                result,
                user=ctx.author,
                edit=lambda text: message.edit(content=text),
                send_next=send_next,
                name=f"career-summary-{message.id}",
            )


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(CareerCog(bot))
    bot.add_dynamic_items(GapSelect, FindJobsButton)

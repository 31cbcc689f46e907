"""/jobs search, /jobs saved, /jobs post, /jobs board and the classic !job_match: Discord I/O only.

The work is in `careermate_bot.services.job_search` / `job_board` / `saved_jobs`; rendering and
views are in `careermate_bot.discord_ui.jobs_embeds` / `jobs_views`.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from careermate_bot.discord_ui.autocomplete import location_choices, role_choices
from careermate_bot.discord_ui.jobs_views import (
    DYNAMIC_ITEMS,
    PostingModal,
    board_message,
    send_job_results,
    send_job_results_prefix,
    show_saved,
)
from careermate_bot.discord_ui.live_views import ExpiredListButton
from careermate_bot.errors import UserFacingError
from careermate_bot.services import job_board
from careermate_bot.services.job_search import JobQuery, parse_legacy_filters
from careermate_bot.services.salary_input import parse_salary_range

NO_PERMISSION = (
    "Only members with **Manage Server** or the job-poster role can post on this server's "
    "board. Ask a moderator to post it, or to give you the role."
)
SERVER_ONLY = "The job board belongs to a server. Run this inside a server, not in DMs."


class JobsCog(commands.Cog, name="Jobs"):
    jobs = app_commands.Group(
        name="jobs", description="Jobs that fit you, this server's job board, saved jobs"
    )

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @property
    def services(self) -> Any:
        return self.bot.services  # type: ignore[attr-defined]

    async def _location_ac(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return location_choices(self.services.knowledge, current)

    async def _role_ac(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        if not current.strip():
            return []
        return role_choices(self.services.knowledge, current, by_title=True)

    # -- /jobs search ------------------------------------------------------------------------------
    @jobs.command(
        name="search", description="Openings on this server and roles with pay that fit you"
    )
    @app_commands.describe(
        role="A job title or keywords, e.g. data analyst, python, healthcare (default: profile)",
        location="City, metro, state or 'remote' (default: your profile)",
        min_salary="Minimum yearly pay, e.g. 90k, 90k+ or $90,000",
        remote="Only remote openings (pay shown at national level)",
    )
    @app_commands.autocomplete(role=_role_ac, location=_location_ac)
    async def search(
        self,
        interaction: discord.Interaction[Any],
        role: app_commands.Range[str, 1, 100] | None = None,
        location: app_commands.Range[str, 1, 100] | None = None,
        min_salary: app_commands.Range[str, 1, 30] | None = None,
        remote: bool | None = None,
    ) -> None:
        query = JobQuery(
            user_id=interaction.user.id,
            display_name=interaction.user.display_name,
            guild_id=interaction.guild_id,
            role=role,
            location=location,
            min_salary=min_salary,
            remote=remote,
        )
        await send_job_results(interaction, query, ephemeral=False)

    # -- /jobs saved -------------------------------------------------------------------------------
    @jobs.command(name="saved", description="Jobs and roles you saved (only you see the list)")
    async def saved(self, interaction: discord.Interaction[Any]) -> None:
        await show_saved(interaction)

    # -- /jobs post --------------------------------------------------------------------------------
    @jobs.command(name="post", description="Post an opening on this server's job board (a form)")
    @app_commands.describe(
        salary="Pay range per year, e.g. 90k-120k or $90,000 - $120,000",
        link="Where to apply: an https:// link",
        remote="Remote OK?",
        days="How many days it stays up (default 30, at most 90)",
    )
    @app_commands.guild_only()
    async def post(
        self,
        interaction: discord.Interaction[Any],
        salary: app_commands.Range[str, 1, 40] | None = None,
        link: app_commands.Range[str, 1, 512] | None = None,
        remote: bool | None = None,
        days: app_commands.Range[int, 1, job_board.MAX_DAYS] | None = None,
    ) -> None:
        if interaction.guild is None:
            raise UserFacingError(SERVER_ONLY)
        member = interaction.user
        role_ids = [r.id for r in getattr(member, "roles", [])]
        permissions = interaction.permissions
        if not job_board.may_post(
            manage_guild=permissions.manage_guild or permissions.administrator,
            role_ids=role_ids,
            poster_role_id=self.services.settings.job_poster_role_id,
        ):
            raise UserFacingError(NO_PERMISSION)
        # Check the command options now, so nobody fills in the form for nothing.
        parse_salary_range(salary)
        job_board.validate_url(link)
        options = {"salary": salary, "link": link, "remote": remote, "days": days}
        await interaction.response.send_modal(PostingModal(options))

    # -- /jobs board -------------------------------------------------------------------------------
    @jobs.command(name="board", description="Open postings on this server's job board")
    @app_commands.guild_only()
    async def board(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.guild is None:
            raise UserFacingError(SERVER_ONLY)
        embed, view = await board_message(interaction)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)

    # -- !job_match --------------------------------------------------------------------------------
    @commands.command(
        name="job_match",
        help="Jobs for you, e.g. !job_match Remote, Tech, 90k+ (remote, field/title, min pay)",
    )
    async def job_match(self, ctx: commands.Context[Any], *, filters: str = "") -> None:
        parsed = parse_legacy_filters(filters, self.services.knowledge)
        query = JobQuery(
            user_id=ctx.author.id,
            display_name=ctx.author.display_name,
            guild_id=ctx.guild.id if ctx.guild else None,
            **parsed,
        )
        await send_job_results_prefix(ctx, query)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(JobsCog(bot))
    bot.add_dynamic_items(ExpiredListButton, *DYNAMIC_ITEMS)

"""/jobs search, /jobs saved, /jobs post, /jobs board and the classic !job_match: Discord I/O only.

The work is in the jobs service (`bot.services.jobs`). `/jobs search`,
`!job_match`, the "Find jobs for this path" button (the `find_jobs` event) and a conversation's
`jobs_request` all run ONE flow, `job_results_flow`, with their own `Reply` adapter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from careermate_bot.common.salary_input import parse_salary_range
from careermate_bot.common.user_text import visible_text
from careermate_bot.discord_ui.autocomplete import complete_location, complete_role_title
from careermate_bot.discord_ui.events import FIND_JOBS, JOBS_REQUEST
from careermate_bot.discord_ui.replies import InteractionReply, MessageReply, Reply
from careermate_bot.errors import UserFacingError
from careermate_bot.services.jobs import MAX_DAYS, JobQuery
from cogs.jobs.views import JobsPager, PostingModal, PostingOptions, board_message, show_saved

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

NO_PERMISSION = (
    "Only members with **Manage Server** or the job-poster role can post on this server's "
    "board. Ask a moderator to post it, or to give you the role."
)
SERVER_ONLY = "The job board belongs to a server. Run this inside a server, not in DMs."


async def job_results_flow(
    bot: CareerMateBot, reply: Reply, query: JobQuery, *, private: bool = False
) -> None:
    """The one /jobs search flow: search (its errors come before any answer, so they can be
    private), then the pager. The search is fast (database + in-memory data, milliseconds)."""
    search = await bot.services.jobs.search(query)
    view = JobsPager(search, reply.user.id, bot)
    view.message = await reply.send(embed=view.embed(), view=view, private=private)


class JobsCog(commands.Cog, name="Jobs"):
    jobs = app_commands.Group(
        name="jobs", description="Jobs that fit you, this server's job board, saved jobs"
    )

    def __init__(self, bot: CareerMateBot) -> None:
        self.bot = bot

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
    @app_commands.autocomplete(role=complete_role_title, location=complete_location)
    async def search(
        self,
        interaction: discord.Interaction[CareerMateBot],
        role: app_commands.Range[str, 1, 100] | None = None,
        location: app_commands.Range[str, 1, 100] | None = None,
        min_salary: app_commands.Range[str, 1, 30] | None = None,
        remote: bool | None = None,
    ) -> None:
        query = JobQuery(
            user_id=interaction.user.id,
            display_name=interaction.user.display_name,
            guild_id=interaction.guild_id,
            # Only invisible characters (zero-width etc.) = left out: the profile's value.
            role=visible_text(role) or None,
            location=visible_text(location) or None,
            min_salary=min_salary,
            remote=remote,
        )
        await job_results_flow(self.bot, InteractionReply(interaction), query)

    # -- !job_match --------------------------------------------------------------------------------
    @commands.command(
        name="job_match",
        help="Jobs for you, e.g. !job_match Remote, Tech, 90k+ (remote, field/title, min pay)",
    )
    async def job_match(self, ctx: commands.Context[CareerMateBot], *, filters: str = "") -> None:
        parsed = self.bot.services.jobs.read_filters(filters)
        query = JobQuery(
            user_id=ctx.author.id,
            display_name=ctx.author.display_name,
            guild_id=ctx.guild.id if ctx.guild else None,
            **parsed,
        )
        await job_results_flow(self.bot, MessageReply(ctx.message), query)

    # -- "Find jobs for this path" (a /career component) -------------------------------------------
    @commands.Cog.listener(f"on_{FIND_JOBS}")
    async def on_find_jobs(
        self, interaction: discord.Interaction[CareerMateBot], occupation_id: str | None
    ) -> None:
        """Jobs for one role (a career path, a guide answer's role), or with None for the
        person's profile (a playbook topic's "Find jobs")."""
        reply = InteractionReply(interaction)
        query = JobQuery(
            user_id=interaction.user.id,
            display_name=interaction.user.display_name,
            guild_id=interaction.guild_id,
            occupation_id=occupation_id,
        )
        try:
            await job_results_flow(self.bot, reply, query, private=True)
        except Exception as error:
            await reply.fail(error)

    # -- a conversation's job question (the chat cog's `jobs_request` event) -----------------------
    @commands.Cog.listener(f"on_{JOBS_REQUEST}")
    async def on_jobs_request(self, message: discord.Message, query: JobQuery) -> None:
        """The /jobs search result for the query the conversation decided on."""
        reply = MessageReply(message)
        try:
            await job_results_flow(self.bot, reply, query)
        except Exception as error:
            await reply.fail(error)

    # -- /jobs saved -------------------------------------------------------------------------------
    @jobs.command(name="saved", description="Jobs and roles you saved (only you see the list)")
    async def saved(self, interaction: discord.Interaction[CareerMateBot]) -> None:
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
        interaction: discord.Interaction[CareerMateBot],
        salary: app_commands.Range[str, 1, 40] | None = None,
        link: app_commands.Range[str, 1, 512] | None = None,
        remote: bool | None = None,
        days: app_commands.Range[int, 1, MAX_DAYS] | None = None,
    ) -> None:
        if interaction.guild is None:
            raise UserFacingError(SERVER_ONLY)
        member = interaction.user
        role_ids = [r.id for r in getattr(member, "roles", [])]
        permissions = interaction.permissions
        jobs = self.bot.services.jobs
        if not jobs.may_post(
            manage_guild=permissions.manage_guild or permissions.administrator,
            role_ids=role_ids,
            poster_role_id=self.bot.services.settings.job_poster_role_id,
        ):
            raise UserFacingError(NO_PERMISSION)
        # Check the command options now, so nobody fills in the form for nothing.
        parse_salary_range(salary)
        jobs.check_link(link)
        options = PostingOptions(salary=salary, link=link, remote=remote, days=days)
        await interaction.response.send_modal(PostingModal(options, interaction.user.id))

    # -- /jobs board -------------------------------------------------------------------------------
    @jobs.command(name="board", description="Open postings on this server's job board")
    @app_commands.guild_only()
    async def board(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        if interaction.guild is None:
            raise UserFacingError(SERVER_ONLY)
        embed, view = await board_message(interaction)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)

"""/career paths, /career gap and the classic !career_analyze: Discord I/O only.

The services (`careermate_bot.services.career.paths`, `career_summary`, `charts`) do the work.
`/career paths`, `!career_analyze` and a conversation's `career_request` event all run ONE flow,
`career_paths_flow`, with their own `Reply` adapter: check the input first (so mistakes get a
private answer), show "working", render the typed result with `embeds.py`, attach the chart
(drawn in a worker thread) and stream the LLM's short summary into the message in the background.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from careermate_bot.common.user_text import visible_text
from careermate_bot.discord_ui.autocomplete import (
    complete_location,
    complete_role_id,
    complete_skills,
)
from careermate_bot.discord_ui.events import CAREER_CLICK, CAREER_REQUEST
from careermate_bot.discord_ui.replies import InteractionReply, MessageReply, Reply, editor_for
from careermate_bot.services.career import MAX_YEARS, CareerPaths, CareerRequest
from careermate_bot.services.conversation import ShowCareerPaths, ShowSkillGap
from cogs.career.embeds import CHART_NAME, career_embed, gap_embed
from cogs.career.summary import COMPOSED_HEADER, SUMMARY_PENDING, stream_summary_into
from cogs.career.views import career_view, gap_view

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)


async def render_career(
    bot: CareerMateBot, owner_id: int, result: CareerPaths
) -> tuple[discord.Embed, discord.File | None, discord.ui.View]:
    png: bytes | None = None
    try:
        png = await bot.services.career.chart(result)
    except Exception:
        log.exception("could not draw the career chart; sending the embed without it")
    embed = career_embed(result, with_chart=png is not None)
    file = discord.File(io.BytesIO(png), filename=CHART_NAME) if png else None
    return embed, file, career_view(owner_id, result)


async def career_paths_flow(bot: CareerMateBot, reply: Reply, request: CareerRequest) -> None:
    """The one /career paths flow, for a slash command, a `!` command or a message."""
    career = bot.services.career
    # Checks first (fast: the profile row and in-memory data), so a mistake or a missing
    # skill list is answered before anything is shown; then the slow part.
    prepared = await career.prepare(request)
    async with reply.working():
        result = await career.paths(prepared)
        embed, file, view = await render_career(bot, reply.user.id, result)
    by_model = career.model_writes_summary(result)
    if by_model:
        content: str | None = SUMMARY_PENDING
    elif result.matches:
        content = COMPOSED_HEADER + career.composed_summary(result)
    else:
        content = None
    message = await reply.send(content, embed=embed, file=file, view=view)
    if by_model:

        async def send_next(text: str) -> Any:
            return editor_for(await reply.send_more(text))

        coro = stream_summary_into(
            bot, result, user=reply.user, edit=editor_for(message), send_next=send_next
        )
        # A newer /career paths of the same user makes this summary moot: it gives way.
        bot.track_latest(
            coro, name=f"career-summary-{reply.key}", key=("career-summary", reply.user.id)
        )


async def career_gap_flow(
    bot: CareerMateBot, reply: Reply, role: str, *, private: bool = True
) -> None:
    """The /career gap answer for a role, for a message (a conversation) or an interaction."""
    result = await bot.services.career.skill_gap(
        reply.user.id, role, display_name=reply.user.display_name
    )
    await reply.send(
        embed=gap_embed(result), view=gap_view(result.report.occupation.id), private=private
    )


class CareerCog(commands.Cog, name="Career"):
    career = app_commands.Group(
        name="career", description="Career paths and skill gaps from your skills"
    )

    def __init__(self, bot: CareerMateBot) -> None:
        self.bot = bot

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
    @app_commands.autocomplete(
        skills=complete_skills, location=complete_location, target_role=complete_role_id
    )
    async def paths(
        self,
        interaction: discord.Interaction[CareerMateBot],
        skills: app_commands.Range[str, 1, 1000] | None = None,
        location: app_commands.Range[str, 1, 100] | None = None,
        experience_years: app_commands.Range[float, 0, MAX_YEARS] | None = None,
        target_role: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        request = CareerRequest(
            user_id=interaction.user.id,
            display_name=interaction.user.display_name,
            skills=skills,
            # Only invisible characters (zero-width etc.) = left out: the profile's value.
            location=visible_text(location) or None,
            experience_years=experience_years,
            target_role=visible_text(target_role) or None,
        )
        await career_paths_flow(self.bot, InteractionReply(interaction), request)

    # -- !career_analyze ---------------------------------------------------------------------------
    @commands.command(
        name="career_analyze",
        help="Top career paths for your skills, e.g. !career_analyze Python, SQL",
    )
    async def career_analyze(
        self, ctx: commands.Context[CareerMateBot], *, skills: str = ""
    ) -> None:
        request = CareerRequest(
            user_id=ctx.author.id, display_name=ctx.author.display_name, skills=skills or None
        )
        await career_paths_flow(self.bot, MessageReply(ctx.message), request)

    # -- /career gap -------------------------------------------------------------------------------
    @career.command(name="gap", description="What you have and what to learn for one role")
    @app_commands.describe(role="The role to compare your skills with (start typing)")
    @app_commands.autocomplete(role=complete_role_id)
    async def gap(
        self,
        interaction: discord.Interaction[CareerMateBot],
        role: app_commands.Range[str, 1, 100],
    ) -> None:
        result = await self.bot.services.career.skill_gap(
            interaction.user.id, role, display_name=interaction.user.display_name
        )
        await interaction.response.send_message(
            embed=gap_embed(result), view=gap_view(result.report.occupation.id), ephemeral=True
        )

    # -- another feature's button (a guide answer's "Career paths" / "My skill gap") ------------
    @commands.Cog.listener(f"on_{CAREER_CLICK}")
    async def on_career_click(
        self,
        interaction: discord.Interaction[CareerMateBot],
        action: ShowCareerPaths | ShowSkillGap,
    ) -> None:
        reply = InteractionReply(interaction, private_in_servers=True)
        try:
            match action:
                case ShowSkillGap(role):
                    await career_gap_flow(self.bot, reply, role)
                case ShowCareerPaths(request):
                    await career_paths_flow(self.bot, reply, request)
        except Exception as error:
            await reply.fail(error)

    # -- a conversation's career question (the chat cog's `career_request` event) ----------------
    @commands.Cog.listener(f"on_{CAREER_REQUEST}")
    async def on_career_request(
        self, message: discord.Message, action: ShowCareerPaths | ShowSkillGap
    ) -> None:
        """The conversation decided: the /career paths result, or one role's skill gap."""
        reply = MessageReply(message)
        try:
            match action:
                case ShowSkillGap(role):
                    await career_gap_flow(self.bot, reply, role)
                case ShowCareerPaths(request):
                    await career_paths_flow(self.bot, reply, request)
        except Exception as error:
            await reply.fail(error)

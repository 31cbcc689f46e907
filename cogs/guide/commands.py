"""/guide become|role|compare|ask|cover-letter and the conversation's `guide_request` event:
Discord I/O only. The guide service (`bot.services.guide`) composes every answer from the
catalogue, O*NET, BLS wages and the reviewed advice playbook; this renders it as an embed with
its steps, its source and the buttons to the tools that help next."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from careermate_bot.discord_ui.autocomplete import complete_role_id
from careermate_bot.discord_ui.events import GUIDE_REQUEST
from careermate_bot.discord_ui.replies import InteractionReply, MessageReply, Reply
from careermate_bot.services.conversation import ShowGuide
from careermate_bot.services.guide import GuideAnswer, GuideProfile
from cogs.guide.embeds import guide_embed
from cogs.guide.views import guide_view

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


async def send_answer(
    reply: Reply, answer: GuideAnswer, *, lead: str = "", private: bool = False
) -> None:
    """The one way a guide answer is shown, for a slash command or a message."""
    view = guide_view(answer, reply.user.id)
    embed = guide_embed(answer, lead)
    if view is None:
        await reply.send(embed=embed, private=private)
    else:
        await reply.send(embed=embed, view=view, private=private)


class GuideCog(commands.Cog, name="Guide"):
    group = app_commands.Group(
        name="guide", description="How to get into a role, what it involves, comparisons, advice"
    )

    def __init__(self, bot: CareerMateBot) -> None:
        self.bot = bot

    async def _profile(self, interaction: discord.Interaction[CareerMateBot]) -> GuideProfile:
        return await self.bot.services.guide.profile_for(interaction.user.id)

    @group.command(name="become", description="How to become a role: education, licences, your gap")
    @app_commands.describe(role="The role (start typing)")
    @app_commands.autocomplete(role=complete_role_id)
    async def become(
        self, interaction: discord.Interaction[CareerMateBot], role: app_commands.Range[str, 1, 100]
    ) -> None:
        guide = self.bot.services.guide
        answer = guide.how_to_become(role, await self._profile(interaction))
        await send_answer(InteractionReply(interaction), answer)

    @group.command(name="role", description="What a role does: tasks, pay, typical education")
    @app_commands.describe(role="The role (start typing)")
    @app_commands.autocomplete(role=complete_role_id)
    async def role(
        self, interaction: discord.Interaction[CareerMateBot], role: app_commands.Range[str, 1, 100]
    ) -> None:
        guide = self.bot.services.guide
        answer = guide.role_info(role, await self._profile(interaction))
        await send_answer(InteractionReply(interaction), answer)

    @group.command(name="compare", description="Two roles, skills or certifications side by side")
    @app_commands.describe(
        a="A role, a skill or a certification (e.g. data analyst, Python, PMP)",
        b="What to compare it with (e.g. data scientist, R, CAPM)",
    )
    async def compare(
        self,
        interaction: discord.Interaction[CareerMateBot],
        a: app_commands.Range[str, 1, 100],
        b: app_commands.Range[str, 1, 100],
    ) -> None:
        guide = self.bot.services.guide
        answer = guide.answer(f"{a} vs {b}", await self._profile(interaction))
        await send_answer(InteractionReply(interaction), answer)

    @group.command(name="ask", description="Ask a career question (negotiation, layoffs, ...)")
    @app_commands.describe(question="Your question, in your own words")
    async def ask(
        self,
        interaction: discord.Interaction[CareerMateBot],
        question: app_commands.Range[str, 3, 500],
    ) -> None:
        guide = self.bot.services.guide
        answer = guide.answer(question, await self._profile(interaction))
        await send_answer(InteractionReply(interaction), answer, private=True)

    @group.command(name="cover-letter", description="A cover-letter outline from your own facts")
    @app_commands.describe(role="The role you apply for", company="The company (optional)")
    @app_commands.autocomplete(role=complete_role_id)
    async def cover_letter(
        self,
        interaction: discord.Interaction[CareerMateBot],
        role: app_commands.Range[str, 1, 100] | None = None,
        company: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        guide = self.bot.services.guide
        answer = guide.cover_letter(await self._profile(interaction), role=role, company=company)
        await send_answer(InteractionReply(interaction), answer, private=True)

    # -- the conversation's open questions (the conversation cog's `guide_request` event) -------
    @commands.Cog.listener(f"on_{GUIDE_REQUEST}")
    async def on_guide_request(self, message: discord.Message, action: ShowGuide) -> None:
        reply = MessageReply(message)
        try:
            await send_answer(reply, action.answer, lead=action.lead)
        except Exception as error:
            await reply.fail(error)

"""/resume review, /resume paste, `!resume_review` and the `resume_request` event: Discord I/O only.

All of them run `flow.review_flow` (services.resume does the work). Replies are private in
servers (ephemeral; `!resume_review` in a server answers by DM) and normal in DMs.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from careermate_bot.common.user_text import visible_text
from careermate_bot.discord_ui.attachments import first_document
from careermate_bot.discord_ui.autocomplete import location_choices, role_choices
from careermate_bot.discord_ui.errors import log_interaction_error
from careermate_bot.discord_ui.events import RESUME_OFFER, RESUME_REQUEST
from careermate_bot.discord_ui.forms import echo_form, input_label
from careermate_bot.discord_ui.replies import DirectReply, InteractionReply, MessageReply, Reply
from cogs.resume.flow import ReviewOptions, review_flow
from cogs.resume.views import (
    PASTE_FORM,
    PasteModal,
    check_paste_rate,
    paste_view,
    pasted_view,
    review_view,
)

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)

OFFER_REVIEW = (
    "That looks like a résumé. Want a scored review (ATS checks, skills, the bullets to fix)? "
    "Press the button — I keep nothing from it until you do."
)
OFFER_IN_SERVER = (
    "That looks like a résumé. Résumés are personal — DM it to me and I'll offer a private "
    "review (you may want to delete it from this channel)."
)
ASK_FOR_FILE = (
    "Send me your résumé to review: attach it to a message (.pdf, .docx, .odt, .txt or .md, up "
    "to 5 MB), use `/resume review`, or paste the text with the button below."
)
SENT_BY_DM = (
    "📬 Résumés are personal, so I've answered in your DMs. (You may want to delete your "
    "message with the file from this channel.)"
)
# Per user: 5 reviews a minute (each parses a file on a shared CPU).
RATE, PER = 5, 60.0
DMS_CLOSED = (
    "I couldn't DM you your review (your DMs are closed). Use `/resume review` here for a "
    "private review, or allow DMs from server members."
)


async def check_review_rate(
    source: discord.Interaction[CareerMateBot] | commands.Context[CareerMateBot], name: str
) -> bool:
    """True, or `CommandOnCooldown` ("Easy there! Try again in N s.") past RATE reviews per PER
    seconds; fleet-wide with REDIS_URL (`services.shared`)."""
    if isinstance(source, discord.Interaction):
        bot, user_id = source.client, source.user.id
    else:
        bot, user_id = source.bot, source.author.id
    decision = await bot.services.shared.rate_limiter(name, RATE, PER).hit(user_id)
    if decision.allowed:
        return True
    cooldown = commands.Cooldown(RATE, PER)
    if isinstance(source, discord.Interaction):
        raise app_commands.CommandOnCooldown(cooldown, decision.retry_after)
    raise commands.CommandOnCooldown(cooldown, decision.retry_after, commands.BucketType.user)


class ResumeCog(commands.Cog, name="Resume"):
    resume = app_commands.Group(name="resume", description="A scored, grounded résumé review")

    def __init__(self, bot: CareerMateBot) -> None:
        self.bot = bot

    async def _role_ac(
        self, interaction: discord.Interaction[CareerMateBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return role_choices(self.bot.services.knowledge, current)

    async def _location_ac(
        self, interaction: discord.Interaction[CareerMateBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return location_choices(self.bot.services.knowledge, current)

    # -- /resume review ----------------------------------------------------------------------------
    @resume.command(name="review", description="Upload your résumé for a scored ATS review")
    @app_commands.describe(
        file="Your résumé: .pdf, .docx, .odt, .txt or .md (up to 5 MB, 10 pages)",
        target_role="The role you are applying for (start typing; default: your profile)",
        location="Your city, state or 'remote' (for pay in the career paths)",
    )
    @app_commands.autocomplete(target_role=_role_ac, location=_location_ac)
    @app_commands.check(lambda interaction: check_review_rate(interaction, "resume.review"))
    async def review(
        self,
        interaction: discord.Interaction[CareerMateBot],
        file: discord.Attachment,
        target_role: app_commands.Range[str, 1, 100] | None = None,
        location: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        await review_flow(
            self.bot,
            InteractionReply(interaction, private_in_servers=True),
            file,
            ReviewOptions(target_role=target_role, location=location),
            review_view,
        )

    # -- /resume paste -----------------------------------------------------------------------------
    @resume.command(name="paste", description="Paste your résumé's text for a scored ATS review")
    @app_commands.describe(target_role="The role you are applying for (start typing)")
    @app_commands.autocomplete(target_role=_role_ac)
    @app_commands.check(check_paste_rate)
    async def paste(
        self,
        interaction: discord.Interaction[CareerMateBot],
        target_role: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        title = self.bot.services.resume.role_title(target_role)
        await interaction.response.send_modal(PasteModal(interaction.user.id, title))

    # -- !resume_review ----------------------------------------------------------------------------
    @commands.command(
        name="resume_review",
        help="Review the résumé attached to this message, e.g. !resume_review Data Analyst",
    )
    @commands.check(lambda ctx: check_review_rate(ctx, "resume.review_command"))
    async def resume_review(
        self, ctx: commands.Context[CareerMateBot], *, target_role: str = ""
    ) -> None:
        await self._review_message(ctx.message, first_document(ctx.message), target_role or None)

    # -- a paste form opened before a restart (or in a second window): review it anyway --------
    @commands.Cog.listener(f"on_stale_form_{PASTE_FORM}")
    async def on_stale_paste_form(
        self, interaction: discord.Interaction[CareerMateBot], values: dict[str, str]
    ) -> None:
        reply = InteractionReply(interaction, private_in_servers=True)
        resume, role = values.get("resume", ""), values.get("role", "")
        try:
            options = ReviewOptions(target_role=visible_text(role) or None)
            await review_flow(self.bot, reply, resume, options, review_view, raise_refusals=True)
        except Exception as error:
            message = log_interaction_error(interaction, error, "stale paste form")
            typed = {input_label(PasteModal.resume): resume, input_label(PasteModal.role): role}
            await echo_form(interaction, typed, message)

    # -- the conversation's event ------------------------------------------------------------------
    @commands.Cog.listener(f"on_{RESUME_OFFER}")
    async def on_resume_offer(self, message: discord.Message) -> None:
        """A DM that reads as a pasted résumé: offer a review (one button)."""
        try:
            if message.guild is not None:
                await message.reply(OFFER_IN_SERVER, mention_author=False)
                return
            view = pasted_view(message.author.id, message.id)
            await message.reply(OFFER_REVIEW, view=view, mention_author=False)
        except Exception as error:
            await MessageReply(message).fail(error)

    @commands.Cog.listener(f"on_{RESUME_REQUEST}")
    async def on_resume_request(
        self, message: discord.Message, attachment: discord.Attachment | None
    ) -> None:
        try:
            await self._review_message(message, attachment, None)
        except Exception as error:
            await MessageReply(message).fail(error)

    async def _review_message(
        self,
        message: discord.Message,
        attachment: discord.Attachment | None,
        target_role: str | None,
    ) -> None:
        """A message (a `!` command or a DM) with a document, or without one (ask for it)."""
        if attachment is None:
            await message.reply(
                ASK_FOR_FILE, view=paste_view(message.author.id), mention_author=False
            )
            return
        reply: Reply = MessageReply(message)
        if message.guild is not None:
            reply = DirectReply(message)
        try:
            await review_flow(
                self.bot, reply, attachment, ReviewOptions(target_role=target_role), review_view
            )
        except discord.Forbidden:
            await message.reply(DMS_CLOSED, mention_author=False)
            return
        if message.guild is not None:
            await message.reply(SENT_BY_DM, mention_author=False)

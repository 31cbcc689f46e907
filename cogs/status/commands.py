"""/status: this process's health at a glance, for the bot's owners (OWNER_IDS) only. The
listeners count what arrives from Discord into the status service's metrics."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.status.embeds import status_embed

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)

OWNERS_ONLY = (
    "`/status` is for the bot's owners. An owner adds their Discord user id to `OWNER_IDS` in "
    "the bot's settings."
)
INTERACTION_KINDS = {
    discord.InteractionType.application_command: "command",
    discord.InteractionType.component: "component",
    discord.InteractionType.modal_submit: "modal",
    discord.InteractionType.autocomplete: "autocomplete",
}


class StatusCog(commands.Cog, name="Status"):
    def __init__(self, bot: CareerMateBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if message.author.bot or me is None:
            return
        if message.guild is None:
            self.bot.services.status.record_message("dm")
        elif me in message.mentions:
            self.bot.services.status.record_message("mention")

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        kind = INTERACTION_KINDS.get(interaction.type, "other")
        command = None
        if interaction.type == discord.InteractionType.application_command and isinstance(
            interaction.data, dict
        ):
            command = str(interaction.data.get("name") or "") or None
        self.bot.services.status.record_interaction(kind, command)

    @app_commands.command(name="status", description="Bot health at a glance (owners only)")
    async def status(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        if interaction.user.id not in self.bot.settings.owner_ids:
            await interaction.response.send_message(OWNERS_ONLY, ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await self.bot.services.status.report()
        await interaction.edit_original_response(embed=status_embed(report))

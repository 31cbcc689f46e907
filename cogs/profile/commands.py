"""/profile: see, edit (a form), export and delete what CareerMate remembers about you."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from cogs.profile.embeds import profile_embed
from cogs.profile.views import ask_to_delete, open_profile_form, profile_buttons, send_export

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


class ProfileCog(commands.Cog, name="Profile"):
    group = app_commands.Group(name="profile", description="What CareerMate remembers about you")

    def __init__(self, bot: CareerMateBot) -> None:
        self.bot = bot

    @group.command(name="show", description="See your saved skills, locations and goals")
    async def show(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        snapshot = await self.bot.services.profile.get_or_create(
            interaction.user.id, interaction.user.display_name
        )
        await interaction.response.send_message(
            embed=profile_embed(snapshot),
            view=profile_buttons(snapshot.discord_id),
            ephemeral=True,
        )

    @group.command(name="edit", description="Edit your skills, locations, goals and salary floor")
    async def edit(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        await open_profile_form(interaction)

    @group.command(name="export", description="Download everything CareerMate stores about you")
    async def export(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        await send_export(interaction)

    @group.command(name="delete", description="Delete everything CareerMate stores about you")
    async def delete(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        await ask_to_delete(interaction)

"""/profile: see, edit (a form), export and delete what CareerMate remembers about you."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from careermate_bot.discord_ui.profile_embeds import profile_embed
from careermate_bot.discord_ui.profile_views import (
    DELETE_QUESTION,
    ConfirmDeleteButton,
    ProfileAction,
    ProfileButtons,
    confirm_delete_view,
    open_profile_form,
    send_export,
)
from careermate_bot.services import profiles


class ProfileCog(commands.Cog):
    group = app_commands.Group(name="profile", description="What CareerMate remembers about you")

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @group.command(name="show", description="See your saved skills, locations and goals")
    async def show(self, interaction: discord.Interaction[Any]) -> None:
        snapshot = await profiles.get_or_create(interaction.user.id, interaction.user.display_name)
        await interaction.response.send_message(
            embed=profile_embed(snapshot),
            view=ProfileButtons.for_user(snapshot.discord_id),
            ephemeral=True,
        )

    @group.command(name="edit", description="Edit your skills, locations, goals and salary floor")
    async def edit(self, interaction: discord.Interaction[Any]) -> None:
        await open_profile_form(interaction)

    @group.command(name="export", description="Download everything CareerMate stores about you")
    async def export(self, interaction: discord.Interaction[Any]) -> None:
        await send_export(interaction)

    @group.command(name="delete", description="Delete everything CareerMate stores about you")
    async def delete(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.send_message(
            DELETE_QUESTION,
            view=confirm_delete_view(interaction.user.id),
            ephemeral=True,
        )


async def setup(bot: commands.Bot) -> None:
    bot.add_dynamic_items(ProfileAction, ConfirmDeleteButton)
    await bot.add_cog(ProfileCog(bot))

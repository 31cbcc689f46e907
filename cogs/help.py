"""/help and !help: the command list, generated from what is registered so it cannot go stale."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from careermate_bot.discord_ui.help_text import command_lines, help_embed


class HelpCog(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    def _embed(self) -> discord.Embed:
        prefix = getattr(getattr(self.bot, "settings", None), "command_prefix", "!")
        return help_embed(command_lines(self.bot.tree), prefix=prefix)

    @app_commands.command(name="help", description="List everything CareerMate can do")
    async def help_slash(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.send_message(embed=self._embed(), ephemeral=True)

    @commands.command(name="help", help="List everything CareerMate can do")
    async def help_prefix(self, ctx: commands.Context[Any]) -> None:
        await ctx.send(embed=self._embed())


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(HelpCog(bot))

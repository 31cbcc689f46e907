"""/help and !help: the command list, generated from what is registered so it cannot go stale."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from careermate_bot.discord_ui.formatting import BRAND_COLOUR
from careermate_bot.discord_ui.limits import EMBED_DESCRIPTION_LIMIT, truncate

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


def _walk(
    command: app_commands.Command[Any, ..., Any] | app_commands.Group,
) -> list[tuple[str, str]]:
    if isinstance(command, app_commands.Group):
        lines: list[tuple[str, str]] = []
        for child in command.commands:
            lines.extend(_walk(child))
        return lines
    return [(f"/{command.qualified_name}", command.description)]


def command_lines(tree: app_commands.CommandTree[Any]) -> list[tuple[str, str]]:
    """(usage, one-line description) for every slash command, sorted by name."""
    lines: list[tuple[str, str]] = []
    for command in tree.get_commands(type=discord.AppCommandType.chat_input):
        if isinstance(command, app_commands.Command | app_commands.Group):
            lines.extend(_walk(command))
    return sorted(lines)


def help_embed(lines: list[tuple[str, str]], *, prefix: str = "!") -> discord.Embed:
    body = "\n".join(f"**{usage}** — {description}" for usage, description in lines)
    body += f"\n\nIn DMs you can also just talk to me. Classic `{prefix}help` works too."
    embed = discord.Embed(
        title="CareerMate — what I can do",
        description=truncate(body, EMBED_DESCRIPTION_LIMIT),
        colour=BRAND_COLOUR,
    )
    embed.set_footer(
        text="Your data stays on this bot's machine. A local AI model writes my words."
    )
    return embed


class HelpCog(commands.Cog, name="Help"):
    def __init__(self, bot: CareerMateBot) -> None:
        self.bot = bot

    def _embed(self) -> discord.Embed:
        return help_embed(command_lines(self.bot.tree), prefix=self.bot.settings.command_prefix)

    @app_commands.command(name="help", description="List everything CareerMate can do")
    async def help_slash(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        await interaction.response.send_message(embed=self._embed(), ephemeral=True)

    @commands.command(name="help", help="List everything CareerMate can do")
    async def help_prefix(self, ctx: commands.Context[CareerMateBot]) -> None:
        await ctx.send(embed=self._embed())


async def setup(bot: CareerMateBot) -> None:
    await bot.add_cog(HelpCog(bot))

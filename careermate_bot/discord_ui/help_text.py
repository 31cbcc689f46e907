"""Render the registered app commands as a help embed."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from careermate_bot.discord_ui.limits import EMBED_DESCRIPTION_LIMIT, truncate

BRAND_COLOUR = discord.Colour(0x5865F2)


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
        lines.extend(_walk(command))  # type: ignore[arg-type]
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

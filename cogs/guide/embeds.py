"""A `GuideAnswer` as an embed: the lead, one field per step or fact group, the source footer."""

from __future__ import annotations

import discord

from careermate_bot.discord_ui.fit import fit_embed
from careermate_bot.discord_ui.formatting import BRAND_COLOUR
from careermate_bot.services.guide import GuideAnswer

GUIDE_COLOUR = BRAND_COLOUR


def guide_embed(answer: GuideAnswer, lead: str = "") -> discord.Embed:
    description = "\n\n".join(part for part in (lead, answer.lead) if part)
    embed = discord.Embed(title=answer.title, description=description, colour=GUIDE_COLOUR)
    for section in answer.sections:
        embed.add_field(name=section.name, value=section.value, inline=section.inline)
    if answer.source:
        embed.set_footer(text=f"Source: {answer.source}")
    return fit_embed(embed)

"""Make any embed fit Discord's limits, whatever the data: long titles, many skills, notes.

Builders add what they want; `fit_embed` then enforces every limit (title 256, description
4,096, 25 fields, field name 256 / value 1,024, footer 2,048, author 256, 6,000 in total) by
cutting the least important text first: field values from the last field up, then the
description. Cuts end with an ellipsis, so a reader sees something was shortened.
"""

from __future__ import annotations

import discord

from careermate_bot.discord_ui.limits import (
    EMBED_DESCRIPTION_LIMIT,
    EMBED_FIELD_NAME_LIMIT,
    EMBED_FIELD_VALUE_LIMIT,
    EMBED_FIELDS_LIMIT,
    EMBED_FOOTER_LIMIT,
    EMBED_TITLE_LIMIT,
    EMBED_TOTAL_LIMIT,
    truncate,
)

AUTHOR_LIMIT = 256
MIN_FIELD_VALUE = 40
EMPTY = "\u200b"  # Discord refuses empty field names/values


def embed_size(embed: discord.Embed) -> int:
    """Characters Discord counts towards the 6,000 total."""
    total = len(embed.title or "") + len(embed.description or "")
    total += sum(len(f.name or "") + len(f.value or "") for f in embed.fields)
    total += len(embed.footer.text or "") if embed.footer else 0
    total += len(embed.author.name or "") if embed.author else 0
    return total


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Shorten `embed` in place until Discord accepts it; returns it for chaining."""
    if embed.title:
        embed.title = truncate(embed.title, EMBED_TITLE_LIMIT)
    if embed.description:
        embed.description = truncate(embed.description, EMBED_DESCRIPTION_LIMIT)
    if embed.footer and embed.footer.text:
        embed.set_footer(
            text=truncate(embed.footer.text, EMBED_FOOTER_LIMIT), icon_url=embed.footer.icon_url
        )
    if embed.author and embed.author.name:
        embed.set_author(
            name=truncate(embed.author.name, AUTHOR_LIMIT),
            url=embed.author.url,
            icon_url=embed.author.icon_url,
        )
    fields = embed.fields[:EMBED_FIELDS_LIMIT]
    embed.clear_fields()
    for f in fields:
        embed.add_field(
            name=truncate(f.name or EMPTY, EMBED_FIELD_NAME_LIMIT) or EMPTY,
            value=truncate(f.value or EMPTY, EMBED_FIELD_VALUE_LIMIT) or EMPTY,
            inline=bool(f.inline),
        )
    excess = embed_size(embed) - EMBED_TOTAL_LIMIT
    # Cut field values, last field first, down to a readable minimum.
    for index in range(len(embed.fields) - 1, -1, -1):
        if excess <= 0:
            break
        f = embed.fields[index]
        value = f.value or EMPTY
        room = len(value) - MIN_FIELD_VALUE
        if room <= 0:
            continue
        cut = min(room, excess)
        embed.set_field_at(
            index, name=f.name or EMPTY, value=truncate(value, len(value) - cut), inline=f.inline
        )
        excess = embed_size(embed) - EMBED_TOTAL_LIMIT
    if excess > 0 and embed.description:
        keep = max(0, len(embed.description) - excess)
        embed.description = truncate(embed.description, keep) or None
        excess = embed_size(embed) - EMBED_TOTAL_LIMIT
    while excess > 0 and embed.fields:  # still too big: drop fields from the end
        embed.remove_field(len(embed.fields) - 1)
        excess = embed_size(embed) - EMBED_TOTAL_LIMIT
    return embed

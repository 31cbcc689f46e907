"""Finding a message a button points back to (the DM a person typed), without storing it.

A button's custom id can carry a message id instead of the text itself: the text stays in the
person's own message on Discord (nothing kept by the bot), and a click after a restart still
finds it. Deleted or unreachable: None, and the caller says so.
"""

from __future__ import annotations

from typing import Any

import discord


async def find_message(
    client: discord.Client, channel: Any, message_id: int
) -> discord.Message | None:
    """The message `message_id` in `channel` (the client's cache first, then Discord)."""
    cached = discord.utils.get(client.cached_messages, id=message_id)
    if cached is not None:
        return cached
    fetch = getattr(channel, "fetch_message", None)
    if fetch is None:
        return None
    try:
        message = await fetch(message_id)
    except (discord.NotFound, discord.Forbidden, discord.HTTPException):
        return None
    return message if isinstance(message, discord.Message) else None

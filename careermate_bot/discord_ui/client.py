"""The one thing shared widgets need from the bot: its services (without importing the bot,
which imports the widgets)."""

from __future__ import annotations

from typing import Any

import discord

from careermate_bot.services.container import AppServices


def services_of(interaction: discord.Interaction[Any]) -> AppServices:
    """The `AppServices` of the bot this interaction reached."""
    services = getattr(interaction.client, "services", None)
    if not isinstance(services, AppServices):
        raise RuntimeError("this client has no CareerMate services")
    return services

"""The Stop button under a streamed chat answer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from careermate_bot.discord_ui.items import ItemExpired, PersistentItem

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


class StopButton(PersistentItem[discord.ui.Button[Any]], template=r"cm:stop:(?P<owner>\d+)"):
    """Stops the owner's running answer; after it finished (or a restart) it says so."""

    refusal = "Only the person I'm answering can stop me."
    expired_text = "That answer already finished, so there's nothing to stop."

    def __init__(self, owner_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Stop",
                style=discord.ButtonStyle.secondary,
                emoji="⏹️",
                custom_id=f"cm:stop:{owner_id}",
            )
        )
        self.owner_id = owner_id

    @classmethod
    def from_match(cls, match: re.Match[str], item: discord.ui.Item[Any]) -> StopButton:
        return cls(int(match["owner"]))

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        services = interaction.client.services
        if not services.has_llm or not services.llm.cancel(self.owner_id):
            raise ItemExpired()
        await interaction.response.defer()


def stop_view(owner_id: int) -> discord.ui.View:
    """A view holding only the Stop button (no timeout: the button is a dynamic item; remove it
    by editing the message, never with `view.stop()`)."""
    view = discord.ui.View(timeout=None)
    view.add_item(StopButton(owner_id))
    return view


DYNAMIC_ITEMS: tuple[type[PersistentItem[Any]], ...] = (StopButton,)

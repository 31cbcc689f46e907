"""Base classes for views and modals: errors go to the user (ephemeral) and the log."""

from __future__ import annotations

import logging
from typing import Any

import discord

from careermate_bot.discord_ui.errors import log_interaction_error, report_interaction_error
from careermate_bot.discord_ui.forms import echo_form, typed_values

log = logging.getLogger(__name__)


async def allow_only(interaction: discord.Interaction[Any], owner_id: int, refusal: str) -> bool:
    """True for the owner; anyone else gets `refusal` privately. For views and DynamicItems."""
    if interaction.user.id == owner_id:
        return True
    await interaction.response.send_message(refusal, ephemeral=True)
    return False


class CareerMateView(discord.ui.View):
    """A view whose failures are answered like command failures."""

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        await report_interaction_error(interaction, error, f"button {type(item).__name__}")


class OwnedView(CareerMateView):
    """A view only its invoker may use; everybody else gets a private hint."""

    def __init__(self, owner_id: int, *, timeout: float | None = 300.0, refusal: str) -> None:
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.refusal = refusal
        self.message: discord.Message | discord.InteractionMessage | None = None

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return await allow_only(interaction, self.owner_id, self.refusal)

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button | discord.ui.Select):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException:
                pass


class CareerMateModal(discord.ui.Modal):
    """A form whose failures are answered like command failures. Subclasses implement `submit`
    (annotating `interaction` with the bot's type)."""

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        await self.submit(interaction)

    async def submit(self, interaction: discord.Interaction[Any]) -> None:
        raise NotImplementedError

    async def on_error(  # type: ignore[override]  # a Modal's on_error has no `item`
        self, interaction: discord.Interaction[Any], error: Exception
    ) -> None:
        """Say what went wrong, and show the typed text back: a submitted form is gone from
        the person's screen, and a long answer or a pasted résumé must not be lost with it."""
        where = f"form {type(self).__name__}"
        message = log_interaction_error(interaction, error, where)
        try:
            await echo_form(interaction, typed_values(self), message)
        except discord.HTTPException:
            log.warning("could not show a failed form back for interaction %s", interaction.id)

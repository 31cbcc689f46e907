"""Base classes for views and modals: errors go to the user (ephemeral) and the log."""

from __future__ import annotations

from typing import Any

import discord

from careermate_bot.discord_ui.errors import report_interaction_error


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
        await report_interaction_error(interaction, error, f"form {type(self).__name__}")

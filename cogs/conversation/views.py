"""Buttons under chat answers: Stop (a streamed answer), Undo (a saved profile change) and the
privacy answer's Export / Delete (with a confirm step)."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

import discord

from careermate_bot.discord_ui.items import ItemExpired, PersistentItem

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


class StopButton(PersistentItem[discord.ui.Button[Any]], custom_id="cm:stop:{owner:int}"):
    """Stops the owner's running answer; after it finished (or a restart) it says so."""

    owner_id: int

    refusal = "Only the person I'm answering can stop me."
    expired_text = "That answer already finished, so there's nothing to stop."

    def __init__(self, owner: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Stop",
                style=discord.ButtonStyle.secondary,
                emoji="⏹️",
                custom_id=self.ids.format(owner=owner),
            )
        )
        self.owner_id = owner

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        if not interaction.client.services.conversation.cancel(self.owner_id):
            raise ItemExpired()
        await interaction.response.defer()


def stop_view(owner_id: int) -> discord.ui.View:
    """A view holding only the Stop button (no timeout: the button is a dynamic item; remove it
    by editing the message, never with `view.stop()`)."""
    view = discord.ui.View(timeout=None)
    view.add_item(StopButton(owner_id))
    return view


class UndoButton(
    PersistentItem[discord.ui.Button[Any]], custom_id="cm:undo:{owner:int}:{token:hex}"
):
    """Reverts the profile change a chat message saved (the undo record is in the database)."""

    owner_id: int

    refusal = "Only the person whose profile this is can undo it."
    expired_text = "That change was already undone or replaced by a newer one."

    def __init__(self, owner: int, token: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Undo",
                style=discord.ButtonStyle.secondary,
                emoji="↩️",
                custom_id=self.ids.format(owner=owner, token=token),
            )
        )
        self.owner_id = owner
        self.token = token

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        done = await interaction.client.services.conversation.undo(self.owner_id, self.token)
        if done is None:
            raise ItemExpired()
        await interaction.response.edit_message(content=done, view=None)


def undo_view(owner_id: int, token: str) -> discord.ui.View | None:
    if not token:
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(UndoButton(owner_id, token))
    return view


DELETE_QUESTION = (
    "Delete **everything** I store about you — your profile, our conversation history and your "
    "saved jobs? This can't be undone."
)


class PrivacyButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id="cm:privacy:{action:export|delete|confirm|cancel}:{owner:int}",
):
    """Export / Delete under the privacy answer; deleting needs a second click on Confirm."""

    owner_id: int

    refusal = "Only the person whose data this is can do that."
    LABELS = {
        "export": ("Download my data", "📦", discord.ButtonStyle.secondary),
        "delete": ("Delete my data", "🗑️", discord.ButtonStyle.danger),
        "confirm": ("Yes, delete everything", "🗑️", discord.ButtonStyle.danger),
        "cancel": ("Keep my data", None, discord.ButtonStyle.secondary),
    }

    def __init__(self, action: str, owner: int) -> None:
        label, emoji, style = self.LABELS[action]
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=style,
                custom_id=self.ids.format(action=action, owner=owner),
            )
        )
        self.action = action
        self.owner_id = owner

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        if self.action == "export":
            await _send_export(interaction, self.owner_id)
        elif self.action == "delete":
            await interaction.response.send_message(
                DELETE_QUESTION, view=privacy_view(self.owner_id, "confirm", "cancel")
            )
        elif self.action == "cancel":
            await interaction.response.edit_message(content="OK — nothing was deleted.", view=None)
        else:
            services = interaction.client.services
            counts = await services.profile.delete(self.owner_id)
            removed = sum(counts.values())
            await interaction.response.edit_message(
                content=(
                    f"Done — I deleted everything I stored about you ({removed} records). "
                    "If you talk to me again I'll start fresh."
                ),
                view=None,
            )


async def _send_export(interaction: discord.Interaction[CareerMateBot], owner_id: int) -> None:
    data = await interaction.client.services.profile.export(owner_id)
    if data is None:
        await interaction.response.send_message(
            "I don't have anything stored about you.", ephemeral=True
        )
        return
    blob = json.dumps(data, indent=2, ensure_ascii=False).encode()
    await interaction.response.send_message(
        "Everything I store about you, as JSON:",
        file=discord.File(io.BytesIO(blob), filename=f"careermate-{owner_id}.json"),
        ephemeral=True,
    )


def privacy_view(owner_id: int, *actions: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in actions or ("export", "delete"):
        view.add_item(PrivacyButton(action, owner_id))
    return view


DYNAMIC_ITEMS: tuple[type[PersistentItem[Any]], ...] = (StopButton, UndoButton, PrivacyButton)

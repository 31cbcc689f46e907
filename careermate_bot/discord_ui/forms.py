"""Forms never lose what people typed.

Every form (modal) gets a custom id of its own, per person and per window
(`form_id("rpasteform", owner, ...)` -> ``cm:rpasteform:<owner>:...:<nonce>``), so two people's
forms, or two windows, never answer each other's submits. A form whose window this process no
longer knows (opened before a restart, or on another bot process) still gets an answer: the
bot dispatches ``stale_form_<kind>(interaction, values)`` to the feature that owns the kind,
which saves what it can (an interview answer for the question it was opened on), and any form
nobody claims gets its text shown back (`echo_form`) so it can be copied.
"""

from __future__ import annotations

import io
from typing import Any, TypeGuard

import discord

from careermate_bot.discord_ui.memory import new_nonce

STALE_FORM_EVENT = "stale_form_{kind}"
ECHO_LIMIT = 1800  # what fits in one message with the explanation
GONE = (
    "That form was opened before I restarted (or in another window), so I couldn't handle it "
    "as usual."
)


def form_id(kind: str, *parts: int | str) -> str:
    """A custom id for one form window: its kind, what it belongs to, and a fresh nonce."""
    return ":".join(["cm", kind, *(str(p) for p in parts), new_nonce()])


def form_kind(custom_id: str) -> str | None:
    """`rpasteform` for ``cm:rpasteform:...`` (None for an id that isn't ours)."""
    parts = custom_id.split(":")
    return parts[1] if len(parts) > 2 and parts[0] == "cm" and parts[1] else None


def form_values(interaction: discord.Interaction[Any]) -> dict[str, str]:
    """The text inputs of a submitted form, by their custom ids."""
    data: Any = interaction.data or {}
    values: dict[str, str] = {}

    def walk(items: list[Any]) -> None:
        for item in items:
            if not isinstance(item, dict):
                continue
            if "custom_id" in item and "value" in item:
                values[str(item["custom_id"])] = str(item["value"] or "")
            walk(item.get("components", []))
            component = item.get("component")
            if isinstance(component, dict):
                walk([component])

    walk(list(data.get("components", [])))
    return values


def is_stale_form(interaction: discord.Interaction[Any]) -> bool:
    """A form submit no open window of this process answers.

    discord.py hands a submit to the window with that custom id (`ViewStore.dispatch_modal`)
    and otherwise drops it silently; it keeps no public record of open windows, so this looks
    at the view store's own table. A window leaves that table only after its handler finished
    (it has answered by then), which `response.is_done()` covers.
    """
    if interaction.type is not discord.InteractionType.modal_submit:
        return False
    if interaction.response.is_done():
        return False
    data: Any = interaction.data or {}
    custom_id = str(data.get("custom_id", ""))
    state = getattr(interaction, "_state", None)
    store = getattr(state, "_view_store", None)
    open_forms = getattr(store, "_modals", None)
    if not isinstance(open_forms, dict):
        return False  # can't tell: never answer twice
    return custom_id not in open_forms


async def echo_form(
    interaction: discord.Interaction[Any], values: dict[str, str], reason: str = GONE
) -> None:
    """Say what happened and show the typed text back (as a file when it is long), privately;
    as the response, or as a follow-up when the submit was answered already ("thinking…")."""
    typed = {name: text for name, text in values.items() if text.strip()}
    body = "\n\n".join(f"**{name}**\n{text}" for name, text in typed.items())
    file: discord.File | None = None
    if not typed:
        content = f"{reason} Please open it again."
    elif len(body) <= ECHO_LIMIT:
        quoted = "\n".join("> " + line if line else ">" for line in body.splitlines())
        content = f"{reason} Here's what you typed, so nothing is lost:\n{quoted}"
    else:
        plain = "\n\n".join(f"{name}:\n{text}" for name, text in typed.items())
        content = f"{reason} Here's what you typed, as a file, so nothing is lost."
        file = discord.File(io.BytesIO(plain.encode()), filename="what-you-typed.txt")
    files = [file] if file is not None else []
    if interaction.response.is_done():
        await interaction.followup.send(content, files=files, ephemeral=True)
    else:
        await interaction.response.send_message(content, files=files, ephemeral=True)


def typed_values(modal: discord.ui.Modal) -> dict[str, str]:
    """A form's text inputs as the person saw them: label -> what they typed."""
    return {input_label(item): item.value for item in modal.walk_children() if is_text(item)}


def is_text(item: discord.ui.Item[Any]) -> TypeGuard[discord.ui.TextInput[Any]]:
    return isinstance(item, discord.ui.TextInput)


def input_label(item: discord.ui.TextInput[Any]) -> str:
    """The label the person saw (read from the payload: the `label` property is deprecated)."""
    return str(item.to_component_dict().get("label") or item.custom_id)

"""Profile UI: the edit form, and buttons that keep working after a restart (state is in the DB)."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, Any

import discord

from careermate_bot.discord_ui.forms import form_id
from careermate_bot.discord_ui.items import PersistentItem
from careermate_bot.discord_ui.views import CareerMateModal
from careermate_bot.errors import InvalidInput
from careermate_bot.services.profile import ProfileError, ProfileService, ProfileSnapshot
from cogs.profile.embeds import deleted_text, profile_embed

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

DELETE_QUESTION = (
    "Delete **everything** I remember about you (profile, history, saved jobs)? "
    "This can't be undone."
)
NOT_YOURS = "That belongs to someone else's profile. Use `/profile show` for your own."


class ProfileModal(CareerMateModal, title="Your career profile"):
    skills: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="skills",
        label="Skills (comma separated)",
        style=discord.TextStyle.paragraph,
        required=False,
        max_length=1000,
        placeholder="Python, SQL, project management",
    )
    locations: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="locations",
        label="Where you want to work",
        required=False,
        max_length=200,
        placeholder="Austin TX, remote",
    )
    target_roles: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="target_roles",
        label="Roles you are aiming for",
        required=False,
        max_length=200,
        placeholder="Data Scientist, Analytics Manager",
    )
    experience: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="experience",
        label="Years of work experience",
        required=False,
        max_length=10,
        placeholder="3",
    )
    min_salary: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="min_salary",
        label="Minimum salary (per year)",
        required=False,
        max_length=20,
        placeholder="90k",
    )

    def __init__(self, current: ProfileSnapshot, profiles: ProfileService) -> None:
        super().__init__(custom_id=form_id("profileform", current.discord_id))
        # Every pre-filled value fits its field (Discord refuses the whole form otherwise); a
        # long list shows its newest items, says so in the label, and keeps the rest on submit.
        inputs = {name: getattr(self, name) for name in profiles.form_fields(current)}
        limits = {name: field.max_length or 4000 for name, field in inputs.items()}
        self.prefill = profiles.form_prefill(current, limits)
        for name, filled in self.prefill.items():
            inputs[name].default = filled.text or None
            if filled.truncated:
                inputs[name].label = filled.label(inputs[name].label)

    async def submit(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        profiles = interaction.client.services.profile
        form = profiles.read_form(
            skills=self.skills.value,
            locations=self.locations.value,
            target_roles=self.target_roles.value,
            experience=self.experience.value,
            min_salary=self.min_salary.value,
        )
        try:
            snapshot = await profiles.update(
                interaction.user.id,
                display_name=interaction.user.display_name,
                skills=self.prefill["skills"].with_hidden(form.skills),
                locations=self.prefill["locations"].with_hidden(form.locations),
                target_roles=self.prefill["target_roles"].with_hidden(form.target_roles),
                experience_years=form.experience_years,
                min_salary=form.min_salary,
            )
        except ProfileError as error:
            raise InvalidInput(str(error)) from error
        await interaction.response.send_message(
            "Saved. This is what I'll use for `/career` and `/jobs`:",
            embed=profile_embed(snapshot),
            view=profile_buttons(snapshot.discord_id),
            ephemeral=True,
        )


async def open_profile_form(interaction: discord.Interaction[CareerMateBot]) -> None:
    profiles = interaction.client.services.profile
    current = await profiles.get_or_create(interaction.user.id, interaction.user.display_name)
    await interaction.response.send_modal(ProfileModal(current, profiles))


async def send_export(interaction: discord.Interaction[CareerMateBot]) -> None:
    data = await interaction.client.services.profile.export(interaction.user.id)
    if data is None:
        await interaction.response.send_message(
            "I don't have anything stored about you.", ephemeral=True
        )
        return
    blob = json.dumps(data, indent=2, ensure_ascii=False).encode()
    await interaction.response.send_message(
        "Everything I store about you, as JSON:",
        file=discord.File(io.BytesIO(blob), filename=f"careermate-{interaction.user.id}.json"),
        ephemeral=True,
    )


async def ask_to_delete(interaction: discord.Interaction[Any]) -> None:
    view = discord.ui.View(timeout=None)
    view.add_item(ConfirmDeleteButton(interaction.user.id))
    await interaction.response.send_message(DELETE_QUESTION, view=view, ephemeral=True)


class ProfileAction(
    PersistentItem[discord.ui.Button[Any]],
    custom_id="cm:profile:{action:edit|export|delete}:{user_id:int}",
):
    """Profile buttons that keep working after a restart (state is in the DB, not in memory)."""

    refusal = NOT_YOURS
    LABELS = {
        "edit": ("Edit", "✏️", discord.ButtonStyle.primary),
        "export": ("Export my data", "📦", discord.ButtonStyle.secondary),
        "delete": ("Delete my data", "🗑️", discord.ButtonStyle.danger),
    }

    def __init__(self, action: str, user_id: int) -> None:
        label, emoji, style = self.LABELS[action]
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=style,
                custom_id=self.ids.format(action=action, user_id=user_id),
            )
        )
        self.action = action
        self.owner_id = user_id

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        if self.action == "edit":
            await open_profile_form(interaction)
        elif self.action == "export":
            await send_export(interaction)
        else:
            await ask_to_delete(interaction)


class ConfirmDeleteButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id="cm:profile:confirm-delete:{user_id:int}",
):
    refusal = NOT_YOURS

    def __init__(self, user_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Yes, delete it all",
                style=discord.ButtonStyle.danger,
                custom_id=self.ids.format(user_id=user_id),
            )
        )
        self.owner_id = user_id

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        services = interaction.client.services
        deleted = await services.profile.delete(interaction.user.id)
        await interaction.response.edit_message(
            content=deleted_text(deleted), view=None, embed=None
        )


def profile_buttons(user_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in ("edit", "export", "delete"):
        view.add_item(ProfileAction(action, user_id))
    return view


DYNAMIC_ITEMS: tuple[type[PersistentItem[Any]], ...] = (ProfileAction, ConfirmDeleteButton)

"""Buttons under a résumé review, and the paste form.

Every button is a `PersistentItem` whose custom id holds all it needs (the owner, the stored
review summary's id, an occupation id, a pay area), so it keeps working after a restart. The
stored summary has the skills; nothing else about the résumé is kept.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from careermate_bot.common.user_text import visible_text
from careermate_bot.discord_ui.events import INTERVIEW_START_CLICK, has_listener
from careermate_bot.discord_ui.forms import form_id
from careermate_bot.discord_ui.items import ItemExpired, PersistentItem
from careermate_bot.discord_ui.limits import truncate
from careermate_bot.discord_ui.messages import find_message
from careermate_bot.discord_ui.replies import InteractionReply
from careermate_bot.discord_ui.views import CareerMateModal
from careermate_bot.services.resume import ReviewOutcome, StoredReview
from cogs.resume.embeds import paths_embed, skills_preview
from cogs.resume.flow import ReviewOptions, review_flow

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

NOT_YOURS = "That's someone else's résumé review. Run `/resume review` for your own."
GONE = "That review is no longer stored (it was deleted). Run `/resume review` again."
PASTE_LIMIT = 4000
LABEL_LIMIT = 80
# Per user: paste forms a minute, as many as /resume review allows reviews (a form is a review).
# Counted when the form opens (/resume paste, Re-check, "Paste my résumé instead"), so nobody
# types a résumé into a form that would then be refused.
PASTE_RATE, PASTE_PER = 5, 60.0


async def check_paste_rate(interaction: discord.Interaction[CareerMateBot]) -> bool:
    """True, or `CommandOnCooldown` (answered "Easy there! Try again in N s.") past the rate
    (fleet-wide with REDIS_URL: `services.shared`)."""
    limiter = interaction.client.services.shared.rate_limiter("resume.paste", PASTE_RATE, PASTE_PER)
    decision = await limiter.hit(interaction.user.id)
    if not decision.allowed:
        cooldown = app_commands.Cooldown(PASTE_RATE, PASTE_PER)
        raise app_commands.CommandOnCooldown(cooldown, decision.retry_after)
    return True


async def _stored(
    interaction: discord.Interaction[CareerMateBot], owner_id: int, review_id: int
) -> StoredReview:
    found = await interaction.client.services.resume.stored(owner_id, review_id)
    if found is None:
        raise ItemExpired(GONE)
    return found


class SaveSkillsButton(
    PersistentItem[discord.ui.Button[Any]], custom_id="cm:rskills:{owner:int}:{rid:int}"
):
    """Shows which skills would be saved, with a button to confirm."""

    refusal = NOT_YOURS

    def __init__(self, owner: int, rid: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Save skills to profile",
                emoji="💾",
                style=discord.ButtonStyle.success,
                custom_id=self.ids.format(owner=owner, rid=rid),
            )
        )
        self.owner_id = owner
        self.review_id = rid

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        owner = self.owner_id or 0
        found = await _stored(interaction, owner, self.review_id)
        new, already = await interaction.client.services.resume.new_skills(owner, found.skills)
        view = None
        if new:
            view = discord.ui.View(timeout=None)
            view.add_item(ConfirmSaveButton(owner, self.review_id))
        kwargs: dict[str, Any] = {"view": view} if view is not None else {}
        await interaction.response.send_message(
            skills_preview(new, already), ephemeral=True, **kwargs
        )


class ConfirmSaveButton(
    PersistentItem[discord.ui.Button[Any]], custom_id="cm:rskillsok:{owner:int}:{rid:int}"
):
    refusal = NOT_YOURS

    def __init__(self, owner: int, rid: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Yes, save them",
                style=discord.ButtonStyle.primary,
                custom_id=self.ids.format(owner=owner, rid=rid),
            )
        )
        self.owner_id = owner
        self.review_id = rid

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        owner = self.owner_id or 0
        services = interaction.client.services
        found = await _stored(interaction, owner, self.review_id)
        new, _ = await services.resume.new_skills(owner, found.skills)
        if new:
            await services.profile.update(
                owner, display_name=interaction.user.display_name, add_skills=new
            )
        text = (
            f"Saved {len(new)} skills to your profile. `/career paths` and `/jobs search` "
            "will use them; see them with `/profile show`."
            if new
            else "Those skills are already in your profile."
        )
        await interaction.response.edit_message(content=text, view=None)


class CareerPathsButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id="cm:rpaths:{owner:int}:{rid:int}[:{area:digits}]",
):
    """The best career paths for the résumé's skills (privately)."""

    refusal = NOT_YOURS

    def __init__(self, owner: int, rid: int, area: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label="Career paths for this résumé",
                emoji="🧭",
                style=discord.ButtonStyle.primary,
                custom_id=self.ids.format(owner=owner, rid=rid, area=area or None),
            )
        )
        self.owner_id = owner
        self.review_id = rid
        self.area_code = area

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        found = await _stored(interaction, self.owner_id or 0, self.review_id)
        result, area_name = interaction.client.services.resume.paths_for(
            found.skills, self.area_code
        )
        await interaction.response.send_message(
            embed=paths_embed(result, area_name=area_name), ephemeral=True
        )


class InterviewButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id="cm:rinterview:{owner:int}:{occ:slug}",
):
    """Hands over to the interview feature: starts a mock interview for the role (through the
    `interview_start_click` event; without an interview feature, names the command)."""

    refusal = NOT_YOURS

    def __init__(self, owner: int, occ: str, title: str = "this role") -> None:
        super().__init__(
            discord.ui.Button(
                label=truncate(f"Practice an interview for {title}", LABEL_LIMIT),
                emoji="🎤",
                style=discord.ButtonStyle.secondary,
                custom_id=self.ids.format(owner=owner, occ=occ),
            )
        )
        self.owner_id = owner
        self.occupation_id = occ

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        client = interaction.client
        if has_listener(client, INTERVIEW_START_CLICK):
            # Answer Discord now ("thinking…", private in servers); the interview feature
            # edits this answer into the first question.
            await interaction.response.defer(
                thinking=True, ephemeral=interaction.guild_id is not None
            )
            client.dispatch(INTERVIEW_START_CLICK, interaction, self.occupation_id)
            return
        occupation = client.services.knowledge.get_occupation(self.occupation_id)
        title = occupation.title if occupation is not None else self.occupation_id
        text = (
            "Mock interviews aren't available on this bot yet. When they are: "
            f"`/interview start role:{title}`."
        )
        await interaction.response.send_message(text, ephemeral=True)


class PasteButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id="cm:rpaste:{owner:int}[:{occ:slug}]",
):
    """Opens the paste form ("Re-check" under a review; "Paste my résumé" when none came)."""

    refusal = NOT_YOURS

    def __init__(self, owner: int, occ: str | None = None, label: str = "Re-check") -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji="🔁",
                style=discord.ButtonStyle.secondary,
                custom_id=self.ids.format(owner=owner, occ=occ or None),
            )
        )
        self.owner_id = owner
        self.occupation_id = occ

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        await check_paste_rate(interaction)
        title = None
        if self.occupation_id:
            found = interaction.client.services.knowledge.get_occupation(self.occupation_id)
            title = found.title if found is not None else None
        await interaction.response.send_modal(PasteModal(interaction.user.id, title))


PASTE_FORM = "rpasteform"
PASTED_GONE = (
    "I can't find that message any more (deleted?). Paste your résumé again, or use "
    "`/resume paste`."
)


class ReviewPastedButton(
    PersistentItem[discord.ui.Button[Any]], custom_id="cm:rpasted:{owner:int}:{mid:int}"
):
    """ "Review this résumé" under a DM that reads as one. The custom id points at the person's
    own message; its text is read only when they press (nothing kept before)."""

    refusal = NOT_YOURS
    expired_text = PASTED_GONE

    def __init__(self, owner: int, mid: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Review this résumé",
                emoji="📝",
                style=discord.ButtonStyle.primary,
                custom_id=self.ids.format(owner=owner, mid=mid),
            )
        )
        self.owner_id = owner
        self.message_id = mid

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        await check_paste_rate(interaction)
        message = await find_message(interaction.client, interaction.channel, self.message_id)
        if message is None or message.author.id != interaction.user.id:
            raise ItemExpired()
        reply = InteractionReply(interaction, private_in_servers=True)
        await review_flow(
            interaction.client, reply, message.content[:PASTE_LIMIT], ReviewOptions(), review_view
        )
        if interaction.message is not None:  # one review per offer: the button goes
            with contextlib.suppress(discord.HTTPException):
                await interaction.message.edit(view=None)


def pasted_view(owner_id: int, message_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(ReviewPastedButton(owner_id, message_id))
    return view


class PasteModal(CareerMateModal, title="Paste your résumé"):
    resume: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="resume",
        label="Your résumé (plain text)",
        style=discord.TextStyle.paragraph,
        required=True,
        max_length=PASTE_LIMIT,
        placeholder="Paste the text of your résumé: contact line, experience, education, skills…",
    )
    role: discord.ui.TextInput[Any] = discord.ui.TextInput(
        custom_id="role",
        label="Target role (optional)",
        required=False,
        max_length=100,
        placeholder="e.g. Data Analyst",
    )

    def __init__(self, owner_id: int, target_role: str | None = None) -> None:
        super().__init__(custom_id=form_id(PASTE_FORM, owner_id))
        if target_role:
            self.role.default = target_role[:100]

    async def on_submit(self, interaction: discord.Interaction[CareerMateBot]) -> None:  # type: ignore[override]
        options = ReviewOptions(target_role=visible_text(self.role.value) or None)
        await review_flow(
            interaction.client,
            InteractionReply(interaction, private_in_servers=True),
            self.resume.value,
            options,
            review_view,
            raise_refusals=True,  # on_error shows the pasted text back with the reason
        )


def review_view(outcome: ReviewOutcome, owner_id: int) -> discord.ui.View:
    """The buttons under a review (no timeout: stateless dynamic items)."""
    view = discord.ui.View(timeout=None)
    review_id = outcome.stored.id
    if outcome.result.skills:
        view.add_item(SaveSkillsButton(owner_id, review_id))
        view.add_item(CareerPathsButton(owner_id, review_id, outcome.area_code))
    if outcome.interview_id:
        view.add_item(InterviewButton(owner_id, outcome.interview_id, outcome.interview_title))
    view.add_item(PasteButton(owner_id, outcome.target_id))
    return view


def paste_view(owner_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(PasteButton(owner_id, None, label="Paste my résumé instead"))
    return view


DYNAMIC_ITEMS: tuple[type[PersistentItem[Any]], ...] = (
    SaveSkillsButton,
    ConfirmSaveButton,
    CareerPathsButton,
    InterviewButton,
    PasteButton,
    ReviewPastedButton,
)

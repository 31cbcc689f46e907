"""Components and the form behind /jobs: the result pager, saved jobs, the board, posting.

- `JobsPager` (a `discord_ui.pager.Pager`): one result per page; only the invoker pages
  (others get a private hint, but anyone may Save a result to their own list); it times out and
  disables itself; after a restart `JobsExpired` answers its old buttons.
- Saved jobs and the board's "close" menu are `PersistentItem`s (state is in the DB), in views
  without a timeout, so they work on any old message.
- `PostingModal`: the job-board form; a rejected form offers `EditPostingButton`, which reopens
  it with what was typed (kept in memory: after a restart the button says the form expired).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from careermate_bot.discord_ui.custom_ids import Fields
from careermate_bot.discord_ui.forms import form_id
from careermate_bot.discord_ui.items import ItemExpired, PersistentItem
from careermate_bot.discord_ui.limits import SELECT_OPTIONS_LIMIT, truncate
from careermate_bot.discord_ui.live_views import ExpiredList
from careermate_bot.discord_ui.memory import ClientMemory
from careermate_bot.discord_ui.pager import PAGER_TIMEOUT, Pager
from careermate_bot.discord_ui.views import CareerMateModal
from careermate_bot.errors import InvalidInput, UserFacingError
from careermate_bot.services.jobs import (
    COMPANY_MAX,
    DESCRIPTION_MAX,
    LOCATION_MAX,
    SKILLS_TEXT_MAX,
    TITLE_MAX,
    JobSearch,
    SavedSnapshot,
)
from cogs.jobs.embeds import SAVED_PAGE, board_embed, job_page, posting_embed, saved_embed

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)

URL_BUTTON_LIMIT = 512  # Discord's limit for a link button's URL
NOT_YOURS = "These are someone else's results. Run `/jobs search` yourself to page through yours."


# -- the result pager ------------------------------------------------------------------------------


class JobsExpired(
    ExpiredList, kinds="jobs", expired="This list expired. Run `/jobs search` again."
):
    """Clicks on a /jobs pager whose view is gone (timed out, or a restart)."""


class SavedExpired(
    ExpiredList, kinds="saved", expired="This list expired. Run `/jobs saved` again."
):
    """Clicks on a saved-jobs list of an earlier version (before it survived restarts)."""


class BoardExpired(
    ExpiredList, kinds="board", expired="This list expired. Run `/jobs board` again."
):
    """Clicks on a job-board list of an earlier version (before it survived restarts)."""


class JobsPager(Pager):
    """The /jobs results: one per page; Save (anyone, to their own list) and job-board links."""

    kind = "jobs"

    def __init__(
        self, search: JobSearch, owner_id: int, client: object, *, timeout: float | None = None
    ) -> None:
        self.search = search
        super().__init__(
            owner_id,
            client,
            pages=len(search.items),
            timeout=PAGER_TIMEOUT if timeout is None else timeout,
            refusal=NOT_YOURS,
        )

    def page_embed(self, index: int) -> discord.Embed:
        return job_page(self.search, index)

    def extra_items(self) -> list[discord.ui.Item[Any]]:
        items: list[discord.ui.Item[Any]] = [
            self.button("save", "Save", row=1, style=discord.ButtonStyle.success, emoji="💾")
        ]
        item = self.search.items[self.index]
        if item.posting is not None and item.posting.posting.url:
            items.append(
                discord.ui.Button(label="Open posting", url=item.posting.posting.url, row=1)
            )
        elif item.role is not None:
            items.extend(
                discord.ui.Button(label=link.board, url=link.url, row=1)
                for link in item.role.links[:4]
                if len(link.url) <= URL_BUTTON_LIMIT
            )
        return items

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        data: Any = interaction.data or {}
        if str(data.get("custom_id", "")).endswith(":save"):
            return True  # anyone may save a shown result to their own list
        return await super().interaction_check(interaction)

    async def on_action(self, interaction: discord.Interaction[Any], action: str) -> None:
        if action != "save":
            return
        item = self.search.items[self.index]
        entry, created = await interaction.client.services.jobs.save(
            interaction.user.id, item, self.search, display_name=interaction.user.display_name
        )
        text = (
            f"💾 Saved **{discord.utils.escape_markdown(entry.title)}**. "
            "See your list with `/jobs saved`."
            if created
            else "You saved that one already. See `/jobs saved`."
        )
        await interaction.response.send_message(text, ephemeral=True)


# -- saved jobs ------------------------------------------------------------------------------------


class SavedRemoveButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id="cm:unsave:{saved_id:int}:{page:int}",
):
    """Remove one saved entry of the clicker's (the list is private, so that is its owner)."""

    def __init__(self, saved_id: int, page: int, label: str = "Remove") -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.danger,
                emoji="🗑️",
                custom_id=self.ids.format(saved_id=saved_id, page=page),
            )
        )
        self.saved_id = saved_id
        self.page = page

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        await interaction.client.services.jobs.unsave(interaction.user.id, self.saved_id)
        await show_saved(interaction, self.page, edit=True)


class SavedPageButton(PersistentItem[discord.ui.Button[Any]], custom_id="cm:savedpg:{page:int}"):
    def __init__(self, page: int, label: str = "…", disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label, custom_id=self.ids.format(page=page), disabled=disabled, row=1
            )
        )
        self.page = page

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        await show_saved(interaction, self.page, edit=True)


def saved_view(saved: list[SavedSnapshot], page: int) -> discord.ui.View:
    pages = max(1, -(-len(saved) // SAVED_PAGE))
    page = max(0, min(page, pages - 1))
    view = discord.ui.View(timeout=None)
    first = page * SAVED_PAGE
    for number, item in enumerate(saved[first : first + SAVED_PAGE], first + 1):
        view.add_item(SavedRemoveButton(item.id, page, label=str(number)))
    if pages > 1:
        # Distinct custom ids per button: "previous" and "next" point at different pages.
        view.add_item(SavedPageButton(max(0, page - 1), "◀", disabled=page == 0))
        view.add_item(SavedPageButton(min(pages - 1, page + 1), "▶", disabled=page >= pages - 1))
    return view


async def show_saved(
    interaction: discord.Interaction[Any], page: int = 0, *, edit: bool = False
) -> None:
    saved = await interaction.client.services.jobs.saved(interaction.user.id)
    pages = max(1, -(-len(saved) // SAVED_PAGE))
    page = max(0, min(page, pages - 1))
    embed, view = saved_embed(saved, page), saved_view(saved, page)
    if edit:
        await interaction.response.edit_message(embed=embed, view=view)
    else:
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)


# -- the server job board --------------------------------------------------------------------------


def is_board_admin(interaction: discord.Interaction[Any]) -> bool:
    perms = interaction.permissions
    return bool(perms.manage_guild or perms.administrator)


NO_PERMISSION = (
    "Only members with **Manage Server** or the job-poster role can post on this server's "
    "board. Ask a moderator to post it, or to give you the role."
)


def ensure_may_post(interaction: discord.Interaction[CareerMateBot]) -> None:
    """Raise `UserFacingError(NO_PERMISSION)` unless the member may post RIGHT NOW: checked by
    /jobs post, by "Edit and resubmit" and again when the form is submitted, so a poster role
    removed in between stops the post (Discord sends fresh roles and permissions each time)."""
    role_ids = [role.id for role in getattr(interaction.user, "roles", [])]
    if not interaction.client.services.jobs.may_post(
        manage_guild=is_board_admin(interaction),
        role_ids=role_ids,
        poster_role_id=interaction.client.services.settings.job_poster_role_id,
    ):
        raise UserFacingError(NO_PERMISSION)


class ClosePostingSelect(
    PersistentItem[discord.ui.Select[Any]], custom_id="cm:closepost:{guild:int}"
):
    """Close one posting; the service checks that the member posted it or manages the server."""

    def __init__(self, guild_id: int, options: list[discord.SelectOption] | None = None) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=self.ids.format(guild=guild_id),
                placeholder="Close one of your postings…",
                options=options or [discord.SelectOption(label="…", value="0")],
            )
        )
        self.guild_id = guild_id

    @classmethod
    def from_values(cls, values: Fields, item: discord.ui.Item[Any]) -> ClosePostingSelect:
        options = list(item.options) if isinstance(item, discord.ui.Select) else []
        return cls(values.integer("guild"), options)

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        if interaction.guild_id != self.guild_id:
            raise UserFacingError("Use this on the server whose board it is.")
        posting_id = int((self.item.values or ["0"])[0])
        closed = await interaction.client.services.jobs.close_posting(
            posting_id,
            guild_id=self.guild_id,
            user_id=interaction.user.id,
            is_admin=is_board_admin(interaction),
        )
        embed, view = await board_message(interaction)
        await interaction.response.edit_message(
            content=f"Closed **{discord.utils.escape_markdown(closed.title)}**.",
            embed=embed,
            view=view,
        )


async def board_message(
    interaction: discord.Interaction[Any],
) -> tuple[discord.Embed, discord.ui.View]:
    guild = interaction.guild
    if guild is None:
        raise UserFacingError("The job board belongs to a server. Use `/jobs board` there.")
    postings = await interaction.client.services.jobs.open_postings(guild.id)
    embed = board_embed(postings, guild_name=guild.name)
    admin = is_board_admin(interaction)
    mine = [p for p in postings if admin or p.poster_id == interaction.user.id]
    view = discord.ui.View(timeout=None)
    if mine:
        options = [
            discord.SelectOption(
                label=truncate(f"#{p.id} {p.title}", 100),
                description=truncate(f"{p.company} · {p.where()}", 100),
                value=str(p.id),
            )
            for p in mine[:SELECT_OPTIONS_LIMIT]
        ]
        view.add_item(ClosePostingSelect(guild.id, options))
    return embed, view


# -- posting form ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PostingOptions:
    """The /jobs post command options (validated before the form opens)."""

    salary: str | None = None
    link: str | None = None
    remote: bool | None = None
    days: int | None = None


@dataclass(frozen=True, slots=True)
class RejectedPosting:
    """What a poster typed into a form the service rejected, kept for "Edit and resubmit"."""

    options: PostingOptions
    values: dict[str, str]


# Per bot process: after a restart the typed text is gone and the button says so.
REJECTED: ClientMemory[RejectedPosting] = ClientMemory()


class PostingModal(CareerMateModal, title="Post a job on this server"):
    """Five inputs (Discord's maximum); pay, link, remote and duration are command options."""

    job_title: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Job title",
        custom_id="title",
        max_length=TITLE_MAX,
        placeholder="Junior Data Analyst",
    )
    company: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Company",
        custom_id="company",
        max_length=COMPANY_MAX,
        placeholder="Acme Analytics",
    )
    location: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Location (city, state) or Remote",
        custom_id="location",
        max_length=LOCATION_MAX,
        placeholder="Austin, TX  /  Remote",
    )
    skills: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Skills (comma separated)",
        custom_id="skills",
        required=False,
        max_length=SKILLS_TEXT_MAX,
        placeholder="SQL, Excel, Tableau",
    )
    description: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Description",
        custom_id="description",
        style=discord.TextStyle.paragraph,
        required=False,
        max_length=DESCRIPTION_MAX,
        placeholder="What the job is, who it suits, how to apply.",
    )

    def __init__(
        self, options: PostingOptions, owner_id: int, values: dict[str, str] | None = None
    ) -> None:
        super().__init__(custom_id=form_id("jobpost", owner_id))
        self.options = options
        for name, field in self.fields().items():
            if values and values.get(name):
                field.default = values[name]

    def fields(self) -> dict[str, discord.ui.TextInput[Any]]:
        return {
            "title": self.job_title,
            "company": self.company,
            "location": self.location,
            "skills": self.skills,
            "description": self.description,
        }

    def values(self) -> dict[str, str]:
        return {name: field.value for name, field in self.fields().items()}

    async def submit(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        ensure_may_post(interaction)  # the role may have been removed while the form was open
        jobs = interaction.client.services.jobs
        typed = self.values()
        try:
            draft = jobs.check_posting(
                title=typed["title"],
                company=typed["company"],
                location=typed["location"],
                skills=typed["skills"],
                description=typed["description"],
                salary=self.options.salary,
                url=self.options.link,
                remote=self.options.remote,
                days=self.options.days,
            )
        except InvalidInput as error:
            nonce = REJECTED.put(interaction.client, RejectedPosting(self.options, typed))
            view = discord.ui.View(timeout=None)
            view.add_item(EditPostingButton(interaction.user.id, nonce))
            await interaction.response.send_message(
                f"{error.user_message}\nPress **Edit and resubmit** to fix it; what you typed "
                "is kept.",
                view=view,
                ephemeral=True,
            )
            return
        if interaction.guild_id is None:
            raise UserFacingError("Job postings belong to a server's board.")
        posting = await jobs.post(
            interaction.guild_id,
            interaction.user.id,
            draft,
            poster_name=interaction.user.display_name,
        )
        await interaction.response.send_message(
            "📌 Posted! Members see it in `/jobs search` when it fits them, and in "
            "`/jobs board`. Close it there when it's filled.",
            embed=posting_embed(posting, draft.unknown_skills),
            ephemeral=True,
        )


class EditPostingButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id="cm:repost:{owner:int}:{nonce:hex}",
):
    """ "Edit and resubmit": reopen the job-board form with what the poster typed."""

    refusal = "That form belongs to someone else. Use `/jobs post` to post your own opening."
    expired_text = (
        "That form expired (I restarted since), so what you typed is gone. Run `/jobs post` again."
    )

    def __init__(self, owner: int, nonce: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Edit and resubmit",
                style=discord.ButtonStyle.primary,
                emoji="✏️",
                custom_id=self.ids.format(owner=owner, nonce=nonce),
            )
        )
        self.owner_id = owner
        self.nonce = nonce

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        rejected = REJECTED.get(interaction.client, self.nonce)
        if rejected is None:
            raise ItemExpired()
        ensure_may_post(interaction)
        await interaction.response.send_modal(
            PostingModal(rejected.options, interaction.user.id, rejected.values)
        )


DYNAMIC_ITEMS: tuple[type[PersistentItem[Any]], ...] = (
    SavedRemoveButton,
    SavedPageButton,
    ClosePostingSelect,
    EditPostingButton,
    JobsExpired,
    SavedExpired,
    BoardExpired,
)

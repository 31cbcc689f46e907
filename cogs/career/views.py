"""Components under /career results: the "Skill gap for…" select and "Find jobs for this path".

Both are `PersistentItem`s: everything they need is in their custom id (or the message), so they
keep working after a restart. Their views have no timeout and hold only these items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from careermate_bot.discord_ui.custom_ids import Fields
from careermate_bot.discord_ui.events import FIND_JOBS, has_listener
from careermate_bot.discord_ui.items import ItemExpired, PersistentItem
from careermate_bot.discord_ui.limits import SELECT_OPTIONS_LIMIT, truncate
from careermate_bot.discord_ui.live_views import ExpiredList
from careermate_bot.services.career import CareerPaths
from cogs.career.embeds import gap_embed

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

NOT_YOURS = "These are someone else's results. Run `/career paths` yourself to get yours."


class GapSelect(
    PersistentItem[discord.ui.Select[Any]], custom_id="cm:gap:{owner:int}[:{area:digits}]"
):
    """ "Skill gap for...": the ranked gap for one path, privately. Only the invoker may use it.
    The custom id carries the invoker and the BLS area the result's pay was shown for."""

    refusal = NOT_YOURS

    def __init__(
        self,
        owner: int,
        options: list[discord.SelectOption] | None = None,
        area: str | None = None,
    ) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=self.ids.format(owner=owner, area=area or None),
                placeholder="Skill gap for…",
                options=options or [discord.SelectOption(label="…", value="none")],
                min_values=1,
                max_values=1,
            )
        )
        self.owner_id = owner
        self.area_code = area

    @classmethod
    def from_values(cls, values: Fields, item: discord.ui.Item[Any]) -> GapSelect:
        options = list(item.options) if isinstance(item, discord.ui.Select) else []
        return cls(values.integer("owner"), options, values.optional_text("area"))

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        values = self.item.values
        if not values or values[0] == "none":
            await interaction.response.send_message("Pick a path from the list.", ephemeral=True)
            return
        gap = await interaction.client.services.career.skill_gap(
            interaction.user.id,
            values[0],
            display_name=interaction.user.display_name,
            area_code=self.area_code,
        )
        await interaction.response.send_message(
            embed=gap_embed(gap), view=gap_view(gap.report.occupation.id), ephemeral=True
        )


class FindJobsButton(PersistentItem[discord.ui.Button[Any]], custom_id="cm:findjobs:{occ:slug}"):
    """ "Find jobs for this path": the /jobs results for one occupation, for whoever clicks.
    The jobs feature answers it (the `find_jobs` bot event), so no cog imports the other."""

    def __init__(self, occ: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Find jobs for this path",
                emoji="🔎",
                style=discord.ButtonStyle.primary,
                custom_id=self.ids.format(occ=occ),
            )
        )
        self.occupation_id = occ

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        if not has_listener(interaction.client, FIND_JOBS):
            raise ItemExpired("Job search isn't available right now. Try `/jobs search` later.")
        interaction.client.dispatch(FIND_JOBS, interaction, self.occupation_id)


class CareerExpired(
    ExpiredList, kinds="career", expired="These results expired. Run `/career paths` again."
):
    """Clicks on /career results of an earlier version (before they survived restarts)."""


def career_view(owner_id: int, paths: CareerPaths) -> discord.ui.View:
    """The select under a /career result (no timeout: it is a stateless dynamic item)."""
    options = [
        discord.SelectOption(
            label=truncate(f"{i}. {m.occupation.title}", 100),
            description=truncate(f"{m.match_percent}% match · see what to learn", 100),
            value=m.occupation.id,
        )
        for i, m in enumerate(paths.matches[:SELECT_OPTIONS_LIMIT], 1)
    ]
    view = discord.ui.View(timeout=None)
    if options:
        view.add_item(GapSelect(owner_id, options, paths.area_code))
    return view


def gap_view(occupation_id: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(FindJobsButton(occupation_id))
    return view


DYNAMIC_ITEMS: tuple[type[PersistentItem[Any]], ...] = (GapSelect, FindJobsButton, CareerExpired)

"""The one base class for every component the bot leaves in a channel: `PersistentItem`.

A `PersistentItem` is a discord.py `DynamicItem`: its custom id matches a template, so a click is
routed to it even after a restart (nothing needs to be in memory). The custom id is declared
once (`custom_ids.IdTemplate` syntax); the regex, the formatter and the parser come from it:

    class SaveButton(PersistentItem[discord.ui.Button[Any]], custom_id="cm:save:{owner:int}"):
        refusal = "That's someone else's list."

        def __init__(self, owner: int) -> None:
            button = discord.ui.Button(label="Save", custom_id=self.ids.format(owner=owner))
            super().__init__(button)
            self.owner_id = owner               # only this user may click (None: anyone)

        async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
            ...                                 # raise ItemExpired() when its state is gone

A click rebuilds the item with `cls(**fields)` (the template's field names are the constructor's
keyword arguments); an item that needs more (a select's options) overrides `from_values`.

What the base does for every click: refuses new work during shutdown; lets only `owner_id` use
it (others get `refusal`, privately); answers `ItemExpired` with `expired_text` ("this expired,
run ... again"); and turns any other error into the same short private line a failed command
gets (a locked database: "try again in a few seconds"), with the details in the log.
Register each subclass once: `bot.add_dynamic_items(SaveButton)` in the cog package's `setup`.

Never put a DynamicItem in a view that times out or is `stop()`ped: discord.py then unregisters
the item's template for the whole bot. Views holding them use `timeout=None`; remove a finished
item by editing the message (`view=None`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, ClassVar, Self, TypeVar

import discord

from careermate_bot.discord_ui.custom_ids import Fields, IdTemplate
from careermate_bot.discord_ui.errors import (
    SHUTTING_DOWN,
    report_interaction_error,
    send_ephemeral,
)

log = logging.getLogger(__name__)

ItemT = TypeVar("ItemT", bound=discord.ui.Item[Any], covariant=True)
NEVER_MATCHES = r"(?!)"  # the abstract base itself is never registered


class ItemExpired(Exception):
    """Raised by `PersistentItem.run` when what the component acted on is gone (a restart, a
    finished answer); the user gets `text` or the item's `expired_text`."""

    def __init__(self, text: str | None = None) -> None:
        super().__init__(text or "expired")
        self.text = text


class PersistentItem(discord.ui.DynamicItem[ItemT], template=NEVER_MATCHES):
    """Base for the bot's buttons and selects: invoker check, expiry answer, error replies."""

    refusal: ClassVar[str] = "That belongs to someone else. Run the command yourself."
    expired_text: ClassVar[str] = "This expired. Run the command again."
    ids: ClassVar[IdTemplate]
    owner_id: int | None = None

    def __init_subclass__(cls, *, custom_id: str | None = None, **kwargs: Any) -> None:
        if custom_id is not None:
            cls.ids = IdTemplate(custom_id)
            kwargs["template"] = cls.ids.pattern
        kwargs.setdefault("template", NEVER_MATCHES)  # an abstract base in between
        super().__init_subclass__(**kwargs)

    # -- parsing the custom id -------------------------------------------------------------------
    @classmethod
    def from_values(cls, values: Fields, item: discord.ui.Item[Any]) -> Self:
        """A new instance from the custom id's fields (and the clicked component, e.g. a
        select's options). By default the fields are the constructor's keyword arguments."""
        build: Callable[..., Self] = cls
        return build(**values)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        return cls.from_values(cls.ids.values(match), item)

    # -- the click -------------------------------------------------------------------------------
    async def run(self, interaction: discord.Interaction[Any]) -> None:
        """What the click does. Subclasses implement this; raise `ItemExpired` when its state
        is gone. Any other exception is answered like a failed command."""
        raise NotImplementedError

    @property
    def where(self) -> str:
        kind = "menu" if isinstance(self.item, discord.ui.Select) else "button"
        return f"{kind} {type(self).__name__}"

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if self.owner_id is None or interaction.user.id == self.owner_id:
            return True
        await send_ephemeral(interaction, self.refusal)
        return False

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if not getattr(interaction.client, "accepting_work", True):
            await send_ephemeral(interaction, SHUTTING_DOWN)
            return
        try:
            await self.run(interaction)
        except ItemExpired as gone:
            log.info("%s clicked after its state was gone (%s)", self.where, self.custom_id)
            await send_ephemeral(interaction, gone.text or self.expired_text)
        except Exception as error:  # answered like a command error, never "interaction failed"
            await report_interaction_error(interaction, error, self.where)

"""Result views that time out, and a catcher for clicks on views that no longer exist.

/career and /jobs results hold their state in memory (the ranked list, the page), so their
views time out and disable themselves. Their components use custom ids
``cm:<kind>:<nonce>:<action>``. After a restart (or once a view is gone) Discord still delivers
clicks on the old message; without a handler the user would see "This interaction failed".
`ExpiredListButton` is a `DynamicItem` whose template matches those ids: it stays silent while
the view is alive (the view answers) and otherwise says the list expired and which command to
run again. The bot registers it once (`CareerMateBot.setup_hook`).

Never put a DynamicItem inside a view that times out: discord.py then unregisters the item's
template globally when the view stops. That is why live views use plain components here.
"""

from __future__ import annotations

import re
import weakref
from typing import TYPE_CHECKING, Any

import discord

from careermate_bot.discord_ui.items import ItemExpired, PersistentItem
from careermate_bot.discord_ui.memory import new_nonce
from careermate_bot.discord_ui.views import OwnedView

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

PREFIX = "cm"
KINDS = ("career", "jobs", "saved", "board")
EXPIRED: dict[str, str] = {
    "career": "These results expired. Run `/career paths` again for fresh ones.",
    "jobs": "This list expired. Run `/jobs search` again.",
    "saved": "This list expired. Run `/jobs saved` again.",
    "board": "This list expired. Run `/jobs board` again.",
}

_live: weakref.WeakValueDictionary[str, LiveView] = weakref.WeakValueDictionary()


def custom_id(kind: str, nonce: str, action: str) -> str:
    return f"{PREFIX}:{kind}:{nonce}:{action}"


def is_live(nonce: str, client: object) -> bool:
    view = _live.get(nonce)
    return view is not None and not view.is_finished() and view.client is client


class LiveView(OwnedView):
    """An owner-only view with a nonce in its custom ids, known to `ExpiredListButton`."""

    kind = "jobs"

    def __init__(
        self, owner_id: int, client: object, *, timeout: float | None, refusal: str
    ) -> None:
        super().__init__(owner_id, timeout=timeout, refusal=refusal)
        self.client = client
        self.nonce = new_nonce()
        _live[self.nonce] = self

    def cid(self, action: str) -> str:
        return custom_id(self.kind, self.nonce, action)

    def forget(self) -> None:
        """From now on `ExpiredListButton` answers this view's buttons."""
        _live.pop(self.nonce, None)

    def stop(self) -> None:
        self.forget()
        super().stop()

    async def on_timeout(self) -> None:
        self.forget()
        await super().on_timeout()


TEMPLATE = rf"{PREFIX}:(?P<kind>{'|'.join(KINDS)}):(?P<nonce>[0-9a-f]+):(?P<action>[a-z0-9-]+)"


class ExpiredListButton(PersistentItem[discord.ui.Item[Any]], template=TEMPLATE):
    """Answers clicks on result lists whose view is gone ("this list expired, run ... again")."""

    def __init__(self, kind: str, nonce: str, action: str, *, select: bool = False) -> None:
        item: discord.ui.Item[Any] = (
            discord.ui.Select(custom_id=custom_id(kind, nonce, action))
            if select
            else discord.ui.Button(label="…", custom_id=custom_id(kind, nonce, action))
        )
        super().__init__(item)
        self.kind = kind
        self.nonce = nonce

    @classmethod
    def from_match(cls, match: re.Match[str], item: discord.ui.Item[Any]) -> ExpiredListButton:
        return cls(
            match["kind"],
            match["nonce"],
            match["action"],
            select=isinstance(item, discord.ui.Select),
        )

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        if is_live(self.nonce, interaction.client):
            return  # the live view answers this click
        raise ItemExpired(EXPIRED.get(self.kind, "This list expired. Run the command again."))

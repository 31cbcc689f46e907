"""Result views that time out, and a catcher for clicks on views that no longer exist.

/career and /jobs results hold their state in memory (the ranked list, the page), so their
views time out and disable themselves. Their components use custom ids
``cm:<kind>:<nonce>:<action>``. After a restart (or once a view is gone) Discord still delivers
clicks on the old message; without a handler the user would see "This interaction failed".
`ExpiredListButton` is a `DynamicItem` whose template matches those ids: it stays silent while
the view is alive (the view answers) and otherwise says the list expired and which command to
run again. Register it once with ``bot.add_dynamic_items(ExpiredListButton)``.

Never put a DynamicItem inside a view that times out: discord.py then unregisters the item's
template globally when the view stops. That is why live views use plain components here.
"""

from __future__ import annotations

import re
import secrets
import weakref
from typing import Any

import discord

from careermate_bot.discord_ui.views import OwnedView

PREFIX = "cm"
KINDS = ("career", "jobs", "saved", "board")
EXPIRED: dict[str, str] = {
    "career": "These results expired. Run `/career paths` again for fresh ones.",
    "jobs": "This list expired. Run `/jobs search` again.",
    "saved": "This list expired. Run `/jobs saved` again.",
    "board": "This list expired. Run `/jobs board` again.",
}

_live: weakref.WeakValueDictionary[str, LiveView] = weakref.WeakValueDictionary()


def new_nonce() -> str:
    return secrets.token_hex(6)


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

    def stop(self) -> None:
        _live.pop(self.nonce, None)
        super().stop()

    async def on_timeout(self) -> None:
        _live.pop(self.nonce, None)
        await super().on_timeout()


TEMPLATE = rf"{PREFIX}:(?P<kind>{'|'.join(KINDS)}):(?P<nonce>[0-9a-f]+):(?P<action>[a-z0-9-]+)"


class ExpiredListButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=TEMPLATE):
    """Answers clicks on result lists whose view is gone ("this list expired, run ... again")."""

    def __init__(self, kind: str, nonce: str, action: str, *, select: bool = False) -> None:
        item: Any = (
            discord.ui.Select(custom_id=custom_id(kind, nonce, action))
            if select
            else discord.ui.Button(label="…", custom_id=custom_id(kind, nonce, action))
        )
        super().__init__(item)
        self.kind = kind
        self.nonce = nonce

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ExpiredListButton:
        return cls(
            match["kind"],
            match["nonce"],
            match["action"],
            select=isinstance(item, discord.ui.Select),
        )

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if is_live(self.nonce, interaction.client):
            return  # the live view answers this click
        await interaction.response.send_message(
            EXPIRED.get(self.kind, "This list expired. Run the command again."), ephemeral=True
        )

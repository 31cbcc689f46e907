"""Result views that time out, and a catcher for clicks on views that no longer exist.

Some results hold their state in memory (the ranked list, the page), so their views time out
and disable themselves. Their components use custom ids ``cm:<kind>:<nonce>:<action>``. After
a restart (or once a view is gone) Discord still delivers clicks on the old message; without a
handler the user would see "This interaction failed". A feature declares, for its kinds, an
`ExpiredList` catcher: a `DynamicItem` whose template matches those ids, silent while the view
is alive (the view answers) and otherwise saying the list expired and what to run again:

    class ListExpired(ExpiredList, kinds="list", expired="This list expired. Run it again.")

Never put a DynamicItem inside a view that times out: discord.py then unregisters the item's
template globally when the view stops. That is why live views use plain components here.
"""

from __future__ import annotations

import weakref
from typing import Any, ClassVar, Self

import discord

from careermate_bot.discord_ui.custom_ids import Fields
from careermate_bot.discord_ui.items import ItemExpired, PersistentItem
from careermate_bot.discord_ui.memory import new_nonce
from careermate_bot.discord_ui.views import OwnedView

PREFIX = "cm"

_live: weakref.WeakValueDictionary[str, LiveView] = weakref.WeakValueDictionary()


def custom_id(kind: str, nonce: str, action: str) -> str:
    return f"{PREFIX}:{kind}:{nonce}:{action}"


def is_live(nonce: str, client: object) -> bool:
    view = _live.get(nonce)
    return view is not None and not view.is_finished() and view.client is client


class LiveView(OwnedView):
    """An owner-only view with a nonce in its custom ids, known to its feature's `ExpiredList`.
    Subclasses name their `kind` (the feature's word in the custom ids)."""

    kind: ClassVar[str]

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
        """From now on the feature's `ExpiredList` answers this view's buttons."""
        _live.pop(self.nonce, None)

    def stop(self) -> None:
        self.forget()
        super().stop()

    async def on_timeout(self) -> None:
        self.forget()
        await super().on_timeout()


class ExpiredList(PersistentItem[discord.ui.Item[Any]]):
    """Answers clicks on result lists whose view is gone ("this list expired, run ... again").
    Subclass it once per feature with its kinds (``"a|b"``) and its line."""

    kinds: ClassVar[str]

    def __init_subclass__(
        cls, *, kinds: str | None = None, expired: str | None = None, **kwargs: Any
    ) -> None:
        if kinds is not None:
            cls.kinds = kinds
            kwargs["custom_id"] = f"{PREFIX}:{{kind:{kinds}}}:{{nonce:hex}}:{{action:word}}"
        if expired is not None:
            cls.expired_text = expired
        super().__init_subclass__(**kwargs)

    def __init__(self, kind: str, nonce: str, action: str, *, select: bool = False) -> None:
        cid = custom_id(kind, nonce, action)
        item: discord.ui.Item[Any] = (
            discord.ui.Select(custom_id=cid)
            if select
            else discord.ui.Button(label="…", custom_id=cid)
        )
        super().__init__(item)
        self.kind = kind
        self.nonce = nonce

    @classmethod
    def from_values(cls, values: Fields, item: discord.ui.Item[Any]) -> Self:
        return cls(
            values.text("kind"),
            values.text("nonce"),
            values.text("action"),
            select=isinstance(item, discord.ui.Select),
        )

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        if is_live(self.nonce, interaction.client):
            return  # the live view answers this click
        raise ItemExpired()

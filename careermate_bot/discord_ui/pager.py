"""The one pager: one page at a time, ⏮ ◀ x/y ▶ ⏭, owner-only, times out and disables itself.

A feature subclasses `Pager`, says how many pages there are and how to draw one, and may add its
own buttons under the navigation (`extra_items`) and actions (`on_action`):

    class JobsPager(Pager):
        kind = "jobs"                                   # custom ids cm:jobs:<nonce>:<action>
        def page_embed(self, index: int) -> discord.Embed: ...

State is in memory (the list being paged), so after a restart or the timeout the old buttons are
answered by the feature's `live_views.ExpiredList` subclass ("this list expired, run ... again").
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from careermate_bot.discord_ui.live_views import LiveView

log = logging.getLogger(__name__)

PAGER_TIMEOUT = 600.0  # seconds; interaction tokens last 15 minutes
NAVIGATION = ("first", "prev", "page", "next", "last")


class Pager(LiveView):
    def __init__(
        self, owner_id: int, client: object, *, pages: int, timeout: float, refusal: str
    ) -> None:
        super().__init__(owner_id, client, timeout=timeout, refusal=refusal)
        self.pages = pages
        self.index = 0
        self._last: discord.Interaction[Any] | None = None
        self._build()

    # -- what a subclass provides ---------------------------------------------------------------
    def page_embed(self, index: int) -> discord.Embed:
        raise NotImplementedError

    def extra_items(self) -> list[discord.ui.Item[Any]]:
        """Components under the navigation for the current page (row 1); `button()` makes them."""
        return []

    async def on_action(self, interaction: discord.Interaction[Any], action: str) -> None:
        """A click on one of the `extra_items` buttons (not navigation)."""

    # -- the pager -------------------------------------------------------------------------------
    def embed(self) -> discord.Embed:
        return self.page_embed(self.index)

    def button(
        self,
        action: str,
        label: str,
        *,
        row: int,
        disabled: bool = False,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        emoji: str | None = None,
    ) -> discord.ui.Button[Any]:
        button: discord.ui.Button[Any] = discord.ui.Button(
            label=label,
            custom_id=self.cid(action),
            row=row,
            disabled=disabled,
            style=style,
            emoji=emoji,
        )
        button.callback = self._callback_for(action)  # type: ignore[method-assign,assignment]
        return button

    def _callback_for(self, action: str) -> Callable[[discord.Interaction[Any]], Awaitable[None]]:
        async def callback(interaction: discord.Interaction[Any]) -> None:
            await self.handle(interaction, action)

        return callback

    def _build(self) -> None:
        self.clear_items()
        last = self.pages - 1
        at_start, at_end = self.index == 0, self.index >= last
        single = self.pages <= 1
        self.add_item(self.button("first", "⏮", row=0, disabled=single or at_start))
        self.add_item(self.button("prev", "◀", row=0, disabled=single or at_start))
        self.add_item(self.button("page", f"{self.index + 1}/{self.pages}", row=0, disabled=True))
        self.add_item(self.button("next", "▶", row=0, disabled=single or at_end))
        self.add_item(self.button("last", "⏭", row=0, disabled=single or at_end))
        for item in self.extra_items():
            self.add_item(item)

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        allowed = await super().interaction_check(interaction)
        if allowed:
            self._last = interaction  # its token can still edit the message at the timeout
        return allowed

    async def handle(self, interaction: discord.Interaction[Any], action: str) -> None:
        if action not in NAVIGATION:
            await self.on_action(interaction, action)
            return
        target = {
            "first": 0,
            "prev": self.index - 1,
            "next": self.index + 1,
            "last": self.pages - 1,
        }.get(action, self.index)
        self.index = max(0, min(target, self.pages - 1))
        self._build()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    async def on_timeout(self) -> None:
        self.forget()
        for child in self.children:
            if isinstance(child, discord.ui.Button) and child.url is None:
                child.disabled = True
        last, self._last = self._last, None
        try:
            if last is not None:
                await last.edit_original_response(view=self)
            elif self.message is not None:
                await self.message.edit(view=self)
        except discord.HTTPException:
            log.debug("could not disable an expired %s pager", self.kind)

"""Show streamed LLM text in Discord: paced edits, continued in new messages past 2,000 chars.

Discord's REST budget (about 50 requests a second per bot, all processes together; five edits
per five seconds per channel) is what limits a fleet, so a streamed reply spends few calls:

- edits at most once per `interval` (STREAM_EDIT_INTERVAL, 2.5 s by default), counted from the
  message's first appearance, and only when the `EditBudget` has room (a skipped edit costs
  nothing: the next one shows the same text and more);
- the final edit also takes the Stop button away (`close_first`): no separate call for it;
- with a grace period (STREAM_GRACE_SECONDS), nothing is posted until it is over: a reply that
  is complete by then is posted once, whole, without a Stop button; a longer one appears with
  the text so far (or the placeholder) and streams on.

A 5 s reply costs about 3 calls (post, one edit, the final edit) instead of about 8.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import discord

from careermate_bot.discord_ui.edit_budget import EditBudget, NoEditBudget
from careermate_bot.discord_ui.limits import MESSAGE_LIMIT
from careermate_bot.discord_ui.pagify import split_message

if TYPE_CHECKING:
    from careermate_bot.config import Settings

log = logging.getLogger(__name__)

Editor = Callable[[str], Awaitable[None]]
"""Replaces the content of one message already on screen."""
Sender = Callable[[str], Awaitable[Editor]]
"""Posts a new message and returns the editor for it."""
Opener = Callable[[str, bool], Awaitable[tuple[Editor, Editor | None]]]
"""Posts the first message of a reply: `(content, running)` -> (its editor, its closer).
`running` is True while the reply is still coming (attach the Stop button); the closer is the
final edit that also removes what was attached (None when nothing was)."""

TYPING_MARK = " ▌"


@dataclass(frozen=True, slots=True)
class StreamPacing:
    """How a streamed reply spends Discord calls (see the module docstring)."""

    interval: float = 1.0
    grace: float = 0.0
    budget: EditBudget = field(default_factory=NoEditBudget)

    @classmethod
    def from_settings(cls, settings: Settings, budget: EditBudget | None = None) -> StreamPacing:
        return cls(
            interval=settings.stream_edit_interval,
            grace=settings.stream_grace_seconds,
            budget=budget or NoEditBudget(),
        )


class StreamedMessage:
    """Text that grows (LLM deltas) shown in a message, continued in new ones when it is long.

    On a message already on screen: ``StreamedMessage(editor, send_next, ...)``, then `feed`
    and `finish`. A reply whose first message is not posted yet: `StreamedMessage.later`, then
    `await start()` (posts at once, or after the grace period), `feed`, `status`, `finish`, and
    `aclose()` in a ``finally`` (takes the Stop button away if `finish` never ran).
    """

    def __init__(
        self,
        first: Editor | None,
        send_next: Sender,
        *,
        interval: float | None = None,
        pacing: StreamPacing | None = None,
        close_first: Editor | None = None,
        limit: int = MESSAGE_LIMIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.pacing = pacing or StreamPacing()
        self._interval = self.pacing.interval if interval is None else interval
        self._editors: list[Editor] = [first] if first is not None else []
        self._shown: list[str] = [""] if first is not None else []
        self._send_next = send_next
        self._closer = close_first
        self._limit = limit
        self._clock = clock
        # The first edit waits an interval too: a reply done by then costs only the final edit.
        self._last_flush = clock()
        self._opener: Opener | None = None
        self._placeholder = ""
        self._timer: asyncio.Task[None] | None = None
        self._opening = False
        self._lock = asyncio.Lock()
        self._finished = False
        self.text = ""
        self.edits = 0
        self.sends = 0

    @classmethod
    def later(
        cls,
        open_first: Opener,
        send_next: Sender,
        *,
        pacing: StreamPacing,
        placeholder: str,
        limit: int = MESSAGE_LIMIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> StreamedMessage:
        """A reply whose first message `open_first` posts when due: at `start()`, or after
        `pacing.grace` seconds (`placeholder` if no text came yet), or whole at `finish()`."""
        stream = cls(None, send_next, pacing=pacing, limit=limit, clock=clock)
        stream._opener = open_first
        stream._placeholder = placeholder
        return stream

    @property
    def opened(self) -> bool:
        """The first message is on screen."""
        return bool(self._editors)

    # Deferred first message ----------------------------------------------------------------------
    async def start(self) -> None:
        """Post the first message now, or arm the grace period."""
        if self._opener is None or self.opened:
            return
        if self.pacing.grace <= 0:
            async with self._lock:
                await self._open(running=True)
            return
        self._timer = asyncio.get_running_loop().create_task(
            self._open_after_grace(), name="streamed-message-grace"
        )

    async def _open_after_grace(self) -> None:
        await asyncio.sleep(self.pacing.grace)
        self._opening = True
        async with self._lock:
            if self.opened or self._finished:
                return
            try:
                await self._open(running=True)
            except discord.HTTPException:  # `finish` posts the reply instead
                log.warning("could not post a streamed reply after its grace period", exc_info=True)

    async def _open(self, *, running: bool, body: str | None = None) -> None:
        """Post the first message (the caller holds the lock)."""
        assert self._opener is not None
        if body is None:
            body = self.text + TYPING_MARK if self.text.strip() else self._placeholder
        chunks = split_message(body, self._limit) if body.strip() else [self._placeholder]
        await self.pacing.budget.spend()
        editor, closer = await self._opener(chunks[0], running)
        self.sends += 1
        self._editors.append(editor)
        self._shown.append(chunks[0])
        self._closer = closer
        self._last_flush = self._clock()
        for chunk in chunks[1:]:
            await self._post(chunk)

    def _disarm(self) -> None:
        if self._timer is not None and not self._timer.done() and not self._opening:
            self._timer.cancel()
        self._timer = None

    # Feeding -------------------------------------------------------------------------------------
    async def feed(self, delta: str) -> None:
        self.text += delta
        if not self.opened or self._clock() - self._last_flush < self._interval:
            return
        if not await self.pacing.budget.try_spend():
            self._last_flush = self._clock()  # over budget: skip this edit, try an interval on
            return
        async with self._lock:
            await self._flush(final=False, prepaid=True)

    async def status(self, line: str) -> None:
        """A line shown before the reply's text (e.g. the place in the queue); posts the first
        message if it is not there yet. Ignored once text is showing."""
        if self.text.strip() or self._finished:
            return
        async with self._lock:
            if not self.opened:
                if self._opener is not None:
                    await self._open(running=True, body=line)
                return
            if self._shown[0] != line and await self.pacing.budget.try_spend():
                await self._editors[0](line)
                self._shown[0] = line
                self.edits += 1
                self._last_flush = self._clock()

    async def finish(self, text: str | None = None) -> None:
        """Show the final text (or `text`, e.g. with a note appended), without the typing mark,
        in the same edit that takes the Stop button away. A reply not posted yet is posted
        once, whole."""
        if text is not None:
            self.text = text
        self._finished = True
        self._disarm()
        async with self._lock:
            if not self.opened and self._opener is not None:
                await self._open(running=False, body=self.text)
                return
            await self._flush(final=True)

    async def aclose(self) -> None:
        """Stop the grace timer; take the Stop button away if the final edit never did (the
        reply failed in between). Safe to call more than once."""
        self._finished = True
        self._disarm()
        if self._closer is None or not self._shown:
            return
        closer, self._closer = self._closer, None
        try:
            await closer(self._shown[0])
            self.edits += 1
        except discord.HTTPException:
            log.warning("could not remove the buttons of a streamed reply", exc_info=True)

    # Showing -------------------------------------------------------------------------------------
    async def _flush(self, *, final: bool, prepaid: bool = False) -> None:
        """Bring the messages up to date (the caller holds the lock). `prepaid`: the first call
        was already taken from the budget."""
        self._last_flush = self._clock()
        body = self.text if final else self.text + TYPING_MARK
        if not body.strip():
            if final and self._closer is not None and self._shown:
                await self.pacing.budget.spend()
                await self._close_first(self._shown[0])
            return
        chunks = split_message(body, self._limit)
        for index, chunk in enumerate(chunks):
            closing = final and index == 0 and self._closer is not None
            if index < len(self._editors):
                if not closing and self._shown[index] == chunk:
                    continue
                if not prepaid:
                    await self.pacing.budget.spend()
                prepaid = False
                if closing:
                    await self._close_first(chunk)
                else:
                    await self._editors[index](chunk)
                    self.edits += 1
                self._shown[index] = chunk
            else:
                if not prepaid:
                    await self.pacing.budget.spend()
                prepaid = False
                await self._post(chunk, budgeted=True)

    async def _close_first(self, chunk: str) -> None:
        assert self._closer is not None
        await self._closer(chunk)  # if it fails, `aclose` tries once more
        self._closer = None
        self.edits += 1

    async def _post(self, chunk: str, *, budgeted: bool = False) -> None:
        if not budgeted:
            await self.pacing.budget.spend()
        self._editors.append(await self._send_next(chunk))
        self._shown.append(chunk)
        self.sends += 1

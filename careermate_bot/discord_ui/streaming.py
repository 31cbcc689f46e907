"""Show streamed LLM text in Discord: throttled edits, continued in new messages past 2,000 chars.

Discord rate-limits message edits (about five per five seconds per channel), so we edit at most
once per `interval` seconds and always once at the end with the full text.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from careermate_bot.discord_ui.limits import MESSAGE_LIMIT
from careermate_bot.discord_ui.pagify import split_message

Editor = Callable[[str], Awaitable[None]]
"""Replaces the content of one message already on screen."""
Sender = Callable[[str], Awaitable[Editor]]
"""Posts a new message and returns the editor for it."""

TYPING_MARK = " ▌"


class StreamedMessage:
    """Text that grows (LLM deltas) shown in a message, continued in new ones when it is long."""

    def __init__(
        self,
        first: Editor,
        send_next: Sender,
        *,
        interval: float = 1.0,
        limit: int = MESSAGE_LIMIT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._editors: list[Editor] = [first]
        self._shown: list[str] = [""]
        self._send_next = send_next
        self._interval = interval
        self._limit = limit
        self._clock = clock
        self._last_flush = float("-inf")
        self.text = ""
        self.edits = 0

    async def feed(self, delta: str) -> None:
        self.text += delta
        if self._clock() - self._last_flush >= self._interval:
            await self._flush(final=False)

    async def finish(self, text: str | None = None) -> None:
        """Show the final text (or `text`, e.g. with a note appended), without the typing mark."""
        if text is not None:
            self.text = text
        await self._flush(final=True)

    async def _flush(self, *, final: bool) -> None:
        self._last_flush = self._clock()
        body = self.text if final else self.text + TYPING_MARK
        if not body.strip():
            return
        chunks = split_message(body, self._limit)
        for index, chunk in enumerate(chunks):
            if index < len(self._editors):
                if self._shown[index] != chunk:
                    await self._editors[index](chunk)
                    self._shown[index] = chunk
                    self.edits += 1
            else:
                self._editors.append(await self._send_next(chunk))
                self._shown.append(chunk)

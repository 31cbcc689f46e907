"""Remove ``<think>...</think>`` reasoning from what users see, streamed or not.

Reasoning models (DeepSeek-R1, Qwen3, ...) write their chain of thought between think tags.
`ThinkStripper` works on a stream whose tags may be split across chunks at any character;
`strip_think` does the same for a whole text. Leading whitespace of the visible answer is
dropped too (models usually put blank lines after ``</think>``).
"""

from __future__ import annotations

OPEN_TAG = "<think>"
CLOSE_TAG = "</think>"


def _partial_suffix(text: str, tag: str) -> int:
    """Length of the longest proper prefix of `tag` that `text` ends with."""
    for size in range(min(len(tag) - 1, len(text)), 0, -1):
        if text.endswith(tag[:size]):
            return size
    return 0


class ThinkStripper:
    """Incremental filter: ``feed(chunk)`` returns the visible part; ``flush()`` the rest."""

    __slots__ = ("_buffer", "_inside", "_visible_started")

    def __init__(self) -> None:
        self._buffer = ""
        self._inside = False
        self._visible_started = False

    def feed(self, chunk: str) -> str:
        if not self._inside and not self._buffer and "<" not in chunk:
            return self._visible(chunk)  # fast path: the usual token without any tag
        self._buffer += chunk
        out: list[str] = []
        while self._buffer:
            if self._inside:
                end = self._buffer.find(CLOSE_TAG)
                if end == -1:
                    keep = _partial_suffix(self._buffer, CLOSE_TAG)
                    self._buffer = self._buffer[len(self._buffer) - keep :]
                    break
                self._buffer = self._buffer[end + len(CLOSE_TAG) :]
                self._inside = False
                continue
            start = self._buffer.find(OPEN_TAG)
            stray = self._buffer.find(CLOSE_TAG)
            if stray != -1 and (start == -1 or stray < start):
                # A close tag without an open one (the prompt opened the block): hide the tag.
                out.append(self._buffer[:stray])
                self._buffer = self._buffer[stray + len(CLOSE_TAG) :]
                continue
            if start == -1:
                keep = max(
                    _partial_suffix(self._buffer, OPEN_TAG),
                    _partial_suffix(self._buffer, CLOSE_TAG),
                )
                cut = len(self._buffer) - keep
                out.append(self._buffer[:cut])
                self._buffer = self._buffer[cut:]
                break
            out.append(self._buffer[:start])
            self._buffer = self._buffer[start + len(OPEN_TAG) :]
            self._inside = True
        return self._visible("".join(out))

    def flush(self) -> str:
        """End of stream: an unterminated think block is dropped; a dangling partial tag is text."""
        rest = "" if self._inside else self._buffer
        self._buffer = ""
        self._inside = False
        return self._visible(rest)

    def _visible(self, text: str) -> str:
        if not self._visible_started:
            text = text.lstrip()
            if text:
                self._visible_started = True
        return text


def strip_think(text: str) -> str:
    """Whole-text version. A stray ``</think>`` hides everything before it (the prompt opened
    the think block, as some templates do)."""
    if CLOSE_TAG in text and OPEN_TAG not in text.split(CLOSE_TAG, 1)[0]:
        text = text.split(CLOSE_TAG, 1)[1]
    stripper = ThinkStripper()
    return (stripper.feed(text) + stripper.flush()).strip()

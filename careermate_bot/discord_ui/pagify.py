"""Split long text into Discord-sized messages without breaking code blocks or words.

A cut inside a ``` fence closes the fence at the end of that chunk and reopens it (with the same
language) at the start of the next, so every chunk renders on its own.
"""

from __future__ import annotations

from careermate_bot.discord_ui.limits import MESSAGE_LIMIT

FENCE = "```"


def _open_fence(text: str) -> str | None:
    """The opening line (e.g. "```python") of a fence left open at the end of `text`, if any."""
    opening: str | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(FENCE):
            if opening is None:
                opening = stripped if stripped.count(FENCE) == 1 else None
            elif stripped.count(FENCE) == 1:
                opening = None
    return opening


def _cut_point(text: str, limit: int) -> int:
    """Where to cut `text` (len > limit): the last paragraph, line, sentence or word break."""
    window = text[:limit]
    for separator in ("\n\n", "\n", ". ", " "):
        index = window.rfind(separator)
        if index >= limit // 2:
            return index + len(separator)
    return limit


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Chunks of at most `limit` characters that join back to the same visible text."""
    if limit < 40:
        raise ValueError("limit too small to carry code fences")
    chunks: list[str] = []
    rest = text
    reopen = ""
    while rest:
        candidate = reopen + rest
        if len(candidate) <= limit:
            chunks.append(candidate.rstrip())
            break
        # Leave room to close a fence we may be inside of.
        budget = limit - len("\n" + FENCE)
        cut = _cut_point(candidate, budget)
        if cut <= len(reopen):  # nothing of `rest` fits behind the reopened fence
            cut = budget
        chunk = candidate[:cut]
        fence = _open_fence(chunk)
        if fence is not None:
            chunk = chunk.rstrip("\n") + "\n" + FENCE
            reopen = fence + "\n"
        else:
            reopen = ""
        chunks.append(chunk.rstrip() if fence is None else chunk)
        rest = candidate[cut:]
        if reopen:
            rest = rest.lstrip("\n")
    return [c for c in chunks if c.strip()]

"""Show what a user typed back to them safely: shortened, on one line, markdown neutralised.

Discord renders markdown in message text and embeds; echoing "**x**" or "`" from a user could
change how our reply looks. `quote` escapes the markdown characters so the text is shown as
typed, never interpreted (mentions are already inert: the bot sends with no allowed mentions).
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\*_~`|<>\[\]()])")


def escape_markdown(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", text)


def shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + "…"


def quote(text: str, limit: int = 40) -> str:
    """'“text”' with markdown escaped, whitespace collapsed and cut to `limit` characters."""
    return f"“{escape_markdown(shorten(text, limit))}”"

"""Show what a user typed back to them safely: shortened, on one line, markdown neutralised.

Discord renders markdown in message text and embeds; echoing "**x**" or "`" from a user could
change how our reply looks. `quote` escapes the markdown characters so the text is shown as
typed, never interpreted (mentions are already inert: the bot sends with no allowed mentions).

`visible_text` / `visible_multiline` are the one normaliser for text a user types into a field:
they drop characters that show nothing (zero-width spaces and joiners, BOM, soft hyphens,
direction marks, control characters, Hangul and Braille blanks) and tidy whitespace, so a field
that holds only invisible characters counts as empty everywhere ("required" means "visible").
"""

from __future__ import annotations

import re
import unicodedata

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


# Characters that are not whitespace to Python but still show nothing (U+FFFC, the object
# replacement character, stands for an embedded object that a text field never has).
_BLANK_LOOKALIKES = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\ufffc")
_ZWJ = "\u200d"


def is_invisible(ch: str) -> bool:
    """True for a character that renders as nothing (whitespace is handled separately)."""
    if ch in _BLANK_LOOKALIKES:
        return True
    category = unicodedata.category(ch)
    # Cf: format characters (zero-width space/joiners, BOM, bidi marks, soft hyphen, tag
    # characters); Cc: control characters; Cs/Co/Cn: surrogates, private use, unassigned.
    return category in ("Cf", "Cc", "Cs", "Co", "Cn") and not ch.isspace()


def _strip_invisible(text: str) -> str:
    kept: list[str] = []
    for index, ch in enumerate(text):
        if ch == _ZWJ:
            # Keep a joiner only inside an emoji sequence (between two visible characters).
            before = kept[-1] if kept else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if before and not before.isspace() and after and not after.isspace():
                if not is_invisible(after):
                    kept.append(ch)
            continue
        if ch.isspace() and ch not in "\n\t ":
            kept.append(" ")
        elif not is_invisible(ch):
            kept.append(ch)
    return "".join(kept)


def visible_text(text: str | None) -> str:
    """One line of what the user can actually see: invisible characters dropped, whitespace
    collapsed to single spaces, ends trimmed. "" when nothing visible is left (a lone
    combining mark or variation selector has nothing to sit on, so it counts as nothing)."""
    value = " ".join(_strip_invisible(str(text or "")).split())
    if all(unicodedata.category(ch).startswith("M") or ch == " " for ch in value):
        return ""
    return value


def visible_multiline(text: str | None) -> str:
    """Like `visible_text` but keeps line breaks (for descriptions): each line tidied, runs of
    blank lines collapsed to one, ends trimmed."""
    lines = [" ".join(line.split()) for line in _strip_invisible(str(text or "")).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    value = "\n".join(out).strip()
    return value if visible_text(value) else ""


_LIST_SEPARATORS = re.compile(r"[,;\n]+")


def split_list(text: str | None) -> list[str]:
    """A typed list: 'Python, SQL;\\nExcel' -> ['Python', 'SQL', 'Excel'] (blank items dropped).
    The one splitter for skills, locations and roles, whatever front end they were typed in."""
    items = (visible_text(item) for item in _LIST_SEPARATORS.split(text or ""))
    return [item for item in items if item]

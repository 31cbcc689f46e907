"""Tokenising and normalising text the same way for skill aliases and for user input.

A token keeps the punctuation that is part of technology names: "C++", "C#", ".NET", "Node.js",
"ASP.NET", "R&D", "P&L". Hyphens, slashes and commas separate tokens, so "front-end" and
"front end" compare equal, and "Python-based" still yields "Python".
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

_ALNUM = r"[^\W_]"
TOKEN_RE = re.compile(
    rf"(?:(?<![^\W_.])\.(?={_ALNUM}))?"  # a leading dot as in ".NET", not in "end.NET"
    rf"{_ALNUM}"
    rf"(?:{_ALNUM}|[.&'](?={_ALNUM})|[+#]++(?![^\W\d_]))*"
)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "\u00a0": " "})


class Token(NamedTuple):
    norm: str
    raw: str
    start: int
    end: int


def clean(text: str) -> str:
    """NFKC, straight quotes and plain hyphens, so offsets stay aligned with `tokenize`."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def normalize_token(raw: str) -> str:
    word = raw.casefold()
    if word.endswith("'s"):
        word = word[:-2]
    return word.rstrip("'")


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` (already `clean`ed or not: offsets refer to the cleaned text)."""
    out: list[Token] = []
    for m in TOKEN_RE.finditer(clean(text)):
        norm = normalize_token(m.group())
        if norm:
            out.append(Token(norm, m.group(), m.start(), m.end()))
    return out


_SIMPLE = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


def norm_key(text: str) -> tuple[str, ...]:
    """The token tuple used as a dictionary key for an alias or a name."""
    lowered = text.lower()
    if _SIMPLE.fullmatch(lowered):  # fast path: plain words and spaces
        return tuple(lowered.split(" "))
    return tuple(t.norm for t in tokenize(text))


def norm_text(text: str) -> str:
    """A lower-case, punctuation-light form for fuzzy comparison ("Austin-Round Rock" ->
    "austin round rock")."""
    return " ".join(norm_key(text))


def plural(word: str) -> str | None:
    """The regular English plural of a lower-case word, or None when it should not get one."""
    if len(word) < 3 or not word.isalpha() or word.endswith("s"):
        return None
    if word.endswith(("x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"

"""Finding occupations and certifications named in a question: a dictionary scan over tokens.

Occupation names are the catalogue's titles and aliases (plus a regular plural of the last
word); certification names are the table's names and aliases. Short all-caps acronyms ("PM",
"PA", "OT", "EA") only match when typed in capitals, except a few that are never ordinary words
("RN", "LPN", "EMT"), so "pm me" or "ot" in chat don't become roles. Longest match wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from careermate_bot.knowledge.text import plural
from careermate_bot.knowledge.types import Occupation

MentionKind = Literal["role", "cert"]
MAX_WORDS = 7
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[+#]+)?")
# All-caps aliases safe to match in any case (they are not English words).
ANY_CASE_ACRONYMS = frozenset(
    """rn lpn lvn emt cna swe sre sdet dba rdh dds dvm slp fnp aprn lcsw cpht dpt pmp capm cissp
    cism cisa ccna shrm phr aphr cfa cfp cpa itil csm psm cspo cscp ceh oscp rhcsa cka hha chha
    stna mle pmm sdr bdr rrt psyd msw lmt cst lpc""".split()
)


@dataclass(frozen=True, slots=True)
class Token:
    low: str
    raw: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    kind: MentionKind
    id: str
    start: int  # token index
    end: int  # token index, exclusive
    text: str


def tokens(text: str) -> list[Token]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return [
        Token(m.group().lower(), m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)
    ]


def _key(name: str) -> tuple[str, ...]:
    return tuple(t.low for t in tokens(name))


def _case_sensitive(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    return len(letters) <= 4 and letters.isupper() and letters.lower() not in ANY_CASE_ACRONYMS


class NameScanner:
    """Longest-match scan for a set of names, each pointing at one id."""

    def __init__(self, kind: MentionKind) -> None:
        self.kind = kind
        self._names: dict[tuple[str, ...], tuple[str, tuple[str, ...] | None]] = {}

    def add(self, name: str, target: str, *, with_plural: bool = False) -> None:
        key = _key(name)
        if not key:
            return
        exact = tuple(t.raw for t in tokens(name)) if _case_sensitive(name) else None
        keys = [key]
        if with_plural and (p := plural(key[-1])) is not None:
            keys.append((*key[:-1], p))
        for k in keys:
            self._names.setdefault(k, (target, exact))

    def scan(self, toks: list[Token]) -> list[Mention]:
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            for size in range(min(MAX_WORDS, len(toks) - i), 0, -1):
                window = toks[i : i + size]
                hit = self._names.get(tuple(t.low for t in window))
                if hit is None:
                    continue
                target, exact = hit
                if exact is not None and tuple(t.raw for t in window) != exact:
                    continue
                out.append(Mention(self.kind, target, i, i + size, " ".join(t.raw for t in window)))
                i += size - 1
                break
            i += 1
        return out


def role_scanner(occupations: Iterable[Occupation]) -> NameScanner:
    scanner = NameScanner("role")
    occupations = list(occupations)
    for occ in occupations:  # titles first: a title beats another role's alias
        scanner.add(occ.title, occ.id, with_plural=True)
    for occ in occupations:
        for alias in occ.aliases:
            scanner.add(alias, occ.id, with_plural=True)
    return scanner


def cert_scanner(certs: Iterable[tuple[str, str, tuple[str, ...]]]) -> NameScanner:
    """From (id, name, aliases) triples."""
    scanner = NameScanner("cert")
    for cert_id, name, aliases in certs:
        scanner.add(name, cert_id)
        for alias in aliases:
            scanner.add(alias, cert_id)
    return scanner

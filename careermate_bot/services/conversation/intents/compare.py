"""Comparisons: "PMP or CAPM?", "data analyst vs data scientist", "should I learn React or go
into data engineering?", "what's the difference between a UX and a UI designer", "do nurses
make more than teachers?" -> the two things compared, as written.

Patterns: "between A and B" (after difference/choose/decide/torn...), "compare A and/to B",
"A vs B", "A compared to B", "A make(s)/pay(s) more than B", and "A or B". Each side is the
noun phrase next to the operator: words are collected up to a function word ("should", "I",
"is", "to", "for", "which" ...), then leading verbs and articles are dropped ("go into data
engineering" -> "data engineering", "an electrician" -> "electrician").

"A or B" is everywhere in ordinary requests ("python or java jobs", "remote or hybrid"), so it
counts only in a choosing frame (a question, "should I", "which", "better", "thinking about",
"torn", or the pair opening the clause) and only when the sides are things one compares (a
role, a skill, a field, a certification: the caller's `is_entity`). Work arrangements,
schedules, degrees and offers are never compared here: those are advice topics.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

MAX_SIDE_WORDS = 5

_HARD: Final = frozenset(
    """should i im i'm is it to between for me which what whats what's whether about if in with
    at you would could can will does do did are was were of on as my than and or so also hey hi
    hello ok okay but vs versus v.s. compare comparing difference differences from someone
    somebody people who has have had get got more less better worse pays pay make makes earn
    earns paid think thoughts opinion find show search give list any some""".split()
)
_SOFT_LEAD: Final = frozenset(
    """learn learning study studying go going into get getting become becoming be being pick
    picking choose choosing take taking pursue pursuing switch switching move moving work
    working do doing a an the maybe perhaps like either both just really rather even then
    instead try trying start starting focus focusing major majoring train training specialize
    specializing also career careers job jobs field fields path paths going into""".split()
)
_RIGHT_STOP: Final = frozenset(
    """first next for which in as to then now instead because since what who if when or and
    vs versus better more less is are would should could do does for? later someday eventually
    than which's so but i me my you right""".split()
)
_NOT_COMPARED = re.compile(
    r"\b(?:remote|hybrid|on ?-?site|in[- ]office|in[- ]person|office|part[- ]?time|full[- ]?time|"
    r"weekends?|evenings?|nights?|days?|shifts?|contract|freelanc\w*|degree|degrees|bootcamps?|"
    r"master'?s|mba|phd|college|school|university|course|courses|class|classes|diploma|ged|"
    r"offers?|raise|promotion|startup|company|companies|corporation|agency|stay|leave|quit|"
    r"wait|this|that|it|them|job|one|something|anything|nothing|other|else|not|no|yes|home|"
    r"money|salary|pay|more|less|now|later|today|tomorrow)\b",
    re.IGNORECASE,
)
_VERB_AFTER: Final = frozenset("make makes earn earns paid get gets do does".split())
_ASPECT_NOUNS: Final = frozenset(
    """salary salaries pay wages wage careers career field paths path hours demand outlook future
    growth""".split()
)
_ENTITY_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]|[A-Za-z]+\+|\b[A-Z]\b")
_CHOOSING = re.compile(
    r"\?|\bshould i\b|\bwhich\b|\bbetter\b|\bthinking (?:about|of)\b|\bconsidering\b|"
    r"\bsmarter\b|\bwiser\b|\beasier\b|\bharder\b|\bis it (?:best|worth)\b|"
    r"\bdecid\w+\b|\bdebating\b|\bchoos\w+\b|\bpick\w*\b|\btorn\b|\beither\b|\bworth\b|"
    r"\brecommend\w*\b|\bprefer\w*\b|\bgo for\b|\bvs\b|\bor\b[^?]*\b(?:first|next)\b",
    re.IGNORECASE,
)
_STRONG_CHOOSING = re.compile(
    r"\bshould i\b|\bwhich\b|\bbetter\b|\btorn\b|\bdecid\w+\b|\bchoos\w+\b|\bdebating\b|"
    r"\bsmarter\b|\bwiser\b|\beasier\b",
    re.IGNORECASE,
)
_SIDE = r"[^.?!,;:\n]"
_FORMS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "between",
        re.compile(
            r"\b(?:difference|differences|differ|choose|choosing|decide|deciding|torn|pick|"
            r"picking|choice|comparing|compare|comparison|split|undecided|debating|stuck)\b"
            rf"{_SIDE}{{0,25}}?\bbetween\s+(?P<a>{_SIDE}+?)\s+(?:and|or|vs\.?|versus)\s+"
            rf"(?P<b>{_SIDE}+)",
            re.IGNORECASE,
        ),
    ),
    (
        "compare",
        re.compile(
            rf"\bcompar(?:e|ing)\s+(?P<a>{_SIDE}+?)\s+(?:and|with|to|vs\.?|versus|against)\s+"
            rf"(?P<b>{_SIDE}+)",
            re.IGNORECASE,
        ),
    ),
)
# Operators with a phrase on each side, found without a leading lazy group (which would try
# every start position: quadratic on a long message). The sides are the text around the
# operator up to the nearest punctuation.
_OPERATORS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "versus",
        re.compile(
            r"\s+(?:compared? (?:to|with)|stacks? up (?:to|against)|versus|vs\.?|v\.s\.?|v\.)\s+",
            re.IGNORECASE,
        ),
    ),
    (
        "than",
        re.compile(
            r"\s+(?:(?:make|makes|earn|earns|pay|pays|get paid|paid|is|are)\s+)?(?:more|less|"
            r"better|worse|higher|lower)\s+(?:money\s+)?than\s+",
            re.IGNORECASE,
        ),
    ),
    ("or", re.compile(r"\s+or\s+", re.IGNORECASE)),
)
_BOUNDARY = re.compile(r"[.?!,;:\n]")
_ANY_OPERATOR = re.compile(r"\b(?:or|vs|v\.?s|versus|compar\w*|between|than|stacks?)\b", re.I)


class _Match:
    """An operator match with the same face as a `re.Match` for the side groups."""

    def __init__(self, text: str, op: re.Match[str]) -> None:
        left_start = max((m.end() for m in _BOUNDARY.finditer(text, 0, op.start())), default=0)
        right = _BOUNDARY.search(text, op.end())
        self._a = (left_start, op.start())
        self._b = (op.end(), right.start() if right is not None else len(text))
        self._text = text

    def __getitem__(self, group: str) -> str:
        start, end = self._a if group == "a" else self._b
        return self._text[start:end]

    def start(self, group: str) -> int:
        return self._a[0] if group == "a" else self._b[0]


def _matches(form: str, pattern: re.Pattern[str], text: str) -> list[_Match] | list[re.Match[str]]:
    if form in ("between", "compare"):
        return list(pattern.finditer(text))
    return [_Match(text, op) for op in pattern.finditer(text)]


def _words(text: str) -> list[str]:
    return text.split()


def _key(word: str) -> str:
    return word.lower().strip("\"'()[]?!.,")


def _left(text: str) -> str:
    words = _words(text)
    while len(words) > 1 and _key(words[-1]) in _VERB_AFTER:
        words.pop()  # "dental assistants make vs hygienists": the assistants
    taken: list[str] = []
    for word in reversed(words):
        if _key(word) in _HARD or len(taken) >= MAX_SIDE_WORDS:
            break
        taken.append(word)
    taken.reverse()
    while len(taken) > 1 and _key(taken[0]) in _SOFT_LEAD:
        taken.pop(0)
    return " ".join(taken).strip("\"'")


def _right(text: str) -> str:
    words = _words(text)
    while len(words) > 1 and _key(words[0]) in _SOFT_LEAD and _key(words[1]) not in _RIGHT_STOP:
        words.pop(0)
    taken: list[str] = []
    for word in words:
        if _key(word) in _RIGHT_STOP or len(taken) >= MAX_SIDE_WORDS:
            break
        taken.append(word)
    while len(taken) > 1 and _key(taken[-1]) in _ASPECT_NOUNS:
        taken.pop()  # "machine learning engineer salary": the engineer, compared on salary
    return " ".join(taken).strip("\"'?!.,")


def _usable(side: str) -> bool:
    if not side or not any(c.isalpha() for c in side) or side[0] in "/!":
        return False
    return side.isupper() or _NOT_COMPARED.search(side) is None  # "IT" is a field, "it" is not


def _entity(side: str, is_entity: Callable[[str], bool]) -> bool:
    return is_entity(side) or _ENTITY_ACRONYM.fullmatch(side.split()[0]) is not None


def comparison(text: str, is_entity: Callable[[str], bool]) -> tuple[str, str] | None:
    """The two things `text` compares, as written; None when it compares nothing."""
    if _ANY_OPERATOR.search(text) is None:
        return None
    for form, pattern in (*_FORMS, *_OPERATORS):
        for match in _matches(form, pattern, text):
            a, b = _left(match["a"]), _right(match["b"])
            if not (_usable(a) and _usable(b)) or a.lower() == b.lower():
                continue
            if form in ("between", "compare", "versus"):
                return a, b
            entities = _entity(a, is_entity) + _entity(b, is_entity)
            if form == "than":
                if entities == 2:
                    return a, b
                continue
            # "A or B": a choosing frame, and things one compares.
            before = text[: match.start("a") + max(0, match["a"].rfind(a))]
            opens = re.fullmatch(
                r"[\s,;:-]*(?:(?:so|and|but|hmm|ok|okay|hey|also)\s+)?", before, re.IGNORECASE
            ) is not None or before.rstrip().endswith((",", ":", ";", "-"))
            if not (opens or _CHOOSING.search(text)):
                continue
            if entities == 2 or (entities == 1 and _STRONG_CHOOSING.search(text)):
                return a, b
    return None

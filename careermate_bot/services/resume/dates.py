"""Date ranges in résumé lines: "Jan 2020 – Present", "03/2019 - 05/2021", "2017-2019",
"Summer 2022", "2021.04 – now"... as (start, end) month numbers plus the format used."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2,
    "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9,
    "october": 10, "november": 11, "december": 12, "spring": 3, "summer": 6, "fall": 9,
    "autumn": 9, "winter": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DATE = (
    rf"(?:(?P<{{p}}mon>{_MONTH_NAMES})\.?,?\s*'?(?P<{{p}}my>{_YEAR})"
    rf"|(?P<{{p}}num>\d{{{{1,2}}}})\s*[/.]\s*(?P<{{p}}ny>{_YEAR})"
    rf"|(?P<{{p}}iy>{_YEAR})[-/.](?P<{{p}}im>\d{{{{1,2}}}})(?!\d)"
    rf"|(?P<{{p}}y>{_YEAR}))"
)
_NOW = (
    r"(?P<now>present|current|currently|now|today|ongoing|date|heute|actualidad|presente|"
    r"aujourd'hui)"
)
_RANGE = re.compile(
    rf"(?<![\d/])(?:{_DATE.format(p='a')})\s*(?:-|–|—|‒|―|to|until|till|through|thru|→|>|~|bis|a|à)\s*"
    rf"(?:{_DATE.format(p='b')}|{_NOW})(?![\d/])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateRange:
    start: int  # months since year 0 (year * 12 + month - 1)
    end: int  # same; "present" = this month
    current: bool
    style: str  # "month name", "mm/yyyy", "yyyy-mm", "year"
    line: int  # index of the line it was found on

    @property
    def months(self) -> int:
        return max(0, self.end - self.start) + 1


def _month_index(year: int, month: int) -> int:
    return year * 12 + min(12, max(1, month)) - 1


def _parse(match: re.Match[str], p: str) -> tuple[int, str] | None:
    g = match.groupdict()
    if g.get(f"{p}mon"):
        return _month_index(int(g[f"{p}my"]), _MONTHS[g[f"{p}mon"].lower()]), "month name"
    if g.get(f"{p}num"):
        month = int(g[f"{p}num"])
        if not 1 <= month <= 12:
            return None
        return _month_index(int(g[f"{p}ny"]), month), "mm/yyyy"
    if g.get(f"{p}iy"):
        month = int(g[f"{p}im"])
        if not 1 <= month <= 12:
            return None
        return _month_index(int(g[f"{p}iy"]), month), "yyyy-mm"
    if g.get(f"{p}y"):
        return _month_index(int(g[f"{p}y"]), 1), "year"
    return None


def this_month(today: date | None = None) -> int:
    today = today or date.today()
    return _month_index(today.year, today.month)


def find_ranges(line: str, index: int, today: date | None = None) -> list[DateRange]:
    found: list[DateRange] = []
    for match in _RANGE.finditer(line):
        start = _parse(match, "a")
        if start is None:
            continue
        if match.group("now"):
            end, style, current = this_month(today), start[1], True
        else:
            parsed = _parse(match, "b")
            if parsed is None:
                continue
            end, current = parsed[0], False
            style = start[1] if start[1] == parsed[1] else f"{start[1]} + {parsed[1]}"
            if parsed[1] == "year" and start[1] == "year":
                end += 11  # "2017 - 2019" runs to the end of 2019
        found.append(DateRange(start[0], end, current, style, index))
    return found


_LEFTOVER = re.compile(r"[\s,|·•()\[\]–—-]+$|^[\s,|·•()\[\]–—-]+")


def strip_ranges(line: str) -> str:
    """The line without its date ranges and the punctuation left around them."""
    return _LEFTOVER.sub("", _RANGE.sub(" ", line)).strip()

"""Read salaries the way people type them: "90k", "90k+", "$90,000", "1.2m", "$45/hr", "90-120k".

Every amount is an annual figure in whole dollars. An hourly amount ("$45/hr", "45 an hour") is
turned into a yearly one at 2,080 hours (40 hours x 52 weeks), the convention BLS uses for its
annual wage estimates. Bad input raises `InvalidInput` with a short message that shows what to
type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careermate_bot.common.user_text import quote
from careermate_bot.errors import InvalidInput

HOURS_PER_YEAR = 2080
MIN_ANNUAL = 1_000
MAX_ANNUAL = 10_000_000
MAX_RANGE_RATIO = 10  # a range whose top is more than 10x its bottom is a typo
MAX_INPUT = 60
EXAMPLES = "Try 90k, 90k+ or $90,000."
RANGE_EXAMPLES = "Try 90k-120k, $90,000 - $120,000 or 100k+."

_AMOUNT = r"(?P<num{i}>\d+(?:[.,]\d+)*)\s*(?P<unit{i}>k|m|thousand|million)?"
_HOURLY = re.compile(r"(?:/\s*(?:h|hr|hour)|\b(?:per|an|a)\s+hour|\bhourly)\b\.?", re.I)
_YEARLY = re.compile(
    r"(?:/\s*(?:y|yr|year|annum)|\b(?:per|a)\s+(?:year|annum)|\b(?:annual(?:ly)?|yearly|pa|p\.a\.))"
    r"(?=\W|$)\.?",
    re.I,
)
_CURRENCY = re.compile(r"\$|\busd\b|\bus\$|\bdollars?\b", re.I)
_ONE = re.compile(rf"^{_AMOUNT.format(i='')}$", re.I)
_TWO = re.compile(rf"^{_AMOUNT.format(i='1')}\s*(?:-|–|—|to|\.\.)\s*{_AMOUNT.format(i='2')}$", re.I)
_MULTIPLIERS = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}


@dataclass(frozen=True, slots=True)
class SalaryRange:
    """A yearly range in dollars; `high` is None for an open range ("100k+")."""

    low: int
    high: int | None

    def text(self) -> str:
        if self.high is None:
            return f"${self.low:,}+"
        if self.high == self.low:
            return f"${self.low:,}"
        return f"${self.low:,} - ${self.high:,}"


def _number(raw: str) -> float:
    """'90,000' -> 90000, '1.5' -> 1.5, '1,5' -> 1.5 (a European decimal comma), '1.200.000'."""
    groups = re.split(r"[.,]", raw)
    if len(groups) == 1:
        return float(raw)
    if all(len(g) == 3 for g in groups[1:]):  # thousands separators
        return float("".join(groups))
    if len(groups) == 2:  # one separator, not a thousands group: a decimal point
        return float(f"{groups[0]}.{groups[1]}")
    raise ValueError(raw)


def _amount(raw: str, unit: str | None) -> float:
    value = _number(raw)
    if unit:
        value *= _MULTIPLIERS[unit.lower()]
    return value


def _clean(text: str) -> tuple[str, bool, bool]:
    """Strip currency words and a trailing '+'; return (text, hourly, open-ended)."""
    text = " ".join(text.strip().split())
    hourly = bool(_HOURLY.search(text))
    text = _HOURLY.sub(" ", text)
    text = _YEARLY.sub(" ", text)
    text = _CURRENCY.sub(" ", text)
    text = " ".join(text.split()).strip(" .")
    open_ended = False
    if text.endswith("+"):
        open_ended = True
        text = text[:-1].strip()
    lowered = text.lower()
    for prefix in ("at least ", "min ", "minimum ", "from ", "over ", "above "):
        if lowered.startswith(prefix):
            text, open_ended = text[len(prefix) :].strip(), True
            break
    return text, hourly, open_ended


def _annual(value: float, hourly: bool, original: str) -> int:
    yearly = value * HOURS_PER_YEAR if hourly else value
    if yearly < MIN_ANNUAL or yearly > MAX_ANNUAL:
        raise InvalidInput(
            f"{original} doesn't look like a yearly salary (expected ${MIN_ANNUAL:,} to "
            f"${MAX_ANNUAL:,}). {EXAMPLES}"
        )
    return round(yearly)


def _too_long(text: str) -> None:
    if len(text) > MAX_INPUT:
        raise InvalidInput(f"That salary is too long to read. {EXAMPLES}")


def parse_salary(text: str | None) -> int | None:
    """One yearly amount, or None for empty input. "90k" / "90k+" / "$90,000" -> 90000."""
    if text is None or not text.strip():
        return None
    _too_long(text)
    shown = quote(text, 30)
    cleaned, hourly, _ = _clean(text)
    match = _ONE.match(cleaned)
    if match is None:
        raise InvalidInput(f"{shown} isn't a salary I can read. {EXAMPLES}")
    try:
        value = _amount(match["num"], match["unit"])
    except ValueError:
        raise InvalidInput(f"{shown} isn't a salary I can read. {EXAMPLES}") from None
    return _annual(value, hourly, shown)


def parse_salary_range(text: str | None) -> SalaryRange | None:
    """A yearly range, or None for empty input.

    "90k-120k", "90-120k" (the unit applies to both ends), "$90,000 to $120,000", "100k+"
    (open), "100k" (a single figure). The top must not be below the bottom, nor more than ten
    times it.
    """
    if text is None or not text.strip():
        return None
    _too_long(text)
    shown = quote(text, 30)
    cleaned, hourly, open_ended = _clean(text)
    cleaned = cleaned.replace("$", "")
    bad = InvalidInput(f"{shown} isn't a salary range I can read. {RANGE_EXAMPLES}")
    two = _TWO.match(cleaned)
    try:
        if two is not None and not open_ended:
            unit1, unit2 = two["unit1"], two["unit2"]
            low = _amount(two["num1"], unit1 or unit2)
            high = _amount(two["num2"], unit2 or unit1)
            low_y, high_y = _annual(low, hourly, shown), _annual(high, hourly, shown)
            if high_y < low_y:
                raise InvalidInput(
                    f"In {shown} the top of the range is below the bottom. {RANGE_EXAMPLES}"
                )
            if high_y > low_y * MAX_RANGE_RATIO:
                raise InvalidInput(
                    f"{shown} is too wide a range (the top is over {MAX_RANGE_RATIO}x the "
                    f"bottom). Please check the numbers."
                )
            return SalaryRange(low_y, high_y)
        one = _ONE.match(cleaned)
        if one is None:
            raise bad
        value = _annual(_amount(one["num"], one["unit"]), hourly, shown)
    except ValueError:
        raise bad from None
    return SalaryRange(value, None if open_ended else value)

"""Pay figures for the guide: reading an offer from a question and placing it in the BLS range.

    offer = parse_offer("They offered 70k for a data analyst job in Chicago")   # 70,000 a year
    line = place_offer(offer, kb.salary("data-analyst", "Chicago"), "Data Analyst")
    # "$70,000 is below the 25th percentile ($…) for Data Analyst in Chicago-…"

Every number comes from the question or the BLS OEWS data (`SalaryInfo`); hourly offers are
compared with hourly percentiles when BLS publishes them, otherwise annualised at 2,080 hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careermate_bot.common.salary_input import HOURS_PER_YEAR, parse_salary
from careermate_bot.errors import InvalidInput
from careermate_bot.knowledge.types import Percentile, SalaryInfo, WagePercentiles

_AMOUNT = re.compile(
    r"(?P<raw>\$\s?\d[\d,]*(?:\.\d+)?\s*(?:k|m|thousand)?\b"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:k|thousand)\b"
    r"|\b\d{2,3},\d{3}\b"
    r"|\b\d{1,3}(?:\.\d{1,2})?(?=\s*(?:/\s*h(?:ou)?r|an hour|per hour|hourly|a hour|/hour)))"
    r"(?P<hourly>\s*(?:/\s*h(?:ou)?r\b|an hour\b|per hour\b|hourly\b|a hour\b|/hour\b))?",
    re.I,
)
_OFFER_CUE = re.compile(
    r"\b(?:offer\w*|pay\w*|paid|salary|base|comp\w*|rate|make|making|earn\w*|wage|raise|at)\b",
    re.I,
)
_ORDINAL = {"p10": "10th", "p25": "25th", "median": "50th (median)", "p75": "75th", "p90": "90th"}


@dataclass(frozen=True, slots=True)
class Offer:
    annual: int  # whole dollars a year
    hourly: float | None  # the hourly figure when the question gave one
    text: str  # as typed

    def shown(self) -> str:
        if self.hourly is not None:
            return f"${self.hourly:,.2f}/hr"
        return f"${self.annual:,}"


def parse_offer(question: str) -> Offer | None:
    """The first amount of money near an offer/pay word ("offered 70k", "$31/hr", "$95,000")."""
    best: Offer | None = None
    for match in _AMOUNT.finditer(question):
        raw = match["raw"].strip()
        hourly = bool(match["hourly"])
        window = question[max(0, match.start() - 50) : match.start()]
        cue = _OFFER_CUE.search(window) or _OFFER_CUE.search(
            question[match.end() : match.end() + 25]
        )
        try:
            annual = parse_salary(f"{raw} an hour" if hourly else raw.replace(" ", ""))
        except InvalidInput:
            continue
        if annual is None:
            continue
        hourly_value = None
        if hourly:
            hourly_value = float(re.sub(r"[^\d.]", "", raw) or 0)
        elif annual < 1_000:
            continue
        offer = Offer(annual=annual, hourly=hourly_value, text=raw)
        if cue:
            return offer
        best = best or offer
    return best


def _bracket(value: float, pct: WagePercentiles) -> tuple[str, Percentile | None]:
    """Where `value` falls: a phrase and the percentile to quote next to it."""
    order: tuple[Percentile, ...] = ("p10", "p25", "median", "p75", "p90")
    known = [(name, pct.get(name)) for name in order if pct.get(name) is not None]
    if not known:
        return "", None
    below = [name for name, v in known if v is not None and value < v]
    if not below:
        top = known[-1][0]
        return f"at or above the {_ORDINAL[top]} percentile", top
    first = below[0]
    if first == known[0][0]:
        return f"below the {_ORDINAL[first]} percentile", first
    return f"below the {_ORDINAL[first]} percentile", first


def place_offer(offer: Offer, info: SalaryInfo, role_title: str) -> tuple[str, str] | None:
    """(one sentence placing the offer, one line of advice), or None when BLS has no figures."""
    use_hourly = offer.hourly is not None and info.hourly is not None and info.hourly.has_estimate
    pct = info.hourly if use_hourly else info.annual
    if pct is None or not pct.has_estimate:
        if info.hourly is not None and info.hourly.has_estimate:  # annual missing: compare hourly
            pct, use_hourly = info.hourly, True
        else:
            return None
    value = (
        offer.hourly
        if use_hourly and offer.hourly is not None
        else (offer.annual / HOURS_PER_YEAR if use_hourly else float(offer.annual))
    )
    phrase, quoted = _bracket(value, pct)
    if quoted is None:
        return None
    shown = (
        offer.shown()
        if (offer.hourly is not None) == use_hourly
        else (f"${value:,.2f}/hr" if use_hourly else f"${value:,.0f}")
    )
    unit = "/hr" if use_hourly else ""
    where = area_label(info)
    series = _series(role_title, info)
    sentence = (
        f"{shown} is {phrase} ({pct.display(quoted)}{unit}) for {series} in {where}. "
        f"BLS range: 25th {pct.display('p25')}{unit}, median {pct.display('median')}{unit}, "
        f"75th {pct.display('p75')}{unit}."
    )
    return sentence, _advice(value, pct)


def _advice(value: float, pct: WagePercentiles) -> str:
    p25, median, p75 = pct.p25, pct.median, pct.p75
    if p25 is not None and value < p25:
        target = pct.display("median") if median is not None else pct.display("p25")
        return (
            f"That is low for the market: asking for a figure near the median ({target}) is "
            "reasonable if you meet the job's main requirements; at entry level, aim at least "
            "for the 25th percentile."
        )
    if median is not None and value < median:
        return (
            f"That is below the middle of the market: there is usually room to ask for the "
            f"median ({pct.display('median')}) or a little above, with your reasons."
        )
    if p75 is not None and value < p75:
        return (
            "That is a solid offer, above the median: a modest counter (a few percent) or better "
            "terms (bonus, PTO, remote days, an early review) is the usual next step."
        )
    return (
        "That is a strong offer, in the top quarter of the market: negotiate terms (start date, "
        "bonus, PTO, title) rather than a big jump in base."
    )


def _series(role_title: str, info: SalaryInfo) -> str:
    """ "Data Analyst (BLS series: Data Scientists, 15-2051)" when BLS names it differently."""
    if info.occupation_title.casefold().rstrip("s") in role_title.casefold():
        return role_title
    return f"{role_title} (BLS series: {info.occupation_title}, {info.soc_code})"


def range_line(info: SalaryInfo) -> str:
    """'Median $X (25th-75th: $A - $B)' or the hourly equivalent; 'no published estimate'."""
    for pct, unit in ((info.annual, ""), (info.hourly, "/hr")):
        if pct is not None and pct.has_estimate:
            return (
                f"median {pct.display('median')}{unit} "
                f"(25th-75th: {pct.display('p25')}{unit} - {pct.display('p75')}{unit})"
            )
    return "no published BLS estimate"


def area_label(info: SalaryInfo) -> str:
    return "United States" if info.area.is_national else info.area.name


def median_value(info: SalaryInfo) -> float | None:
    """The annual median (hourly x 2,080 when only hourly is published)."""
    if info.annual is not None and info.annual.median is not None:
        return info.annual.median
    if info.hourly is not None and info.hourly.median is not None:
        return info.hourly.median * HOURS_PER_YEAR
    return None

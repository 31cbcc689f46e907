"""Wage lookups in the BLS OEWS May 2025 database (read-only SQLite, sub-millisecond reads).

A cell is keyed "OEU" + area type (N/S/M) + 7-digit area + 6-digit industry + 6-digit SOC; we read
the cross-industry cells (industry 000000). Values are strings as BLS publishes them: "-" means
not published, with a footnote saying why (5 = at or above the top-coded ceiling, 4 = hourly or
annual only, 8 = estimate not released).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Literal

from careermate_bot.knowledge.types import (
    SALARY_SOURCE,
    Area,
    AreaKind,
    Percentile,
    SalaryInfo,
    WagePercentiles,
)
from careermate_bot.knowledge.wages_db import WageDataError

NATIONAL_CODE = "0000000"
CROSS_INDUSTRY = "000000"
_KIND_LETTER: dict[str, str] = {"national": "N", "state": "S", "metro": "M", "nonmetro": "M"}
_PERCENTILES: tuple[Percentile, ...] = ("p10", "p25", "median", "p75", "p90")
# Datatype columns: hourly 10/25/50/75/90th = 06..10, annual = 11..15.
_HOURLY_COLS = ("06", "07", "08", "09", "10")
_ANNUAL_COLS = ("11", "12", "13", "14", "15")
TOP_CODED = "5"
SINGLE_BASIS = "4"
NOT_RELEASED = "8"
# Fallbacks if the footnote text ever changes shape.
DEFAULT_CEILING_ANNUAL = 239_200.0
DEFAULT_CEILING_HOURLY = 115.0


class WageStore:
    """Areas, occupation names and salary lookups over one open, read-only database."""

    def __init__(self, path: Path, cache_size: int = 4096) -> None:
        if not Path(path).is_file():
            raise WageDataError(f"wage database {path} not found")
        self.path = Path(path)
        self._con = sqlite3.connect(
            f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        meta = dict(self._con.execute("SELECT name, value FROM meta").fetchall())
        self.release: str = meta.get("release", "")
        self.source = f"BLS OEWS, {self.release}" if self.release else SALARY_SOURCE
        self.areas: dict[str, Area] = {}
        for code, kind_letter, state, name in self._con.execute(
            "SELECT area_code, areatype_code, state_code, area_name FROM area"
        ):
            self.areas[code] = Area(
                code=code, name=name, kind=_kind(kind_letter, name), state_code=state
            )
        if NATIONAL_CODE not in self.areas:
            raise WageDataError(f"{path} has no national area; is it the OEWS database?")
        self.national = self.areas[NATIONAL_CODE]
        self.occupation_names: dict[str, str] = dict(
            self._con.execute("SELECT occupation_code, occupation_name FROM occupation")
        )
        notes = dict(self._con.execute("SELECT footnote_code, footnote_text FROM footnote"))
        self.footnotes: dict[str, str] = notes
        self.ceiling_annual, self.ceiling_hourly = _ceilings(notes.get(TOP_CODED, ""))
        self.salary = lru_cache(maxsize=cache_size)(self._salary)

    def close(self) -> None:
        self._con.close()

    # -- areas ------------------------------------------------------------------------------------
    def state_area(self, area: Area) -> Area | None:
        """The state an area lies in (its principal state for multi-state metros)."""
        return self.areas.get(f"{area.state_code}00000")

    # -- wages ------------------------------------------------------------------------------------
    def _row(self, soc6: str, area: Area) -> dict[str, tuple[str | None, tuple[str, ...]]] | None:
        key = f"OEU{_KIND_LETTER[area.kind]}{area.code}{CROSS_INDUSTRY}{soc6}"
        with self._lock:
            cur = self._con.execute("SELECT * FROM cell WHERE key = ?", (key,))
            row = cur.fetchone()
            columns = [c[0] for c in cur.description]
        if row is None:
            return None
        record = dict(zip(columns, row, strict=True))
        out: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        for i in range(1, 18):
            dt = f"{i:02d}"
            notes = tuple(c.strip() for c in (record[f"f{dt}"] or "").split(",") if c.strip())
            out[dt] = (record[f"v{dt}"], notes)
        return out

    def lookup(self, soc_code: str, area: Area) -> SalaryInfo:
        """Wages for one SOC code in exactly this area (no fallback)."""
        soc6 = soc_code.replace("-", "")
        title = self.occupation_names.get(soc6, soc_code)
        row = self._row(soc6, area)
        formatted = f"{soc6[:2]}-{soc6[2:]}"
        if row is None:
            return SalaryInfo(
                soc_code=formatted,
                occupation_title=title,
                area=area,
                source=self.source,
                notes=(f"BLS publishes no estimate for this occupation in {area.name}.",),
            )
        annual = self._percentiles(row, _ANNUAL_COLS, self.ceiling_annual, "year")
        hourly = self._percentiles(row, _HOURLY_COLS, self.ceiling_hourly, "hour")
        notes: list[str] = []
        all_notes = {n for _, ns in row.values() for n in ns}
        if SINGLE_BASIS in all_notes:
            if annual is not None and hourly is None:
                notes.append("BLS publishes annual wages only (typically not paid by the hour).")
            elif hourly is not None and annual is None:
                notes.append(
                    "BLS publishes hourly wages only (typically not year-round, full time)."
                )
        if TOP_CODED in all_notes:
            notes.append(self.footnotes.get(TOP_CODED, "Some wages are top-coded."))
        if annual is None and hourly is None:
            notes.append(f"BLS did not release a wage estimate for {area.name}.")
        return SalaryInfo(
            soc_code=formatted,
            occupation_title=title,
            area=area,
            annual=annual,
            hourly=hourly,
            annual_mean=_number(row["04"][0]),
            employment=_int(row["01"][0]),
            location_quotient=_number(row["17"][0]),
            notes=tuple(notes),
            source=self.source,
        )

    def _salary(self, soc_code: str, area: Area | None = None) -> SalaryInfo:
        """Wages in `area` (default national), falling back metro -> state -> national when BLS
        publishes nothing there; a fallback says so in `fallback`, `requested_area` and `notes`."""
        requested = area or self.national
        chain = [requested]
        if requested.kind in ("metro", "nonmetro"):
            state = self.state_area(requested)
            if state is not None:
                chain.append(state)
        if not requested.is_national:
            chain.append(self.national)
        first = self.lookup(soc_code, requested)
        if first.available or len(chain) == 1:
            return first
        for candidate in chain[1:]:
            info = self.lookup(soc_code, candidate)
            if info.available:
                level = "national" if candidate.is_national else "state"
                note = (
                    f"No published estimate for {requested.name}; showing {level} figures "
                    f"({candidate.name})."
                )
                return info.model_copy(
                    update={
                        "requested_area": requested,
                        "fallback": True,
                        "notes": (note, *info.notes),
                    }
                )
        return first

    def _percentiles(
        self,
        row: dict[str, tuple[str | None, tuple[str, ...]]],
        columns: tuple[str, ...],
        ceiling: float,
        unit: Literal["year", "hour"],
    ) -> WagePercentiles | None:
        values: dict[str, float | None] = {}
        top: list[Percentile] = []
        for name, col in zip(_PERCENTILES, columns, strict=True):
            raw, notes = row[col]
            values[name] = _number(raw)
            if values[name] is None and TOP_CODED in notes:
                top.append(name)
        if all(v is None for v in values.values()) and not top:
            return None
        return WagePercentiles(
            unit=unit, **values, top_coded=tuple(top), ceiling=ceiling if top else None
        )


def _kind(letter: str, name: str) -> AreaKind:
    if letter == "N":
        return "national"
    if letter == "S":
        return "state"
    return "nonmetro" if "nonmetropolitan" in name.casefold() else "metro"


def _number(raw: str | None) -> float | None:
    if raw is None:
        return None
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _int(raw: str | None) -> int | None:
    value = _number(raw)
    return None if value is None else int(value)


def _ceilings(text: str) -> tuple[float, float]:
    """Parse '... $115.00 per hour or $239,200 per year.' from BLS footnote 5."""
    hourly = re.search(r"\$([\d,.]+)\s+per hour", text)
    annual = re.search(r"\$([\d,.]+)\s+per year", text)
    return (
        float(annual.group(1).replace(",", "")) if annual else DEFAULT_CEILING_ANNUAL,
        float(hourly.group(1).replace(",", "")) if hourly else DEFAULT_CEILING_HOURLY,
    )

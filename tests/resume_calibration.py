"""The hand-labelled résumé set (tests/data/resumes) and the figures it is judged by.

`labels.csv`: file, band (strong / mid / weak), the target role given (blank = none: the
résumé's own objective or headline may set one), and why it has that band. The bands were
written before the score was tuned. Used by the calibration test and `bench/resume.py`.
"""

from __future__ import annotations

import csv
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careermate_bot.services import resume

DATA = Path(__file__).parent / "data" / "resumes"
BANDS = ("weak", "mid", "strong")
RANK = {band: number for number, band in enumerate(BANDS)}


@dataclass(frozen=True)
class Labelled:
    file: str
    band: str
    target_role: str | None
    why: str

    @property
    def text(self) -> str:
        return (DATA / self.file).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Scored:
    item: Labelled
    review: resume.ResumeReview


@dataclass(frozen=True)
class Figures:
    count: int
    bands: dict[str, tuple[int, float, int]]  # band -> (min, mean, max)
    spearman: float
    gap: float  # mean strong minus mean weak


def load() -> list[Labelled]:
    with (DATA / "labels.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Labelled(row["file"], row["band"], row["target_role"] or None, row["why"])
            for row in csv.DictReader(handle)
        ]


def score_all(kb: Any, items: Sequence[Labelled] | None = None) -> list[Scored]:
    return [Scored(i, resume.review(kb, i.text, i.target_role)) for i in items or load()]


def _ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rank correlation (Pearson's r on tie-averaged ranks)."""
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def figures(scored: Sequence[Scored]) -> Figures:
    by_band = {b: [s.review.score for s in scored if s.item.band == b] for b in BANDS}
    bands = {b: (min(v), statistics.fmean(v), max(v)) for b, v in by_band.items() if v}
    rho = spearman([s.review.score for s in scored], [RANK[s.item.band] for s in scored])
    return Figures(len(scored), bands, rho, bands["strong"][1] - bands["weak"][1])

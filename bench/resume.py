"""Résumé review figures: calibration against the hand-labelled set, and latency.

    .venv/bin/python bench/resume.py                     # both (latency: 200 rounds per format)
    .venv/bin/python bench/resume.py --only calibration  # score bands, Spearman, strong-weak gap
    .venv/bin/python bench/resume.py --only calibration --verbose   # plus every résumé's score
    .venv/bin/python bench/resume.py --only latency --rounds 50

Calibration (issue 18): tests/data/resumes holds résumés labelled strong / mid / weak before the
score was tuned (tests/resume_calibration.py reads them). Printed: the score band per label,
Spearman's rank correlation between score and label, and the strong-minus-weak mean gap.
Latency goals (issue 9): p99 <= 30 ms for text and docx, <= 150 ms for PDF on this machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careermate_bot.knowledge import KnowledgeBase  # noqa: E402
from careermate_bot.services import resume  # noqa: E402
from tests import resume_calibration as C  # noqa: E402
from tests import resume_samples as S  # noqa: E402

EXTRA = """
PROJECTS
• Built an open-source Python package for cleaning survey data, used by 300+ analysts.
• Designed a churn model in scikit-learn that flagged 70% of churners a month ahead.
• Created a Streamlit app that lets 12 store managers explore sales by region and week.
• Wrote a SQL style guide adopted by 3 analytics teams, cutting review comments by 30%.

ADDITIONAL EXPERIENCE
Analytics Intern, Northwind Insurance — Austin, TX                 Jun 2015 – Aug 2015
• Cleaned 5 years of claims data in Excel and SQL for an actuarial pricing review.
• Automated a weekly claims report with VBA, saving the team 6 hours a week.
• Presented findings on fraud patterns to 20 underwriters and 2 directors.
• Documented 40 data fields in a shared glossary used by new hires.

Research Assistant, UT Austin Statistics Department                 Sep 2014 – May 2015
• Ran regression analyses in R on 10,000 survey responses for a published study.
• Built 15 ggplot2 charts for two conference posters and one journal article.
• Organized a data-cleaning workshop for 25 graduate students.

VOLUNTEER
Data Volunteer, Austin Food Bank                                    2019 – Present
• Mapped delivery routes in Python, cutting average driver time by 22%.
• Trained 8 volunteers to maintain the donor database in Excel and Google Sheets.
• Built a Tableau dashboard tracking 1.2M pounds of food distributed each year.

AWARDS
Lakeside Logistics Impact Award (2023) for the forecasting project; Dean's List (2014, 2015)

PUBLICATIONS
Rivera, J. and Chen, L. Survey weighting for small retail panels. Texas Statistics Review, 2016.
"""
TWO_PAGES = S.STRONG + EXTRA


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def calibration(kb: KnowledgeBase, verbose: bool) -> None:
    scored = C.score_all(kb)
    figures = C.figures(scored)
    items = [s.item for s in scored]
    given = sum(1 for i in items if i.target_role)
    stated = sum(1 for s in scored if s.review.target_source not in (None, "given"))
    print(
        f"calibration: {figures.count} labelled résumés ({given} with a target role given, "
        f"{stated} more whose own objective/headline/summary set one)"
    )
    print(f"{'label':<7} {'n':>3} {'min':>4} {'mean':>6} {'max':>4}")
    for band in reversed(C.BANDS):
        low, mean, high = figures.bands[band]
        count = sum(1 for i in items if i.band == band)
        print(f"{band:<7} {count:3d} {low:4d} {mean:6.1f} {high:4d}")
    print(f"Spearman rho (score vs label): {figures.spearman:.3f}")
    print(f"strong minus weak (means): {figures.gap:.1f} points\n")
    if verbose:
        for s in sorted(scored, key=lambda s: (C.RANK[s.item.band], s.review.score)):
            r = s.review
            role = f"{r.target_role} ({r.target_source})" if r.target_role else "-"
            print(f"{s.item.band:<7} {r.score:3d}  {s.item.file:<52} {role:<44} {r.stats.level}")
        print()


def latency(kb: KnowledgeBase, rounds: int) -> None:
    files = {
        "txt": (TWO_PAGES.encode(), "cv.txt"),
        "docx": (S.to_docx(TWO_PAGES), "cv.docx"),
        "pdf": (S.to_pdf(TWO_PAGES), "cv.pdf"),
    }
    print(f"python {platform.python_version()} on {platform.machine()}, {rounds} rounds")
    first = resume.read_document(*files["pdf"])
    print(f"résumé: {len(TWO_PAGES.split())} words; the PDF has {first.pages} pages\n")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("wall = elapsed time; cpu = this process's CPU time (robust to a busy machine)\n")
    header = f"{'format':<6} {'wall p50':>9} {'wall p99':>9} {'cpu p50':>8} {'cpu p99':>8}"
    print(header + f" {'score':>6}")
    for name, (data, filename) in files.items():
        wall: list[float] = []
        cpu: list[float] = []
        score = 0
        for _ in range(rounds + 5):
            started, started_cpu = time.perf_counter(), time.process_time()
            result = resume.review_document(kb, resume.read_document(data, filename), None)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            score = result.score
        wall, cpu = wall[5:], cpu[5:]  # warm-up
        print(
            f"{name:<6} {statistics.median(wall):9.1f} {_percentile(wall, 0.99):9.1f} "
            f"{statistics.median(cpu):8.1f} {_percentile(cpu, 0.99):8.1f} {score:6d}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--only", choices=("calibration", "latency"))
    parser.add_argument("--verbose", action="store_true", help="every labelled résumé's score")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.load(Path(tmp))
        if args.only in (None, "calibration"):
            calibration(kb, args.verbose)
        if args.only in (None, "latency"):
            latency(kb, args.rounds)
        kb.close()


if __name__ == "__main__":
    main()

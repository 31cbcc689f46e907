"""How fast hostile résumé files are refused, how much memory their worker used, and what a burst
of them costs another user's review and a chart (issue 20).

    .venv/bin/python bench/hostile_files.py
    .venv/bin/python bench/hostile_files.py --burst 20

Each file goes to a fresh worker (services.resume.sandbox); "peak RSS" is that worker's
VmHWM. The burst sends `--burst` form-XObject bombs and one valid résumé at once (two parse
slots), with a career chart drawn meanwhile, as in tests/e2e/test_resume_hostile.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careermate_bot.knowledge import CareerProfile, KnowledgeBase  # noqa: E402
from careermate_bot.services import resume  # noqa: E402
from careermate_bot.services.career.chart import PathBar, render_match_chart  # noqa: E402
from careermate_bot.services.resume.runner import read_and_review_file  # noqa: E402
from careermate_bot.services.resume.sandbox import ParsePool  # noqa: E402
from careermate_bot.workers import Work, run_in  # noqa: E402
from tests import resume_samples as S  # noqa: E402

FILES: list[tuple[str, str, Callable[[], bytes]]] = [
    ("valid 1-page PDF", "cv.pdf", lambda: S.to_pdf(S.STRONG)),
    ("form XObject drawn 30x", "cv.pdf", S.form_xobject_bomb_pdf),
    ("1M Tj operators", "cv.pdf", S.tj_flood_pdf),
    ("Word header, 80k paragraphs", "cv.docx", S.docx_with_huge_header),
    ("zip bomb .docx", "cv.docx", S.zip_bomb_docx),
    ("PDF just inside the work limits", "cv.pdf", S.slow_pdf),
]


START_TIMES: list[float] = []


def _peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def one_file(label: str, name: str, data: bytes) -> None:
    pool = ParsePool(size=1)
    try:
        started = time.perf_counter()
        await pool.read(b"warm up: start the worker first.", "w.txt", time_limit=60)
        START_TIMES.append(time.perf_counter() - started)
        worker = pool._idle[0]
        started = time.perf_counter()
        try:
            await pool.read(data, name, time_limit=15)
            outcome = "read"
        except resume.ResumeError as error:
            outcome = error.code
        wall = time.perf_counter() - started
        rss = _peak_rss_mb(worker.process.pid) if worker.alive() else float("nan")
        size = f"{len(data) / 1024:.1f} KB"
        print(f"| {label} | {size} | {outcome} | {wall:.2f} s | {rss:.0f} MB |")
    finally:
        pool.close()


async def burst(kb: KnowledgeBase, count: int) -> None:
    bomb = S.form_xobject_bomb_pdf()
    valid = S.to_pdf(S.STRONG)
    paths = kb.match_careers(CareerProfile(skills=["Python", "SQL", "Tableau"]))
    bars = [PathBar(m.occupation.title, m.match_percent, 3, 2) for m in paths.matches]

    async def timed(coro: object) -> tuple[float, str]:
        started = time.perf_counter()
        try:
            await coro  # type: ignore[misc]
            return time.perf_counter() - started, "ok"
        except resume.ResumeError as error:
            return time.perf_counter() - started, error.code

    await read_and_review_file(kb, valid, "cv.pdf")  # workers started, as on a running bot
    alone, _ = await timed(read_and_review_file(kb, valid, "cv.pdf"))
    chart_alone, _ = await timed(run_in(Work.CHARTS, render_match_chart, bars))
    started = time.perf_counter()
    results = await asyncio.gather(
        *(timed(read_and_review_file(kb, bomb, "cv.pdf")) for _ in range(count)),
        timed(read_and_review_file(kb, valid, "cv.pdf")),
        timed(run_in(Work.CHARTS, render_match_chart, bars)),
    )
    total = time.perf_counter() - started
    *bombs, (victim, victim_outcome), (chart, _) = results
    refused = sum(outcome == "too_complex" for _, outcome in bombs)
    print(f"\nBurst: {count} form-XObject bombs + 1 valid review + 1 chart at once")
    print(f"- bombs refused as too_complex: {refused}/{count}, all done in {total:.2f} s")
    print(f"- valid review: {victim_outcome} in {victim:.2f} s (alone: {alone:.2f} s)")
    print(f"- career chart: {chart:.2f} s (alone: {chart_alone:.2f} s)")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--burst", type=int, default=10)
    args = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, ", end="")
    print(f"load average {os.getloadavg()[0]:.1f}\n")
    print("| file | size | outcome | wall (from send to answer) | worker peak RSS |")
    print("|---|---|---|---|---|")
    for label, name, make in FILES:
        await one_file(label, name, make())
    print(f"\nA new worker is ready (and has read a tiny file) in {min(START_TIMES):.2f}-", end="")
    print(f"{max(START_TIMES):.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.load(Path(tmp))
        try:
            await burst(kb, args.burst)
        finally:
            kb.close()


if __name__ == "__main__":
    asyncio.run(main())

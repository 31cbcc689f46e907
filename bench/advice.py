"""Guide retrieval figures: top-1 accuracy on the held-back split, per kind, and latency.

    .venv/bin/python bench/advice.py                 # the held-back test split
    .venv/bin/python bench/advice.py --split train   # a split the keywords were tuned on
    .venv/bin/python bench/advice.py --errors        # also list every miss

Top-1 = the route's kind and ids equal the label (a "clarify" answer counts as a miss). Latency
is per `GuideRouter.route` call: the first pass over the split is cold (empty caches: typo
correction, fuzzy role resolution), then five warm passes, in wall time and in this thread's CPU
time (wall time includes waiting for a core on a shared machine); plus `GuideService.answer`
(routing and composing, with a profile). Uses the shipped knowledge base in a temporary data
dir.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, get_args

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from careermate_bot.knowledge import KnowledgeBase  # noqa: E402
from careermate_bot.knowledge.guide import Guide, GuideRoute  # noqa: E402
from careermate_bot.knowledge.types import Family  # noqa: E402
from careermate_bot.services.conversation.intents.slots import SlotExtractor  # noqa: E402
from careermate_bot.services.guide import GuideProfile, GuideService, ResumeFacts  # noqa: E402

DATA = ROOT / "tests" / "data" / "advice"
PROFILE = GuideProfile(
    name="Sam",
    skills=("SQL", "Excel", "Python"),
    locations=("Austin, TX",),
    target_roles=("data analyst",),
    experience_years=4,
    resume_summary=ResumeFacts(score=71, words=640),
)


def load(split: str) -> list[dict[str, Any]]:
    with (DATA / f"{split}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def correct(row: dict[str, Any], route: GuideRoute) -> bool:
    if route.kind != row["kind"]:
        return False
    if "ids" in row:
        return set(route.ids) == set(row["ids"])
    return route.id == row["id"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def figures(values: list[float]) -> str:
    return (
        f"p50 {statistics.median(values):.2f} ms, p99 {pct(values, 0.99):.2f} ms, "
        f"max {max(values):.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["test", "train", "dev"])
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args()
    rows = load(args.split)
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.load(Path(tmp))
        started = time.perf_counter()
        service = GuideService(kb, Guide.load(), find_place=SlotExtractor(kb).location)
        build_ms = (time.perf_counter() - started) * 1000
        router = service.router
        cold: list[float] = []
        for row in rows:
            t = time.perf_counter()
            router.route(row["text"])
            cold.append((time.perf_counter() - t) * 1000)
        warm: list[float] = []
        warm_cpu: list[float] = []
        routes: list[GuideRoute] = []
        for _ in range(5):
            routes = []
            for row in rows:
                t, c = time.perf_counter(), time.thread_time()
                routes.append(router.route(row["text"]))
                warm_cpu.append((time.thread_time() - c) * 1000)
                warm.append((time.perf_counter() - t) * 1000)
        answer_ms: list[float] = []
        over_limit = 0
        for row in rows:
            t = time.perf_counter()
            answer = service.answer(row["text"], PROFILE)
            answer_ms.append((time.perf_counter() - t) * 1000)
            over_limit += not answer.fits_embed()
        tables = data_tables(service)
        kb.close()

    hits = [correct(row, route) for row, route in zip(rows, routes, strict=True)]
    by_kind: Counter[str] = Counter(r["kind"] for r in rows)
    ok_kind: Counter[str] = Counter(r["kind"] for r, h in zip(rows, hits, strict=True) if h)
    clarified = sum(1 for r in routes if r.kind == "clarify")
    print(f"guide retrieval, split={args.split}: {len(rows)} questions")
    print(f"top-1 accuracy: {sum(hits) / len(rows):.1%} ({sum(hits)}/{len(rows)})")
    for kind in sorted(by_kind):
        share = ok_kind[kind] / by_kind[kind]
        print(f"  {kind:<15} {ok_kind[kind]:>3}/{by_kind[kind]:<3} {share:.0%}")
    print(f"clarify answers: {clarified}")
    print(f"route latency, cold first pass: {figures(cold)}")
    print(f"route latency, warm (5 passes): {figures(warm)}")
    print(f"route CPU time, warm (5 passes): {figures(warm_cpu)}")
    print(f"answer (route + compose, with a profile): {figures(answer_ms)}")
    print(f"answers over Discord's embed limits: {over_limit}")
    print(f"service start-up (guide load + index + router): {build_ms:.0f} ms")
    for line in tables:
        print(line)
    if args.errors:
        for row, route, hit in zip(rows, routes, hits, strict=True):
            if not hit:
                want = row.get("id") or row.get("ids")
                got = f"{route.kind} {route.ids} ({route.via}, {route.confidence})"
                print(f"MISS {row['text']!r}: want {row['kind']} {want}, got {got}")
    return 0


def data_tables(service: GuideService) -> list[str]:
    """Timings of the answers composed from the data alone: a field at a glance (every field,
    with the profile's skills and area), the best-paid roles, the skills in demand."""
    fields: list[float] = []
    over = 0
    for _ in range(3):
        for family in get_args(Family):
            t = time.perf_counter()
            answer = service.field_overview(family, PROFILE)
            fields.append((time.perf_counter() - t) * 1000)
            over += not answer.fits_embed()
    paying: list[float] = []
    for family in (None, *get_args(Family)):
        for no_degree in (False, True):
            t = time.perf_counter()
            answer = service.top_paying(PROFILE, family=family, without_degree=no_degree)
            paying.append((time.perf_counter() - t) * 1000)
            over += not answer.fits_embed()
    t = time.perf_counter()
    service.skills_in_demand(PROFILE)
    first = (time.perf_counter() - t) * 1000
    cached: list[float] = []
    for _ in range(50):
        t = time.perf_counter()
        over += not service.skills_in_demand(PROFILE).fits_embed()
        cached.append((time.perf_counter() - t) * 1000)
    return [
        f"field at a glance (15 fields x 3, with skills and area): {figures(fields)}",
        f"best-paid roles (by field, with and without a degree): {figures(paying)}",
        f"skills in demand: first {first:.0f} ms (then cached): {figures(cached)}",
        f"data answers over Discord's embed limits: {over}",
    ]


if __name__ == "__main__":
    raise SystemExit(main())

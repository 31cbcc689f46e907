"""Intent classifier figures: accuracy per label, the confusion matrix and latency.

    .venv/bin/python bench/intents.py                 # the held-out test split
    .venv/bin/python bench/intents.py --split train   # the split the rules were tuned on
    .venv/bin/python bench/intents.py --errors        # also list every miss
    .venv/bin/python bench/intents.py --split tests/data/intents/fresh_2025-06-01.jsonl

Runs the deterministic stage only (no LLM), with the shipped knowledge base in a temporary
data dir. Latency is per `classify` call after one warm-up pass (p50 / p99 / max), with the
intent package's per-message caches cleared before every call (each message timed as new; the
knowledge base's own word-level caches stay warm); `--warm` keeps them (repeated messages).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from careermate_bot.knowledge import KnowledgeBase  # noqa: E402
from careermate_bot.services.conversation.intents import (  # noqa: E402
    INTENTS,
    ConversationContext,
    classifier_for,
    classify,
)
from careermate_bot.services.conversation.intents.normalize import normalize  # noqa: E402

DATA = ROOT / "tests" / "data" / "intents"


Row = dict[str, Any]


def load(split: str) -> list[Row]:
    path = DATA / f"{split}.jsonl" if (DATA / f"{split}.jsonl").exists() else Path(split)
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def context_for(row: Row, kb: KnowledgeBase) -> ConversationContext:
    """The row's conversation: a waiting interview question, or the turn before it."""
    context = ConversationContext(knowledge=kb, interview_question=row.get("interview_question"))
    if row.get("after"):
        earlier = classify(row["after"], ConversationContext(knowledge=kb))
        context.last_intent, context.last_slots = earlier.intent, earlier.slots
    return context


def _abbreviations(labels: list[str]) -> dict[str, str]:
    """Short column names, unique ("pay" and "privacy" both start with p)."""
    out: dict[str, str] = {}
    for label in labels:
        short = "".join(w[0] for w in label.split("_"))
        if short in out.values():
            short = label[:3] if len(label.split("_")) == 1 else label.split("_")[0][:2] + short
        out[label] = short
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split", default="test", help="test, train, dev, fresh_<date> or a .jsonl path"
    )
    parser.add_argument("--errors", action="store_true", help="list misclassified messages")
    parser.add_argument(
        "--warm", action="store_true", help="keep per-message caches between passes (optimistic)"
    )
    args = parser.parse_args()
    rows = load(args.split)
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.load(Path(tmp))
        contexts = [context_for(row, kb) for row in rows]
        extractor = classifier_for(kb).extractor
        for row, context in zip(rows, contexts, strict=True):  # warm-up (caches, regexes)
            classify(row["text"], context)
        timings: list[float] = []
        cpu: list[float] = []
        predicted: list[str] = []
        secondary_ok = secondary_total = 0
        for _ in range(5):
            predicted = []
            for row, context in zip(rows, contexts, strict=True):
                if not args.warm:  # every message as if seen for the first time
                    normalize.cache_clear()
                    if extractor is not None:
                        extractor.clear_caches()
                started, started_cpu = time.perf_counter(), time.thread_time()
                result = classify(row["text"], context)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - started_cpu) * 1000)
                predicted.append(result.intent)
        for row, context in zip(rows, contexts, strict=True):
            result = classify(row["text"], context)
            if row.get("secondary") or result.secondary:
                secondary_total += 1
                secondary_ok += result.secondary == row.get("secondary")
        kb.close()
    labels: list[str] = list(INTENTS)
    matrix = {t: {p: 0 for p in labels} for t in labels}
    for row, guess in zip(rows, predicted, strict=True):
        matrix[row["intent"]][guess] += 1
    correct = sum(matrix[label][label] for label in labels)
    print(f"split: {args.split} ({len(rows)} messages)")
    print(f"accuracy: {correct / len(rows):.1%} ({correct}/{len(rows)})")
    print(f"profile_update secondary flag: {secondary_ok}/{secondary_total} right")
    print("\nper label:")
    for label in labels:
        total = sum(matrix[label].values())
        hit = matrix[label][label]
        print(f"  {label:<19} {hit:>3}/{total:<3} {hit / total if total else 0:.0%}")
    short = _abbreviations(labels)
    print("\nconfusion matrix (rows = true, columns = predicted):")
    print(" " * 20 + " ".join(f"{short[p]:>4}" for p in labels))
    for label in labels:
        print(f"  {label:<18}" + " ".join(f"{matrix[label][p]:>4}" for p in labels))
    print("  (" + ", ".join(f"{short[p]}={p}" for p in labels) + ")")
    print(f"\nlatency per message ({len(timings)} calls, no LLM):")
    for name, values in (("wall clock", timings), ("CPU time", cpu)):
        values.sort()
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        print(
            f"  {name:<10} p50 {statistics.median(values):.3f} ms, p99 {p99:.3f} ms, "
            f"max {values[-1]:.3f} ms"
        )
    print("  (wall clock includes waiting for a CPU on a busy machine; CPU time does not)")
    if args.errors:
        print("\nmisses:")
        for row, guess in zip(rows, predicted, strict=True):
            if guess != row["intent"]:
                print(f"  {row['intent']:<18} -> {guess:<18} {row['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

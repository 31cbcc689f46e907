"""Intent classifier figures: accuracy per label, the confusion matrix and latency.

    .venv/bin/python bench/intents.py                 # the held-out test split
    .venv/bin/python bench/intents.py --split train   # the split the rules were tuned on
    .venv/bin/python bench/intents.py --errors        # also list every miss

Runs the deterministic stage only (no LLM), with the shipped knowledge base in a temporary
data dir. Latency is per `classify` call after one warm-up pass (p50 / p99 / max).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from careermate_bot.knowledge import KnowledgeBase  # noqa: E402
from careermate_bot.services.conversation.intents import INTENTS, ConversationContext, classify  # noqa: E402

DATA = ROOT / "tests" / "data" / "intents"


def load(split: str) -> list[dict[str, str]]:
    with (DATA / f"{split}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["test", "train", "dev"])
    parser.add_argument("--errors", action="store_true", help="list misclassified messages")
    args = parser.parse_args()
    rows = load(args.split)
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.load(Path(tmp))
        context = ConversationContext(knowledge=kb)
        for row in rows:  # warm-up (caches, regex compilation)
            classify(row["text"], context)
        timings: list[float] = []
        cpu: list[float] = []
        predicted: list[str] = []
        secondary_ok = secondary_total = 0
        for _ in range(5):
            predicted = []
            for row in rows:
                started, started_cpu = time.perf_counter(), time.thread_time()
                result = classify(row["text"], context)
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - started_cpu) * 1000)
                predicted.append(result.intent)
        for row in rows:
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
    short = {label: "".join(w[0] for w in label.split("_")) for label in labels}
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

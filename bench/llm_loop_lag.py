"""Event-loop lag, tokens/s and Stop latency with the embedded model (figures the tests no longer
assert: on a busy machine they measure the machine, not the code).

Run:  .venv/bin/python bench/llm_loop_lag.py [--model PATH] [--tokens 48]

1. Three requests from two users (alice twice, bob once) on one engine while a ticker measures
   how late the event loop wakes up (interval 10 ms): max and p99 lag, decode tokens/s.
2. Stop: time from `cancel()` to the stream raising `LLMCancelled`, and until the engine is free.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from careermate_bot.llm import LLMCancelled, LLMClient, message
from careermate_bot.llm.backends.local import resolve_model_path
from careermate_bot.llm.factory import load_local_sync

ASK = [
    message("system", "You are CareerMate, a concise career coach."),
    message("user", "Give me one tip for a job interview."),
]


async def ticker(stop: asyncio.Event, lags: list[float], interval: float = 0.01) -> None:
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        before = loop.time()
        await asyncio.sleep(interval)
        lags.append(max(0.0, loop.time() - before - interval))


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def main(model: Path | None, tokens: int) -> None:
    backend = load_local_sync(resolve_model_path(model), 4096)
    client = LLMClient(backend, first_token_timeout=120, total_timeout=600, num_ctx=4096)

    stop = asyncio.Event()
    lags: list[float] = []
    tick = asyncio.create_task(ticker(stop, lags))
    started = time.perf_counter()
    streams = []

    async def ask(user: str) -> None:
        async with client.stream(ASK, user_id=user, max_tokens=tokens, temperature=0.7) as s:
            async for _ in s:
                pass
        streams.append(s)

    await asyncio.gather(ask("alice"), ask("alice"), ask("bob"))
    elapsed = time.perf_counter() - started
    stop.set()
    await tick
    rates = [s.call.tokens_per_second for s in streams if s.call and s.call.tokens_per_second]
    print(f"3 requests x {tokens} tokens in {elapsed:.2f} s")
    print(f"decode tokens/s per request: median {statistics.median(rates):.1f}")
    print(
        f"event-loop lag while generating: max {max(lags) * 1000:.1f} ms, "
        f"p99 {p99(lags) * 1000:.1f} ms ({len(lags)} ticks)"
    )

    got = 0
    pressed = 0.0
    try:
        async for _ in client.stream(ASK, user_id=1, max_tokens=400, temperature=0.7):
            got += 1
            if got == 3:
                pressed = time.perf_counter()
                client.cancel(1)
    except LLMCancelled:
        raised = time.perf_counter()
    await client.chat(ASK, user_id=2, max_tokens=1)
    free = time.perf_counter()
    print(
        f"Stop: raised after {(raised - pressed) * 1000:.1f} ms; "
        f"engine free (next 1-token reply done) after {(free - pressed) * 1000:.1f} ms"
    )
    await client.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--tokens", type=int, default=48)
    args = parser.parse_args()
    asyncio.run(main(args.model, args.tokens))

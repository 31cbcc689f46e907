"""Shared-state overhead: what REDIS_URL costs per rate-limit check, LLM gate turn, budget
token and Stop, against the in-process implementations.

    .venv/bin/python bench/shared_state.py [--n 3000] [--url redis://127.0.0.1:6379/0]

Without --url it starts a throwaway redis-server (Debian's package) on a free 127.0.0.1 port.
Prints per-operation latency (p50 / p99, microseconds) for sequential calls, and the
cross-process latencies that matter to a user: a slot freed in one process granted in another
(pub/sub), and a Stop pressed in one process reaching the generation in another.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from careermate_bot.llm import message
from careermate_bot.llm.client import LLMClient
from careermate_bot.llm.fake import FakeBackend
from careermate_bot.llm.scheduler import FairScheduler
from careermate_bot.shared import (
    FleetScheduler,
    GateConfig,
    LocalRateLimiter,
    LocalTokenBucket,
    RedisGate,
    RedisLink,
    RedisRateLimiter,
    RedisStopBus,
    RedisTokenBucket,
    SharedLLMLink,
)
from tests.redis_server import RedisServer, redis_server_binary


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def timed(n: int, call: Callable[[int], Awaitable[object]]) -> list[float]:
    for i in range(min(200, n)):  # warm-up: connections, script cache
        await call(i)
    samples = []
    for i in range(n):
        started = time.perf_counter()
        await call(i)
        samples.append((time.perf_counter() - started) * 1e6)
    return samples


def row(label: str, local: list[float] | None, shared: list[float]) -> None:
    def cell(values: list[float] | None) -> str:
        if values is None:
            return f"{'—':>19}"
        return f"{statistics.median(values):8.1f} / {pct(values, 0.99):8.1f}"

    extra = ""
    if local is not None:
        extra = f"  +{statistics.median(shared) - statistics.median(local):.0f} µs"
    print(f"  {label:<40} {cell(local)}   {cell(shared)}{extra}")


async def bench(url: str, n: int) -> None:
    prefix = f"bench{uuid.uuid4().hex[:6]}"
    links = [RedisLink(url, prefix=prefix) for _ in range(2)]
    print(f"{'':42}{'in process p50 / p99 µs':>23}   {'Redis p50 / p99 µs':>19}")

    local_limit = LocalRateLimiter("chat", 6, 60.0)
    redis_limit = RedisRateLimiter(links[0], "chat", 6, 60.0)
    row(
        "rate-limit check (limiter.hit)",
        await timed(n, lambda i: local_limit.hit(i)),
        await timed(n, lambda i: redis_limit.hit(i)),
    )

    fair = FairScheduler(4, 1000)
    config = GateConfig(capacity=4, queue_size=1000, lease=10.0, grace=0.0)
    fleet = FleetScheduler(RedisGate(links[0], config), FairScheduler(4, 1000))
    await links[0].start()

    async def local_turn(i: int) -> None:
        async with fair.slot(i):
            pass

    async def fleet_turn(i: int) -> None:
        async with fleet.slot(i):
            pass
        await asyncio.sleep(0)  # let the background release run, as between real requests

    row(
        "LLM gate turn, free slot (acquire+release)",
        await timed(n, local_turn),
        await timed(n, fleet_turn),
    )

    plain = LLMClient(FakeBackend(["ok"]), max_concurrency=4)
    shared_client = LLMClient(
        FakeBackend(["ok"]),
        max_concurrency=4,
        cluster=SharedLLMLink(RedisStopBus(links[1]), links[1], capacity=4, grace=0.0),
    )
    await links[1].start()
    hi = [message("user", "hi")]
    row(
        "LLMClient.chat with an instant engine",
        await timed(min(n, 1000), lambda i: plain.chat(hi, user_id=i)),
        await timed(min(n, 1000), lambda i: shared_client.chat(hi, user_id=i)),
    )

    local_bucket = LocalTokenBucket(1e9, 10**9)
    redis_bucket = RedisTokenBucket(links[0], "bench", 1e9, 10**9)
    row(
        "message budget token (acquire)",
        await timed(n, lambda i: local_bucket.acquire()),
        await timed(n, lambda i: redis_bucket.acquire()),
    )

    # A slot freed in process A, granted to a waiter in process B (pub/sub).
    one = GateConfig(capacity=1, queue_size=10, lease=10.0, grace=0.0)
    a = FleetScheduler(RedisGate(links[0], one), FairScheduler(1, 10))
    b = FleetScheduler(RedisGate(links[1], one), FairScheduler(1, 10))
    grants: list[float] = []

    async def hold(user: int, holding: asyncio.Event, release: asyncio.Event) -> None:
        async with a.slot(user):
            holding.set()
            await release.wait()

    async def wait_turn(user: int, got: list[float]) -> None:
        async with b.slot(user):
            got.append(time.perf_counter())

    for i in range(200):
        holding, release = asyncio.Event(), asyncio.Event()
        got: list[float] = []
        holder = asyncio.create_task(hold(2 * i, holding, release))
        await holding.wait()
        waiter = asyncio.create_task(wait_turn(2 * i + 1, got))
        await asyncio.sleep(0.005)
        freed = time.perf_counter()
        release.set()
        await asyncio.gather(holder, waiter)
        grants.append((got[0] - freed) * 1e6)
    row("slot freed in A -> granted in B", None, grants)

    # Stop pressed in process A reaches a request of process B.
    stops: list[float] = []
    bus_a, bus_b = RedisStopBus(links[0]), RedisStopBus(links[1])
    heard = asyncio.Event()
    bus_b.on_stop(lambda user: heard.set() or True)
    await links[0].start()
    await links[1].start()
    await asyncio.sleep(0.2)
    for i in range(200):
        heard.clear()
        started = time.perf_counter()
        bus_a.publish(i)
        await heard.wait()
        stops.append((time.perf_counter() - started) * 1e6)
    row("Stop in A -> handler in B", None, stops)
    for link in links:
        await link.aclose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    server = None
    url = args.url
    if not url:
        if redis_server_binary() is None:
            sys.exit("redis-server is not installed (apt-get install redis-server); or --url")
        server = RedisServer(redis_server_binary() or "", Path(tempfile.mkdtemp()) / "redis")
        server.start()
        url = server.url
    try:
        print(f"Redis at {url}; {args.n} sequential calls per row (one client, one event loop)")
        asyncio.run(bench(url, args.n))
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()

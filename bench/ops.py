"""What the operators' view costs, and how fast a leader is replaced.

    .venv/bin/python bench/ops.py                       # metrics + endpoints on a SQLite file
    .venv/bin/python bench/ops.py --pg postgres://postgres@127.0.0.1:5432/bench   # + failover

1. Recording: microseconds per counted message, interaction and finished LLM call.
2. The endpoint on 127.0.0.1 (a SQLite file; the LLM queue, 8 shards and 40 intents filled in):
   size of /metrics and p50 / p99 of /metrics, /healthz and /readyz over HTTP.
3. With --pg: two processes campaign for leadership with the production timings (retry 15 s,
   keepalive 10 s); the leader is killed with SIGKILL at a random moment and the time until the
   other leads is printed (repeated --rounds times). The bound is the follower's retry interval.
Also prints the machine's load average: shared CPUs stretch the tail.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from careermate_bot.config import build_settings  # noqa: E402
from careermate_bot.llm.fake import fake_client  # noqa: E402
from careermate_bot.llm.stats import CallStats  # noqa: E402
from careermate_bot.services.status import GatewayState, ShardState, StatusService  # noqa: E402
from careermate_bot.storage.database import close_db, init_db  # noqa: E402
from careermate_bot.storage.leader import Leadership  # noqa: E402

CAMPAIGNER = """
import asyncio, sys
from pathlib import Path
from careermate_bot.config import build_settings
from careermate_bot.storage.leader import Leadership

async def main(url):
    leader = Leadership(build_settings(_env_file=None, data_dir=Path("."), database_url=url))
    await leader.start()
    shown = None
    while True:
        if leader.is_leader != shown:
            shown = leader.is_leader
            print("LEADER" if shown else "FOLLOWER", flush=True)
        await asyncio.sleep(0.01)

asyncio.run(main(sys.argv[1]))
"""


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered) * 1000:7.2f} ms   p99 {p99 * 1000:7.2f} ms"


def recording(n: int) -> None:
    from careermate_bot.services.status import Metrics

    metrics = Metrics()
    call = CallStats("fake", "m", True, None, 120, 80, 0, 0.01, 0.3, 2.5, "stop")
    for label, record in (
        ("message", lambda: metrics.message("dm")),
        ("interaction + command", lambda: metrics.interaction("command", "career")),
        ("intent", lambda: metrics.intent("job_search")),
        ("finished LLM call", lambda: metrics.llm_call(call)),
    ):
        started = time.perf_counter()
        for _ in range(n):
            record()
        per = (time.perf_counter() - started) / n
        print(f"record {label:<28} {per * 1e6:7.2f} µs per call (n={n})")


async def endpoints(requests: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = build_settings(
            _env_file=None, data_dir=Path(tmp), database_url="", metrics_port=0
        )
        await init_db(settings)
        client = fake_client(["Hello there."])
        leader = Leadership(settings)
        status = StatusService(settings, llm=lambda: client, leader=leader)
        shards = tuple(ShardState(i, True, 0.05) for i in range(8))
        status.attach_gateway(lambda: GatewayState(True, shards, 8, 1200))
        await status.start()
        for i in range(40):
            status.record_intent(f"intent_{i}")
        await client.chat([{"role": "user", "content": "hi"}], user_id=1)
        assert status.metrics_url is not None
        base = status.metrics_url.removesuffix("/metrics")
        try:
            async with aiohttp.ClientSession() as session:
                for path in ("/metrics", "/healthz", "/readyz"):
                    times = []
                    size = 0
                    for _ in range(requests):
                        started = time.perf_counter()
                        async with session.get(base + path) as response:
                            body = await response.read()
                        times.append(time.perf_counter() - started)
                        size = len(body)
                    print(f"GET {path:<9} {size:6d} bytes  {_ms(times)}  (n={requests})")
        finally:
            await status.stop()
            await close_db()


async def _line(process: asyncio.subprocess.Process) -> str:
    assert process.stdout is not None
    return (await asyncio.wait_for(process.stdout.readline(), 60)).decode().strip()


async def failover(url: str, rounds: int) -> None:
    settings = build_settings(_env_file=None, data_dir=Path("."), database_url=url)
    await init_db(settings)
    await close_db()
    waits = []
    for _ in range(rounds):
        procs = [
            await asyncio.create_subprocess_exec(
                sys.executable, "-c", CAMPAIGNER, url, cwd=ROOT, stdout=subprocess.PIPE
            )
            for _ in range(2)
        ]
        try:
            states = [await _line(p) for p in procs]
            leader = states.index("LEADER")
            follower = procs[1 - leader]
            await asyncio.sleep(random.uniform(0, 15))  # anywhere in the follower's retry cycle
            procs[leader].send_signal(signal.SIGKILL)
            killed = time.perf_counter()
            assert await _line(follower) == "LEADER"
            waits.append(time.perf_counter() - killed)
        finally:
            for p in procs:
                if p.returncode is None:
                    p.kill()
                await p.wait()
    median = statistics.median(waits)
    print(
        f"leader killed (SIGKILL) -> another process leads: median {median:.1f} s, "
        f"max {max(waits):.1f} s (n={rounds}; bound: the 15 s retry)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--pg", help="a PostgreSQL URL for the failover measurement")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    recording(args.records)
    asyncio.run(endpoints(args.requests))
    if args.pg:
        asyncio.run(failover(args.pg, args.rounds))


if __name__ == "__main__":
    main()

"""careermate_bot/shared against a real redis-server (tests/redis_server.py): fleet-wide
semantics with several limiters, LLM clients and processes; Redis stopped and restarted."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from careermate_bot.llm import message
from careermate_bot.llm.client import LLMClient
from careermate_bot.llm.fake import FakeBackend, FakeReply
from careermate_bot.llm.scheduler import FairScheduler
from careermate_bot.shared import (
    FleetScheduler,
    GateConfig,
    RedisGate,
    RedisLeaseStore,
    RedisLink,
    RedisRateLimiter,
    RedisStopBus,
    RedisTokenBucket,
    SharedLLMLink,
)
from tests.redis_server import RedisServer
from tests.shared.test_gate import Engine, fleet_clients

ROOT = Path(__file__).resolve().parents[2]


async def test_four_limiters_let_exactly_the_allowed_messages_through(
    real_links: list[RedisLink],
) -> None:
    limiters = [RedisRateLimiter(link, "chat", 6, 60.0) for link in real_links]
    # 30 users x 20 messages, all at once, spread over 4 processes.
    users = [user for user in range(30) for _ in range(20)]
    answers = await asyncio.gather(*(limiters[i % 4].hit(u) for i, u in enumerate(users)))
    allowed: dict[int, int] = {}
    for user, answer in zip(users, answers, strict=True):
        allowed[user] = allowed.get(user, 0) + answer.allowed
        assert answer.shared
    assert set(allowed.values()) == {6}


async def test_four_clients_never_exceed_the_cap_and_no_user_runs_two(
    real_links: list[RedisLink],
) -> None:
    engine = Engine()
    clients = fleet_clients(real_links, engine, capacity=2, delay=0.005)
    for link in real_links:
        await link.start()

    async def ask(client: LLMClient, user: int) -> str:
        return await client.chat([message("user", str(user))], user_id=user)

    # 60 users, 3 requests each, from every process at once.
    jobs = [ask(clients[(user + n) % 4], user) for user in range(60) for n in range(3)]
    answers = await asyncio.wait_for(asyncio.gather(*jobs, return_exceptions=True), 120)
    unexpected = [a for a in answers if a != "a b c" and type(a).__name__ != "Busy"]
    assert not unexpected
    assert sum(a == "a b c" for a in answers) >= 120  # 2 of each user's 3 fit (pending bound)
    assert engine.peak == 2 and engine.overlap == []
    await asyncio.sleep(0.2)  # releases are sent in the background
    gate = real_links[0].key("gate")
    client = real_links[0].client
    assert await client.zcard(f"{gate}:run") == 0 and await client.zcard(f"{gate}:line") == 0
    assert await client.hlen(f"{gate}:upend") == 0


def _spawn(mode: str, server: RedisServer, prefix: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.shared.fleet_process", mode, server.url, prefix],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


async def _line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    return (await asyncio.wait_for(asyncio.to_thread(process.stdout.readline), 30)).strip()


async def test_a_killed_process_slot_is_reclaimed_after_its_lease(
    redis_server: RedisServer,
) -> None:
    prefix = f"t{uuid.uuid4().hex[:8]}"
    holder = _spawn("hold", redis_server, prefix)
    try:
        assert await _line(holder) == "HOLDING"
        link = RedisLink(redis_server.url, prefix=prefix)
        config = GateConfig(capacity=1, queue_size=10, lease=2.0, grace=0.0)
        scheduler = FleetScheduler(RedisGate(link, config), FairScheduler(1, 10))
        await link.start()
        granted = asyncio.Event()

        async def want_slot() -> None:
            async with scheduler.slot(7):
                granted.set()

        waiter = asyncio.create_task(want_slot())
        await asyncio.sleep(3.0)  # 1.5 leases: the live holder keeps renewing its slot
        assert not granted.is_set() and scheduler.position(7) == 1
        os.kill(holder.pid, signal.SIGKILL)
        await asyncio.wait_for(waiter, 15)  # its lease lapses; the slot comes to us
        assert granted.is_set()
        await link.aclose()
    finally:
        holder.kill()
        holder.wait(10)


async def test_stop_in_one_process_cancels_the_generation_in_another(
    redis_server: RedisServer,
) -> None:
    prefix = f"t{uuid.uuid4().hex[:8]}"
    other = _spawn("generate", redis_server, prefix)
    try:
        assert await _line(other) == "RUNNING"
        link = RedisLink(redis_server.url, prefix=prefix)
        stop = RedisStopBus(link)
        here = LLMClient(FakeBackend(), cluster=SharedLLMLink(stop, link, capacity=4, grace=0))
        await link.start()
        assert here.cancel(5) is False  # nothing of user 5 runs in this process...
        assert await _line(other) == "CANCELLED 'partial '"  # ...but it stopped over there
        assert not await stop.request(5, wait=0.3)  # nothing left to stop anywhere
        await link.aclose()
    finally:
        other.kill()
        other.wait(10)


async def test_stop_request_says_when_another_process_stopped_something(
    real_links: list[RedisLink],
) -> None:
    runner = LLMClient(
        FakeBackend([FakeReply(["x "], hang=True)]),
        cluster=SharedLLMLink(RedisStopBus(real_links[0]), real_links[0], capacity=2, grace=0),
    )
    asker = RedisStopBus(real_links[1])
    for link in real_links[:2]:
        await link.start()
    stream = runner.stream([message("user", "hi")], user_id=11)
    task = asyncio.create_task(anext(aiter(stream)))
    assert await asyncio.wait_for(task, 5) == "x "
    assert await asyncio.wait_for(asker.request(11, wait=2.0), 5)
    with pytest.raises(Exception, match="stopped"):
        await anext(aiter(stream))
    await stream.aclose()


async def test_redis_restart_mid_run_keeps_the_cap(
    own_redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    prefix = f"t{uuid.uuid4().hex[:8]}"
    links = [RedisLink(own_redis_server.url, prefix=prefix, retry_interval=0.2) for _ in range(2)]
    engine = Engine()
    slow, fast = (
        LLMClient(
            engine.backend(delay),
            max_concurrency=1,
            cluster=SharedLLMLink(RedisStopBus(link), link, capacity=1, lease=1.5, grace=None),
        )
        for link, delay in zip(links, (1.5, 0.01), strict=True)
    )
    limiter = RedisRateLimiter(links[1], "chat", 1, 60.0)
    for link in links:
        await link.start()
    await asyncio.sleep(0.8)  # a fresh Redis: the first grant waits out the grace period
    long_reply = asyncio.create_task(slow.chat([message("user", "long")], user_id=1))
    for _ in range(200):
        if engine.started:
            break
        await asyncio.sleep(0.05)
    assert (await limiter.hit(9)).allowed and not (await limiter.hit(9)).allowed
    with caplog.at_level(logging.WARNING):
        own_redis_server.restart()  # all keys gone while "long" is generating
        await asyncio.sleep(0.3)
        short = asyncio.create_task(fast.chat([message("user", "short")], user_id=2))
        assert await asyncio.wait_for(long_reply, 30) == "a b c"
        assert await asyncio.wait_for(short, 30) == "a b c"
    assert engine.peak == 1  # the restarted gate never let both run at once
    assert engine.started == ["long", "short"]
    assert any("counted again" in r.getMessage() for r in caplog.records)
    assert (await limiter.hit(9)).allowed and not (await limiter.hit(9)).allowed  # limits again
    for link in links:
        await link.aclose()


async def test_while_redis_is_down_the_gate_uses_local_limits_and_limits_fail_open(
    own_redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    link = RedisLink(own_redis_server.url, prefix="down", retry_interval=0.2, connect_timeout=0.5)
    engine = Engine()
    client = LLMClient(
        engine.backend(0.05),
        max_concurrency=1,  # the local limit during the outage
        cluster=SharedLLMLink(RedisStopBus(link), link, capacity=3, grace=0.0),
    )
    limiter = RedisRateLimiter(link, "chat", 1, 60.0)
    leases = RedisLeaseStore(link)
    await link.start()
    own_redis_server.stop()
    with caplog.at_level(logging.WARNING):
        answers = await asyncio.gather(
            *(client.chat([message("user", str(u))], user_id=u) for u in range(4))
        )
        assert answers == ["a b c"] * 4 and engine.peak == 1  # local limits: one at a time
        assert all([(await limiter.hit(1)).allowed for _ in range(3)])  # fail open
        assert await leases.acquire("shard:0", ttl=5) is None  # fail closed
    assert sum("Redis unavailable" in r.getMessage() for r in caplog.records) == 1
    own_redis_server.start()
    await asyncio.sleep(0.3)
    engine.peak = 0
    answers = await asyncio.gather(
        *(client.chat([message("user", str(u))], user_id=u) for u in range(4))
    )
    assert answers == ["a b c"] * 4 and engine.peak == 3  # the fleet gate again (capacity 3)
    assert await link.client.get(link.key("gate", "seq")) is not None
    assert (await limiter.hit(1)).allowed and not (await limiter.hit(1)).allowed
    await link.aclose()


async def test_one_message_budget_for_four_processes(real_links: list[RedisLink]) -> None:
    buckets = [RedisTokenBucket(link, "discord", rate=5.0, burst=10) for link in real_links]
    loop = asyncio.get_running_loop()
    started = loop.time()
    taken = sum([await buckets[i % 4].acquire(max_wait=0) for i in range(100)])
    elapsed = loop.time() - started
    assert 10 <= taken <= 10 + int(5.0 * elapsed) + 1
    assert await buckets[1].acquire(max_wait=1.0)  # a short wait buys a token
    # Discord said 429, retry after 2 s: every process holds, once (three holds, not 6 s).
    for bucket in buckets[:3]:
        await bucket.hold(2.0)
    assert not await buckets[3].acquire(max_wait=1.5)
    assert await buckets[2].acquire(max_wait=2.5)


async def test_a_lease_frees_itself_when_its_holder_stops_renewing(
    real_links: list[RedisLink],
) -> None:
    a, b = RedisLeaseStore(real_links[0]), RedisLeaseStore(real_links[1])
    held = await a.acquire("shard:3", ttl=0.5)
    assert held is not None and await b.acquire("shard:3", ttl=0.5) is None
    await asyncio.sleep(0.7)  # the holder died: no renewal
    taken = await b.acquire("shard:3", ttl=5)
    assert taken is not None and taken.fence == held.fence + 1
    assert not await held.renew()

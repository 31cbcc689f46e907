"""Rate limits, the message budget, endpoint health, leases: in-process and over fakeredis."""

from __future__ import annotations

import asyncio
import logging

import pytest

from careermate_bot.shared import (
    LocalEndpointBoard,
    LocalLeaseStore,
    LocalRateLimiter,
    LocalTokenBucket,
    RedisEndpointBoard,
    RedisLeaseStore,
    RedisLink,
    RedisRateLimiter,
    RedisTokenBucket,
    SharedState,
)
from careermate_bot.shared.stop import decode_user, encode_user


def test_local_window_allows_the_rate_then_says_when_to_come_back() -> None:
    limiter = LocalRateLimiter("chat", 6, 60.0)
    answers = [limiter.hit_now(1, now=100.0 + i) for i in range(7)]
    assert [a.allowed for a in answers] == [True] * 6 + [False]
    assert [a.remaining for a in answers[:6]] == [5, 4, 3, 2, 1, 0]
    # The oldest counted hit (t=100) leaves the window at t=160; the refused one was at t=106.
    assert answers[6].retry_after == pytest.approx(54.0)
    assert limiter.hit_now(2, now=106.0).allowed  # another user has their own window
    assert not limiter.hit_now(1, now=159.9).allowed
    assert limiter.hit_now(1, now=160.1).allowed  # t=100 slid out: one place


def test_refused_hits_do_not_push_the_window_on() -> None:
    limiter = LocalRateLimiter("chat", 2, 10.0)
    assert limiter.hit_now("u", now=0.0).allowed and limiter.hit_now("u", now=1.0).allowed
    for t in range(2, 10):
        assert not limiter.hit_now("u", now=float(t)).allowed
    assert limiter.hit_now("u", now=10.5).allowed


def test_sliding_window_never_allows_a_double_burst_at_the_edge() -> None:
    # A fixed window would allow 6 at t=59 and 6 more at t=61; a sliding one allows 6 per 60 s.
    limiter = LocalRateLimiter("chat", 6, 60.0)
    assert all(limiter.hit_now(1, now=59.0).allowed for _ in range(6))
    assert not any(limiter.hit_now(1, now=61.0).allowed for _ in range(6))
    assert limiter.hit_now(1, now=119.5).allowed


async def test_redis_window_is_shared_by_every_process(fake_links: list[RedisLink]) -> None:
    limiters = [RedisRateLimiter(link, "chat", 6, 60.0) for link in fake_links]
    answers = [await limiters[i % 4].hit(42) for i in range(20)]
    assert sum(a.allowed for a in answers) == 6
    assert all(a.allowed for a in answers[:6])
    refused = answers[6]
    assert not refused.allowed and 55.0 < refused.retry_after <= 60.0 and refused.shared
    assert (await limiters[1].hit(43)).allowed  # per user
    assert (await RedisRateLimiter(fake_links[2], "resume.paste", 6, 60.0).hit(42)).allowed
    await limiters[3].reset(42)
    assert (await limiters[0].hit(42)).allowed


async def test_redis_window_slides(fake_links: list[RedisLink]) -> None:
    limiter = RedisRateLimiter(fake_links[0], "quick", 2, 1.0)
    assert (await limiter.hit(1)).allowed and (await limiter.hit(1)).allowed
    refused = await limiter.hit(1)
    assert not refused.allowed and 0 < refused.retry_after <= 1.0
    await asyncio.sleep(refused.retry_after + 0.05)
    assert (await limiter.hit(1)).allowed


def unreachable_link() -> RedisLink:
    from tests.redis_server import free_port

    return RedisLink(f"redis://127.0.0.1:{free_port()}/0", connect_timeout=0.5, retry_interval=60)


async def test_limits_fail_open_with_one_log_line(caplog: pytest.LogCaptureFixture) -> None:
    link = unreachable_link()
    limiter = RedisRateLimiter(link, "chat", 1, 60.0)
    with caplog.at_level(logging.WARNING, logger="careermate_bot.shared.link"):
        answers = [await limiter.hit(7) for _ in range(5)]
    assert all(a.allowed and not a.shared for a in answers)  # open, and says it was local
    warnings = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
    assert len(warnings) == 1 and "let messages through" in warnings[0].getMessage()
    assert not link.up and link.outages == 1
    await link.aclose()


def test_shared_state_without_redis_is_in_process() -> None:
    shared = SharedState()
    assert not shared.fleet_wide
    chat = shared.rate_limiter("chat", 6, 60.0)
    assert isinstance(chat, LocalRateLimiter)
    assert shared.rate_limiter("chat", 6, 60.0) is chat
    with pytest.raises(ValueError, match="another rate"):
        shared.rate_limiter("chat", 5, 60.0)
    assert shared.llm_link(object()) is None  # type: ignore[arg-type]
    assert "in this process" in shared.describe()


async def test_local_token_bucket_reserves_and_refuses_long_waits() -> None:
    bucket = LocalTokenBucket(rate=100.0, burst=3)
    assert [bucket.reserve() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.reserve(max_wait=0.0) is None  # nothing taken
    wait = bucket.reserve()
    assert wait is not None and 0 < wait <= 0.011
    second = bucket.reserve()
    assert second is not None and second > wait  # queued behind the first reservation
    assert await bucket.acquire(max_wait=1.0)


async def test_a_hold_gives_out_nothing_for_its_time_and_does_not_stack() -> None:
    bucket = LocalTokenBucket(rate=100.0, burst=3)
    await bucket.hold(0.5)
    await bucket.hold(0.5)  # a second process seeing the same 429: the same hold, not twice
    wait = bucket.reserve()
    assert wait is not None and 0.49 <= wait <= 0.52


async def test_redis_token_bucket_is_one_budget_for_every_process(
    fake_links: list[RedisLink],
) -> None:
    buckets = [RedisTokenBucket(link, "discord", rate=1.0, burst=5) for link in fake_links]
    taken = [await buckets[i % 4].acquire(max_wait=0) for i in range(12)]
    assert sum(taken) == 5  # the shared burst, then 1 a second
    assert await buckets[0].acquire(max_wait=2.0)  # waits for the next token


async def test_endpoint_health_is_agreed_and_one_process_probes(
    fake_links: list[RedisLink],
) -> None:
    boards = [RedisEndpointBoard(link) for link in fake_links[:2]]
    await boards[0].eject("http://gpu-1:11434", "503 before the first token", for_seconds=30)
    seen = (await boards[1].read())["http://gpu-1:11434"]
    assert not seen.healthy and seen.reason == "503 before the first token"
    assert seen.by == fake_links[0].identity and not seen.probe_due()
    assert boards[1].cached("http://gpu-1:11434") == seen
    claims = [await b.claim_probe("http://gpu-1:11434", for_seconds=10) for b in boards]
    assert claims == [True, False]
    await boards[1].readmit("http://gpu-1:11434")
    assert (await boards[0].read())["http://gpu-1:11434"].healthy


async def test_local_endpoint_board_keeps_the_newest_report() -> None:
    board = LocalEndpointBoard()
    changes: list[bool] = []
    board.on_change(lambda state: changes.append(state.healthy))
    ejected = await board.eject("e", "refused", for_seconds=0)
    assert ejected.probe_due()
    await board.readmit("e")
    board._store(ejected)  # a late, older report
    assert board.cached("e") is not None and board.cached("e").healthy  # type: ignore[union-attr]
    assert changes == [False, True]


async def test_leases_one_holder_fences_grow(fake_links: list[RedisLink]) -> None:
    a, b = RedisLeaseStore(fake_links[0]), RedisLeaseStore(fake_links[1])
    first = await a.acquire("shard:0", ttl=5)
    assert first is not None and first.held
    assert await b.acquire("shard:0", ttl=5) is None
    assert await b.holder("shard:0") == first.owner
    assert await first.renew()
    await first.release()
    assert not first.held and not await first.renew()
    second = await b.acquire("shard:0", ttl=5)
    assert second is not None and second.fence > first.fence


async def test_leases_fail_closed() -> None:
    store = RedisLeaseStore(unreachable_link())
    assert await store.acquire("shard:0", ttl=5) is None
    local = LocalLeaseStore()
    lease = await local.acquire("x", ttl=0.2)
    assert lease is not None and await local.acquire("x", ttl=1) is None
    lease._store = store  # the holder loses Redis: renewals cannot be confirmed
    assert not await lease.renew()
    assert lease.held  # still until the last confirmed expiry...
    await asyncio.sleep(0.25)
    assert not lease.held  # ...then it counts as lost
    await store.link.aclose()


def test_user_ids_travel_as_text() -> None:
    assert decode_user(encode_user(123456789012345678) or "") == 123456789012345678
    assert decode_user(encode_user("terminal:me") or "") == "terminal:me"
    assert encode_user(object()) is None and encode_user(True) is None

"""The fair scheduler, alone and behind the real LLMClient with a scripted fake engine."""

from __future__ import annotations

import asyncio

import pytest

from careermate_bot.llm import Busy, LLMCancelled, message
from careermate_bot.llm.fake import FakeBackend, FakeReply, fake_client
from careermate_bot.llm.scheduler import FairScheduler

HI = [message("user", "hi")]


async def _hold(
    scheduler: FairScheduler, user: str, log: list[str], release: asyncio.Event
) -> None:
    async with scheduler.slot(user):
        log.append(user)
        await release.wait()


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_fifo_across_users_with_one_slot() -> None:
    scheduler = FairScheduler(1, 10)
    started: list[str] = []
    gates = {u: asyncio.Event() for u in "abcd"}
    tasks = []
    for user in "abcd":
        tasks.append(asyncio.create_task(_hold(scheduler, user, started, gates[user])))
        await _settle()
    for user in "abcd":
        assert started[-1] == user
        gates[user].set()
        await _settle()
    await asyncio.gather(*tasks)
    assert started == list("abcd")


async def test_one_generation_per_user_and_others_overtake_a_busy_user() -> None:
    scheduler = FairScheduler(2, 10)
    started: list[str] = []
    first_a, second_a, b = asyncio.Event(), asyncio.Event(), asyncio.Event()
    t1 = asyncio.create_task(_hold(scheduler, "a", started, first_a))
    await _settle()
    t2 = asyncio.create_task(_hold(scheduler, "a", started, second_a))  # queued behind a's first
    await _settle()
    t3 = asyncio.create_task(_hold(scheduler, "b", started, b))  # a free slot: b goes first
    await _settle()
    assert started == ["a", "b"]
    assert scheduler.snapshot().running == 2 and scheduler.snapshot().waiting == 1
    first_a.set()
    await _settle()
    assert started == ["a", "b", "a"]
    second_a.set()
    b.set()
    await asyncio.gather(t1, t2, t3)
    assert scheduler.snapshot().running == 0


async def test_users_take_turns_a_second_request_waits_behind_others() -> None:
    scheduler = FairScheduler(1, 10)
    started: list[str] = []
    gates = [asyncio.Event() for _ in range(4)]
    tasks = []
    for user, gate in zip(["a", "a", "b", "c"], gates, strict=True):
        tasks.append(asyncio.create_task(_hold(scheduler, user, started, gate)))
        await _settle()
    # a's second request is held back: it joins the line only when a's first one finishes.
    assert scheduler.position("b") == 1 and scheduler.position("c") == 2
    assert [t.position for t in scheduler.tickets("a")] == [0, 3]
    for gate in gates:
        gate.set()
        await _settle()
    await asyncio.gather(*tasks)
    assert started == ["a", "b", "c", "a"]
    assert scheduler.snapshot() == scheduler.snapshot().__class__(0, 0, 1, 10)


async def test_positions_are_reported_and_reach_zero_when_running() -> None:
    scheduler = FairScheduler(1, 10)
    seen: dict[str, list[int]] = {"b": [], "c": []}
    gate = asyncio.Event()

    async def waiter(user: str) -> None:
        async with scheduler.slot(user, on_position=seen[user].append):
            pass

    holder = asyncio.create_task(_hold(scheduler, "a", [], gate))
    await _settle()
    tb = asyncio.create_task(waiter("b"))
    await _settle()
    tc = asyncio.create_task(waiter("c"))
    await _settle()
    assert scheduler.position("b") == 1 and scheduler.position("c") == 2
    gate.set()
    await asyncio.gather(holder, tb, tc)
    assert seen["b"] == [1, 0]
    assert seen["c"] == [2, 1, 0]
    assert scheduler.position("c") is None


async def test_async_position_callbacks_are_awaited() -> None:
    scheduler = FairScheduler(1, 10)
    got: list[int] = []

    async def callback(position: int) -> None:
        got.append(position)

    async with scheduler.slot("a", on_position=callback):
        await _settle()
    assert got == [0]


async def test_full_queue_raises_busy_at_once() -> None:
    scheduler = FairScheduler(1, 1)
    gate = asyncio.Event()
    running = asyncio.create_task(_hold(scheduler, "a", [], gate))
    await _settle()
    waiting = asyncio.create_task(_hold(scheduler, "b", [], gate))
    await _settle()
    with pytest.raises(Busy) as caught:
        async with scheduler.slot("c"):
            pass
    assert "try again in a minute" in caught.value.user_message
    gate.set()
    await asyncio.gather(running, waiting)


async def test_per_user_pending_limit() -> None:
    scheduler = FairScheduler(1, 10, max_pending_per_user=2)
    gate = asyncio.Event()
    tasks = [asyncio.create_task(_hold(scheduler, "a", [], gate)) for _ in range(2)]
    await _settle()
    with pytest.raises(Busy) as caught:
        async with scheduler.slot("a"):
            pass
    assert "already have a request" in caught.value.user_message
    gate.set()
    await asyncio.gather(*tasks)


async def test_waiting_too_long_raises_busy_and_leaves_the_queue() -> None:
    scheduler = FairScheduler(1, 10)
    gate = asyncio.Event()
    holder = asyncio.create_task(_hold(scheduler, "a", [], gate))
    await _settle()
    with pytest.raises(Busy):
        async with scheduler.slot("b", max_wait=0.05):
            pass
    assert scheduler.snapshot().waiting == 0
    gate.set()
    await holder


async def test_cancelled_waiter_leaves_the_queue_and_the_next_one_moves_up() -> None:
    scheduler = FairScheduler(1, 10)
    gate = asyncio.Event()
    started: list[str] = []
    holder = asyncio.create_task(_hold(scheduler, "a", started, gate))
    await _settle()
    quitter = asyncio.create_task(_hold(scheduler, "b", started, gate))
    await _settle()
    stayer = asyncio.create_task(_hold(scheduler, "c", started, gate))
    await _settle()
    assert scheduler.position("c") == 2
    quitter.cancel()
    await _settle()
    assert scheduler.position("c") == 1
    gate.set()
    await asyncio.gather(holder, stayer)
    assert started == ["a", "c"]
    assert quitter.cancelled()


# Through the client -------------------------------------------------------------------------------
async def test_client_serves_users_fifo_and_one_at_a_time_per_user() -> None:
    backend = FakeBackend([FakeReply(["ok"], first_delay=0.02)])
    client = fake_client(backend, max_concurrency=2)
    order: list[str] = []

    async def ask(user: str) -> None:
        await client.chat(HI, user_id=user)
        order.append(user)

    await asyncio.gather(ask("a"), ask("a"), ask("b"), ask("c"))
    assert backend.peak_active == 2
    assert len(backend.calls) == 4
    assert order.index("b") < order.index("c")
    assert order.count("a") == 2
    assert client.queue().running == 0


async def test_client_position_callback_shows_place_in_line() -> None:
    client = fake_client([FakeReply(["ok"], first_delay=0.05)], max_concurrency=1)
    positions: list[int] = []
    first = asyncio.create_task(client.chat(HI, user_id=1))
    await _settle()
    second = asyncio.create_task(client.chat(HI, user_id=2))
    await _settle()
    third = asyncio.create_task(client.chat(HI, user_id=3, on_position=positions.append))
    await _settle()
    assert client.position(3) == 2
    await asyncio.gather(first, second, third)
    assert positions == [2, 1, 0]


async def test_cancel_a_waiting_request() -> None:
    client = fake_client([FakeReply(["slow"], first_delay=0.2)], max_concurrency=1)
    running = asyncio.create_task(client.chat(HI, user_id=1))
    await _settle()
    waiting = asyncio.create_task(client.chat(HI, user_id=2))
    await _settle()
    assert client.cancel(2) is True
    with pytest.raises(LLMCancelled):
        await waiting
    assert await running == "slow"
    assert client.stats().errors.get("cancelled") == 1

"""The fleet-wide LLM gate over fakeredis: the Lua rules, then `LLMClient`s on top of it."""

from __future__ import annotations

import asyncio

import pytest

from careermate_bot.llm import Busy, LLMCancelled, message
from careermate_bot.llm.client import LLMClient
from careermate_bot.llm.fake import FakeBackend, FakeReply
from careermate_bot.shared import GateConfig, RedisGate, RedisLink, RedisStopBus, SharedLLMLink

HI = [message("user", "hi")]


def gate(link: RedisLink, **config: float) -> RedisGate:
    options: dict[str, float] = {"capacity": 2, "queue_size": 10, "lease": 5.0, "grace": 0.0}
    options.update(config)
    return RedisGate(link, GateConfig(**options))  # type: ignore[arg-type]


async def test_capacity_fifo_and_turns(fake_links: list[RedisLink]) -> None:
    g = [gate(link) for link in fake_links]
    a = await g[0].enqueue("a")
    b = await g[1].enqueue("b")
    c = await g[2].enqueue("c")
    a2 = await g[3].enqueue("a")  # a's second request: held until a's first is done
    d = await g[0].enqueue("d")
    assert (a.position, b.position, c.position, a2.position) == (0, 0, 1, 2)
    assert d.position == 2  # d overtakes a's held request: users take turns
    state = await g[1].sync({}, [a2.ticket_id])
    assert state.positions[a2.ticket_id] == 3  # after the whole line
    assert (d.running, d.waiting) == (2, 3)
    with pytest.raises(Busy) as too_many:
        await g[1].enqueue("a")  # running + held = 2 pending: the per-user bound
    assert "request in progress" in (too_many.value.user_message or "")
    await g[2].release(a.ticket_id)  # a done: c (first in line) runs, a2 joins the end
    state = await g[0].sync({}, [c.ticket_id, d.ticket_id, a2.ticket_id])
    assert state.positions == {c.ticket_id: 0, d.ticket_id: 1, a2.ticket_id: 2}
    await g[1].release(b.ticket_id)
    state = await g[0].sync({}, [d.ticket_id, a2.ticket_id])
    assert state.positions == {d.ticket_id: 0, a2.ticket_id: 1}
    assert (state.running, state.waiting) == (2, 1)


async def test_queue_bound_is_fleet_wide(fake_links: list[RedisLink]) -> None:
    g = [gate(link, capacity=1, queue_size=2) for link in fake_links]
    for i, user in enumerate("abc"):
        await g[i].enqueue(user)  # one runs, two wait
    with pytest.raises(Busy, match="queue full"):
        await g[3].enqueue("d")


async def test_one_running_per_user_even_with_free_slots(fake_links: list[RedisLink]) -> None:
    g = gate(fake_links[0], capacity=4, max_pending_per_user=3)
    first = await g.enqueue("a")
    second = await g.enqueue("a")
    assert first.position == 0 and second.position == 1  # 3 free slots, still waits
    await g.release(first.ticket_id)
    assert (await g.sync({}, [second.ticket_id])).positions[second.ticket_id] == 0


async def test_a_dead_holders_slot_frees_itself_after_its_lease(
    fake_links: list[RedisLink],
) -> None:
    dead = gate(fake_links[0], capacity=1, lease=1.0)
    alive = gate(fake_links[1], capacity=1, lease=1.0)
    held = await dead.enqueue("a")  # its process then dies: nobody renews it
    waiting = await alive.enqueue("b")
    assert held.position == 0 and waiting.position == 1
    await asyncio.sleep(0.3)
    assert (await alive.sync({}, [waiting.ticket_id])).positions[waiting.ticket_id] == 1
    await asyncio.sleep(0.8)  # past the lease: the next call reaps it and grants b
    assert (await alive.sync({}, [waiting.ticket_id])).positions[waiting.ticket_id] == 0


async def test_renewed_leases_and_waiters_stay(fake_links: list[RedisLink]) -> None:
    g = gate(fake_links[0], capacity=1, lease=1.0)
    run = await g.enqueue("a")
    wait = await g.enqueue("b")
    for _ in range(4):
        await asyncio.sleep(0.3)  # 1.2 s in all: longer than the lease, renewed in between
        state = await g.sync({run.ticket_id: "a"}, [wait.ticket_id])
        assert state.positions[wait.ticket_id] == 1 and state.running == 1


async def test_after_redis_loses_its_data_running_tickets_count_again_first(
    fake_links: list[RedisLink],
) -> None:
    g = gate(fake_links[0], capacity=1, grace=0.3)
    other = gate(fake_links[1], capacity=1, grace=0.3)
    run = await g.enqueue("a")
    assert run.position == 1  # a fresh Redis: nothing is granted during the grace period
    await asyncio.sleep(0.35)
    assert (await g.sync({}, [run.ticket_id])).positions[run.ticket_id] == 0
    await fake_links[0].client.flushall()  # a restart without persistence
    newcomer = await other.enqueue("b")
    assert newcomer.position == 1  # grace: no grant until holders re-registered
    state = await g.sync({run.ticket_id: "a"}, [])
    assert state.reasserted == 1 and state.running == 1
    await asyncio.sleep(0.35)
    assert (await other.sync({}, [newcomer.ticket_id])).positions[newcomer.ticket_id] == 1
    await g.release(run.ticket_id)
    assert (await other.sync({}, [newcomer.ticket_id])).positions[newcomer.ticket_id] == 0


# -- LLMClients over the gate ----------------------------------------------------------------------
class Engine:
    """The model fleet seen from outside: how many generations run at once, and for whom."""

    def __init__(self) -> None:
        self.active = 0
        self.peak = 0
        self.per_user: dict[str, int] = {}
        self.overlap: list[str] = []
        self.started: list[str] = []

    def backend(self, delay: float = 0.02) -> FakeBackend:
        def reply(messages: object, params: object) -> FakeReply:
            return FakeReply(["a ", "b ", "c"], delay=delay)

        backend = FakeBackend([reply])
        original = backend.stream

        async def stream(messages, params):  # type: ignore[no-untyped-def]
            user = messages[-1]["content"]
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.per_user[user] = self.per_user.get(user, 0) + 1
            if self.per_user[user] > 1:
                self.overlap.append(user)
            self.started.append(user)
            try:
                async for item in original(messages, params):
                    yield item
            finally:
                self.active -= 1
                self.per_user[user] -= 1

        backend.stream = stream  # type: ignore[method-assign]
        return backend


def fleet_clients(
    links: list[RedisLink], engine: Engine, *, capacity: int = 2, delay: float = 0.02
) -> list[LLMClient]:
    return [
        LLMClient(
            engine.backend(delay),
            max_concurrency=capacity,
            queue_size=200,
            retry_backoff=0.01,
            cluster=SharedLLMLink(RedisStopBus(link), link, capacity=capacity, grace=0.0),
        )
        for link in links
    ]


async def test_four_clients_share_one_cap_and_one_turn_per_user(
    fake_links: list[RedisLink],
) -> None:
    for link in fake_links:
        await link.start()
    engine = Engine()
    clients = fleet_clients(fake_links, engine)

    async def ask(client: LLMClient, user: int) -> str:
        return await client.chat([message("user", str(user))], user_id=user)

    jobs = [ask(clients[i % 4], i % 12) for i in range(36)]
    answers = await asyncio.wait_for(asyncio.gather(*jobs, return_exceptions=True), 60)
    done = [a for a in answers if a == "a b c"]
    busy = [a for a in answers if isinstance(a, Busy)]
    assert len(done) + len(busy) == 36 and len(done) >= 24  # 2 pending per user at most
    assert engine.peak == 2  # never more than the fleet's capacity, and it was used
    assert engine.overlap == []  # nobody had two generations at once
    for link in fake_links:
        await link.aclose()


async def test_positions_are_fleet_wide_and_stop_reaches_another_process(
    fake_links: list[RedisLink],
) -> None:
    for link in fake_links:
        await link.start()
    engine = Engine()
    clients = fleet_clients(fake_links, engine, capacity=1, delay=0.3)
    seen: dict[int, list[int]] = {1: [], 2: [], 3: []}

    async def ask(client: LLMClient, user: int) -> str:
        return await client.chat(
            [message("user", str(user))], user_id=user, on_position=seen[user].append
        )

    first = asyncio.create_task(ask(clients[0], 1))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(ask(clients[1], 2))
    await asyncio.sleep(0.1)
    third = asyncio.create_task(ask(clients[2], 3))
    await asyncio.sleep(0.1)
    assert seen[1] == [0] and seen[2] == [1] and seen[3] == [2]
    assert clients[2].position(3) == 2
    assert clients[3].queue().max_concurrency == 1
    clients[3].cancel(1)  # Stop pressed in a fourth process
    with pytest.raises(LLMCancelled):
        await asyncio.wait_for(first, 5)
    assert await asyncio.wait_for(second, 5) == "a b c"
    assert await asyncio.wait_for(third, 5) == "a b c"
    assert seen[2] == [1, 0] and seen[3] == [2, 1, 0]
    assert engine.started == ["1", "2", "3"]
    for link in fake_links:
        await link.aclose()

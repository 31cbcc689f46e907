"""`FleetScheduler`: the fleet-wide gate (`gate.py`) behind `LLMClient`'s scheduler interface.

It behaves like `FairScheduler` (same `slot()`, positions, `Busy`, cancel while waiting), but the
line, the capacity and the one-request-per-user rule are shared by every process through Redis.
One background task per process (started while it has tickets) renews the leases of its
running tickets, keeps its waiting tickets alive, and learns their positions; grants arrive at
once on the gate's pub/sub channel (a poll every `poll_interval` covers a missed message).

Failure policy (docs/reliability.md): when Redis is unavailable a new request goes through this
process's own `FairScheduler` (its local limits: LLM_MAX_CONCURRENCY, LLM_QUEUE_SIZE), and the
requests waiting in the fleet line move there; a running generation keeps running (its lease
lapses; if Redis lost it, it is counted again at the next renewal once Redis is back).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from contextlib import asynccontextmanager

from careermate_bot.llm.errors import Busy, LLMCancelled
from careermate_bot.llm.scheduler import (
    FairScheduler,
    PositionCallback,
    QueueSnapshot,
    Scheduler,
    Ticket,
)
from careermate_bot.shared.gate import Enqueued, GateConfig, RedisGate
from careermate_bot.shared.link import RedisLink, RedisUnavailable
from careermate_bot.shared.stop import StopBus, StopHandler, encode_user

log = logging.getLogger(__name__)


class _Requeue(Exception):
    """The ticket expired in Redis while this process still waited on it (it was stuck)."""


class _Entry:
    __slots__ = ("future", "key", "ticket", "ticket_id", "user")

    def __init__(self, user: Hashable, key: str, ticket: Ticket, ticket_id: str) -> None:
        self.user = user
        self.key = key
        self.ticket = ticket
        self.ticket_id = ticket_id
        self.future: asyncio.Future[None] = asyncio.get_running_loop().create_future()


class FleetScheduler:
    """A `Scheduler` over the Redis gate, with `local` as the fallback while Redis is away."""

    def __init__(
        self,
        gate: RedisGate,
        local: FairScheduler,
        *,
        poll_interval: float = 1.0,
        coalesce: float = 0.05,
    ) -> None:
        self.gate = gate
        self.local = local
        self.poll_interval = poll_interval
        self.coalesce = coalesce
        self._waiting: dict[str, _Entry] = {}
        self._running: dict[str, _Entry] = {}
        self._ids = itertools.count(1)
        self._wake = asyncio.Event()
        self._pump_task: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Future[object]] = set()
        self._fleet_running = 0
        self._fleet_waiting = 0
        gate.link.subscribe(gate.channel, self._on_event)
        gate.link.on_reconnect(self._wake.set)

    # -- the Scheduler interface ------------------------------------------------------------------
    @property
    def max_concurrency(self) -> int:
        return self.gate.config.capacity

    def snapshot(self) -> QueueSnapshot:
        """Fleet-wide counts as last seen by this process, plus its local fallback's."""
        local = self.local.snapshot()
        return QueueSnapshot(
            running=self._fleet_running + local.running,
            waiting=self._fleet_waiting + local.waiting,
            max_concurrency=self.gate.config.capacity,
            queue_size=self.gate.config.queue_size,
        )

    def position(self, user: Hashable) -> int | None:
        found = [
            e.ticket.position
            for e in (*self._running.values(), *self._waiting.values())
            if e.user == user and e.ticket.position >= 0
        ]
        local = self.local.position(user)
        if local is not None:
            found.append(local)
        return min(found) if found else None

    def cancel_waiting(self, user: Hashable) -> int:
        cancelled = 0
        for entry in list(self._waiting.values()):
            if entry.user == user and not entry.future.done():
                entry.future.set_exception(LLMCancelled("cancelled while waiting in the queue"))
                cancelled += 1
        return cancelled + self.local.cancel_waiting(user)

    @asynccontextmanager
    async def slot(
        self,
        user: Hashable | None = None,
        *,
        on_position: PositionCallback | None = None,
        max_wait: float | None = None,
    ) -> AsyncIterator[Ticket]:
        who = user if user is not None else object()
        started = time.monotonic()
        entry: _Entry | None = None
        if self.gate.link.up:
            try:
                entry = await self._acquire(who, on_position, max_wait)
            except RedisUnavailable:
                log.info("LLM gate: Redis unavailable, this request uses the local limits")
        if entry is None:
            left = None if max_wait is None else max(0.0, max_wait - (time.monotonic() - started))
            async with self.local.slot(who, on_position=on_position, max_wait=left) as ticket:
                yield ticket
            return
        try:
            yield entry.ticket
        finally:
            self._leave(entry)

    # -- acquiring --------------------------------------------------------------------------------
    async def _acquire(
        self, who: Hashable, on_position: PositionCallback | None, max_wait: float | None
    ) -> _Entry:
        key = encode_user(who) or f"anon:{uuid.uuid4().hex}"
        ticket = Ticket(next(self._ids), who, on_position)
        loop = asyncio.get_running_loop()
        deadline = None if max_wait is None else loop.time() + max_wait
        while True:
            placed = await self._enqueue(key)
            entry = _Entry(who, key, ticket, placed.ticket_id)
            self._fleet_running, self._fleet_waiting = placed.running, placed.waiting
            if placed.position == 0:
                self._start(entry)
                return entry
            self._waiting[entry.ticket_id] = entry
            self._set_position(ticket, placed.position)
            self._ensure_pump()
            try:
                async with asyncio.timeout_at(deadline):
                    await asyncio.shield(entry.future)
            except _Requeue:
                log.info("LLM gate: ticket %s expired while waiting; queueing again", placed)
                continue
            except RedisUnavailable:
                self._forget(entry)
                raise
            except TimeoutError:
                self._leave(entry)
                raise Busy(
                    f"waited {ticket.queue_wait:.0f}s in the fleet queue without a turn"
                ) from None
            except BaseException:
                self._leave(entry)
                raise
            return entry

    async def _enqueue(self, key: str) -> Enqueued:
        """The enqueue call, finished even if the caller is cancelled meanwhile (then the new
        ticket is released at once instead of waiting for its lease to lapse)."""
        task = asyncio.ensure_future(self.gate.enqueue(key))
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            task.add_done_callback(self._release_orphan)
            raise

    def _release_orphan(self, task: asyncio.Future[Enqueued]) -> None:
        if not task.cancelled() and task.exception() is None:
            self._spawn(self._release(task.result().ticket_id))

    def _start(self, entry: _Entry) -> None:
        self._waiting.pop(entry.ticket_id, None)
        self._running[entry.ticket_id] = entry
        entry.ticket.started_at = time.monotonic()
        self._set_position(entry.ticket, 0)
        self._ensure_pump()  # lease renewals

    def _forget(self, entry: _Entry) -> None:
        self._waiting.pop(entry.ticket_id, None)
        self._running.pop(entry.ticket_id, None)

    def _leave(self, entry: _Entry) -> None:
        """Done, cancelled or timed out: forget the ticket here and give it back in Redis."""
        self._forget(entry)
        if not entry.future.done():
            entry.future.cancel()
        self._spawn(self._release(entry.ticket_id))

    async def _release(self, ticket_id: str) -> None:
        try:
            await self.gate.release(ticket_id)
        except RedisUnavailable:
            pass  # its lease lapses by itself

    # -- the background task ----------------------------------------------------------------------
    def _on_event(self, data: str) -> None:
        if data.startswith("g "):
            for ticket_id in data[2:].split():
                entry = self._waiting.get(ticket_id)
                if entry is not None and not entry.future.done():
                    self._start(entry)
                    entry.future.set_result(None)
        if self._waiting:
            self._wake.set()  # positions moved

    def _ensure_pump(self) -> None:
        if self._pump_task is None or self._pump_task.done():
            self._pump_task = asyncio.create_task(self._pump(), name="llm-gate-pump")

    async def _pump(self) -> None:
        renew = self.gate.config.renew_interval
        while self._waiting or self._running:
            interval = min(self.poll_interval, renew) if self._waiting else renew
            try:
                async with asyncio.timeout(interval):
                    await self._wake.wait()
            except TimeoutError:
                pass
            self._wake.clear()
            if not (self._waiting or self._running):
                break
            try:
                await self._sync_once()
            except Exception:
                log.exception("LLM gate sync failed")
                self._fail_waiters()
            if self._waiting:
                await asyncio.sleep(self.coalesce)  # many events, one sync

    async def _sync_once(self) -> None:
        running = {tid: e.key for tid, e in self._running.items()}
        waiting = [tid for tid, e in self._waiting.items() if not e.future.done()]
        try:
            result = await self.gate.sync(running, waiting)
        except RedisUnavailable:
            self._fail_waiters()
            return
        self._fleet_running, self._fleet_waiting = result.running, result.waiting
        if result.reasserted:
            log.warning(
                "LLM gate: %s running generation(s) were unknown to Redis (restarted?) and are "
                "counted again",
                result.reasserted,
            )
        for ticket_id, position in result.positions.items():
            entry = self._waiting.get(ticket_id)
            if entry is None or entry.future.done():
                continue
            if position == 0:
                self._start(entry)
                entry.future.set_result(None)
            elif position < 0:
                self._waiting.pop(ticket_id, None)
                entry.future.set_exception(_Requeue())
            else:
                self._set_position(entry.ticket, position)

    def _fail_waiters(self) -> None:
        """Redis went away: every waiter moves to the local scheduler."""
        for ticket_id, entry in list(self._waiting.items()):
            self._waiting.pop(ticket_id, None)
            if not entry.future.done():
                entry.future.set_exception(RedisUnavailable("Redis went away while waiting"))

    # -- helpers ----------------------------------------------------------------------------------
    def _set_position(self, ticket: Ticket, position: int) -> None:
        pending = ticket.move_to(position)
        if pending is not None:
            self._spawn(pending)

    def _spawn(self, awaitable: Awaitable[object]) -> None:
        task: asyncio.Future[object] = asyncio.ensure_future(awaitable)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Future[object]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("LLM gate background task failed", exc_info=task.exception())


class SharedLLMLink:
    """`LLMClient`'s `ClusterLink`: the fleet gate (when the engine is shared) and Stop fan-out."""

    def __init__(
        self,
        stop: StopBus,
        link: RedisLink | None = None,
        *,
        capacity: int | None = None,
        lease: float = 10.0,
        grace: float | None = None,
    ) -> None:
        self.stop = stop
        self.link = link
        self.capacity = capacity
        self.lease = lease
        self.grace = grace

    def scheduler(self, local: FairScheduler) -> Scheduler:
        if self.link is None:
            return local
        config = GateConfig(
            capacity=self.capacity or local.max_concurrency,
            queue_size=local.queue_size,
            max_pending_per_user=local.max_pending_per_user,
            lease=self.lease,
            grace=self.grace,
        )
        return FleetScheduler(RedisGate(self.link, config), local)

    def stop_everywhere(self, user: Hashable) -> None:
        self.stop.publish(user)

    def on_remote_stop(self, handler: Callable[[Hashable], bool]) -> None:
        handler_: StopHandler = handler
        self.stop.on_stop(handler_)

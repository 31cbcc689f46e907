"""A fair, bounded queue in front of the engine.

- at most `max_concurrency` generations run at once;
- at most one request per user is running or in line: a user's next request is held back and
  joins the end of the line only when their previous one finishes, so users take turns;
- FIFO across users: the line is served in arrival order;
- a waiting request knows its position (1 = next) and can report changes to a callback;
- the queue is bounded (`queue_size` waiting requests overall, `max_pending_per_user` per user,
  counting the running one): beyond that `Busy` is raised at once, so nothing hangs forever;
- a request can be cancelled while waiting; a waiter that waits longer than `max_wait` gets `Busy`.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Protocol

from careermate_bot.llm.errors import Busy, LLMCancelled

log = logging.getLogger(__name__)

# Called with the new position: 1, 2, ... while waiting, 0 once the request starts running.
PositionCallback = Callable[[int], Awaitable[None] | None]


@dataclass(frozen=True, slots=True)
class QueueSnapshot:
    running: int
    waiting: int
    max_concurrency: int
    queue_size: int


class Ticket:
    """One request's place in the scheduler. `position`: 0 = running, n = nth in line."""

    __slots__ = ("_future", "enqueued_at", "id", "on_position", "position", "started_at", "user")

    def __init__(
        self, ticket_id: int, user: Hashable, on_position: PositionCallback | None
    ) -> None:
        self.id = ticket_id
        self.user = user
        self.on_position = on_position
        self.position = -1
        self.enqueued_at = time.monotonic()
        self.started_at: float | None = None
        self._future: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    @property
    def running(self) -> bool:
        return self.position == 0

    def move_to(self, position: int) -> Awaitable[object] | None:
        """Record a new place and tell `on_position`; returns what an async callback gave back
        (the caller runs it as a task), None otherwise. A failing callback is logged."""
        if self.position == position:
            return None
        self.position = position
        if self.on_position is None:
            return None
        try:
            result = self.on_position(position)
        except Exception:
            log.exception("queue position callback failed")
            return None
        return result if inspect.isawaitable(result) else None

    @property
    def queue_wait(self) -> float:
        end = self.started_at if self.started_at is not None else time.monotonic()
        return end - self.enqueued_at

    def __repr__(self) -> str:
        return f"Ticket(id={self.id}, user={self.user!r}, position={self.position})"


class FairScheduler:
    def __init__(
        self,
        max_concurrency: int,
        queue_size: int,
        *,
        max_pending_per_user: int = 2,
    ) -> None:
        if max_concurrency < 1 or queue_size < 1 or max_pending_per_user < 1:
            raise ValueError("max_concurrency, queue_size and max_pending_per_user must be >= 1")
        self.max_concurrency = max_concurrency
        self.queue_size = queue_size
        self.max_pending_per_user = max_pending_per_user
        self._line: deque[Ticket] = deque()  # at most one ticket per user, in arrival order
        self._held: dict[Hashable, deque[Ticket]] = {}  # a user's later requests
        self._running: dict[int, Ticket] = {}
        self._ids = itertools.count(1)
        self._callback_tasks: set[asyncio.Future[object]] = set()

    # Public --------------------------------------------------------------------------------------
    def snapshot(self) -> QueueSnapshot:
        return QueueSnapshot(
            running=len(self._running),
            waiting=self._waiting_count(),
            max_concurrency=self.max_concurrency,
            queue_size=self.queue_size,
        )

    def position(self, user: Hashable) -> int | None:
        """The best position of `user`'s requests (0 = running), or None when they have none."""
        positions = [t.position for t in self.tickets(user)]
        return min(positions) if positions else None

    def tickets(self, user: Hashable) -> list[Ticket]:
        return [t for t in self._all() if t.user == user]

    def cancel_waiting(self, user: Hashable) -> int:
        """Cancel every waiting (not yet running) request of `user`; returns how many."""
        cancelled = 0
        for ticket in [*self._line, *self._held.get(user, ())]:
            if ticket.user == user and not ticket._future.done():
                ticket._future.set_exception(LLMCancelled("cancelled while waiting in the queue"))
                cancelled += 1
        return cancelled

    @asynccontextmanager
    async def slot(
        self,
        user: Hashable | None = None,
        *,
        on_position: PositionCallback | None = None,
        max_wait: float | None = None,
    ) -> AsyncIterator[Ticket]:
        """Wait for a turn, hold it for the body, release it afterwards (also on errors)."""
        ticket = await self._acquire(user if user is not None else object(), on_position, max_wait)
        try:
            yield ticket
        finally:
            self._release(ticket)

    # Internals -----------------------------------------------------------------------------------
    def _all(self) -> list[Ticket]:
        held = [t for queue in self._held.values() for t in queue]
        return [*self._running.values(), *self._line, *held]

    def _waiting_count(self) -> int:
        return len(self._line) + sum(len(q) for q in self._held.values())

    def _has_turn_or_place(self, user: Hashable) -> bool:
        return any(t.user == user for t in (*self._running.values(), *self._line))

    async def _acquire(
        self, user: Hashable, on_position: PositionCallback | None, max_wait: float | None
    ) -> Ticket:
        pending = len(self.tickets(user))
        if pending >= self.max_pending_per_user:
            raise Busy(
                f"user {user!r} already has {pending} request(s) pending",
                user_message="You already have a request in progress. Wait for it to finish, "
                "or press Stop.",
            )
        waiting = self._waiting_count()
        if waiting >= self.queue_size:
            raise Busy(f"queue full ({waiting} waiting)")
        ticket = Ticket(next(self._ids), user, on_position)
        if self._has_turn_or_place(user):
            self._held.setdefault(user, deque()).append(ticket)
        else:
            self._line.append(ticket)
        self._dispatch()
        try:
            async with asyncio.timeout(max_wait):
                await asyncio.shield(ticket._future)
        except TimeoutError:
            self._abandon(ticket)
            raise Busy(f"waited {ticket.queue_wait:.0f}s in the queue without a turn") from None
        except BaseException:
            self._abandon(ticket)
            raise
        return ticket

    def _abandon(self, ticket: Ticket) -> None:
        """The waiter gave up (cancelled, timed out): leave the queue or give the slot back."""
        if ticket.id in self._running:
            self._release(ticket)
            return
        if ticket in self._line:
            self._line.remove(ticket)
            self._promote(ticket.user)
        else:
            held = self._held.get(ticket.user)
            if held is not None and ticket in held:
                held.remove(ticket)
                if not held:
                    del self._held[ticket.user]
        if not ticket._future.done():
            ticket._future.cancel()
        self._dispatch()

    def _release(self, ticket: Ticket) -> None:
        if self._running.pop(ticket.id, None) is not None:
            log.debug("llm slot released: ticket %s after %.2fs", ticket.id, ticket.queue_wait)
            self._promote(ticket.user)
        self._dispatch()

    def _promote(self, user: Hashable) -> None:
        """The user's turn or place ended: their next held request joins the end of the line."""
        held = self._held.get(user)
        if not held or self._has_turn_or_place(user):
            return
        self._line.append(held.popleft())
        if not held:
            del self._held[user]

    def _dispatch(self) -> None:
        for ticket in list(self._line):
            if len(self._running) >= self.max_concurrency:
                break
            if ticket._future.done():  # cancelled while waiting; its waiter removes it
                continue
            self._line.remove(ticket)
            self._running[ticket.id] = ticket
            ticket.started_at = time.monotonic()
            ticket._future.set_result(None)
            self._set_position(ticket, 0)
        position = 0
        for ticket in self._line:
            position += 1
            self._set_position(ticket, position)
        for queue in self._held.values():
            for ticket in queue:
                position += 1
                self._set_position(ticket, position)

    def _set_position(self, ticket: Ticket, position: int) -> None:
        pending = ticket.move_to(position)
        if pending is not None:
            task = asyncio.ensure_future(pending)
            self._callback_tasks.add(task)
            task.add_done_callback(self._callback_done)

    def _callback_done(self, task: asyncio.Future[object]) -> None:
        self._callback_tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("queue position callback failed", exc_info=task.exception())


class Scheduler(Protocol):
    """What `LLMClient` needs from a scheduler: `FairScheduler` in one process, the fleet-wide
    gate of `careermate_bot.shared` when REDIS_URL shares one line among processes."""

    @property
    def max_concurrency(self) -> int: ...

    def snapshot(self) -> QueueSnapshot: ...

    def position(self, user: Hashable) -> int | None: ...

    def cancel_waiting(self, user: Hashable) -> int: ...

    def slot(
        self,
        user: Hashable | None = None,
        *,
        on_position: PositionCallback | None = None,
        max_wait: float | None = None,
    ) -> AbstractAsyncContextManager[Ticket]: ...


class ClusterLink(Protocol):
    """What `LLMClient` needs from the other bot processes (`careermate_bot.shared`): a
    scheduler shared with them (wrapping this process's own, its fallback) and Stop fan-out."""

    def scheduler(self, local: FairScheduler) -> Scheduler: ...

    def stop_everywhere(self, user: Hashable) -> None: ...

    def on_remote_stop(self, handler: Callable[[Hashable], bool]) -> None: ...

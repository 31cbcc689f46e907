"""Model-endpoint health shared by the fleet, so every process agrees which engines are out.

The process that sees an endpoint fail ejects it for a while; when that time is up, one process
(the one that wins `claim_probe`) probes it and readmits it, or ejects it again:

    board = services.shared.endpoints
    await board.eject("http://gpu-3:11434", "503 before the first token", for_seconds=30)
    state = board.cached("http://gpu-3:11434")     # sync, kept fresh by pub/sub
    if state is not None and not state.healthy and state.probe_due():
        if await board.claim_probe(url, for_seconds=10):
            ... probe ...; await board.readmit(url)   # or eject again
    fleet = await board.read()                        # fresh, from Redis

Without REDIS_URL (or while Redis is unavailable) the board is this process's own view.
In Redis: one hash `<prefix>:endpoints` (endpoint -> JSON state), a channel
`<prefix>:endpoints:events` naming the endpoint that changed, and short probe claims.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Protocol

from careermate_bot.shared.link import RedisLink, RedisUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EndpointState:
    endpoint: str
    healthy: bool
    reason: str = ""
    retry_at: float | None = None  # Unix time after which a probe may readmit it
    changed_at: float = 0.0  # Unix time
    by: str = ""  # the process that published it

    def probe_due(self, now: float | None = None) -> bool:
        if self.healthy:
            return False
        return self.retry_at is None or (time.time() if now is None else now) >= self.retry_at


class EndpointBoard(Protocol):
    async def eject(self, endpoint: str, reason: str, *, for_seconds: float) -> EndpointState: ...

    async def readmit(self, endpoint: str) -> EndpointState: ...

    async def read(self) -> dict[str, EndpointState]: ...

    def cached(self, endpoint: str) -> EndpointState | None: ...

    async def claim_probe(self, endpoint: str, *, for_seconds: float) -> bool: ...

    def on_change(self, callback: Callable[[EndpointState], None]) -> None: ...


class LocalEndpointBoard:
    """This process's own view."""

    def __init__(self, identity: str = "local") -> None:
        self.identity = identity
        self._states: dict[str, EndpointState] = {}
        self._probes: dict[str, float] = {}
        self._callbacks: list[Callable[[EndpointState], None]] = []

    async def eject(self, endpoint: str, reason: str, *, for_seconds: float) -> EndpointState:
        now = time.time()
        state = EndpointState(endpoint, False, reason, now + for_seconds, now, self.identity)
        return self._store(state)

    async def readmit(self, endpoint: str) -> EndpointState:
        return self._store(EndpointState(endpoint, True, "", None, time.time(), self.identity))

    async def read(self) -> dict[str, EndpointState]:
        return dict(self._states)

    def cached(self, endpoint: str) -> EndpointState | None:
        return self._states.get(endpoint)

    async def claim_probe(self, endpoint: str, *, for_seconds: float) -> bool:
        now = time.monotonic()
        if self._probes.get(endpoint, 0.0) > now:
            return False
        self._probes[endpoint] = now + for_seconds
        return True

    def on_change(self, callback: Callable[[EndpointState], None]) -> None:
        self._callbacks.append(callback)

    def _store(self, state: EndpointState) -> EndpointState:
        previous = self._states.get(state.endpoint)
        if previous is not None and previous.changed_at > state.changed_at:
            return previous  # an older report arriving late
        self._states[state.endpoint] = state
        if previous != state:
            for callback in self._callbacks:
                try:
                    callback(state)
                except Exception:
                    log.exception("endpoint health callback failed")
        return state


class RedisEndpointBoard:
    """The fleet's view in Redis, with a local copy for synchronous reads."""

    def __init__(self, link: RedisLink) -> None:
        self.link = link
        self.local = LocalEndpointBoard(link.identity)
        self._key = link.key("endpoints")
        self.channel = link.key("endpoints", "events")
        self._tasks: set[asyncio.Future[object]] = set()
        link.subscribe(self.channel, self._on_message)
        link.on_reconnect(self._refresh_soon)

    async def eject(self, endpoint: str, reason: str, *, for_seconds: float) -> EndpointState:
        state = await self.local.eject(endpoint, reason, for_seconds=for_seconds)
        await self._publish(state)
        return state

    async def readmit(self, endpoint: str) -> EndpointState:
        state = await self.local.readmit(endpoint)
        await self._publish(state)
        return state

    async def read(self) -> dict[str, EndpointState]:
        try:
            raw = await self.link.run("endpoint health read", lambda c: c.hgetall(self._key))
        except RedisUnavailable:
            return await self.local.read()
        for value in raw.values():
            state = _decode(value)
            if state is not None:
                self.local._store(state)
        return await self.local.read()

    def cached(self, endpoint: str) -> EndpointState | None:
        return self.local.cached(endpoint)

    async def claim_probe(self, endpoint: str, *, for_seconds: float) -> bool:
        key = self.link.key("endpoints", "probe", endpoint)
        try:
            won = await self.link.run(
                "endpoint probe claim",
                lambda c: c.set(key, self.link.identity, nx=True, px=round(for_seconds * 1000)),
            )
        except RedisUnavailable:
            return await self.local.claim_probe(endpoint, for_seconds=for_seconds)
        return bool(won)

    def on_change(self, callback: Callable[[EndpointState], None]) -> None:
        self.local.on_change(callback)

    async def _publish(self, state: EndpointState) -> None:
        data = json.dumps(asdict(state))

        async def write(client: object) -> None:
            pipe = self.link.client.pipeline(transaction=True)
            pipe.hset(self._key, state.endpoint, data)
            pipe.publish(self.channel, state.endpoint)
            await pipe.execute()

        try:
            await self.link.run("endpoint health publish", write)
        except RedisUnavailable:
            pass  # this process's view has it; the others keep theirs

    def _on_message(self, endpoint: str) -> None:
        self._spawn(self._fetch(endpoint))

    def _refresh_soon(self) -> None:
        self._spawn(self._read_quietly())

    async def _read_quietly(self) -> None:
        await self.read()

    async def _fetch(self, endpoint: str) -> None:
        try:
            value = await self.link.run(
                "endpoint health read", lambda c: c.hget(self._key, endpoint)
            )
        except RedisUnavailable:
            return
        state = _decode(value) if value is not None else None
        if state is not None:
            self.local._store(state)

    def _spawn(self, coro: Awaitable[object]) -> None:
        task: asyncio.Future[object] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _decode(value: str | bytes) -> EndpointState | None:
    try:
        data = json.loads(value)
        return EndpointState(
            endpoint=str(data["endpoint"]),
            healthy=bool(data["healthy"]),
            reason=str(data.get("reason", "")),
            retry_at=None if data.get("retry_at") is None else float(data["retry_at"]),
            changed_at=float(data.get("changed_at", 0.0)),
            by=str(data.get("by", "")),
        )
    except (ValueError, KeyError, TypeError):
        log.warning("ignored a malformed endpoint health entry: %.100r", value)
        return None

"""A fleet of model servers (`LLM_BASE_URLS`) behind one `Backend`.

Every endpoint is an `OllamaBackend` or an `OpenAICompatBackend` serving the same model. Each
generation goes to the healthy endpoint with the fewest generations in flight from this process
(ties: the one picked longest ago), or, with affinity on, to the same endpoint for the same user
while that endpoint is healthy (rendezvous hashing, so an ejection only moves that endpoint's
users; the server's prefix cache keeps each user's history warm).

An endpoint that fails **before the first token** (refuses the connection, answers 5xx or
429/503, lacks the model, cuts the connection) is ejected for `eject_seconds` and the request
moves on to another endpoint; nothing was shown yet, so the user never notices. A request's own
fault (HTTP 400/413/422) is not the server's: it is raised as is. **After the first token there
is no fail-over**: the typed error goes up with the partial text already shown (the caller adds
the error's `user_message`), and an endpoint whose connection died is ejected for the next
requests. When every endpoint is ejected, the request still tries them (soonest back first)
rather than failing without asking: a fleet of one keeps working after a single error.

A periodic probe (`check_model`, with a timeout) re-admits an ejected endpoint once its time is
up and it answers again, and ejects a healthy one that stopped answering (a hung server is found
without a user waiting on it). Health goes to a `HealthBoard` (`llm/endpoint_health.py`): one
process's ejection or re-admission counts for every process sharing the board; this process's
own view is kept too, and used alone when the board cannot be reached.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass

from careermate_bot.llm.affinity import affinity_key
from careermate_bot.llm.endpoint_health import (
    HEALTHY,
    EndpointState,
    HealthBoard,
    LocalHealthBoard,
)
from careermate_bot.llm.errors import (
    BadOutput,
    EngineError,
    EngineHung,
    EngineUnreachable,
    LLMCancelled,
    LLMError,
    LLMTimeout,
    ModelMissing,
)
from careermate_bot.llm.types import Backend, Done, GenParams, LLMMessage

log = logging.getLogger(__name__)

# HTTP statuses that blame the request (too long, malformed), not the server: no ejection.
REQUEST_FAULTS = frozenset({400, 413, 422})


@dataclass(slots=True)
class Endpoint:
    """One model server of the fleet and this process's traffic to it."""

    url: str
    backend: Backend
    in_flight: int = 0  # generations running on it from this process
    served: int = 0  # generations started on it (that got a first token or finished)
    last_pick: int = 0  # order of the last pick (ties go to the endpoint picked longest ago)


@dataclass(frozen=True, slots=True)
class EndpointStatus:
    """One endpoint at a glance (for logs, `/status`, tests)."""

    url: str
    healthy: bool
    in_flight: int
    served: int
    reason: str


def server_fault(error: LLMError) -> bool:
    """Before the first token: is this the server's fault (eject it, try another endpoint)?"""
    if isinstance(error, LLMCancelled | LLMTimeout | BadOutput):
        return False
    return error.status not in REQUEST_FAULTS


def connection_died(error: LLMError) -> bool:
    """After the first token: did the server go away (cut connection, garbage), not the request?"""
    return isinstance(error, EngineError) and error.status is None


def rendezvous_weight(key: str, url: str) -> int:
    """Highest-random-weight hashing: the user goes to the healthy endpoint with the top weight."""
    digest = hashlib.blake2b(f"{key}|{url}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


class FleetBackend:
    """Several endpoints of one kind (``ollama`` or ``openai``) serving the same model."""

    max_parallel: int | None = None

    def __init__(
        self,
        members: Mapping[str, Backend],
        *,
        health: HealthBoard | None = None,
        eject_seconds: float = 15.0,
        probe_interval: float = 5.0,
        probe_timeout: float = 5.0,
        affinity: bool = False,
        attempt_timeout: float | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """`members`: base URL -> that server's backend (same kind and model for all).
        `attempt_timeout`: an endpoint that sends no first token within it is treated as hung
        (ejected, the next one tried), while the caller's own first-token limit still runs."""
        if not members:
            raise ValueError("a fleet needs at least one endpoint")
        first = next(iter(members.values()))
        self.name = first.name
        self.model = first.model
        self.endpoints = [Endpoint(url, backend) for url, backend in members.items()]
        self.eject_seconds = eject_seconds
        self.probe_interval = probe_interval
        self.probe_timeout = probe_timeout
        self.affinity = affinity
        self.attempt_timeout = attempt_timeout
        self._clock = clock
        self._shared = health
        self._local = LocalHealthBoard()
        self._board_ok = True
        self._picks = itertools.count(1)
        self._prober: asyncio.Task[None] | None = None

    @property
    def urls(self) -> list[str]:
        return [endpoint.url for endpoint in self.endpoints]

    # Generation ----------------------------------------------------------------------------------
    async def stream(
        self, messages: Sequence[LLMMessage], params: GenParams
    ) -> AsyncIterator[str | Done]:
        self.start_probing()
        tried: set[str] = set()
        last: LLMError | None = None
        while True:
            endpoint = await self._take(tried)
            if endpoint is None:
                assert last is not None  # every endpoint was tried: one of them failed
                raise last
            tried.add(endpoint.url)
            started = False
            parts: AsyncIterator[str | Done] | None = None
            try:
                parts = endpoint.backend.stream(messages, params)
                try:
                    first = await self._first_item(parts, endpoint)
                except StopAsyncIteration:
                    return
                started = True
                endpoint.served += 1
                await self._first_token(endpoint)
                yield first
                async for item in parts:
                    yield item
                return
            except LLMError as error:
                if started:  # never a silent fail-over: the caller shows the partial text
                    if connection_died(error):
                        await self._eject(endpoint, error)
                    raise
                if not server_fault(error):
                    raise
                await self._eject(endpoint, error)
                last = error
                if len(tried) < len(self.endpoints):
                    log.warning(
                        "model server %s failed before the first token (%s); trying another",
                        endpoint.url,
                        error.kind,
                    )
            finally:
                endpoint.in_flight -= 1
                close = getattr(parts, "aclose", None)  # stop that server's generation now
                if close is not None:
                    await close()

    async def _first_item(self, parts: AsyncIterator[str | Done], endpoint: Endpoint) -> str | Done:
        """The stream's first item; a hung endpoint (nothing within `attempt_timeout`) is the
        server's fault, like a refused connection: nothing was shown yet."""
        if self.attempt_timeout is None:
            return await anext(parts)
        try:
            return await asyncio.wait_for(anext(parts), self.attempt_timeout)
        except TimeoutError:
            raise EngineHung(
                f"no first token from {endpoint.url} within {self.attempt_timeout:g}s",
                fix="the server may be hung or overloaded; it is ejected and probed",
            ) from None

    async def _take(self, tried: set[str]) -> Endpoint | None:
        """Pick the endpoint for the next attempt and count it in flight (no await in between,
        so concurrent requests see each other's picks)."""
        states = await self.states()
        fresh = [e for e in self.endpoints if e.url not in tried]
        healthy = [e for e in fresh if states.get(e.url, HEALTHY).healthy]
        key = affinity_key() if self.affinity else None
        if healthy and key is not None:
            chosen = max(healthy, key=lambda e: rendezvous_weight(key, e.url))
        elif healthy:
            chosen = min(healthy, key=lambda e: (e.in_flight, e.last_pick))
        elif fresh:  # all ejected: ask anyway, the one due back soonest first
            chosen = min(fresh, key=lambda e: (states[e.url].until, e.in_flight))
        else:
            return None
        chosen.last_pick = next(self._picks)
        chosen.in_flight += 1
        return chosen

    async def _first_token(self, endpoint: Endpoint) -> None:
        """A server that answers is healthy (re-admitted at once if it was ejected)."""
        state = self._local.get([endpoint.url]).get(endpoint.url)
        if state is not None and not state.healthy:
            log.info("model server %s answered again; re-admitted", endpoint.url)
            await self._publish(endpoint.url, EndpointState(healthy=True, at=self._clock()))

    # Health --------------------------------------------------------------------------------------
    async def states(self) -> dict[str, EndpointState]:
        """Every endpoint's latest known state (absent = healthy): the shared board's when it
        answers, merged with this process's own reports (the newest wins)."""
        urls = self.urls
        merged = self._local.get(urls)
        if self._shared is None:
            return merged
        try:
            shared = await self._shared.read(urls)
        except Exception:
            self._board_trouble("read")
            return merged
        self._board_back()
        for url, state in shared.items():
            mine = merged.get(url)
            if mine is None or state.at >= mine.at:
                merged[url] = state
        return merged

    def status(self) -> list[EndpointStatus]:
        """This process's view of the fleet (without asking a shared board)."""
        states = self._local.get(self.urls)
        return [
            EndpointStatus(
                e.url,
                states.get(e.url, HEALTHY).healthy,
                e.in_flight,
                e.served,
                states.get(e.url, HEALTHY).reason,
            )
            for e in self.endpoints
        ]

    async def _eject(self, endpoint: Endpoint, error: LLMError) -> None:
        now = self._clock()
        state = EndpointState(
            healthy=False, until=now + self.eject_seconds, reason=error.kind, at=now
        )
        log.warning(
            "model server %s ejected for %gs (%s): %s",
            endpoint.url,
            self.eject_seconds,
            error.kind,
            error.detail[:300],
        )
        await self._publish(endpoint.url, state)

    async def _publish(self, url: str, state: EndpointState) -> None:
        self._local.put(url, state)
        if self._shared is None:
            return
        try:
            await self._shared.publish(url, state)
        except Exception:
            self._board_trouble("write")
        else:
            self._board_back()

    def _board_trouble(self, what: str) -> None:
        if self._board_ok:
            log.warning(
                "cannot %s the shared endpoint health; using this process's view",
                what,
                exc_info=True,
            )
        self._board_ok = False

    def _board_back(self) -> None:
        if not self._board_ok:
            log.info("the shared endpoint health answers again")
        self._board_ok = True

    # Probing -------------------------------------------------------------------------------------
    def start_probing(self) -> None:
        """Run `probe()` every `probe_interval` seconds in the background (idempotent)."""
        if self.probe_interval <= 0 or (self._prober is not None and not self._prober.done()):
            return
        self._prober = asyncio.get_running_loop().create_task(
            self._probe_forever(), name="llm-fleet-probe"
        )

    async def _probe_forever(self) -> None:
        while True:
            await asyncio.sleep(self.probe_interval)
            try:
                await self.probe()
            except Exception:  # a probe round must never end the loop
                log.exception("model server probe round failed")

    async def probe(self) -> None:
        """One round: check each healthy endpoint and each ejected one whose time is up;
        re-admit those that answer, eject (again) those that don't."""
        states = await self.states()
        now = self._clock()
        due = [
            e
            for e in self.endpoints
            if states.get(e.url, HEALTHY).healthy or states[e.url].until <= now
        ]
        results = await asyncio.gather(*(self._check(e, model=True) for e in due))
        for endpoint, problem in zip(due, results, strict=True):
            was_healthy = states.get(endpoint.url, HEALTHY).healthy
            if problem is not None:
                await self._eject(endpoint, problem)
            elif not was_healthy:
                log.info("model server %s answers the probe; re-admitted", endpoint.url)
                await self._publish(endpoint.url, EndpointState(healthy=True, at=self._clock()))

    async def _check(self, endpoint: Endpoint, *, model: bool) -> LLMError | None:
        backend = endpoint.backend
        try:
            async with asyncio.timeout(self.probe_timeout):
                await (backend.check_model() if model else backend.check_reachable())
        except LLMError as error:
            return error
        except TimeoutError:
            return LLMTimeout(
                f"{endpoint.url} did not answer a health check within {self.probe_timeout:g}s",
                phase="connect",
            )
        except Exception as error:  # a member's bug is that endpoint's problem only
            return EngineError(f"{endpoint.url} health check failed: {error!r}")
        return None

    async def check_reachable(self) -> str:
        return await self._check_all(model=False)

    async def check_model(self) -> str:
        return await self._check_all(model=True)

    async def _check_all(self, *, model: bool) -> str:
        results = await asyncio.gather(*(self._check(e, model=model) for e in self.endpoints))
        up = [e.url for e, problem in zip(self.endpoints, results, strict=True) if problem is None]
        down = [
            f"{e.url} ({problem.kind.replace('_', ' ')})"
            for e, problem in zip(self.endpoints, results, strict=True)
            if problem is not None
        ]
        total = len(self.endpoints)
        what = f"serve {self.model}" if model else "answer"
        if not up:
            first = next(problem for problem in results if problem is not None)
            kind: type[LLMError] = EngineError
            if isinstance(first, ModelMissing):
                kind = ModelMissing
            elif isinstance(first, EngineUnreachable | LLMTimeout):
                kind = EngineUnreachable
            raise kind(
                f"none of the {total} model servers {what}: {'; '.join(down)}",
                user_message=first.user_message,
                fix=first.fix or "check LLM_BASE_URLS",
            )
        line = f"{len(up)} of {total} model servers {what} ({', '.join(up)})"
        return f"{line}; not: {', '.join(down)}" if down else line

    async def aclose(self) -> None:
        if self._prober is not None:
            self._prober.cancel()
            try:
                await self._prober
            except (asyncio.CancelledError, Exception):
                pass
            self._prober = None
        for endpoint in self.endpoints:
            await endpoint.backend.aclose()


__all__ = [
    "REQUEST_FAULTS",
    "Endpoint",
    "EndpointStatus",
    "FleetBackend",
    "connection_died",
    "rendezvous_weight",
    "server_fault",
]

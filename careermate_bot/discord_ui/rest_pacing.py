"""Every REST call a fleet makes to Discord draws on one shared budget first.

Discord allows a bot 50 requests a second across all its processes (interaction callbacks and
interaction webhooks aside). discord.py keeps to the per-route limits and to a global 429 it
has seen, but each process alone: four processes each sending "a little" collect global 429s,
and after five in a row discord.py gives up and the reply is lost. `RestPacer` wraps the
client's `HTTPClient.request`:

- a call bound to the global limit first takes a token from the shared bucket
  (`shared.discord_budget`, Redis with REDIS_URL), waiting its turn in arrival order across the
  fleet (at most `longest_wait`; then it goes anyway and discord.py handles a 429);
- an optional streamed edit already took its token with `try_spend` (`mark_prepaid`), so the
  call is not charged twice; an optional edit that finds no token is skipped by its caller;
- when discord.py gives up on a call after its 429 retries (Discord's limit is lower than ours,
  or another bot shares the token), the whole fleet's bucket gives out nothing for the
  `Retry-After` Discord asked for, and the call waits its turn and is tried again, until
  `retry_for` seconds have passed.
  A 429 means Discord did not act on the request, so the retry cannot double a message.
"""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

import discord
from discord.http import HTTPClient, Route

log = logging.getLogger(__name__)

# Interaction callbacks and interaction webhooks are not bound to the global limit.
EXEMPT_PREFIXES = ("/interactions/", "/webhooks/")
LONGEST_WAIT = 30.0
RETRY_FOR = 90.0
LONGEST_BACK_OFF = 10.0

_prepaid: contextvars.ContextVar[bool] = contextvars.ContextVar("rest_prepaid", default=False)


def mark_prepaid() -> None:
    """The next REST call of this task was already paid for (an optional edit's token)."""
    _prepaid.set(True)


class Bucket(Protocol):
    rate: float

    async def acquire(self, cost: int = 1, *, max_wait: float | None = None) -> bool: ...

    async def hold(self, seconds: float) -> None: ...


Send = Callable[..., Awaitable[Any]]


class RestPacer:
    def __init__(
        self,
        bucket: Bucket,
        *,
        longest_wait: float = LONGEST_WAIT,
        retry_for: float = RETRY_FOR,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bucket = bucket
        self.longest_wait = longest_wait
        self.retry_for = retry_for
        self._clock = clock
        self.paced = 0
        self.went_unpaced = 0  # calls that found no token within `longest_wait`
        self.retried_429 = 0  # calls retried after discord.py gave up on their 429s

    def install(self, http: HTTPClient) -> None:
        send: Send = http.request

        async def paced_request(route: Route, **kwargs: Any) -> Any:
            return await self.request(send, route, **kwargs)

        http.request = paced_request  # type: ignore[method-assign]

    async def request(self, send: Send, route: Route, **kwargs: Any) -> Any:
        prepaid = _prepaid.get()
        _prepaid.set(False)
        if route.path.startswith(EXEMPT_PREFIXES):
            return await send(route, **kwargs)
        if not prepaid:
            await self._take()
        deadline = self._clock() + self.retry_for
        while True:
            try:
                return await send(route, **kwargs)
            except discord.HTTPException as error:
                if error.status != 429 or self._clock() >= deadline:
                    raise
                wait = _retry_after(error)
                self.retried_429 += 1
                log.warning(
                    "Discord kept answering 429 to %s %s; the fleet backs off %.1fs and retries",
                    route.method,
                    route.path,
                    wait,
                )
                for file in kwargs.get("files") or ():
                    file.reset(seek=True)
                # The whole fleet gives out nothing for Retry-After (not only this call), then
                # this call waits its turn like any other.
                await self.bucket.hold(wait)
                await self.bucket.acquire(1, max_wait=self.longest_wait + wait)

    async def _take(self) -> None:
        if await self.bucket.acquire(1, max_wait=self.longest_wait):
            self.paced += 1
        else:
            self.went_unpaced += 1


def _retry_after(error: discord.HTTPException) -> float:
    headers = getattr(error.response, "headers", None) or {}
    try:
        seconds = float(headers.get("Retry-After", 1.0))
    except (TypeError, ValueError):
        seconds = 1.0
    return min(max(seconds, 0.1), LONGEST_BACK_OFF)


__all__ = ["EXEMPT_PREFIXES", "RestPacer", "mark_prepaid"]

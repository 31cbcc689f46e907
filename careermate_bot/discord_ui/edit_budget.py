"""A budget for Discord REST calls spent on streamed replies.

Discord allows a bot about 50 requests a second across all its processes (interaction responses
aside). A streamed reply spends some calls it must make (posting the message, the final edit)
and some it may skip (an intermediate edit: the next one shows the same text and more). An
`EditBudget` says whether an optional call fits now; essential calls are recorded, never refused,
so optional ones give way to them.

`NoEditBudget` (the default, `STREAM_EDITS_PER_SECOND=0`) allows everything: one process
behaves as before. `LocalEditBudget` is a token bucket in this process. A fleet shares one bucket
(Redis, in `careermate_bot/shared/`) implementing the same two methods, so processes split the
budget instead of each collecting 429s.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from careermate_bot.discord_ui.rest_pacing import mark_prepaid

if TYPE_CHECKING:
    from careermate_bot.config import Settings


class EditBudget(Protocol):
    async def try_spend(self) -> bool:
        """Take one call for an optional edit if the budget has one now (never waits)."""
        ...

    async def spend(self) -> None:
        """Record a call that happens anyway (a new message, a final edit); the budget may go
        below zero, which holds back optional edits until it refills."""
        ...


class NoEditBudget:
    """Every edit fits (no budget)."""

    async def try_spend(self) -> bool:
        return True

    async def spend(self) -> None:
        return None


class LocalEditBudget:
    """A token bucket in this process: `rate` calls a second, bursts of up to `burst`."""

    def __init__(
        self,
        rate: float,
        *,
        burst: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.burst = burst if burst is not None else max(1.0, rate)
        self._clock = clock
        self._tokens = self.burst
        self._at = clock()

    @property
    def tokens(self) -> float:
        self._refill()
        return self._tokens

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now

    async def try_spend(self) -> bool:
        self._refill()
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True

    async def spend(self) -> None:
        self._refill()
        self._tokens -= 1


class SharedEditBudget:
    """The fleet's shared bucket (`careermate_bot.shared` budget, Redis with REDIS_URL), used
    with the `RestPacer` installed on the client (`discord_ui.rest_pacing`): the pacer charges
    every REST call itself, waiting its turn, so an essential call has nothing to record here;
    an optional edit takes its token now or is skipped, and tells the pacer it is paid for."""

    def __init__(self, bucket: TokenBucket) -> None:
        self.bucket = bucket

    async def try_spend(self) -> bool:
        if not await self.bucket.acquire(1, max_wait=0.0):
            return False
        mark_prepaid()
        return True

    async def spend(self) -> None:
        return None  # the pacer takes this call's token when it is made


class TokenBucket(Protocol):
    async def acquire(self, cost: int = 1, *, max_wait: float | None = None) -> bool: ...


def edit_budget_for(settings: Settings) -> EditBudget:
    """The in-process budget STREAM_EDITS_PER_SECOND asks for (0 = none)."""
    rate = settings.stream_edits_per_second
    return LocalEditBudget(rate) if rate > 0 else NoEditBudget()


__all__ = ["EditBudget", "LocalEditBudget", "NoEditBudget", "SharedEditBudget", "edit_budget_for"]

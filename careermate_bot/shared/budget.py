"""A token bucket for Discord's channel-message calls (sends and edits), shared by the fleet.

Discord allows a bot about 50 REST requests a second in all (interaction responses aside);
several processes that each stream replies would collect 429s unless they share the budget.

    budget = services.shared.discord_budget        # rate and burst: DISCORD_MESSAGE_RATE
    if await budget.acquire():                     # wait for a token (as long as it takes)
        await message.edit(content=text)
    if await budget.acquire(max_wait=0.5):         # or skip this edit when the wait is longer
        ...                                        # (a later edit carries the text anyway)

`acquire(cost=1, max_wait=None) -> bool`: takes `cost` tokens, sleeping until they are due;
returns False at once, taking nothing, when that would take longer than `max_wait` seconds.
Tokens are reserved in one atomic step (Redis's clock), so waiters from every process queue
up fairly instead of polling. Without REDIS_URL the same bucket runs in this process. When
Redis is unavailable each process uses a local bucket with the same rate (so a fleet may then
exceed the budget; discord.py retries the 429s) and says so once in the log.
"""

from __future__ import annotations

import asyncio
import math
import time
from typing import Protocol

from careermate_bot.shared.link import RedisLink, RedisUnavailable

# Both scripts start here: the bucket (hash: tokens, ts in microseconds) refilled to now.
# ARGV[1] rate per second, ARGV[2] burst.
_REFILL = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens, ts = tonumber(state[1]), tonumber(state[2])
if not tokens or not ts then tokens, ts = burst, now end
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate / 1000000)
"""

# ARGV[3] cost, ARGV[4] longest acceptable wait (microseconds; -1 = any).
_TOKEN_BUCKET = (
    _REFILL
    + """
local cost, max_wait = tonumber(ARGV[3]), tonumber(ARGV[4])
local wait = 0
if tokens < cost then wait = math.ceil((cost - tokens) * 1000000 / rate) end
if max_wait >= 0 and wait > max_wait then return {0, wait} end
redis.call('HSET', KEYS[1], 'tokens', tokens - cost, 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(1000 * (burst + cost) / rate) + 1000)
return {1, wait}
"""
)

# ARGV[3] hold (microseconds).
_HOLD = (
    _REFILL
    + """
local hold = tonumber(ARGV[3])
tokens = math.min(tokens, -hold * rate / 1000000)
redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(hold / 1000 + 1000 * burst / rate) + 1000)
return 1
"""
)


class MessageBudget(Protocol):
    rate: float
    burst: int

    async def acquire(self, cost: int = 1, *, max_wait: float | None = None) -> bool:
        """Take `cost` tokens (sleeping until they are due); False, taking nothing, if that
        would take longer than `max_wait` seconds."""
        ...

    async def hold(self, seconds: float) -> None:
        """Give out nothing for `seconds` from now (Discord answered 429 with Retry-After).
        Idempotent: many callers holding for the same time hold it once, not in sum."""
        ...


def _check(rate: float, burst: int) -> None:
    if rate <= 0 or burst < 1:
        raise ValueError("a token bucket needs rate > 0 and burst >= 1")


class LocalTokenBucket:
    """The bucket in this process (monotonic clock); reservations like the Redis one."""

    def __init__(self, rate: float, burst: int | None = None) -> None:
        burst = burst if burst is not None else max(1, math.ceil(rate))
        _check(rate, burst)
        self.rate = rate
        self.burst = burst
        self._tokens = float(burst)
        self._stamp = time.monotonic()

    def reserve(self, cost: int = 1, max_wait: float | None = None) -> float | None:
        """Take `cost` tokens now, possibly on credit: the seconds to wait before using them,
        or None (nothing taken) when that would exceed `max_wait`."""
        self._refill()
        wait = max(0.0, (cost - self._tokens) / self.rate)
        if max_wait is not None and wait > max_wait:
            return None
        self._tokens -= cost
        return wait

    def _refill(self) -> None:
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    async def hold(self, seconds: float) -> None:
        self._refill()
        self._tokens = min(self._tokens, -seconds * self.rate)

    async def acquire(self, cost: int = 1, *, max_wait: float | None = None) -> bool:
        wait = self.reserve(cost, max_wait)
        if wait is None:
            return False
        if wait > 0:
            await asyncio.sleep(wait)
        return True


class RedisTokenBucket:
    """The bucket in Redis, one for every process with the same key prefix and name."""

    def __init__(self, link: RedisLink, name: str, rate: float, burst: int | None = None) -> None:
        self.local = LocalTokenBucket(rate, burst)  # the fallback while Redis is away
        self.link = link
        self.name = name
        self.rate = rate
        self.burst = self.local.burst
        self._key = link.key("bucket", name)
        self._script = link.script(_TOKEN_BUCKET)
        self._hold = link.script(_HOLD)

    async def hold(self, seconds: float) -> None:
        micros = round(max(0.0, seconds) * 1_000_000)
        try:
            await self.link.run(
                f"token bucket {self.name} hold",
                lambda _c: self._hold(keys=[self._key], args=[self.rate, self.burst, micros]),
            )
        except RedisUnavailable:
            await self.local.hold(seconds)

    async def acquire(self, cost: int = 1, *, max_wait: float | None = None) -> bool:
        longest = -1 if max_wait is None else round(max_wait * 1_000_000)
        try:
            answer = await self.link.run(
                f"token bucket {self.name}",
                lambda _c: self._script(
                    keys=[self._key], args=[self.rate, self.burst, cost, longest]
                ),
            )
        except RedisUnavailable:
            return await self.local.acquire(cost, max_wait=max_wait)
        taken, wait_us = int(answer[0]), int(answer[1])
        if not taken:
            return False
        if wait_us > 0:
            await asyncio.sleep(wait_us / 1_000_000)
        return True

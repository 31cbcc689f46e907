"""Per-user rate limits: `rate` hits per `per` seconds in a sliding window.

    limiter = shared.rate_limiter("chat", 6, 60.0)
    decision = await limiter.hit(user_id)
    if not decision.allowed:
        ...  # "give me {decision.retry_after:.0f} s"

A hit is counted only when it is allowed (a refused hit does not push the window on), and
`retry_after` says when the next hit will be: when the oldest counted hit leaves the window.
Both implementations keep the same window: `LocalRateLimiter` in this process (no REDIS_URL),
`RedisRateLimiter` for the whole fleet (a Lua script: check and count in one atomic step, with
Redis's clock, so every process agrees). When Redis is unavailable the Redis limiter lets the
hit through (fails open) and says so once in the log: a chat limit is not worth refusing users
over (docs/reliability.md).
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Protocol

from careermate_bot.shared.link import RedisLink, RedisUnavailable

UserKey = int | str

_SLIDING_WINDOW = """
-- KEYS[1]: the window (a sorted set of hit times in microseconds)
-- ARGV: rate, window length in microseconds, a unique member for this hit
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local rate = tonumber(ARGV[1])
local per = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - per)
local used = redis.call('ZCARD', KEYS[1])
if used < rate then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(per / 1000))
  return {1, 0, rate - used - 1}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, math.max(1, math.ceil(tonumber(oldest[2]) + per - now)), 0}
"""


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    retry_after: float  # seconds until a hit would be allowed again (0.0 when allowed)
    remaining: int  # hits left in the window after this one
    shared: bool = True  # False: decided without Redis (in-process, or Redis unavailable)


class RateLimiter(Protocol):
    name: str
    rate: int
    per: float

    async def hit(self, key: UserKey) -> RateDecision:
        """Count one hit for `key` if the window has room; say when to come back if not."""
        ...

    async def reset(self, key: UserKey) -> None:
        """Forget `key`'s hits (tests, an owner's override)."""
        ...


def _check(rate: int, per: float) -> None:
    if rate < 1 or per <= 0:
        raise ValueError("a rate limit needs rate >= 1 and per > 0")


class LocalRateLimiter:
    """The sliding window in this process (monotonic clock)."""

    def __init__(self, name: str, rate: int, per: float) -> None:
        _check(rate, per)
        self.name = name
        self.rate = rate
        self.per = per
        self._hits: dict[UserKey, deque[float]] = {}
        self._calls = 0

    async def hit(self, key: UserKey) -> RateDecision:
        return self.hit_now(key)

    def hit_now(self, key: UserKey, now: float | None = None) -> RateDecision:
        """`hit` without awaiting (the Redis limiter's fallback uses it)."""
        now = time.monotonic() if now is None else now
        self._calls += 1
        if self._calls % 1024 == 0:
            self._prune(now)
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.per:
            hits.popleft()
        if len(hits) < self.rate:
            hits.append(now)
            return RateDecision(True, 0.0, self.rate - len(hits), shared=False)
        return RateDecision(False, hits[0] + self.per - now, 0, shared=False)

    async def reset(self, key: UserKey) -> None:
        self._hits.pop(key, None)

    def _prune(self, now: float) -> None:
        stale = [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - self.per]
        for key in stale:
            del self._hits[key]


class RedisRateLimiter:
    """The sliding window in Redis, shared by every process with the same key prefix."""

    def __init__(self, link: RedisLink, name: str, rate: int, per: float) -> None:
        _check(rate, per)
        self.link = link
        self.name = name
        self.rate = rate
        self.per = per
        self._script = link.script(_SLIDING_WINDOW)
        self._per_us = max(1, round(per * 1_000_000))

    def _key(self, key: UserKey) -> str:
        return self.link.key("rate", self.name, str(key))

    async def hit(self, key: UserKey) -> RateDecision:
        try:
            answer = await self.link.run(
                f"rate limit {self.name}",
                lambda _client: self._script(
                    keys=[self._key(key)], args=[self.rate, self._per_us, uuid.uuid4().hex]
                ),
            )
        except RedisUnavailable:
            return RateDecision(True, 0.0, self.rate - 1, shared=False)  # fail open (logged)
        allowed, retry_us, remaining = (int(v) for v in answer)
        return RateDecision(bool(allowed), retry_us / 1_000_000, remaining)

    async def reset(self, key: UserKey) -> None:
        try:
            await self.link.run(
                f"rate limit reset {self.name}", lambda client: client.delete(self._key(key))
            )
        except RedisUnavailable:
            pass

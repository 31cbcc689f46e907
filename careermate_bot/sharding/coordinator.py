"""The shared state behind sharding: shard ownership leases and the identify slots.

Two small jobs, one interface (`ShardCoordinator`), two implementations:

- `LocalCoordinator`: in this process's memory. One process with no `REDIS_URL` (the default):
  it owns every lease it asks for, and identifies are spaced within the process.
- `RedisCoordinator` (`careermate_bot.sharding.redis_coordinator`): shared by every process of
  the fleet when `REDIS_URL` is set; leases live as keys with a time to live, so a process that
  dies (even `kill -9`) loses its leases when they expire.

A lease is a key per (shard id, shard count) holding its owner's id. `observe` tells the lease
keeper whether an absent lease may be claimed: a store that may have lost its keys (a Redis that
restarted) vouches for an absence only once every live holder has had a full lease period to
claim its lease back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class LeaseView:
    """What the store says about one shard's lease right now."""

    holder: str | None  # the owner id, or None when nobody holds it
    remaining: float  # seconds until it expires (0 when nobody holds it)
    claimable: bool  # nobody holds it AND no live holder can be unaware of that


class ShardCoordinator(Protocol):
    """Leases (one owner per shard, for `ttl` seconds unless renewed) and identify slots."""

    async def claim(self, shard: int, count: int, owner: str, ttl: float) -> bool:
        """Take the lease if nobody holds it; True when `owner` now holds it."""
        ...

    async def renew(self, shard: int, count: int, owner: str, ttl: float) -> bool:
        """Extend `owner`'s lease (taking it back if the store forgot it); False when another
        owner holds it: the caller lost the shard."""
        ...

    async def observe(self, shard: int, count: int) -> LeaseView: ...

    async def release(self, shard: int, count: int, owner: str) -> None:
        """Give the lease up (only if `owner` holds it), so another process may take it now."""
        ...

    async def try_identify(self, bucket: int, owner: str, interval: float) -> float:
        """Claim the identify slot of a `max_concurrency` bucket for `interval` seconds.
        0.0: claimed, identify now; otherwise the seconds to wait before asking again."""
        ...

    async def aclose(self) -> None: ...


class LocalCoordinator:
    """Leases and identify slots in this process's memory (one process, no Redis)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._leases: dict[tuple[int, int], tuple[str, float]] = {}  # -> (owner, expires at)
        self._slots: dict[int, float] = {}  # bucket -> free again at

    def _current(self, key: tuple[int, int]) -> tuple[str, float] | None:
        lease = self._leases.get(key)
        if lease is not None and lease[1] <= self._clock():
            del self._leases[key]
            return None
        return lease

    async def claim(self, shard: int, count: int, owner: str, ttl: float) -> bool:
        key = (shard, count)
        current = self._current(key)
        if current is not None and current[0] != owner:
            return False
        self._leases[key] = (owner, self._clock() + ttl)
        return True

    async def renew(self, shard: int, count: int, owner: str, ttl: float) -> bool:
        return await self.claim(shard, count, owner, ttl)

    async def observe(self, shard: int, count: int) -> LeaseView:
        current = self._current((shard, count))
        if current is None:
            return LeaseView(holder=None, remaining=0.0, claimable=True)
        return LeaseView(holder=current[0], remaining=current[1] - self._clock(), claimable=False)

    async def release(self, shard: int, count: int, owner: str) -> None:
        current = self._current((shard, count))
        if current is not None and current[0] == owner:
            del self._leases[(shard, count)]

    async def try_identify(self, bucket: int, owner: str, interval: float) -> float:
        now = self._clock()
        free_at = self._slots.get(bucket, 0.0)
        if free_at > now:
            return free_at - now
        self._slots[bucket] = now + interval
        return 0.0

    async def aclose(self) -> None:
        return None

"""Named leases with a time limit: "this process owns X for the next N seconds".

For anything exactly one process may do at a time (a shard's gateway connection, a leader's
job). A holder renews well before the lease runs out; a `kill -9`ed holder stops renewing and
the lease frees itself. Leases FAIL CLOSED: when Redis is unavailable `acquire` gets nothing
and `renew` returns False, and `Lease.held` turns False once the last confirmed expiry has
passed, so a holder that cannot reach Redis stops acting before someone else may start.

    lease = await services.shared.leases.acquire("shard:0", ttl=15)
    if lease is None: ...                      # someone else holds it: do not connect
    while await lease.renew(): await asyncio.sleep(5)
    await lease.release()

`fence` grows with every new holder of a name: pass it along with the work, so a late write
from an old holder can be told apart. In Redis: `<prefix>:lease:<name>` (the owner, with a
TTL) and `<prefix>:lease-fence:<name>`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol

from careermate_bot.shared.link import RedisLink, RedisUnavailable

_ACQUIRE = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0
"""
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class _Backend(Protocol):
    async def renew(self, lease: Lease) -> bool | None:
        """True: renewed; False: lost (expired or taken); None: could not ask."""
        ...

    async def release(self, lease: Lease) -> None: ...


@dataclass(eq=False)
class Lease:
    name: str
    owner: str
    ttl: float
    fence: int
    _store: _Backend = field(repr=False)
    _expires: float = 0.0  # monotonic: the last confirmed expiry

    @property
    def held(self) -> bool:
        """True until the last confirmed expiry (a renewal that failed does not extend it)."""
        return time.monotonic() < self._expires

    async def renew(self) -> bool:
        """True when renewed. False when lost, or when Redis could not confirm it: then `held`
        stays True only until the last confirmed expiry (retry before then)."""
        started = time.monotonic()
        if not self.held:
            return False
        renewed = await self._store.renew(self)
        if renewed:
            self._expires = started + self.ttl
            return True
        if renewed is False:
            self._expires = 0.0
        return False

    async def release(self) -> None:
        self._expires = 0.0
        await self._store.release(self)


class LeaseStore(Protocol):
    async def acquire(self, name: str, *, ttl: float) -> Lease | None: ...

    async def holder(self, name: str) -> str | None: ...


class LocalLeaseStore:
    """Leases among the tasks of this process."""

    def __init__(self, identity: str = "local") -> None:
        self.identity = identity
        self._leases: dict[str, tuple[str, float]] = {}
        self._fences: dict[str, int] = {}
        self._count = 0

    async def acquire(self, name: str, *, ttl: float) -> Lease | None:
        now = time.monotonic()
        current = self._leases.get(name)
        if current is not None and current[1] > now:
            return None
        self._count += 1
        owner = f"{self.identity}#{self._count}"
        self._leases[name] = (owner, now + ttl)
        self._fences[name] = self._fences.get(name, 0) + 1
        return Lease(name, owner, ttl, self._fences[name], self, now + ttl)

    async def holder(self, name: str) -> str | None:
        current = self._leases.get(name)
        return current[0] if current is not None and current[1] > time.monotonic() else None

    async def renew(self, lease: Lease) -> bool | None:
        current = self._leases.get(lease.name)
        now = time.monotonic()
        if current is None or current[0] != lease.owner or current[1] <= now:
            return False
        self._leases[lease.name] = (lease.owner, now + lease.ttl)
        return True

    async def release(self, lease: Lease) -> None:
        current = self._leases.get(lease.name)
        if current is not None and current[0] == lease.owner:
            del self._leases[lease.name]


class RedisLeaseStore:
    def __init__(self, link: RedisLink) -> None:
        self.link = link
        self._acquire = link.script(_ACQUIRE)
        self._renew = link.script(_RENEW)
        self._release = link.script(_RELEASE)
        self._count = 0

    def _keys(self, name: str) -> list[str]:
        return [self.link.key("lease", name), self.link.key("lease-fence", name)]

    async def acquire(self, name: str, *, ttl: float) -> Lease | None:
        self._count += 1
        owner = f"{self.link.identity}#{self._count}"
        started = time.monotonic()
        try:
            fence = await self.link.run(
                f"lease acquire {name}",
                lambda _c: self._acquire(keys=self._keys(name), args=[owner, round(ttl * 1000)]),
            )
        except RedisUnavailable:
            return None  # fail closed
        if not int(fence):
            return None
        return Lease(name, owner, ttl, int(fence), self, started + ttl)

    async def holder(self, name: str) -> str | None:
        try:
            value = await self.link.run(
                f"lease holder {name}", lambda c: c.get(self.link.key("lease", name))
            )
        except RedisUnavailable:
            return None
        return None if value is None else str(value)

    async def renew(self, lease: Lease) -> bool | None:
        try:
            answer = await self.link.run(
                f"lease renew {lease.name}",
                lambda _c: self._renew(
                    keys=self._keys(lease.name)[:1], args=[lease.owner, round(lease.ttl * 1000)]
                ),
            )
        except RedisUnavailable:
            return None  # fail closed: `held` ends at the last confirmed expiry
        return bool(int(answer))

    async def release(self, lease: Lease) -> None:
        try:
            await self.link.run(
                f"lease release {lease.name}",
                lambda _c: self._release(keys=self._keys(lease.name)[:1], args=[lease.owner]),
            )
        except RedisUnavailable:
            pass  # it expires by itself

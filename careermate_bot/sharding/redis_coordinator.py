"""Shard leases and identify slots shared by every process through Redis (`REDIS_URL`).

Keys, under `<REDIS_KEY_PREFIX>:discord:<bot user id>`:

- `shard:<count>:<id>`: the lease, holding its owner's id, with a time to live (`PX`). Claimed
  with `SET NX`, renewed by its owner only (a Lua compare-and-expire), released by its owner
  only. A process that dies stops renewing: its leases expire and another process takes them.
- `identify:<bucket>`: one `IDENTIFY` per `max_concurrency` bucket per interval: `SET NX PX`;
  the key's expiry is the spacing.
- `epoch`: `<Redis run id>:<ms>` when this Redis (re)started holding our keys. A restarted or
  emptied Redis has forgotten the leases of processes that are still alive and connected; those
  renew (and so take their lease back) within a third of a lease period, so an absent lease is
  only claimable once the epoch is a full lease period old.

Every call has a short timeout (`socket_timeout`): the lease keeper must keep its schedule when
Redis hangs, and fails closed (drops its shards before its leases could have expired).
"""

from __future__ import annotations

import time

from redis.asyncio import Redis

from careermate_bot.sharding.coordinator import LeaseView

# KEYS[1] lease; ARGV owner, ttl ms. 1 = renewed, 2 = taken back (the key was gone), 0 = lost.
RENEW = """
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 2
end
return 0
"""
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""
# KEYS[1] epoch; ARGV[1] this Redis's run id. Returns the epoch's age in ms.
EPOCH_AGE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local epoch = redis.call('GET', KEYS[1])
if epoch then
  local sep = string.find(epoch, ':', 1, true)
  if sep and string.sub(epoch, 1, sep - 1) == ARGV[1] then
    return now - tonumber(string.sub(epoch, sep + 1))
  end
end
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. now)
return 0
"""
RUN_ID_CACHE_SECONDS = 1.0


class RedisCoordinator:
    """`ShardCoordinator` over Redis. `prefix` keeps fleets and bots sharing one Redis apart
    (`<REDIS_KEY_PREFIX>:discord:<bot user id>`)."""

    def __init__(self, redis: Redis, *, prefix: str, lease_ttl: float) -> None:
        self._redis = redis
        self._prefix = prefix
        self._lease_ttl = lease_ttl
        self._renew = redis.register_script(RENEW)
        self._release = redis.register_script(RELEASE)
        self._epoch_age = redis.register_script(EPOCH_AGE)
        self._run_id: tuple[str, float] | None = None

    @classmethod
    def from_url(cls, url: str, *, prefix: str, lease_ttl: float) -> RedisCoordinator:
        timeout = max(0.5, min(2.0, lease_ttl / 6))
        client = Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            decode_responses=True,
        )
        return cls(client, prefix=prefix, lease_ttl=lease_ttl)

    def _lease_key(self, shard: int, count: int) -> str:
        return f"{self._prefix}:shard:{count}:{shard}"

    async def claim(self, shard: int, count: int, owner: str, ttl: float) -> bool:
        done = await self._redis.set(self._lease_key(shard, count), owner, nx=True, px=_ms(ttl))
        return bool(done)

    async def renew(self, shard: int, count: int, owner: str, ttl: float) -> bool:
        result = await self._renew(keys=[self._lease_key(shard, count)], args=[owner, _ms(ttl)])
        return int(result) != 0

    async def observe(self, shard: int, count: int) -> LeaseView:
        key = self._lease_key(shard, count)
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.get(key)
            pipe.pttl(key)
            holder, pttl = await pipe.execute()
        if holder is not None:
            remaining = float("inf") if pttl == -1 else max(0, int(pttl)) / 1000
            return LeaseView(holder=str(holder), remaining=remaining, claimable=False)
        age_ms = await self._epoch_age(keys=[f"{self._prefix}:epoch"], args=[await self._runid()])
        return LeaseView(holder=None, remaining=0.0, claimable=int(age_ms) >= _ms(self._lease_ttl))

    async def _runid(self) -> str:
        now = time.monotonic()
        if self._run_id is None or now - self._run_id[1] > RUN_ID_CACHE_SECONDS:
            info = await self._redis.info("server")
            self._run_id = (str(info.get("run_id", "")), now)
        return self._run_id[0]

    async def release(self, shard: int, count: int, owner: str) -> None:
        await self._release(keys=[self._lease_key(shard, count)], args=[owner])

    async def try_identify(self, bucket: int, owner: str, interval: float) -> float:
        key = f"{self._prefix}:identify:{bucket}"
        if await self._redis.set(key, owner, nx=True, px=_ms(interval)):
            return 0.0
        pttl = int(await self._redis.pttl(key))
        return max(0.05, pttl / 1000) if pttl > 0 else 0.05

    async def aclose(self) -> None:
        await self._redis.aclose()


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))

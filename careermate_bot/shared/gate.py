"""The fleet-wide fair LLM gate: Redis data and Lua scripts (the Python side is `llm_gate.py`).

The same rules as `careermate_bot.llm.scheduler.FairScheduler`, for every process at once:
- at most `capacity` generations run at once in the whole fleet (the model servers' capacity);
- the line is served in arrival order (FIFO) and each waiting request knows its real position;
- a user has at most one request running or in line; their later ones are held back and join
  the end of the line when the earlier one finishes (users take turns), so nobody has two
  generations at once anywhere in the fleet;
- bounded: `queue_size` waiting requests in all, `max_pending_per_user` per user (running
  included); beyond that `Busy`;
- leases: every ticket (running or waiting) has an expiry, which its process renews while it
  is alive; a `kill -9`ed process stops renewing, and its tickets are removed by the next call
  that sees them expired (its slots free themselves within one lease);
- a Redis that lost its data (restarted without persistence) is noticed by a missing epoch key:
  for `grace` the gate then grants nothing, so the processes whose generations are still
  running re-register them first (`sync` re-adds a running ticket Redis no longer knows).

Every script runs with Redis's clock (`TIME`), so process clocks never matter. Ticket ids are
`<sequence>.<epoch>`: unique even across a Redis restart. Keys (prefix `<REDIS_KEY_PREFIX>:gate`):
`seq`, `epoch`, `grace` (strings); `line`, `held` (sorted sets id -> arrival); `run`, `wait`
(sorted sets id -> lease expiry, microseconds); `tuser` (id -> user), `urun`, `uline`
(user -> id), `upend` (user -> pending count); `uheld:<user>` (the user's held ids, in order).
One channel, `<prefix>:gate:events`: "g <id> <id>..." when tickets are granted, "m" when a
waiting ticket left (positions moved).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from careermate_bot.llm.errors import Busy
from careermate_bot.shared.link import RedisLink

_PRELUDE = """
local P = ARGV[1]
local CAP = tonumber(ARGV[2])
local LEASE = tonumber(ARGV[3])
local WAIT_TTL = tonumber(ARGV[4])
local GRACE = tonumber(ARGV[5])
local K_SEQ, K_EPOCH, K_GRACE = P .. ':seq', P .. ':epoch', P .. ':grace'
local K_LINE, K_HELD, K_RUN, K_WAIT = P .. ':line', P .. ':held', P .. ':run', P .. ':wait'
local K_TUSER, K_URUN, K_ULINE, K_UPEND = P .. ':tuser', P .. ':urun', P .. ':uline', P .. ':upend'
local K_EVENTS = P .. ':events'
local function uheld(user) return P .. ':uheld:' .. user end
local t = redis.call('TIME')
local NOW = tonumber(t[1]) * 1000000 + tonumber(t[2])

-- A missing epoch means a fresh (or wiped) Redis: start a grace period before any grant.
local EPOCH = redis.call('GET', K_EPOCH)
if not EPOCH then
  EPOCH = string.format('%x', NOW)
  redis.call('SET', K_EPOCH, EPOCH)
  redis.call('SET', K_GRACE, NOW + GRACE)
end

local function drop_pending(user)
  if redis.call('HINCRBY', K_UPEND, user, -1) <= 0 then redis.call('HDEL', K_UPEND, user) end
end

-- The user's turn or place ended: their next held request joins the end of the line.
local function promote(user)
  if redis.call('HEXISTS', K_URUN, user) == 1 or redis.call('HEXISTS', K_ULINE, user) == 1 then
    return
  end
  local id = redis.call('LPOP', uheld(user))
  if not id then return end
  redis.call('ZREM', K_HELD, id)
  redis.call('ZADD', K_LINE, redis.call('INCR', K_SEQ), id)
  redis.call('HSET', K_ULINE, user, id)
end

-- Remove a ticket wherever it is. Returns: existed, was waiting.
local function remove(id)
  local user = redis.call('HGET', K_TUSER, id)
  if not user then return false, false end
  redis.call('HDEL', K_TUSER, id)
  local waiting = false
  if redis.call('ZREM', K_RUN, id) == 1 and redis.call('HGET', K_URUN, user) == id then
    redis.call('HDEL', K_URUN, user)
  end
  if redis.call('ZREM', K_LINE, id) == 1 then
    waiting = true
    if redis.call('HGET', K_ULINE, user) == id then redis.call('HDEL', K_ULINE, user) end
  end
  if redis.call('ZREM', K_HELD, id) == 1 then
    waiting = true
    redis.call('LREM', uheld(user), 0, id)
  end
  redis.call('ZREM', K_WAIT, id)
  drop_pending(user)
  promote(user)
  return true, waiting
end

-- Tickets whose process stopped renewing them.
local function reap()
  local moved = false
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', K_RUN, '-inf', NOW, 'LIMIT', 0, 100)) do
    remove(id)
  end
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', K_WAIT, '-inf', NOW, 'LIMIT', 0, 100)) do
    remove(id)
    moved = true
  end
  return moved
end

-- Grant free slots to the line, in order, skipping a user who already runs something.
local function dispatch()
  local granted = {}
  if tonumber(redis.call('GET', K_GRACE) or '0') > NOW then return granted end
  local free = CAP - redis.call('ZCARD', K_RUN)
  if free <= 0 then return granted end
  local ids = redis.call('ZRANGE', K_LINE, 0, free + 15)
  for _, id in ipairs(ids) do
    if free <= 0 then break end
    local user = redis.call('HGET', K_TUSER, id)
    if user and redis.call('HEXISTS', K_URUN, user) == 0 then
      redis.call('ZREM', K_LINE, id)
      redis.call('ZREM', K_WAIT, id)
      if redis.call('HGET', K_ULINE, user) == id then redis.call('HDEL', K_ULINE, user) end
      redis.call('ZADD', K_RUN, NOW + LEASE, id)
      redis.call('HSET', K_URUN, user, id)
      free = free - 1
      granted[#granted + 1] = id
    end
  end
  return granted
end

local function notify(granted, moved)
  if #granted > 0 then
    redis.call('PUBLISH', K_EVENTS, 'g ' .. table.concat(granted, ' '))
  elseif moved then
    redis.call('PUBLISH', K_EVENTS, 'm')
  end
end

-- 0 = running, n = nth in line (held ones after the line), -1 = unknown (gone).
local function position(id)
  if redis.call('ZSCORE', K_RUN, id) then return 0 end
  local rank = redis.call('ZRANK', K_LINE, id)
  if rank then return rank + 1 end
  rank = redis.call('ZRANK', K_HELD, id)
  if rank then return redis.call('ZCARD', K_LINE) + rank + 1 end
  return -1
end

local function totals()
  return redis.call('ZCARD', K_RUN), redis.call('ZCARD', K_LINE) + redis.call('ZCARD', K_HELD)
end
"""

# ARGV[6] user, ARGV[7] max pending per user, ARGV[8] queue size.
_ENQUEUE = (
    _PRELUDE
    + """
local moved = reap()
local user = ARGV[6]
local pending = tonumber(redis.call('HGET', K_UPEND, user) or '0')
if pending >= tonumber(ARGV[7]) then
  notify(dispatch(), moved)
  return {'busy_user', pending}
end
local running, waiting = totals()
if waiting >= tonumber(ARGV[8]) then
  notify(dispatch(), moved)
  return {'busy_queue', waiting}
end
local seq = redis.call('INCR', K_SEQ)
local id = tostring(seq) .. '.' .. EPOCH
redis.call('HSET', K_TUSER, id, user)
redis.call('HINCRBY', K_UPEND, user, 1)
redis.call('ZADD', K_WAIT, NOW + WAIT_TTL, id)
if redis.call('HEXISTS', K_URUN, user) == 1 or redis.call('HEXISTS', K_ULINE, user) == 1 then
  redis.call('RPUSH', uheld(user), id)
  redis.call('ZADD', K_HELD, seq, id)
else
  redis.call('ZADD', K_LINE, seq, id)
  redis.call('HSET', K_ULINE, user, id)
end
notify(dispatch(), moved)
running, waiting = totals()
return {'ok', id, position(id), running, waiting}
"""
)

# ARGV[6] n running, then n pairs (id, user), then the waiting ids.
_SYNC = (
    _PRELUDE
    + """
local n = tonumber(ARGV[6])
local reasserted = 0
for i = 0, n - 1 do
  local id, user = ARGV[7 + 2 * i], ARGV[8 + 2 * i]
  if redis.call('ZSCORE', K_RUN, id) then
    redis.call('ZADD', K_RUN, NOW + LEASE, id)
  elseif not redis.call('HGET', K_TUSER, id) then
    -- Redis lost this running ticket (a restart, or its lease lapsed while the process was
    -- stuck): the generation still runs, so it counts again (even above capacity).
    redis.call('ZADD', K_RUN, NOW + LEASE, id)
    redis.call('HSET', K_TUSER, id, user)
    redis.call('HINCRBY', K_UPEND, user, 1)
    if not redis.call('HGET', K_URUN, user) then redis.call('HSET', K_URUN, user, id) end
    reasserted = reasserted + 1
  end
end
local first = 7 + 2 * n
for i = first, #ARGV do
  if redis.call('ZSCORE', K_WAIT, ARGV[i]) then
    redis.call('ZADD', K_WAIT, NOW + WAIT_TTL, ARGV[i])
  end
end
local moved = reap()
notify(dispatch(), moved)
local states = {}
for i = first, #ARGV do states[#states + 1] = position(ARGV[i]) end
local running, waiting = totals()
return {running, waiting, reasserted, states}
"""
)

# ARGV[6] ticket id.
_RELEASE = (
    _PRELUDE
    + """
local existed, waiting = remove(ARGV[6])
local moved = reap()
notify(dispatch(), waiting or moved)
local running, queued = totals()
return {existed and 1 or 0, running, queued}
"""
)


@dataclass(frozen=True, slots=True)
class Enqueued:
    ticket_id: str
    position: int  # 0 = granted at once
    running: int  # fleet-wide, after this call
    waiting: int


@dataclass(frozen=True, slots=True)
class GateSync:
    running: int
    waiting: int
    reasserted: int  # running tickets Redis had lost and now counts again
    positions: dict[str, int]  # waiting id -> 0 granted, n position, -1 gone (expired)


@dataclass(frozen=True, slots=True)
class GateConfig:
    capacity: int
    queue_size: int = 50
    max_pending_per_user: int = 2
    lease: float = 10.0  # seconds; renewed every lease / 3
    grace: float | None = None  # seconds without grants after Redis lost its data (lease / 2)

    def __post_init__(self) -> None:
        if self.capacity < 1 or self.queue_size < 1 or self.max_pending_per_user < 1:
            raise ValueError("capacity, queue_size and max_pending_per_user must be >= 1")
        if self.lease <= 0:
            raise ValueError("the lease must be positive")

    @property
    def renew_interval(self) -> float:
        return self.lease / 3

    @property
    def restart_grace(self) -> float:
        return self.lease / 2 if self.grace is None else self.grace


class RedisGate:
    """The Redis side of the gate: every call is one atomic script (raises `RedisUnavailable`)."""

    def __init__(self, link: RedisLink, config: GateConfig) -> None:
        self.link = link
        self.config = config
        self.base = link.key("gate")
        self.channel = f"{self.base}:events"
        self._enqueue = link.script(_ENQUEUE)
        self._sync = link.script(_SYNC)
        self._release = link.script(_RELEASE)

    def _common(self) -> list[str | int]:
        c = self.config
        return [
            self.base,
            c.capacity,
            round(c.lease * 1_000_000),
            round(c.lease * 1_000_000),
            round(c.restart_grace * 1_000_000),
        ]

    async def enqueue(self, user: str) -> Enqueued:
        """A new ticket for `user`: granted at once (position 0) or waiting; `Busy` when full."""
        args = [*self._common(), user, self.config.max_pending_per_user, self.config.queue_size]
        answer = await self.link.run(
            "LLM gate enqueue", lambda _c: self._enqueue(keys=[self.base], args=args)
        )
        status = str(answer[0])
        if status == "busy_user":
            raise Busy(
                f"user {user!r} already has {int(answer[1])} request(s) pending in the fleet",
                user_message="You already have a request in progress. Wait for it to finish, "
                "or press Stop.",
            )
        if status == "busy_queue":
            raise Busy(f"fleet queue full ({int(answer[1])} waiting)")
        return Enqueued(str(answer[1]), int(answer[2]), int(answer[3]), int(answer[4]))

    async def sync(self, running: Mapping[str, str], waiting: Sequence[str]) -> GateSync:
        """Renew this process's tickets (running: id -> user), reap dead ones, grant free slots,
        and say where each waiting ticket stands."""
        pairs = [part for item in running.items() for part in item]
        args = [*self._common(), len(running), *pairs, *waiting]
        answer = await self.link.run(
            "LLM gate sync", lambda _c: self._sync(keys=[self.base], args=args)
        )
        states = [int(v) for v in answer[3]]
        return GateSync(
            int(answer[0]), int(answer[1]), int(answer[2]), dict(zip(waiting, states, strict=True))
        )

    async def release(self, ticket_id: str) -> bool:
        """Give a slot back or leave the line; True if Redis still knew the ticket."""
        args = [*self._common(), ticket_id]
        answer = await self.link.run(
            "LLM gate release", lambda _c: self._release(keys=[self.base], args=args)
        )
        return bool(int(answer[0]))

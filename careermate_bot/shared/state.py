"""`SharedState`: what the bot processes share, built once per process from the settings.

Without REDIS_URL every piece is an in-process implementation and one process behaves exactly
as a single-host install always has. With REDIS_URL the same interfaces are backed by Redis:

    shared = SharedState.from_settings(settings)   # AppServices does this: services.shared
    await shared.start()                           # connect, subscribe (never fatal)
    limiter = shared.rate_limiter("chat", 6, 60.0) # RateLimiter: await limiter.hit(user_id)
    shared.llm_link(backend)                       # LLMClient(cluster=...): fleet gate + Stop
    shared.stop                                    # StopBus: publish / request / on_stop
    shared.discord_budget                          # MessageBudget: await acquire(...)
    shared.endpoints                               # EndpointBoard: eject / readmit / cached
    shared.leases                                  # LeaseStore: acquire(name, ttl) -> Lease
    await shared.aclose()
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from careermate_bot.llm.scheduler import ClusterLink
from careermate_bot.llm.types import Backend
from careermate_bot.shared.budget import LocalTokenBucket, MessageBudget, RedisTokenBucket
from careermate_bot.shared.endpoints import EndpointBoard, LocalEndpointBoard, RedisEndpointBoard
from careermate_bot.shared.leases import LeaseStore, LocalLeaseStore, RedisLeaseStore
from careermate_bot.shared.link import RedisLink
from careermate_bot.shared.llm_gate import SharedLLMLink
from careermate_bot.shared.ratelimit import LocalRateLimiter, RateLimiter, RedisRateLimiter
from careermate_bot.shared.stop import LocalStopBus, RedisStopBus, StopBus

if TYPE_CHECKING:
    from careermate_bot.config import Settings

log = logging.getLogger(__name__)

DISCORD_BUDGET_NAME = "discord-messages"
# A small burst: a token bucket admits rate + burst calls in any one second, and Discord's
# global limit counts over a sliding second (45 + 5 = 50 with the default rate).
DISCORD_BURST = 5


class SharedState:
    def __init__(
        self,
        link: RedisLink | None = None,
        *,
        gate_capacity: int | None = None,
        gate_lease: float = 10.0,
        gate_grace: float | None = None,
        message_rate: float = 45.0,
    ) -> None:
        self.link = link
        self.gate_capacity = gate_capacity
        self.gate_lease = gate_lease
        self.gate_grace = gate_grace
        self._limiters: dict[str, RateLimiter] = {}
        self.stop: StopBus
        self.endpoints: EndpointBoard
        self.leases: LeaseStore
        self.discord_budget: MessageBudget
        if link is None:
            self.stop = LocalStopBus()
            self.endpoints = LocalEndpointBoard()
            self.leases = LocalLeaseStore()
            self.discord_budget = LocalTokenBucket(message_rate, DISCORD_BURST)
        else:
            self.stop = RedisStopBus(link)
            self.endpoints = RedisEndpointBoard(link)
            self.leases = RedisLeaseStore(link)
            self.discord_budget = RedisTokenBucket(
                link, DISCORD_BUDGET_NAME, message_rate, DISCORD_BURST
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> SharedState:
        link = (
            RedisLink(settings.redis_url, prefix=settings.redis_key_prefix)
            if settings.redis_url
            else None
        )
        return cls(
            link,
            gate_capacity=settings.llm_gate_capacity,
            gate_lease=settings.llm_gate_lease_seconds,
            message_rate=settings.discord_message_rate,
        )

    @property
    def fleet_wide(self) -> bool:
        """True when the state is shared through Redis (REDIS_URL is set)."""
        return self.link is not None

    def rate_limiter(self, name: str, rate: int, per: float) -> RateLimiter:
        """The limiter called `name` (one per name: same name, same rate)."""
        limiter = self._limiters.get(name)
        if limiter is None:
            limiter = (
                RedisRateLimiter(self.link, name, rate, per)
                if self.link is not None
                else LocalRateLimiter(name, rate, per)
            )
            self._limiters[name] = limiter
        elif (limiter.rate, limiter.per) != (rate, per):
            raise ValueError(f"rate limiter {name!r} exists with another rate")
        return limiter

    def llm_link(self, backend: Backend) -> ClusterLink | None:
        """`LLMClient`'s link to the other processes, or None in one process. An embedded
        engine (one per process) keeps its own line; Stop still reaches every process."""
        if self.link is None:
            return None
        shares_engine = backend.max_parallel is None
        if not shares_engine:
            log.info("the embedded model runs in each process: the fleet-wide LLM gate is off")
        return SharedLLMLink(
            self.stop,
            self.link if shares_engine else None,
            capacity=self.gate_capacity,
            lease=self.gate_lease,
            grace=self.gate_grace,
        )

    async def start(self) -> None:
        if self.link is None:
            return
        await self.link.start()
        if await self.link.ping():
            log.info("shared state in Redis (key prefix %r)", self.link.prefix)
        else:
            log.warning("Redis is not reachable yet: running on local limits until it is")

    async def aclose(self) -> None:
        if self.link is not None:
            await self.link.aclose()

    def describe(self) -> str:
        if self.link is None:
            return "in this process (REDIS_URL is empty)"
        state = "reachable" if self.link.up else "unreachable"
        return f"Redis, key prefix {self.link.prefix!r} ({state})"

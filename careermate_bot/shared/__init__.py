"""State shared by every bot process: in this process without REDIS_URL, in Redis with it.

Small typed interfaces, each with an in-process implementation (exactly the single-process
behaviour) and a Redis one (the same rules for the whole fleet):

- `RateLimiter` — per-user sliding-window limits (`LocalRateLimiter`, `RedisRateLimiter`);
- the fleet-wide fair LLM gate — `FleetScheduler` under `LLMClient` (`SharedLLMLink`);
- `StopBus` — a Stop pressed in one process stops the generation running in another;
- `MessageBudget` — the fleet's token bucket for Discord message sends and edits;
- `EndpointBoard` — model-endpoint health every process agrees on;
- `LeaseStore` — named leases with a TTL (fail closed).

`SharedState.from_settings(settings)` builds them all (`AppServices.shared`). The failure policy
when Redis goes away is in docs/reliability.md.
"""

from careermate_bot.shared.budget import LocalTokenBucket, MessageBudget, RedisTokenBucket
from careermate_bot.shared.endpoints import (
    EndpointBoard,
    EndpointState,
    LocalEndpointBoard,
    RedisEndpointBoard,
)
from careermate_bot.shared.gate import GateConfig, RedisGate
from careermate_bot.shared.leases import Lease, LeaseStore, LocalLeaseStore, RedisLeaseStore
from careermate_bot.shared.link import RedisLink, RedisUnavailable
from careermate_bot.shared.llm_gate import FleetScheduler, SharedLLMLink
from careermate_bot.shared.ratelimit import (
    LocalRateLimiter,
    RateDecision,
    RateLimiter,
    RedisRateLimiter,
)
from careermate_bot.shared.state import SharedState
from careermate_bot.shared.stop import LocalStopBus, RedisStopBus, StopBus

__all__ = [
    "EndpointBoard",
    "EndpointState",
    "FleetScheduler",
    "GateConfig",
    "Lease",
    "LeaseStore",
    "LocalEndpointBoard",
    "LocalLeaseStore",
    "LocalRateLimiter",
    "LocalStopBus",
    "LocalTokenBucket",
    "MessageBudget",
    "RateDecision",
    "RateLimiter",
    "RedisEndpointBoard",
    "RedisGate",
    "RedisLeaseStore",
    "RedisLink",
    "RedisRateLimiter",
    "RedisStopBus",
    "RedisTokenBucket",
    "RedisUnavailable",
    "SharedLLMLink",
    "SharedState",
    "StopBus",
]

"""What the status service reports: plain values, no Discord types (the bot fills in
`GatewayState`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ShardState:
    """One gateway shard this process runs."""

    id: int
    connected: bool
    latency: float | None  # heartbeat round trip in seconds; None before the first heartbeat


@dataclass(frozen=True, slots=True)
class GatewayState:
    """The bot's connection to Discord, as the bot sees it (`CareerMateBot.gateway_state`)."""

    ready: bool  # every shard of this process identified and got READY
    shards: tuple[ShardState, ...] = ()
    shard_count: int | None = None  # shards in the whole bot (all processes)
    guilds: int = 0

    @property
    def connected(self) -> int:
        return sum(1 for s in self.shards if s.connected)


GatewayProbe = Callable[[], GatewayState]


@dataclass(frozen=True, slots=True)
class Check:
    """One readiness check: ok or not, and a short detail ("1.2 ms", "shard 3 disconnected")."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Readiness:
    checks: tuple[Check, ...]

    @property
    def ready(self) -> bool:
        return all(c.ok for c in self.checks)

    def as_dict(self) -> dict[str, object]:
        return {
            "status": "ready" if self.ready else "not ready",
            "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in self.checks},
        }


@dataclass(frozen=True, slots=True)
class LLMReport:
    provider: str
    model: str
    running: int
    max_concurrency: int
    waiting: int
    queue_size: int
    requests: int
    succeeded: int
    errors: dict[str, int]
    avg_first_token: float | None
    avg_tokens_per_second: float | None
    avg_queue_wait: float | None


@dataclass(frozen=True, slots=True)
class StatusReport:
    """Everything `/status` shows, gathered at one moment."""

    pid: int
    uptime: float  # seconds
    leader: bool
    leadership: str  # how it is decided: "single process" or "postgres advisory lock"
    readiness: Readiness
    gateway: GatewayState | None
    database: str  # "sqlite" or "postgres"
    db_latency: float | None  # seconds, this probe; None when it failed
    loop_lag: float  # seconds, the latest measurement
    loop_lag_max: float  # seconds, the worst in the last minute
    messages: dict[str, int] = field(default_factory=dict)  # by where: dm | mention
    interactions: dict[str, int] = field(default_factory=dict)  # by kind
    intents: dict[str, int] = field(default_factory=dict)
    rest_requests: int = 0
    rate_limited: int = 0  # Discord 429s
    errors: dict[str, int] = field(default_factory=dict)  # logged errors by source
    llm: LLMReport | None = None
    metrics_url: str | None = None  # where /metrics is served, None when off

"""`StatusService`: what operators see of one process, in numbers.

Built once in the container (`services.status`); the bot feeds it (messages, interactions, REST
responses, its gateway state) and starts it (`start()`: the loop-lag monitor, the periodic
database probe, the error counter and, when METRICS_PORT is set, the HTTP endpoint with
/metrics, /healthz and /readyz). `/status` renders `report()`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable

from careermate_bot.config import Settings
from careermate_bot.llm import LLMClient
from careermate_bot.services.status.http import MetricsServer
from careermate_bot.services.status.metrics import Metrics, StateSources
from careermate_bot.services.status.probes import ErrorCounter, LoopLagMonitor, ping_database
from careermate_bot.services.status.types import (
    Check,
    GatewayProbe,
    GatewayState,
    LLMReport,
    Readiness,
    StatusReport,
)
from careermate_bot.storage.leader import Leadership
from careermate_bot.storage.postgres_backup import is_postgres

log = logging.getLogger(__name__)

DB_PROBE_SECONDS = 15.0


class StatusService:
    def __init__(
        self,
        settings: Settings,
        *,
        llm: Callable[[], LLMClient | None],
        leader: Leadership,
        db_probe_seconds: float = DB_PROBE_SECONDS,
    ) -> None:
        self.settings = settings
        self.leader = leader
        self._llm = llm
        self._gateway: GatewayProbe | None = None
        self._accepting: Callable[[], bool] = lambda: True
        self.metrics = Metrics(
            StateSources(llm=llm, gateway=self._gateway_state, leader=lambda: leader.is_leader)
        )
        self.lag = LoopLagMonitor(self.metrics.loop_lag.observe)
        self._error_counter = ErrorCounter(self.metrics.error)
        self._server: MetricsServer | None = None
        self._db_probe_seconds = db_probe_seconds
        self._db_task: asyncio.Task[None] | None = None
        self._db_failing = False
        self._started_at = time.monotonic()
        self._observed: set[int] = set()
        self._running = False

    # -- wiring -----------------------------------------------------------------------------------
    def attach_gateway(
        self, probe: GatewayProbe, *, accepting: Callable[[], bool] | None = None
    ) -> None:
        """The bot's view of its shards (read at each scrape and check), and whether it still
        takes new work (False while shutting down: not ready)."""
        self._gateway = probe
        if accepting is not None:
            self._accepting = accepting

    def observe_llm(self, client: LLMClient | None) -> None:
        """Count every finished generation of `client` (its queue is read at scrape time)."""
        if client is not None and id(client) not in self._observed:
            self._observed.add(id(client))
            client.add_call_listener(self.metrics.llm_call)

    def _gateway_state(self) -> GatewayState | None:
        return self._gateway() if self._gateway is not None else None

    # -- what the bot reports ---------------------------------------------------------------------
    def record_message(self, where: str) -> None:
        self.metrics.message(where)

    def record_interaction(self, kind: str, command: str | None = None) -> None:
        self.metrics.interaction(kind, command)

    def record_intent(self, intent: str) -> None:
        self.metrics.intent(intent)

    def record_rest_response(self, status: int, scope: str | None) -> None:
        self.metrics.rest_response(status, scope)

    # -- life cycle -------------------------------------------------------------------------------
    @property
    def metrics_url(self) -> str | None:
        server = self._server
        return f"{server.url}/metrics" if server is not None and server.url else None

    async def start(self) -> None:
        """Start measuring; serve HTTP when METRICS_PORT is set. A port that cannot be bound is
        logged as an error and the bot runs on without the endpoint."""
        if self._running:
            return
        self._running = True
        self._started_at = time.monotonic()
        self.observe_llm(self._llm())
        self.lag.start()
        logging.getLogger().addHandler(self._error_counter)
        self._db_task = asyncio.get_running_loop().create_task(self._probe_db(), name="db-probe")
        port = self.settings.metrics_port
        if port is None:
            return
        server = MetricsServer(
            metrics=self.metrics.exposition, health=self.health, readiness=self.readiness
        )
        try:
            await server.start(self.settings.metrics_host, port)
        except OSError as error:
            log.error(
                "cannot serve metrics on %s:%s (%s): choose another METRICS_PORT (each process "
                "on a host needs its own) or leave it empty",
                self.settings.metrics_host,
                port,
                error.strerror or error,
            )
            return
        self._server = server

    async def stop(self) -> None:
        if not self._running:
            return
        self._running = False
        logging.getLogger().removeHandler(self._error_counter)
        task, self._db_task = self._db_task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        await self.lag.stop()
        server, self._server = self._server, None
        if server is not None:
            await server.stop()

    async def _probe_db(self) -> None:
        while True:
            await self.ping()
            await asyncio.sleep(self._db_probe_seconds)

    async def ping(self) -> float | None:
        """The database round trip in seconds (recorded), or None when it failed."""
        try:
            seconds = await ping_database()
        except asyncio.CancelledError:
            raise
        except Exception as error:
            if not self._db_failing:
                log.warning("the database does not answer: %s", error)
            self._db_failing = True
            return None
        if self._db_failing:
            log.info("the database answers again")
        self._db_failing = False
        self.metrics.db_latency.observe(seconds)
        return seconds

    # -- health -----------------------------------------------------------------------------------
    def uptime(self) -> float:
        return time.monotonic() - self._started_at

    def health(self) -> dict[str, object]:
        """Liveness: if this runs, the process and its event loop are alive."""
        return {
            "status": "ok",
            "pid": os.getpid(),
            "uptime_seconds": round(self.uptime(), 1),
            "event_loop_lag_seconds": round(self.lag.latest, 4),
            "leader": self.leader.is_leader,
        }

    async def readiness(self, *, db_latency: float | None = None) -> Readiness:
        """Ready = the database answers and every shard of this process is connected."""
        latency = db_latency if db_latency is not None else await self.ping()
        checks = [
            Check(
                "database",
                latency is not None,
                f"{latency * 1000:.1f} ms" if latency is not None else "no answer",
            ),
            _discord_check(self._gateway_state()),
        ]
        if not self._accepting():
            checks.append(Check("shutdown", False, "shutting down: finishing in-flight work"))
        return Readiness(tuple(checks))

    async def report(self) -> StatusReport:
        latency = await self.ping()
        metrics = self.metrics
        return StatusReport(
            pid=os.getpid(),
            uptime=self.uptime(),
            leader=self.leader.is_leader,
            leadership=self.leader.mode,
            readiness=await self.readiness(db_latency=latency),
            gateway=self._gateway_state(),
            database="postgres" if is_postgres(self.settings) else "sqlite",
            db_latency=latency,
            loop_lag=self.lag.latest,
            loop_lag_max=self.lag.worst_recent,
            messages=metrics.by_label(metrics.messages),
            interactions=metrics.by_label(metrics.interactions),
            intents=metrics.by_label(metrics.intents),
            rest_requests=sum(metrics.by_label(metrics.rest).values()),
            rate_limited=sum(metrics.by_label(metrics.rate_limited).values()),
            errors=metrics.by_label(metrics.errors),
            llm=self._llm_report(),
            metrics_url=self.metrics_url,
        )

    def _llm_report(self) -> LLMReport | None:
        client = self._llm()
        if client is None:
            return None
        stats = client.stats()
        return LLMReport(
            provider=client.provider,
            model=client.model,
            running=stats.queue.running,
            max_concurrency=stats.queue.max_concurrency,
            waiting=stats.queue.waiting,
            queue_size=stats.queue.queue_size,
            requests=stats.requests,
            succeeded=stats.succeeded,
            errors=dict(stats.errors),
            avg_first_token=stats.avg_time_to_first_token,
            avg_tokens_per_second=stats.avg_tokens_per_second,
            avg_queue_wait=self.metrics.histogram_mean(self.metrics.llm_queue_wait),
        )


def _discord_check(state: GatewayState | None) -> Check:
    if state is None:
        return Check("discord", False, "not connected yet")
    total = len(state.shards)
    down = [s.id for s in state.shards if not s.connected]
    if down:
        listed = ", ".join(str(i) for i in down[:10])
        return Check(
            "discord", False, f"shard(s) {listed} disconnected ({total - len(down)}/{total})"
        )
    if not state.ready:
        return Check("discord", False, f"connecting ({total} shard(s) started, not all ready)")
    return Check("discord", True, f"{total}/{total} shard(s) connected")

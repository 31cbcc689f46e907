"""One process's Prometheus metrics, in its own registry (never the library's global one).

Counters and histograms are fed as things happen (`record_*`); gauges that describe a state
(the LLM queue, the shards, leadership) are read when Prometheus scrapes (`_StateCollector`), so
they are never stale. Every name starts with `careermate_`; docs/deploy.md lists them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from careermate_bot.llm import LLMClient
from careermate_bot.llm.stats import CallStats
from careermate_bot.services.status.types import GatewayState

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# A label fed by data (an intent, a command name, a logger) never grows without bound.
MAX_LABEL_VALUES = 64
OTHER = "other"
_LABEL = re.compile(r"[^a-zA-Z0-9_.:/ -]")

SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
LAG_SECONDS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
DB_SECONDS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
TOKEN_RATES = (1.0, 2.0, 5.0, 10.0, 20.0, 35.0, 50.0, 75.0, 100.0, 200.0, 500.0)


@dataclass
class StateSources:
    """Where the scrape-time gauges come from (set by the status service and the bot)."""

    llm: Callable[[], LLMClient | None] = lambda: None
    gateway: Callable[[], GatewayState | None] = lambda: None
    leader: Callable[[], bool] = lambda: True


class _BoundedLabels:
    """Label values as seen, up to MAX_LABEL_VALUES distinct ones; the rest count as "other"."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def __call__(self, value: str) -> str:
        value = _LABEL.sub("_", value.strip())[:64] or "unknown"
        if value in self._seen:
            return value
        if len(self._seen) >= MAX_LABEL_VALUES:
            return OTHER
        self._seen.add(value)
        return value


class Metrics:
    def __init__(self, sources: StateSources | None = None) -> None:
        self.sources = sources or StateSources()
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.messages = Counter(
            "careermate_messages",
            "Messages addressed to the bot (a DM, or a mention in a server)",
            ["where"],
            registry=r,
        )
        self.interactions = Counter(
            "careermate_interactions",
            "Interactions received, by kind (command, component, modal, autocomplete)",
            ["kind"],
            registry=r,
        )
        self.commands = Counter(
            "careermate_app_commands", "Slash commands invoked, by name", ["command"], registry=r
        )
        self.intents = Counter(
            "careermate_intents",
            "Free-text messages by the intent the conversation decided",
            ["intent"],
            registry=r,
        )
        self.errors = Counter(
            "careermate_errors",
            "Errors logged (level ERROR and above), by where they were logged",
            ["source"],
            registry=r,
        )
        self.rest = Counter(
            "careermate_discord_requests",
            "HTTP requests to Discord's API (REST, interaction responses, CDN), by status",
            ["status"],
            registry=r,
        )
        self.rate_limited = Counter(
            "careermate_discord_rate_limited",
            "429 answers from Discord, by scope (user, shared, global)",
            ["scope"],
            registry=r,
        )
        self.llm_calls = Counter(
            "careermate_llm_calls",
            "Finished generations, by outcome (ok or the error kind)",
            ["outcome"],
            registry=r,
        )
        self.llm_tokens = Counter(
            "careermate_llm_tokens", "Tokens processed, by kind", ["kind"], registry=r
        )
        self.llm_queue_wait = Histogram(
            "careermate_llm_queue_wait_seconds",
            "Time a generation waited for its turn in the fair queue",
            buckets=SECONDS,
            registry=r,
        )
        self.llm_first_token = Histogram(
            "careermate_llm_first_token_seconds",
            "Time from the start of a generation to its first token",
            buckets=SECONDS,
            registry=r,
        )
        self.llm_tokens_per_second = Histogram(
            "careermate_llm_tokens_per_second",
            "Decode speed of each generation (tokens after the first / time after it)",
            buckets=TOKEN_RATES,
            registry=r,
        )
        self.loop_lag = Histogram(
            "careermate_event_loop_lag_seconds",
            "How late the event loop ran a timer (blocking work shows up here)",
            buckets=LAG_SECONDS,
            registry=r,
        )
        self.db_latency = Histogram(
            "careermate_db_ping_seconds",
            "Round trip of a trivial query (SELECT 1) on the ORM's connection",
            buckets=DB_SECONDS,
            registry=r,
        )
        ProcessCollector(registry=r)  # memory, CPU, open files of this process
        PlatformCollector(registry=r)
        r.register(_StateCollector(self.sources))
        self._commands = _BoundedLabels()
        self._intents = _BoundedLabels()
        self._sources = _BoundedLabels()

    # -- recording --------------------------------------------------------------------------------
    def message(self, where: str) -> None:
        self.messages.labels(where).inc()

    def interaction(self, kind: str, command: str | None = None) -> None:
        self.interactions.labels(kind).inc()
        if command:
            self.commands.labels(self._commands(command)).inc()

    def intent(self, name: str) -> None:
        self.intents.labels(self._intents(name)).inc()

    def error(self, source: str) -> None:
        self.errors.labels(self._sources(source)).inc()

    def rest_response(self, status: int, scope: str | None = None) -> None:
        self.rest.labels(str(status)).inc()
        if status == 429:
            self.rate_limited.labels(
                scope if scope in ("user", "shared", "global") else "user"
            ).inc()

    def llm_call(self, call: CallStats) -> None:
        self.llm_calls.labels("ok" if call.ok else (call.error or "error")).inc()
        if call.prompt_tokens:
            self.llm_tokens.labels("prompt").inc(call.prompt_tokens)
        if call.completion_tokens:
            self.llm_tokens.labels("completion").inc(call.completion_tokens)
        self.llm_queue_wait.observe(call.queue_wait)
        if call.time_to_first_token is not None:
            self.llm_first_token.observe(call.time_to_first_token)
        rate = call.tokens_per_second
        if rate is not None:
            self.llm_tokens_per_second.observe(rate)

    # -- reading ----------------------------------------------------------------------------------
    def exposition(self) -> bytes:
        """The text Prometheus scrapes."""
        return generate_latest(self.registry)

    @staticmethod
    def by_label(counter: Counter) -> dict[str, int]:
        """A labelled counter's current values, {label value: count}."""
        values: dict[str, int] = {}
        for family in counter.collect():
            for sample in family.samples:
                if sample.name.endswith("_total") and sample.labels:
                    values[next(iter(sample.labels.values()))] = int(sample.value)
        return values

    @staticmethod
    def histogram_mean(histogram: Histogram) -> float | None:
        total = count = 0.0
        for family in histogram.collect():
            for sample in family.samples:
                if sample.name.endswith("_sum"):
                    total = sample.value
                elif sample.name.endswith("_count"):
                    count = sample.value
        return total / count if count else None


class _StateCollector(Collector):
    """Gauges read at scrape time: the LLM queue, the shards, leadership."""

    def __init__(self, sources: StateSources) -> None:
        self.sources = sources

    def describe(self) -> list[Metric]:
        return []  # names are only known per scrape; nothing to check at registration

    def collect(self) -> Iterator[Metric]:
        yield GaugeMetricFamily(
            "careermate_leader",
            "1 when this process runs the leader jobs (idle sweep, backups, command sync)",
            value=1.0 if self.sources.leader() else 0.0,
        )
        yield from self._llm()
        yield from self._gateway()

    def _llm(self) -> Iterator[Metric]:
        client = self.sources.llm()
        if client is None:
            return
        queue = client.queue()
        for name, help_text, value in (
            ("careermate_llm_running", "Generations running now", queue.running),
            ("careermate_llm_waiting", "Generations waiting in the fair queue", queue.waiting),
            (
                "careermate_llm_max_concurrency",
                "Generations allowed at once",
                queue.max_concurrency,
            ),
            ("careermate_llm_queue_size", "Waiting places in the fair queue", queue.queue_size),
        ):
            yield GaugeMetricFamily(name, help_text, value=float(value))
        errors = CounterMetricFamily(
            "careermate_llm_errors",
            "LLM requests that failed, by kind (refusals at the queue included)",
            labels=["kind"],
        )
        for kind, count in sorted(client.stats().errors.items()):
            errors.add_metric([kind], float(count))
        yield errors

    def _gateway(self) -> Iterator[Metric]:
        state = self.sources.gateway()
        if state is None:
            return
        yield GaugeMetricFamily(
            "careermate_gateway_ready",
            "1 when every shard of this process is connected and ready",
            value=1.0 if state.ready else 0.0,
        )
        yield GaugeMetricFamily(
            "careermate_guilds", "Servers this process sees", value=state.guilds
        )
        if state.shard_count is not None:
            yield GaugeMetricFamily(
                "careermate_shard_count", "Shards of the whole bot", value=state.shard_count
            )
        connected = GaugeMetricFamily(
            "careermate_shard_connected",
            "1 when the shard's gateway connection is open",
            labels=["shard"],
        )
        latency = GaugeMetricFamily(
            "careermate_shard_latency_seconds", "The shard's heartbeat round trip", labels=["shard"]
        )
        for shard in state.shards:
            connected.add_metric([str(shard.id)], 1.0 if shard.connected else 0.0)
            if shard.latency is not None:
                latency.add_metric([str(shard.id)], shard.latency)
        yield connected
        yield latency

"""The cluster test's world: PostgreSQL, Redis, three fake model servers, the fake Discord and
`careermate cluster --processes 4`, started once for the module and stopped at the end.

Tests marked `cluster` run only when CAREERMATE_CLUSTER_TEST=1 (scripts/test_cluster.sh sets it;
.ci/run calls the script after the PostgreSQL pass); the normal `pytest` run skips them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from careermate_bot.llm.capability import THRESHOLDS, ModelEval, TaskResult, save_evaluation
from tests.cluster.fake_discord import FakeDiscord
from tests.cluster.fleet import BotFleet
from tests.cluster.servers import PostgresServer
from tests.cluster.workload import Workload
from tests.load.fake_llm import MODEL, FakeLLMServer
from tests.redis_server import RedisServer

ENABLED = os.environ.get("CAREERMATE_CLUSTER_TEST") == "1"
PROCESSES = 4
SHARD_COUNT = 4
GATE_CAPACITY = 4  # generations at once in the whole fleet (cl-redis's gate)
LEASE_SECONDS = 6.0  # production default 10; shorter keeps the takeovers quick here
FIGURES: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if ENABLED:
        return
    skip = pytest.mark.skip(reason="cluster test: run scripts/test_cluster.sh")
    for item in items:
        if item.get_closest_marker("cluster") is not None:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.section("CareerMate cluster figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


@dataclass
class Cluster:
    fake: FakeDiscord
    fleet: BotFleet
    postgres: PostgresServer
    redis: RedisServer
    engines: list[FakeLLMServer]
    workload: Workload
    workdir: Path
    figures: dict[str, str] = field(default_factory=dict)

    def figure(self, name: str, value: str) -> None:
        self.figures[name] = value
        FIGURES.append(f"{name}: {value}")


def _shipped_eval(data_dir: Path) -> None:
    """The fake model stands for a measured model that passed small talk (so DMs stream from
    the model); every other task keeps CareerMate's deterministic text."""
    result = TaskResult(task="small_talk", passed=30, total=30, threshold=THRESHOLDS["small_talk"])
    save_evaluation(
        data_dir / "model_eval.json", ModelEval.now("openai", MODEL, {"small_talk": result})
    )


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def cluster() -> AsyncIterator[Cluster]:
    workdir = Path(tempfile.mkdtemp(prefix="careermate-cluster-"))
    os.chmod(workdir, 0o755)  # PostgreSQL runs as the postgres user when we are root
    postgres = PostgresServer(workdir / "pg").start()
    redis = RedisServer.start_new(workdir / "redis")
    engines = [FakeLLMServer(token_delay=0.01).start() for _ in range(3)]
    fake = await FakeDiscord(guilds=8, recommended_shards=SHARD_COUNT).start()
    (workdir / "bots" / "data").mkdir(parents=True)
    _shipped_eval(workdir / "bots" / "data")
    env = {
        "CAREERMATE_FAKE_DISCORD": fake.base_url,
        "DISCORD_BOT_TOKEN": fake.token,
        "DATABASE_URL": postgres.url,
        "REDIS_URL": redis.url,
        "SHARD_COUNT": str(SHARD_COUNT),
        "SHARD_LEASE_SECONDS": str(LEASE_SECONDS),
        "LLM_PROVIDER": "openai",
        "OPENAI_BASE_URL": engines[0].base_url,
        "OPENAI_MODEL": MODEL,
        # cl-fleet's endpoint list; ignored by a build without it (then engine 0 serves all).
        "LLM_BASE_URLS": ",".join(e.base_url for e in engines),
        # Short queues keep the "You're #N in line" edits (one per waiting reply per step) from
        # flooding Discord's budget before the fleet-wide edit budget exists.
        "LLM_MAX_CONCURRENCY": str(GATE_CAPACITY),
        "LLM_GATE_CAPACITY": str(GATE_CAPACITY),
        "LLM_CONNECT_TIMEOUT": "2",
        "LLM_FIRST_TOKEN_TIMEOUT": "5",
        "BACKUP_INTERVAL_MINUTES": "0",
        "LOG_LEVEL": "INFO",
    }
    fleet = BotFleet(workdir / "bots", env, PROCESSES)
    fleet.start()
    world = Cluster(fake, fleet, postgres, redis, engines, Workload(fake), workdir)
    try:
        yield world
    finally:
        fleet.stop()
        await fake.stop()
        for engine in engines:
            engine.stop()
        redis.stop()
        postgres.stop("immediate")
        if os.environ.get("CAREERMATE_CLUSTER_KEEP") != "1":
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"cluster work directory kept: {workdir}")

"""Settings -> SharedState -> the pieces the bot wires (no Redis server needed: nothing
connects until a call is made)."""

from __future__ import annotations

from pathlib import Path

import pytest

from careermate_bot.config import ConfigError, build_settings, hide_url_password
from careermate_bot.llm.fake import FakeBackend
from careermate_bot.llm.scheduler import FairScheduler
from careermate_bot.services.container import AppServices
from careermate_bot.shared import (
    FleetScheduler,
    LocalRateLimiter,
    RedisRateLimiter,
    RedisStopBus,
    RedisTokenBucket,
    SharedLLMLink,
    SharedState,
)


def test_no_redis_url_means_everything_in_process(tmp_path: Path) -> None:
    settings = build_settings(_env_file=None, data_dir=tmp_path)
    assert settings.redis_url == "" and settings.llm_gate_capacity is None
    services = AppServices(settings, backups_enabled=False)
    assert not services.shared.fleet_wide
    assert isinstance(services.shared.rate_limiter("chat", 6, 60.0), LocalRateLimiter)
    assert services.shared.llm_link(FakeBackend()) is None  # LLMClient keeps FairScheduler


async def test_redis_url_shares_every_piece(tmp_path: Path) -> None:
    settings = build_settings(
        _env_file=None,
        data_dir=tmp_path,
        redis_url="redis://:s3cret@127.0.0.1:6390/2",
        redis_key_prefix="fleet-a",
        llm_gate_capacity=8,
        llm_gate_lease_seconds=12,
    )
    shared = SharedState.from_settings(settings)
    assert shared.fleet_wide and shared.link is not None and shared.link.prefix == "fleet-a"
    assert isinstance(shared.rate_limiter("chat", 6, 60.0), RedisRateLimiter)
    assert isinstance(shared.stop, RedisStopBus)
    assert isinstance(shared.discord_budget, RedisTokenBucket)
    assert shared.discord_budget.rate == 45.0 and shared.discord_budget.burst == 5
    link = shared.llm_link(FakeBackend())
    assert isinstance(link, SharedLLMLink)
    scheduler = link.scheduler(FairScheduler(2, 50))
    assert isinstance(scheduler, FleetScheduler)
    assert scheduler.max_concurrency == 8 and scheduler.gate.config.lease == 12
    assert scheduler.gate.config.queue_size == 50  # LLM_QUEUE_SIZE bounds the fleet's line
    embedded = shared.llm_link(FakeBackend(max_parallel=1))
    assert embedded is not None
    local = FairScheduler(1, 50)
    assert embedded.scheduler(local) is local  # one engine per process: its own line
    assert "s3cret" in settings.secrets()
    assert "s3cret" not in hide_url_password(settings.redis_url)
    await shared.aclose()


def test_a_bad_redis_url_is_one_readable_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as problem:
        build_settings(_env_file=None, data_dir=tmp_path, redis_url="localhost:6379")
    assert problem.value.lines[0].startswith("REDIS_URL: must start with redis://")

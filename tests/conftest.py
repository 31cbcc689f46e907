"""Shared fixtures: a fresh settings object and data dir per test, and the Discord harness."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.services.container import AppServices
from tests.harness.bot import running_bot
from tests.harness.driver import DiscordHarness


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return build_settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        log_dir=tmp_path / "logs",
        discord_bot_token=None,
        llm_provider="local",
    )


@pytest.fixture
def services(settings: Settings) -> AppServices:
    return AppServices(settings=settings, backups_enabled=False)


@pytest.fixture
async def harness(
    settings: Settings, services: AppServices, tmp_path: Path
) -> AsyncIterator[DiscordHarness]:
    async with running_bot(settings, services, tmp_path) as h:
        yield h
        if not getattr(h, "allow_errors", False):
            assert not h.errors.records, f"the bot logged errors:\n{h.errors.summary()}"  # type: ignore[attr-defined]

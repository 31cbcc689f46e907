"""Load and fault suite: the real bot under the harness, a fake model server on 127.0.0.1.

The database is the `settings` fixture's: a SQLite file, or a fresh PostgreSQL database in the
PostgreSQL pass (scripts/test_postgres.sh). Figures go to pytest's terminal summary (shown with
or without -s) and to tests/load/driver.FIGURES_FILE.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from careermate_bot.config import Settings
from careermate_bot.llm import LLMClient, create_llm_client
from careermate_bot.llm.capability import Capabilities
from careermate_bot.services.container import AppServices
from tests.harness.bot import running_bot
from tests.harness.driver import DiscordHarness
from tests.load import driver
from tests.load.fake_llm import MODEL, FakeLLMServer

USERS = int(os.environ.get("CAREERMATE_LOAD_USERS", "200"))  # a smaller number for quick runs


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if driver.figures:
        terminalreporter.section("CareerMate load and fault figures")
        for line in driver.figures:
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"(also in {driver.FIGURES_FILE})")


@pytest.fixture
def fake_llm() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer().start()
    yield server
    server.stop()


@pytest.fixture
def load_settings(settings: Settings, fake_llm: FakeLLMServer) -> Settings:
    return settings.model_copy(
        update={
            "llm_provider": "openai",
            "openai_base_url": fake_llm.base_url,
            "openai_model": MODEL,
            "llm_connect_timeout": 2.0,
            # A stalled engine is noticed after 2 s without a token (production: 120 s).
            "llm_first_token_timeout": 2.0,
            "llm_total_timeout": 60.0,
        }
    )


@dataclass
class LoadBot:
    harness: DiscordHarness
    llm: LLMClient
    server: FakeLLMServer
    settings: Settings
    screen: driver.DmScreen


@pytest.fixture
async def load_bot(
    load_settings: Settings, fake_llm: FakeLLMServer, career_kb: Any, tmp_path: Path
) -> AsyncIterator[LoadBot]:
    llm = await create_llm_client(load_settings)
    services = AppServices(load_settings, llm=llm, knowledge=career_kb, backups_enabled=False)
    # The fake model server stands for a measured model that passed every wording task.
    services.capabilities = Capabilities.everything()
    async with running_bot(load_settings, services, tmp_path, members=USERS) as harness:
        driver.own_settle(harness)
        screen = driver.DmScreen()
        screen.install()
        try:
            yield LoadBot(harness, llm, fake_llm, load_settings, screen)
            await driver.drain(harness.bot)
        finally:
            screen.uninstall()

"""Shared fixtures: a fresh settings object and data dir per test, and the Discord harness."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.services.container import AppServices
from tests import pg
from tests.harness.bot import running_bot
from tests.harness.driver import DiscordHarness


@pytest.fixture(autouse=True)
def _drop_test_databases() -> Iterator[None]:
    """PostgreSQL pass (tests/pg.py): drop the databases a test created once it is done."""
    if not pg.on_postgres():
        yield
        return
    before = pg.created_count()
    yield
    pg.drop_databases_created_since(before)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # CAREERMATE_TEST_DATABASE_URL (scripts/test_postgres.sh): a fresh PostgreSQL database.
    return build_settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        log_dir=tmp_path / "logs",
        discord_bot_token=None,
        llm_provider="local",
        database_url=pg.database_url_for_test(),
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


# ---- Career & jobs (cogs/career.py, cogs/jobs.py) -----------------------------------------------
# A knowledge base loaded once per session, a scripted fake LLM, and a harness whose bot has both.
# New fixtures only; the ones above are unchanged.

CAREER_SUMMARY_SCRIPT = (
    "Software Developer is your strongest path: it builds on the skills you already have. Learn "
    "the top missing skill next and try a small project with it this week."
)


@pytest.fixture(scope="session")
def career_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from careermate_bot.knowledge import KnowledgeBase

    kb = KnowledgeBase.load(tmp_path_factory.mktemp("career-knowledge"))
    yield kb
    kb.close()


@pytest.fixture
def career_llm() -> Any:
    from careermate_bot.llm.fake import fake_client

    return fake_client([CAREER_SUMMARY_SCRIPT])


@pytest.fixture
def career_services(settings: Settings, career_kb: Any, career_llm: Any) -> AppServices:
    return AppServices(
        settings=settings, llm=career_llm, knowledge=career_kb, backups_enabled=False
    )


@pytest.fixture
async def career_harness(
    settings: Settings, career_services: AppServices, tmp_path: Path
) -> AsyncIterator[DiscordHarness]:
    async with running_bot(settings, career_services, tmp_path) as h:
        yield h
        if not getattr(h, "allow_errors", False):
            assert not h.errors.records, f"the bot logged errors:\n{h.errors.summary()}"  # type: ignore[attr-defined]

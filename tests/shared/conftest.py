"""Fixtures for careermate_bot/shared: fakeredis (unit tests) and a real redis-server."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import fakeredis
import pytest

from careermate_bot.shared import RedisLink
from tests.redis_server import RedisServer, require_redis_server


@pytest.fixture
def fake_server() -> fakeredis.FakeServer:
    """One fake Redis 'server' that several links (processes) can share."""
    return fakeredis.FakeServer()


@pytest.fixture
def fake_links(fake_server: fakeredis.FakeServer) -> Iterator[list[RedisLink]]:
    """Four links to the same fake Redis, as four bot processes would have."""
    prefix = f"t{uuid.uuid4().hex[:8]}"
    links = [
        RedisLink(
            prefix=prefix,
            client=fakeredis.FakeAsyncRedis(server=fake_server, decode_responses=True),
        )
        for _ in range(4)
    ]
    yield links


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real redis-server for the whole session (tests isolate themselves by key prefix)."""
    require_redis_server()
    server = RedisServer.start_new(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture
def own_redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A real redis-server this test may stop and restart."""
    server = RedisServer.start_new(tmp_path / "redis")
    yield server
    server.stop()


@pytest.fixture
async def real_links(redis_server: RedisServer) -> AsyncIterator[list[RedisLink]]:
    prefix = f"t{uuid.uuid4().hex[:8]}"
    links = [RedisLink(redis_server.url, prefix=prefix) for _ in range(4)]
    yield links
    for link in links:
        await link.aclose()

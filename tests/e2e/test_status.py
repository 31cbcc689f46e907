"""/status (owners only) and the per-process HTTP endpoint of a running bot, through the harness:
the counters the bot feeds (a DM, its intent, slash commands) show in the embed and in /metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import discord.ext.test as dpytest
import pytest

from careermate_bot.config import Settings
from careermate_bot.services.container import AppServices
from tests.harness.bot import running_bot
from tests.harness.driver import DiscordHarness


@pytest.fixture
async def ops_harness(settings: Settings, tmp_path: Path) -> AsyncIterator[DiscordHarness]:
    settings.metrics_port = 0  # any free port on 127.0.0.1
    services = AppServices(settings, backups_enabled=False)
    async with running_bot(settings, services, tmp_path) as harness:
        yield harness
        assert not harness.errors.records, harness.errors.summary()  # type: ignore[attr-defined]


def _field(embed: dict, name: str) -> str:
    for field in embed.get("fields", []):
        if field["name"] == name:
            return str(field["value"])
    raise AssertionError(f"no field {name!r} in {[f['name'] for f in embed.get('fields', [])]}")


async def test_status_is_refused_to_anyone_but_an_owner(ops_harness: DiscordHarness) -> None:
    ops_harness.bot.settings.owner_ids = []
    reply = await ops_harness.slash("status")
    assert reply.ephemeral
    assert "owners" in reply.text() and "OWNER_IDS" in reply.text()
    assert not reply.message.get("embeds")


async def test_status_shows_this_process_at_a_glance(ops_harness: DiscordHarness) -> None:
    h = ops_harness
    h.bot.settings.owner_ids = [h.member.id]
    channel = await h.member.create_dm()
    await dpytest.message("hello there", channel=channel, member=h.member)
    await h.settle()
    await h.slash("help")

    reply = await h.slash("status")
    assert reply.ephemeral
    embed = reply.message["embeds"][0]
    assert embed["title"].startswith("CareerMate status")
    # One process: the leader (SQLite: always; PostgreSQL: it holds the advisory lock).
    assert "· leader (" in embed["description"]
    assert "✓ database" in _field(embed, "Readiness")
    traffic = _field(embed, "Traffic")
    assert "messages 1 (dm 1)" in traffic
    assert "small_talk 1" in traffic  # the intent the conversation decided for "hello there"
    assert "command 2" in traffic  # /help, then /status itself
    assert "no model configured" in _field(embed, "Language model")
    assert _field(embed, "Database").split(" · ")[0] in {"sqlite", "postgres"}
    assert "ms" in _field(embed, "Database")  # the round trip it just measured
    assert embed["footer"]["text"].startswith("Prometheus: http://127.0.0.1:")


async def test_metrics_and_health_are_served_while_the_bot_runs(
    ops_harness: DiscordHarness,
) -> None:
    h = ops_harness
    await h.slash("help")
    url = h.bot.services.status.metrics_url
    assert url is not None and url.startswith("http://127.0.0.1:")
    base = url.removesuffix("/metrics")
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith("text/plain")
            text = await response.text()
        async with session.get(f"{base}/healthz") as response:
            assert response.status == 200
            health = await response.json()
        async with session.get(f"{base}/readyz") as response:
            ready = await response.json()
    assert 'careermate_interactions_total{kind="command"} 1.0' in text
    assert 'careermate_app_commands_total{command="help"} 1.0' in text
    assert "careermate_leader 1.0" in text
    assert "careermate_event_loop_lag_seconds_bucket" in text
    assert "careermate_db_ping_seconds_count" in text
    assert "process_resident_memory_bytes" in text
    assert health["status"] == "ok" and health["leader"] is True
    assert ready["checks"]["database"]["ok"] is True

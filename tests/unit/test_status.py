"""The status service in-process: /metrics, /healthz and /readyz scraped over real HTTP, the LLM
call listener, Discord REST responses through the aiohttp trace, loop lag, the error counter."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from careermate_bot.config import Settings, build_settings
from careermate_bot.llm.fake import FakeReply, fake_client
from careermate_bot.services.container import AppServices
from careermate_bot.services.status import (
    GatewayState,
    ShardState,
    StatusService,
    rate_limit_scope,
    rest_trace,
)
from careermate_bot.services.status.metrics import MAX_LABEL_VALUES, OTHER, Metrics
from careermate_bot.services.status.probes import LoopLagMonitor
from careermate_bot.storage.database import close_db, init_db
from careermate_bot.storage.leader import Leadership
from tests import pg

READY = GatewayState(
    ready=True,
    shards=(ShardState(0, True, 0.04), ShardState(1, True, 0.06)),
    shard_count=4,
    guilds=7,
)
SHARD_DOWN = GatewayState(
    ready=True, shards=(ShardState(0, True, 0.04), ShardState(1, False, None)), shard_count=2
)


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"metrics_port": 0, **overrides}
    return build_settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        database_url=pg.database_url_for_test(),
        **values,
    )


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[tuple[StatusService, str]]:
    settings = make_settings(tmp_path)
    await init_db(settings)
    client = fake_client([FakeReply(["Hello", " there", " friend"], prompt_tokens=12)])
    leader = Leadership(settings)
    await leader.start()  # SQLite: this process; PostgreSQL: the lock of a fresh database
    status = StatusService(settings, llm=lambda: client, leader=leader)
    await status.start()
    try:
        assert status.metrics_url is not None
        yield status, status.metrics_url.removesuffix("/metrics")
    finally:
        await status.stop()
        await leader.stop()
        await close_db()


async def _get(url: str) -> tuple[int, str, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, response.headers["Content-Type"], await response.text()


async def test_metrics_endpoint_serves_prometheus_text(
    served: tuple[StatusService, str],
) -> None:
    status, base = served
    assert base.startswith("http://127.0.0.1:")  # loopback unless METRICS_HOST says otherwise
    status.record_message("dm")
    status.record_message("dm")
    status.record_message("mention")
    status.record_interaction("command", "career")
    status.record_intent("job_search")
    status.attach_gateway(lambda: READY)
    code, content_type, text = await _get(f"{base}/metrics")
    assert code == 200 and content_type.startswith("text/plain")
    assert 'careermate_messages_total{where="dm"} 2.0' in text
    assert 'careermate_messages_total{where="mention"} 1.0' in text
    assert 'careermate_app_commands_total{command="career"} 1.0' in text
    assert 'careermate_intents_total{intent="job_search"} 1.0' in text
    assert 'careermate_shard_connected{shard="1"} 1.0' in text
    assert 'careermate_shard_latency_seconds{shard="0"} 0.04' in text
    assert "careermate_shard_count 4.0" in text and "careermate_guilds 7.0" in text
    assert "careermate_gateway_ready 1.0" in text and "careermate_leader 1.0" in text
    assert "careermate_llm_max_concurrency" in text and "careermate_llm_waiting 0.0" in text


async def test_llm_calls_feed_wait_first_token_and_speed(
    served: tuple[StatusService, str],
) -> None:
    status, base = served
    client = status._llm()
    assert client is not None
    text = await client.chat([{"role": "user", "content": "hi"}], user_id=1)
    assert text.startswith("Hello")
    _, _, metrics = await _get(f"{base}/metrics")
    assert 'careermate_llm_calls_total{outcome="ok"} 1.0' in metrics
    assert "careermate_llm_queue_wait_seconds_count 1.0" in metrics
    assert "careermate_llm_first_token_seconds_count 1.0" in metrics
    assert 'careermate_llm_tokens_total{kind="prompt"} 12.0' in metrics
    report = await status.report()
    assert report.llm is not None and report.llm.requests == 1 and report.llm.succeeded == 1
    assert report.llm.avg_queue_wait is not None


async def test_healthz_is_alive_and_readyz_needs_database_and_shards(
    served: tuple[StatusService, str],
) -> None:
    status, base = served
    code, content_type, body = await _get(f"{base}/healthz")
    assert code == 200 and content_type.startswith("application/json") and '"ok"' in body

    code, _, body = await _get(f"{base}/readyz")  # no gateway attached yet
    assert code == 503 and "not connected yet" in body

    status.attach_gateway(lambda: SHARD_DOWN)
    code, _, body = await _get(f"{base}/readyz")
    assert code == 503 and "shard(s) 1 disconnected (1/2)" in body

    accepting = True
    status.attach_gateway(lambda: READY, accepting=lambda: accepting)
    code, _, body = await _get(f"{base}/readyz")
    assert code == 200 and '"ready"' in body and "2/2 shard(s) connected" in body

    accepting = False  # shutting down: finishing in-flight work, no new work
    code, _, body = await _get(f"{base}/readyz")
    assert code == 503 and "shutting down" in body

    accepting = True
    await close_db()  # the database is gone
    code, _, body = await _get(f"{base}/readyz")
    assert code == 503 and '"database": {"ok": false' in body


async def test_discord_responses_and_429s_are_counted_through_the_trace() -> None:
    metrics = Metrics()

    class Sink:
        def record_rest_response(self, status: int, scope: str | None) -> None:
            metrics.rest_response(status, scope)

    async def limited(_request: web.Request) -> web.Response:
        return web.json_response(
            {"retry_after": 0.1, "global": True},
            status=429,
            headers={"X-RateLimit-Scope": "global"},
        )

    async def fine(_request: web.Request) -> web.Response:
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/limited", limited)
    app.router.add_get("/fine", fine)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        sink = Sink()
        async with aiohttp.ClientSession(trace_configs=[rest_trace(lambda: sink)]) as session:
            for path in ("/fine", "/fine", "/limited"):
                async with session.get(f"http://{host}:{port}{path}") as response:
                    await response.read()
    finally:
        await runner.cleanup()
    assert metrics.by_label(metrics.rest) == {"200": 2, "429": 1}
    assert metrics.by_label(metrics.rate_limited) == {"global": 1}


def test_rate_limit_scope_reads_discords_headers() -> None:
    from multidict import CIMultiDict, CIMultiDictProxy

    def headers(**values: str) -> CIMultiDictProxy[str]:
        return CIMultiDictProxy(CIMultiDict({k.replace("_", "-"): v for k, v in values.items()}))

    assert rate_limit_scope(200, headers()) is None
    assert rate_limit_scope(429, headers(X_RateLimit_Scope="shared")) == "shared"
    assert rate_limit_scope(429, headers(X_RateLimit_Global="true")) == "global"
    assert rate_limit_scope(429, headers()) == "user"


def test_labels_fed_by_data_stay_bounded() -> None:
    metrics = Metrics()
    for i in range(MAX_LABEL_VALUES + 20):
        metrics.intent(f"intent_{i}")
    metrics.intent('bad"label\nwith newline')
    values = metrics.by_label(metrics.intents)
    assert len(values) == MAX_LABEL_VALUES + 1  # the first 64, then "other"
    assert values[OTHER] == 21
    assert all('"' not in name and "\n" not in name for name in values)


async def test_a_blocked_event_loop_shows_up_as_lag() -> None:
    seen: list[float] = []
    monitor = LoopLagMonitor(seen.append, interval=0.02)
    monitor.start()
    try:
        await asyncio.sleep(0.1)
        time.sleep(0.3)  # what a blocking call on the loop does  # noqa: ASYNC251
        await asyncio.sleep(0.1)
    finally:
        await monitor.stop()
    assert seen and max(seen) >= 0.2
    assert monitor.worst_recent >= 0.2


async def test_errors_are_counted_by_where_they_were_logged(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, metrics_port=None)
    services = AppServices(settings, backups_enabled=False)
    status = services.status
    await status.start()
    try:
        logging.getLogger("cogs.resume.flow").error("a résumé upload failed")
        logging.getLogger("cogs.resume.views").error("again")
        logging.getLogger("careermate_bot.llm.client").warning("only a warning")
    finally:
        await status.stop()
    logging.getLogger("cogs.resume.flow").error("after stop: not counted")
    assert status.metrics.by_label(status.metrics.errors) == {"cogs.resume": 2}
    assert status.metrics_url is None  # METRICS_PORT empty: no endpoint


async def test_a_port_in_use_is_logged_and_the_bot_runs_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = make_settings(tmp_path, metrics_port=port)
        status = StatusService(settings, llm=lambda: None, leader=Leadership(settings))
        with caplog.at_level(logging.ERROR):
            await status.start()
        try:
            assert status.metrics_url is None
            assert f"cannot serve metrics on 127.0.0.1:{port}" in caplog.text
            assert "METRICS_PORT" in caplog.text
        finally:
            await status.stop()


async def test_a_sqlite_process_is_always_the_leader(tmp_path: Path) -> None:
    settings = build_settings(_env_file=None, data_dir=tmp_path, database_url="")
    leader = Leadership(settings)
    assert leader.is_leader and leader.mode == "single process"  # before start too: as today
    assert await leader.start() is True
    await leader.stop()
    assert leader.is_leader

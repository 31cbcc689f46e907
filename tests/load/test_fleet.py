"""A fleet of three fake OpenAI-compatible model servers on 127.0.0.1 (`LLM_BASE_URLS`), each
its own process: least in-flight spreading, ejection before the first token (connection refused,
HTTP 500 / 429 / 503, a hung server found by the probe) with the request moved on, re-admission
by the probe, no fail-over after the first token (the user keeps the partial reply and gets the
error's line), and per-user affinity.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import discord.ext.test as dpytest
import pytest

from careermate_bot.config import Settings
from careermate_bot.llm import EngineError, LLMClient, create_llm_client, message
from careermate_bot.llm.backends.fleet import FleetBackend
from careermate_bot.llm.capability import Capabilities
from careermate_bot.services.container import AppServices
from tests.harness.bot import running_bot
from tests.load import driver
from tests.load.fake_llm import LONG, MODEL, FakeLLMServer, Fault, free_port, reply_for

TOKEN_DELAY = 0.04  # ~0.4 s per reply: concurrent requests overlap


@pytest.fixture(scope="module")
def servers() -> Iterator[list[FakeLLMServer]]:
    started = [FakeLLMServer(token_delay=TOKEN_DELAY).start() for _ in range(3)]
    yield started
    for server in started:
        server.stop()


@pytest.fixture
def fleet_servers(servers: list[FakeLLMServer]) -> Iterator[list[FakeLLMServer]]:
    """The three servers, each running, answering and without faults, before and after a test."""

    def ready() -> None:
        for server in servers:
            if not server.alive():
                server.start()
            server.resume()
            server.clear_faults()

    ready()
    yield servers
    ready()


def fleet_settings(settings: Settings, servers: list[FakeLLMServer], **extra: Any) -> Settings:
    return settings.model_copy(
        update={
            "llm_provider": "openai",
            "openai_model": MODEL,
            "llm_base_urls": [server.base_url for server in servers],
            "llm_connect_timeout": 2.0,
            "llm_first_token_timeout": 10.0,
            "llm_eject_seconds": 0.3,
            "llm_probe_interval": 0.1,
            **extra,
        }
    )


@pytest.fixture
async def make_client(
    settings: Settings, fleet_servers: list[FakeLLMServer]
) -> AsyncIterator[Callable[..., Any]]:
    clients: list[LLMClient] = []

    async def make(**extra: Any) -> LLMClient:
        client = await create_llm_client(fleet_settings(settings, fleet_servers, **extra))
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


def fleet_of(client: LLMClient) -> FleetBackend:
    assert isinstance(client.backend, FleetBackend)
    return client.backend


def requests_seen(servers: list[FakeLLMServer]) -> list[int]:
    return [server.stats.requests for server in servers]


def delta(before: list[int], servers: list[FakeLLMServer]) -> list[int]:
    return [now - then for now, then in zip(requests_seen(servers), before, strict=True)]


async def ask(client: LLMClient, tag: str, user: int | None = None) -> str:
    text = f"{tag} what should I learn next?"
    answer = await client.chat([message("user", text)], user_id=user)
    assert answer == reply_for(text)
    return answer


async def until(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        await asyncio.sleep(0.05)


def healthy(client: LLMClient) -> list[bool]:
    return [status.healthy for status in fleet_of(client).status()]


async def test_least_in_flight_spreads_replies_over_the_fleet(
    make_client: Callable[..., Any], fleet_servers: list[FakeLLMServer]
) -> None:
    client = await make_client()
    assert client.max_concurrency == 6  # 2 per endpoint when LLM_MAX_CONCURRENCY is empty
    before = requests_seen(fleet_servers)
    await asyncio.gather(*(ask(client, f"u{i}m0", user=i) for i in range(6)))
    assert delta(before, fleet_servers) == [2, 2, 2]
    before = requests_seen(fleet_servers)
    for i in range(3):  # one at a time: none in flight, so the one picked longest ago
        await ask(client, f"u{i}m1", user=i)
    assert delta(before, fleet_servers) == [1, 1, 1]


async def test_a_refused_endpoint_is_ejected_the_request_moves_on_and_a_probe_readmits_it(
    make_client: Callable[..., Any], fleet_servers: list[FakeLLMServer]
) -> None:
    client = await make_client(llm_eject_seconds=1.0)
    first = fleet_servers[0]
    await asyncio.to_thread(first.stop)
    await ask(client, "u1m0")  # goes to the first endpoint, refused, answered by another
    assert healthy(client) == [False, True, True]
    assert fleet_of(client).status()[0].reason == "engine_unreachable"
    for i in range(4):
        await ask(client, f"u1m{i + 1}")
    assert fleet_of(client).status()[0].served == 0
    await asyncio.to_thread(first.start)  # back on the same port, with fresh counters
    await until(lambda: healthy(client) == [True, True, True])
    for i in range(3):
        await ask(client, f"u2m{i}")
    assert first.stats.requests >= 1  # re-admitted: it gets its share again


@pytest.mark.parametrize(
    ("fault", "reason"), [("http500", "engine_error"), ("http429", "busy"), ("http503", "busy")]
)
async def test_an_http_error_before_the_first_token_ejects_and_moves_on(
    make_client: Callable[..., Any], fleet_servers: list[FakeLLMServer], fault: str, reason: str
) -> None:
    client = await make_client(llm_eject_seconds=30.0)
    first = fleet_servers[0]
    first.inject(Fault(fault))
    faulted = first.stats.faulted.get(fault, 0)
    before = requests_seen(fleet_servers)
    await ask(client, "u3m0")  # the user sees a normal answer
    assert delta(before, fleet_servers) == [1, 1, 0]
    assert first.stats.faulted[fault] == faulted + 1
    assert healthy(client) == [False, True, True]
    assert fleet_of(client).status()[0].reason == reason
    before = requests_seen(fleet_servers)
    for i in range(4):
        await ask(client, f"u3m{i + 1}")
    assert delta(before, fleet_servers)[0] == 0  # ejected: no traffic until a probe re-admits


async def test_a_hung_endpoint_is_ejected_by_the_probe_and_readmitted_when_it_answers(
    make_client: Callable[..., Any], fleet_servers: list[FakeLLMServer]
) -> None:
    client = await make_client(llm_probe_interval=3600.0)  # probe rounds by hand below
    fleet = fleet_of(client)
    hung = fleet_servers[2]
    hung.pause()
    await fleet.probe()  # the probe times out on it (2 s)
    assert healthy(client) == [True, True, False]
    assert fleet.status()[2].reason == "timeout"
    before = requests_seen(fleet_servers[:2])
    for i in range(4):
        await ask(client, f"u4m{i}")
    assert sum(delta(before, fleet_servers[:2])) == 4
    hung.resume()
    await asyncio.sleep(0.4)  # its ejection (0.3 s) is over: the next round checks it again
    await fleet.probe()
    assert healthy(client) == [True, True, True]


async def test_with_every_endpoint_ejected_a_request_still_tries_them(
    make_client: Callable[..., Any], fleet_servers: list[FakeLLMServer]
) -> None:
    client = await make_client(llm_eject_seconds=30.0, llm_probe_interval=3600.0)
    for server in fleet_servers:
        server.inject(Fault("http500"))
    with pytest.raises(EngineError):
        await ask(client, "u5m0")  # each endpoint answers 500 once: all ejected
    assert healthy(client) == [False, False, False]
    await ask(client, "u5m1")  # a fleet with nothing healthy still asks rather than refuse
    assert True in healthy(client)  # the one that answered is back


async def test_affinity_keeps_a_user_on_one_endpoint_while_it_is_healthy(
    make_client: Callable[..., Any], fleet_servers: list[FakeLLMServer]
) -> None:
    client = await make_client(llm_affinity=True, llm_eject_seconds=0.5)
    before = requests_seen(fleet_servers)
    for i in range(4):
        await ask(client, f"u7m{i}", user=7)
    moved = delta(before, fleet_servers)
    assert sorted(moved) == [0, 0, 4]
    home = moved.index(4)
    before = requests_seen(fleet_servers)
    for user in range(20, 32):
        await ask(client, f"u{user}m0", user=user)
    assert sum(1 for n in delta(before, fleet_servers) if n) >= 2  # users spread over servers
    await asyncio.to_thread(fleet_servers[home].stop)
    await ask(client, "u7m4", user=7)  # its endpoint is gone: served by another, no error
    assert not healthy(client)[home]
    await asyncio.to_thread(fleet_servers[home].start)
    await until(lambda: all(healthy(client)))
    await ask(client, "u7m5", user=7)
    assert fleet_servers[home].stats.requests == 1  # back home (fresh counters after restart)


# -- through the bot: a model server dies mid-answer ------------------------------------------


@pytest.fixture
async def fleet_bot(
    settings: Settings, fleet_servers: list[FakeLLMServer], career_kb: Any, tmp_path: Path
) -> AsyncIterator[tuple[Any, driver.DmScreen, LLMClient]]:
    fleet = fleet_settings(settings, fleet_servers, llm_eject_seconds=30.0)
    llm = await create_llm_client(fleet)
    services = AppServices(fleet, llm=llm, knowledge=career_kb, backups_enabled=False)
    services.capabilities = Capabilities.everything()
    async with running_bot(fleet, services, tmp_path, members=3) as harness:
        driver.own_settle(harness)
        screen = driver.DmScreen()
        screen.install()
        try:
            yield harness, screen, llm
            await driver.drain(harness.bot)
        finally:
            screen.uninstall()


async def test_a_server_dying_mid_answer_leaves_the_partial_reply_and_a_line_without_fail_over(
    fleet_bot: tuple[Any, driver.DmScreen, LLMClient], fleet_servers: list[FakeLLMServer]
) -> None:
    harness, screen, llm = fleet_bot
    member = harness.config.members[0]
    channel = await member.create_dm()
    text = f"u0m0 thanks! what else should I keep in mind? {LONG}"
    sentences = reply_for(text).split(". ")
    partial = ". ".join(sentences[:2]) + "."
    cut = len(partial.split(" ")) + 2  # the connection is cut in the third sentence
    for server in fleet_servers:  # whichever server gets it dies mid-answer
        server.inject(Fault("die", match="u0m0 ", after_tokens=cut))
    before = requests_seen(fleet_servers)
    sent = await dpytest.message(text, channel=channel, member=member)
    await driver.wait_for_reply_task(harness.bot, sent.id)
    shown = "\n".join(screen.replies(sent))
    # The partial reply stays (the chat shows whole sentences), with the error's line under it.
    assert shown == f"{partial}\n\n*{EngineError('').user_message}*"
    assert sum(delta(before, fleet_servers)) == 1  # no silent retry on another server
    died = [i for i, n in enumerate(delta(before, fleet_servers)) if n]
    assert [s.healthy for s in fleet_of(llm).status()] == [i not in died for i in range(3)]
    follow_up = "u0m1 thanks! and after that?"
    sent = await dpytest.message(follow_up, channel=channel, member=member)
    await driver.wait_for_reply_task(harness.bot, sent.id)
    assert "\n".join(screen.replies(sent)) == reply_for(follow_up)


# -- through the Rust vLLM router (`pip install vllm-router`), when it is installed -------------

ROUTER = os.environ.get("CAREERMATE_VLLM_ROUTER") or shutil.which("vllm-router")


@pytest.fixture
def router(fleet_servers: list[FakeLLMServer], tmp_path: Path) -> Iterator[str]:
    """vllm-router in front of the three servers; its OpenAI base URL."""
    if ROUTER is None:
        pytest.skip("vllm-router is not installed (pip install vllm-router; see docs/llm.md)")
    port = free_port()
    command = [ROUTER, "--host", "127.0.0.1", "--port", str(port), "--policy", "round_robin"]
    command += ["--worker-urls", *[f"http://127.0.0.1:{s.port}" for s in fleet_servers]]
    with (tmp_path / "router.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=1):
                    break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, (
                    tmp_path / "router.log"
                ).read_text()[-2000:]
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.kill()
        process.wait(10)


async def test_the_fleet_works_through_the_vllm_router(
    settings: Settings, fleet_servers: list[FakeLLMServer], router: str
) -> None:
    """Large fleets put a router in front and point LLM_BASE_URLS at it (docs/llm.md)."""
    through = fleet_settings(settings, fleet_servers).model_copy(update={"llm_base_urls": [router]})
    client = await create_llm_client(through)
    try:
        before = requests_seen(fleet_servers)
        await asyncio.gather(*(ask(client, f"u{i}m9", user=i) for i in range(6)))
        assert delta(before, fleet_servers) == [2, 2, 2]  # the router spreads them
    finally:
        await client.aclose()

"""`FleetBackend` with scripted members (no network): which errors eject, shared health across
processes, the board failing, affinity, checks, settings. The same behaviour against three real
HTTP servers is in tests/load/test_fleet.py."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.llm import (
    Busy,
    EngineError,
    EngineUnreachable,
    LLMTimeout,
    ModelMissing,
    create_backend,
    create_llm_client,
    message,
)
from careermate_bot.llm.backends.fleet import (
    FleetBackend,
    connection_died,
    rendezvous_weight,
    server_fault,
)
from careermate_bot.llm.client import LLMClient
from careermate_bot.llm.endpoint_health import EndpointState, LocalHealthBoard
from careermate_bot.llm.errors import with_status
from careermate_bot.llm.fake import FakeBackend, FakeReply, ScriptItem
from careermate_bot.llm.types import Backend

HI = [message("user", "What should I learn next?")]
URLS = ["http://gpu1:8000/v1", "http://gpu2:8000/v1", "http://gpu3:8000/v1"]


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def members(*scripts: Sequence[ScriptItem]) -> dict[str, FakeBackend]:
    return {url: FakeBackend(list(script)) for url, script in zip(URLS, scripts, strict=False)}


def fleet_of(
    backends: dict[str, FakeBackend], **options: object
) -> tuple[FleetBackend, dict[str, FakeBackend]]:
    options.setdefault("probe_interval", 0)  # no background probing: rounds are run by hand
    as_backends: dict[str, Backend] = dict(backends)
    return FleetBackend(as_backends, **options), backends  # type: ignore[arg-type]


def fake_client(fleet: FleetBackend, **options: object) -> LLMClient:
    options.setdefault("retry_backoff", 0.01)
    return LLMClient(fleet, **options)  # type: ignore[arg-type]


def calls(backends: dict[str, FakeBackend]) -> list[int]:
    return [len(b.calls) for b in backends.values()]


def http(error: EngineError | Busy, status: int) -> EngineError | Busy:
    return with_status(error, status)


@pytest.mark.parametrize(
    ("error", "fault"),
    [
        (EngineUnreachable("refused"), True),
        (http(EngineError("crash"), 500), True),
        (http(Busy("429"), 429), True),
        (http(Busy("503"), 503), True),
        (ModelMissing("no such model"), True),
        (EngineError("connection reset before the answer"), True),
        (http(EngineError("bad request"), 400), False),
        (http(EngineError("prompt too long"), 413), False),
        (http(EngineError("invalid"), 422), False),
        (LLMTimeout("slow", phase="first_token"), False),
    ],
)
def test_which_errors_before_the_first_token_are_the_servers_fault(
    error: EngineError, fault: bool
) -> None:
    assert server_fault(error) is fault


def test_only_a_dead_connection_mid_answer_ejects() -> None:
    assert connection_died(EngineError("connection failed mid-answer"))
    assert not connection_died(http(EngineError("error event"), 500))
    assert not connection_died(Busy("queue full"))


async def test_a_failed_endpoint_is_ejected_and_the_request_moves_on() -> None:
    fleet, backends = fleet_of(
        members([EngineUnreachable("refused")], ["Hi from two."], ["Three."])
    )
    client = fake_client(fleet, retries=0)
    assert await client.chat(HI) == "Hi from two."
    assert calls(backends) == [1, 1, 0]
    assert [s.healthy for s in fleet.status()] == [False, True, True]
    assert fleet.status()[0].reason == "engine_unreachable"
    for _ in range(4):
        await client.chat(HI)
    assert calls(backends)[0] == 1  # ejected: no new traffic


async def test_a_hung_endpoint_is_ejected_after_its_attempt_time_and_the_next_answers() -> None:
    """No first token within the per-attempt limit: nothing was shown, so the request moves on
    inside the caller's own first-token limit (here 5 s; attempts 0.2 s each)."""
    hung = FakeReply(["late"], first_delay=30)
    fleet, backends = fleet_of(members([hung], ["Two."], ["Three."]), attempt_timeout=0.2)
    client = fake_client(fleet, retries=0, first_token_timeout=5)
    assert await client.chat(HI) == "Two."
    assert calls(backends) == [1, 1, 0]
    assert not fleet.status()[0].healthy
    assert fleet.status()[0].reason == "engine_hung"


async def test_when_every_endpoint_hangs_the_user_is_told_it_took_too_long() -> None:
    hung = FakeReply(["late"], first_delay=30)
    fleet, _ = fleet_of(members([hung], [hung]), attempt_timeout=0.1)
    with pytest.raises(EngineError) as caught:
        await fake_client(fleet, retries=0, first_token_timeout=5).chat(HI)
    assert caught.value.user_message == LLMTimeout.default_user_message


async def test_a_request_fault_is_raised_as_is_without_ejecting_or_retrying_elsewhere() -> None:
    too_long = http(EngineError("context length exceeded"), 400)
    fleet, backends = fleet_of(members([too_long], ["Two."], ["Three."]))
    with pytest.raises(EngineError) as caught:
        await fake_client(fleet).chat(HI)
    assert caught.value is too_long
    assert calls(backends) == [1, 0, 0]
    assert all(s.healthy for s in fleet.status())


async def test_an_error_after_the_first_token_keeps_the_partial_text_and_never_fails_over() -> None:
    died = EngineError("connection failed mid-answer")
    reply = FakeReply(["Build ", "a small "], error_after=died)
    fleet, backends = fleet_of(members([reply], ["Two."], ["Three."]))
    client = fake_client(fleet)
    stream = client.stream(HI, user_id=1)
    seen: list[str] = []
    with pytest.raises(EngineError) as caught:
        async with stream:
            async for delta in stream:
                seen.append(delta)
    assert caught.value is died and caught.value.user_message
    assert "".join(seen) == stream.text == "Build a small "
    assert calls(backends) == [1, 0, 0]
    assert not fleet.status()[0].healthy  # the dead server gets no new requests


async def test_with_every_endpoint_ejected_the_request_still_asks_the_soonest_back() -> None:
    clock = Clock()
    script = [http(EngineError("crash"), 500), "Back again."]
    fleet, backends = fleet_of(members(script, script, script), clock=clock, eject_seconds=30)
    client = fake_client(fleet)
    with pytest.raises(EngineError):
        await client.chat(HI)
    assert calls(backends) == [1, 1, 1]
    assert not any(s.healthy for s in fleet.status())
    assert await client.chat(HI) == "Back again."  # the first ejected is due back first
    assert calls(backends) == [2, 1, 1]
    assert [s.healthy for s in fleet.status()] == [True, False, False]  # it answered: re-admitted


async def test_the_probe_readmits_after_the_ejection_time_and_finds_a_dead_healthy_endpoint() -> (
    None
):
    clock = Clock()
    fleet, backends = fleet_of(
        members([EngineUnreachable("refused"), "One."], ["Two."], ["Three."]),
        clock=clock,
        eject_seconds=10,
    )
    await fake_client(fleet).chat(HI)
    assert not fleet.status()[0].healthy
    await fleet.probe()
    assert not fleet.status()[0].healthy  # its time is not up yet
    clock.now += 11
    await fleet.probe()
    assert fleet.status()[0].healthy
    backends[URLS[2]].reachable = backends[URLS[2]].has_model = False  # stops answering
    await fleet.probe()
    assert [s.healthy for s in fleet.status()] == [True, True, False]
    assert fleet.status()[2].reason == "model_missing"


async def test_health_is_shared_through_the_board_between_processes() -> None:
    board = LocalHealthBoard()  # stands for Redis: both "processes" read and write it
    clock = Clock()
    one, _ = fleet_of(
        members([EngineUnreachable("refused"), "A1."], ["A2."], ["A3."]), health=board, clock=clock
    )
    two, two_members = fleet_of(members(["B1."], ["B2."], ["B3."]), health=board, clock=clock)
    await fake_client(one).chat(HI)  # process one finds endpoint 1 down
    for _ in range(3):
        await fake_client(two).chat(HI)
    assert calls(two_members)[0] == 0  # process two never sends to it
    clock.now += 60
    await two.probe()  # process two's probe finds it back ...
    assert await one.states() == {URLS[0]: EndpointState(healthy=True, at=clock.now)}
    answers = {await fake_client(one).chat(HI) for _ in range(2)}
    assert answers == {"A1.", "A3."}  # ... and process one uses it again


class BrokenBoard:
    async def publish(self, endpoint: str, state: EndpointState) -> None:
        raise ConnectionError("redis is down")

    async def read(self, endpoints: Sequence[str]) -> dict[str, EndpointState]:
        raise ConnectionError("redis is down")


async def test_a_broken_shared_board_falls_back_to_this_process_view(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fleet, backends = fleet_of(
        members([EngineUnreachable("refused")], ["Two."], ["Three."]), health=BrokenBoard()
    )
    client = fake_client(fleet)
    with caplog.at_level(logging.WARNING):
        for _ in range(4):
            assert await client.chat(HI) in {"Two.", "Three."}
    assert calls(backends)[0] == 1  # still ejected, in this process's own view
    trouble = [r for r in caplog.records if "shared endpoint health" in r.getMessage()]
    assert len(trouble) == 1  # said once, not per request


async def test_affinity_keeps_a_user_on_one_endpoint_and_moves_only_that_endpoints_users() -> None:
    fleet, backends = fleet_of(members(["One."], ["Two."], ["Three."]), affinity=True)
    client = fake_client(fleet)
    homes: dict[int, int] = {}
    for user in range(30):
        before = calls(backends)
        for _ in range(3):
            await client.chat(HI, user_id=user)
        moved = [now - then for now, then in zip(calls(backends), before, strict=True)]
        assert sorted(moved) == [0, 0, 3]
        homes[user] = moved.index(3)
    assert len(set(homes.values())) == 3  # users spread over the fleet
    down = next(iter(backends.values()))
    down.script = [EngineUnreachable("refused")]
    for user, home in homes.items():
        before = calls(backends)
        await client.chat(HI, user_id=user)
        moved = [now - then for now, then in zip(calls(backends), before, strict=True)]
        if home != 0:
            assert moved[home] == 1 and sum(moved) == 1  # untouched users stay home
    anonymous = calls(backends)
    for _ in range(4):
        await client.chat(HI)  # no user: least in flight, round robin
    spread = [now - then for now, then in zip(calls(backends), anonymous, strict=True)]
    assert spread == [0, 2, 2]


def test_rendezvous_weights_are_stable_and_differ_per_endpoint() -> None:
    assert rendezvous_weight("int:7", URLS[0]) == rendezvous_weight("int:7", URLS[0])
    assert len({rendezvous_weight("int:7", url) for url in URLS}) == 3


def test_endpoint_state_round_trips_through_a_dict() -> None:
    state = EndpointState(healthy=False, until=12.5, reason="busy", at=2.5)
    assert EndpointState.from_dict(state.to_dict()) == state
    assert EndpointState.from_dict({}) == EndpointState()


async def test_checks_report_each_endpoint() -> None:
    fleet, backends = fleet_of(members(["1"], ["2"], ["3"]))
    backends[URLS[1]].reachable = False
    line = await fleet.check_reachable()
    assert (
        line.startswith("2 of 3 model servers answer") and f"{URLS[1]} (engine unreachable)" in line
    )
    for backend in backends.values():
        backend.has_model = False
    with pytest.raises(ModelMissing) as caught:
        await fleet.check_model()
    assert "none of the 3 model servers serve fake-model" in str(caught.value)
    await fleet.aclose()
    assert all(b.closed for b in backends.values())


def fleet_settings(tmp_path: object, **values: object) -> Settings:
    return build_settings(_env_file=None, data_dir=tmp_path, **values)


async def test_llm_base_urls_build_a_fleet_of_the_providers_kind(tmp_path: object) -> None:
    settings = fleet_settings(
        tmp_path,
        llm_provider="openai",
        llm_base_urls=" http://a:8000/v1/ ,http://b:8000/v1",
        llm_affinity=True,
    )
    assert settings.llm_base_urls == ["http://a:8000/v1", "http://b:8000/v1"]
    client = await create_llm_client(settings)
    fleet = client.backend
    assert isinstance(fleet, FleetBackend)
    assert fleet.name == "openai" and fleet.urls == settings.llm_base_urls and fleet.affinity
    assert client.max_concurrency == 4  # 2 per endpoint unless LLM_MAX_CONCURRENCY says
    await client.aclose()
    one = await create_backend(fleet_settings(tmp_path, llm_provider="ollama"))
    assert not isinstance(one, FleetBackend)  # empty LLM_BASE_URLS: today's single server
    await one.aclose()
    capped = await create_llm_client(
        fleet_settings(
            tmp_path, llm_provider="ollama", llm_base_urls="http://a:11434", llm_max_concurrency=3
        )
    )
    assert isinstance(capped.backend, FleetBackend) and capped.backend.name == "ollama"
    assert capped.max_concurrency == 3
    await capped.aclose()


def test_llm_base_urls_are_checked(tmp_path: object) -> None:
    from careermate_bot.config import ConfigError

    with pytest.raises(ConfigError) as caught:
        fleet_settings(tmp_path, llm_base_urls="http://a:1,gpu2:8000")
    assert caught.value.lines[0].startswith("LLM_BASE_URLS: must start with http://")
    with pytest.raises(ConfigError):
        fleet_settings(tmp_path, llm_base_urls="http://a:1,http://a:1/")
    with_password = fleet_settings(tmp_path, llm_base_urls="https://me:s3cret@gpu1/v1")
    assert "s3cret" in with_password.secrets()

"""The Ollama backend at the HTTP level: recorded /api/chat and /api/tags responses are served
through httpx.MockTransport (the ollama AsyncClient passes `transport` on to httpx)."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel

from careermate_bot.config import Settings, build_settings
from careermate_bot.llm import (
    Busy,
    EngineError,
    EngineUnreachable,
    LLMClient,
    LLMTimeout,
    ModelMissing,
    NoEngine,
    factory,
    message,
)
from careermate_bot.llm.backends.hints import ollama_url_hint
from careermate_bot.llm.backends.ollama import OllamaBackend, model_matches
from careermate_bot.llm.health import llm_checks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ollama"
HI = [message("system", "You are CareerMate."), message("user", "One interview tip?")]

Handler = Callable[[httpx.Request], httpx.Response]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def ndjson(name: str, status: int = 200) -> httpx.Response:
    return httpx.Response(
        status, content=fixture(name), headers={"content-type": "application/x-ndjson"}
    )


def json_response(name: str, status: int = 200) -> httpx.Response:
    return httpx.Response(
        status, content=fixture(name), headers={"content-type": "application/json"}
    )


class Recorder:
    """A MockTransport handler that serves fixtures by path and records requests."""

    def __init__(self, chat: str = "chat_stream.ndjson", tags: str = "tags.json") -> None:
        self.chat = chat
        self.tags = tags
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == "/api/tags":
            return json_response(self.tags)
        if request.url.path == "/api/chat":
            if self.chat.startswith("error_"):
                return json_response(self.chat, 404)
            return ndjson(self.chat)
        return httpx.Response(404, text="404 page not found")

    def body(self, index: int = -1) -> dict[str, object]:
        return json.loads(self.requests[index].content)


def backend(
    handler: Handler, url: str = "http://127.0.0.1:11434", model: str = "llama3.1:8b"
) -> OllamaBackend:
    return OllamaBackend(url, model, keep_alive="15m", transport=httpx.MockTransport(handler))


def client_for(handler: Handler, **options: object) -> LLMClient:
    options.setdefault("retry_backoff", 0.01)
    return LLMClient(backend(handler), **options)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _not_in_a_container(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hints must not depend on where the tests run."""
    monkeypatch.setattr("careermate_bot.llm.backends.hints.running_in_container", lambda: False)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_streamed_chat_yields_deltas_and_counts_tokens() -> None:
    recorder = Recorder()
    client = client_for(recorder, temperature=0.4, max_tokens=64, num_ctx=8192)
    async with client.stream(HI, seed=3, stop=["\n\n"]) as reply:
        deltas = [d async for d in reply]
    assert "".join(deltas) == "Practice the STAR method out loud."
    assert deltas[:2] == ["Practice", " the"]
    assert reply.call is not None
    assert (reply.call.prompt_tokens, reply.call.completion_tokens) == (41, 8)
    body = recorder.body()
    assert body["model"] == "llama3.1:8b" and body["stream"] is True
    assert body["keep_alive"] == "15m"
    assert body["messages"] == [dict(m) for m in HI]
    assert body["options"] == {
        "temperature": 0.4,
        "num_ctx": 8192,
        "num_predict": 64,
        "stop": ["\n\n"],
        "seed": 3,
    }
    assert "format" not in body or body["format"] is None


async def test_reasoning_is_stripped_from_the_ollama_stream() -> None:
    client = client_for(Recorder(chat="chat_think.ndjson"))
    deltas = [d async for d in client.stream(HI)]
    assert "".join(deltas) == "Tailor your CV to each job."
    assert not any("user wants" in d for d in deltas)


async def test_structured_output_sends_the_json_schema_as_format() -> None:
    class Job(BaseModel):
        title: str
        years: int

    recorder = Recorder(chat="chat_structured.ndjson")
    job = await client_for(recorder).structured(HI, Job)
    assert job == Job(title="Data Analyst", years=2)
    assert recorder.body()["format"] == Job.model_json_schema()


async def test_done_reason_length_is_reported() -> None:
    client = client_for(Recorder(chat="chat_length.ndjson"))
    async with client.stream(HI) as reply:
        assert "".join([d async for d in reply]) == "Networking helps"
    assert reply.finish_reason == "length"


async def test_missing_model_404_becomes_model_missing_with_the_pull_command() -> None:
    recorder = Recorder(chat="error_model_missing.json")
    with pytest.raises(ModelMissing) as caught:
        await client_for(recorder, retries=3).chat(HI)
    assert "Run `ollama pull llama3.1:8b`" in caught.value.user_message
    assert caught.value.fix and "ollama pull llama3.1:8b" in caught.value.fix
    assert "not found, try pulling it first" in str(caught.value)
    assert len(recorder.requests) == 1  # not a connection error: no retry


async def test_an_error_line_mid_stream_is_an_engine_error() -> None:
    with pytest.raises(EngineError) as caught:
        await client_for(Recorder(chat="error_stream_midway.ndjson")).chat(HI)
    assert "unexpected EOF" in str(caught.value)


@pytest.mark.parametrize("status", [503, 429])
async def test_a_full_ollama_queue_is_busy_not_an_engine_error(status: int) -> None:
    requests: list[httpx.Request] = []

    def queue_full(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return json_response("error_queue_full.json", status)

    with pytest.raises(Busy) as caught:
        await client_for(queue_full, retries=2).chat(HI)
    error = caught.value
    assert error.kind == "busy" and error.status == status
    assert "try again in a minute" in error.user_message
    assert "maximum pending requests exceeded" in str(error)
    assert error.fix and "OLLAMA_MAX_QUEUE" in error.fix
    assert len(requests) == 1  # busy is said at once, not retried against the full queue


async def test_other_ollama_http_errors_stay_engine_errors_with_their_status() -> None:
    def crash(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(500, json={"error": "llama runner process has terminated"})

    with pytest.raises(EngineError) as caught:
        await client_for(crash).chat(HI)
    assert not isinstance(caught.value, Busy) and caught.value.status == 500


async def test_connection_refused_is_retried_then_engine_unreachable() -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    client = LLMClient(OllamaBackend(url, "llama3.1:8b"), retries=2, retry_backoff=0.01)
    with pytest.raises(EngineUnreachable) as caught:
        await client.chat(HI)
    error = caught.value
    assert "Is Ollama running? Start it with `ollama serve`" in error.user_message
    assert url in str(error)
    assert error.fix and "ollama serve" in error.fix
    await client.aclose()


async def test_connection_refused_with_a_wrong_looking_base_url_gives_a_precise_hint() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    client = LLMClient(OllamaBackend(url, "llama3.1:8b"), retries=0)
    with pytest.raises(EngineUnreachable) as caught:
        await client.chat(HI)
    assert "OLLAMA_BASE_URL" in caught.value.user_message
    assert "drop '/v1'" in (caught.value.fix or "")
    await client.aclose()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://localhost:11434", None),
        ("http://localhost:11434/api", "drop '/api'"),
        ("https://localhost:11434", "plain HTTP"),
        ("http://0.0.0.0:11434", "listen address"),
        ("http://localhost", "listens on 11434"),
    ],
)
def test_base_url_hints(url: str, expected: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("careermate_bot.llm.backends.hints.running_in_container", lambda: False)
    hint = ollama_url_hint(url)
    assert (hint is None) if expected is None else (expected in (hint or ""))


async def test_localhost_inside_a_container_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("careermate_bot.llm.backends.hints.running_in_container", lambda: True)
    url = f"http://localhost:{closed_port()}"
    client = LLMClient(OllamaBackend(url, "llama3.1:8b"), retries=0)
    with pytest.raises(EngineUnreachable) as caught:
        await client.chat(HI)
    fix = caught.value.fix or ""
    assert "ollama serve" in fix and "host.docker.internal" in fix
    await client.aclose()


async def test_a_stalled_stream_times_out() -> None:
    class Stalled(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield fixture("chat_stream.ndjson").splitlines(keepends=True)[0]
            await asyncio.sleep(3600)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=Stalled())

    client = client_for(handler, first_token_timeout=0.3, total_timeout=30)
    with pytest.raises(LLMTimeout) as caught:
        await client.chat(HI)
    assert caught.value.phase == "stall"


async def test_no_first_token_times_out() -> None:
    class Silent(httpx.AsyncByteStream):
        async def __aiter__(self) -> AsyncIterator[bytes]:
            await asyncio.sleep(3600)
            yield b""

    client = client_for(lambda r: httpx.Response(200, stream=Silent()), first_token_timeout=0.2)
    with pytest.raises(LLMTimeout) as caught:
        await client.chat(HI)
    assert caught.value.phase == "first_token"


async def test_something_else_on_the_port_is_reported() -> None:
    def html(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text="<html>router login</html>")

    with pytest.raises(EngineError) as caught:
        await client_for(html).chat(HI)
    assert "OLLAMA_BASE_URL" in (caught.value.fix or "")


# Health and model lookup --------------------------------------------------------------------------
def test_model_names_match_ollama_rules() -> None:
    assert model_matches("llama3.1:8b", "llama3.1:8b")
    assert model_matches("mistral", "mistral:latest")
    assert model_matches("Mistral:latest", "mistral")
    assert not model_matches("llama3.1", "llama3.1:8b")


async def test_check_model_lists_installed_models() -> None:
    ok = backend(Recorder())
    assert "installed" in await ok.check_model()
    missing = backend(Recorder(), model="qwen3:4b")
    with pytest.raises(ModelMissing) as caught:
        await missing.check_model()
    assert "ollama pull qwen3:4b" in caught.value.user_message
    assert "llama3.1:8b" in str(caught.value)


def settings_for(tmp_path: Path, **overrides: object) -> Settings:
    return build_settings(_env_file=None, data_dir=tmp_path, **overrides)


async def test_llm_checks_all_pass_against_a_healthy_ollama(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, llm_provider="ollama")
    results = await llm_checks(
        settings, ollama_options={"transport": httpx.MockTransport(Recorder())}
    )
    assert [r.name for r in results] == [
        "LLM engine (ollama)",
        "LLM model",
        "LLM sampling",
        "LLM generation",
    ]
    assert all(r.ok for r in results), [r.line() for r in results]


async def test_llm_checks_report_the_missing_model_with_the_fix(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, llm_provider="ollama", ollama_model="qwen3:4b")
    transport = httpx.MockTransport(Recorder())
    results = await llm_checks(settings, ollama_options={"transport": transport})
    assert [r.ok for r in results] == [True, False]
    assert "ollama pull qwen3:4b" in (results[1].fix or "")


async def test_llm_checks_report_an_unreachable_ollama(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    settings = settings_for(tmp_path, llm_provider="ollama", ollama_base_url=url)
    results = await llm_checks(settings)
    assert len(results) == 1 and not results[0].ok
    assert "ollama serve" in (results[0].fix or "")


# LLM_PROVIDER=auto --------------------------------------------------------------------------------
async def test_auto_prefers_ollama_when_it_has_the_model(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, llm_provider="auto")
    chosen = await factory.create_backend(
        settings, ollama_options={"transport": httpx.MockTransport(Recorder())}
    )
    assert isinstance(chosen, OllamaBackend)
    await chosen.aclose()


async def test_auto_without_ollama_or_local_model_says_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(factory, "local_installed", lambda settings: False)
    url = f"http://127.0.0.1:{closed_port()}"
    settings = settings_for(tmp_path, llm_provider="auto", ollama_base_url=url)
    with pytest.raises(NoEngine) as caught:
        await factory.create_llm_client(settings)
    fix = caught.value.fix or ""
    assert "ollama serve" in fix and "ollama pull llama3.1:8b" in fix and "careermate[local]" in fix
    assert "ollama serve" in caught.value.user_message


async def test_auto_with_ollama_missing_the_model_and_no_local_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(factory, "local_installed", lambda settings: False)
    settings = settings_for(tmp_path, llm_provider="auto")
    transport = httpx.MockTransport(Recorder(tags="tags_empty.json"))
    with pytest.raises(ModelMissing) as caught:
        await factory.create_backend(settings, ollama_options={"transport": transport})
    assert "ollama pull llama3.1:8b" in caught.value.user_message


async def test_auto_falls_back_to_the_local_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentinel = object()

    async def fake_load(path: Path | None, n_ctx: int, n_threads: int | None = None) -> object:
        return sentinel

    monkeypatch.setattr(factory, "local_installed", lambda settings: True)
    monkeypatch.setattr(factory, "load_local", fake_load)
    url = f"http://127.0.0.1:{closed_port()}"
    settings = settings_for(tmp_path, llm_provider="auto", ollama_base_url=url)
    assert await factory.create_backend(settings) is sentinel


async def test_doctor_says_which_engine_auto_chose(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, llm_provider="auto")
    transport = httpx.MockTransport(Recorder())
    results = await llm_checks(settings, ollama_options={"transport": transport})
    assert [r.name for r in results][:2] == ["LLM provider (auto)", "LLM engine (auto)"]
    assert all(r.ok for r in results), [r.line() for r in results]
    assert "chose Ollama" in results[0].detail


async def test_doctor_explains_the_fallback_to_the_local_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from careermate_bot.llm.fake import FakeBackend

    async def fake_load(path: Path | None, n_ctx: int, n_threads: int | None = None) -> FakeBackend:
        return FakeBackend(["OK"], name="local")

    monkeypatch.setattr(factory, "local_installed", lambda settings: True)
    monkeypatch.setattr(factory, "load_local", fake_load)
    url = f"http://127.0.0.1:{closed_port()}"
    settings = settings_for(tmp_path, llm_provider="auto", ollama_base_url=url)
    results = await llm_checks(settings)
    assert all(r.ok for r in results), [r.line() for r in results]
    assert "embedded model" in results[0].detail and "engine unreachable" in results[0].detail

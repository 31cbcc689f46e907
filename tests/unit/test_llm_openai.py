"""The OpenAI-compatible backend's protocol handling over httpx.MockTransport (SSE parsing,
response_format fallback, error mapping). tests/llm/test_openai_server.py runs it for real."""

from __future__ import annotations

import json
import logging
import socket

import httpx
import pytest
from pydantic import BaseModel

from careermate_bot.llm import (
    Busy,
    EngineError,
    EngineUnreachable,
    LLMClient,
    ModelMissing,
    message,
)
from careermate_bot.llm.backends.openai_compat import OpenAICompatBackend

HI = [message("user", "hi")]
BASE = "http://127.0.0.1:8000/v1"


def sse(*events: object) -> bytes:
    lines = [f"data: {json.dumps(e) if not isinstance(e, str) else e}\n\n" for e in events]
    return (": keep-alive\n\n" + "".join(lines)).encode()


def chunk(content: str | None = None, finish: str | None = None) -> dict[str, object]:
    delta = {"content": content} if content is not None else {}
    return {
        "id": "c1",
        "object": "chat.completion.chunk",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


STREAM = sse(
    chunk(""),
    chunk("Hello"),
    chunk(" world"),
    chunk(None, "stop"),
    {
        "id": "c1",
        "choices": [],
        "usage": {
            "prompt_tokens": 9,
            "completion_tokens": 2,
            "prompt_tokens_details": {"cached_tokens": 4},
        },
    },
    "[DONE]",
)


def make(handler: object, api_key: str | None = None) -> tuple[LLMClient, OpenAICompatBackend]:
    backend = OpenAICompatBackend(
        BASE,
        "qwen2.5-7b",
        api_key=api_key,
        transport=httpx.MockTransport(handler),  # type: ignore[arg-type]
    )
    return LLMClient(backend, retry_backoff=0.01), backend


async def test_streams_sse_and_reads_usage(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=STREAM, headers={"content-type": "text/event-stream"})

    client, _ = make(handler, api_key="sk-secret-123")
    with caplog.at_level(logging.DEBUG):
        async with client.stream(HI, stop=["###"], max_tokens=20, temperature=0.1) as reply:
            assert [d async for d in reply] == ["Hello", " world"]
    assert reply.call is not None
    assert (reply.call.prompt_tokens, reply.call.completion_tokens, reply.call.cached_tokens) == (
        9,
        2,
        4,
    )
    request = seen[0]
    assert request.url == httpx.URL(BASE + "/chat/completions")
    assert request.headers["authorization"] == "Bearer sk-secret-123"
    body = json.loads(request.content)
    assert body["model"] == "qwen2.5-7b" and body["stream"] is True
    assert body["stop"] == ["###"] and body["max_tokens"] == 20 and body["temperature"] == 0.1
    assert "sk-secret-123" not in caplog.text


async def test_structured_falls_back_to_json_object_when_json_schema_is_rejected() -> None:
    class Tip(BaseModel):
        tip: str

    bodies: list[dict[str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        bodies.append(body)
        if body["response_format"]["type"] == "json_schema":  # type: ignore[index]
            return httpx.Response(
                422, json={"detail": [{"loc": ["body", "response_format", "type"]}]}
            )
        return httpx.Response(
            200, content=sse(chunk('{"tip": "Smile"}'), chunk(None, "stop"), "[DONE]")
        )

    client, backend = make(handler)
    assert await client.structured(HI, Tip) == Tip(tip="Smile")
    assert [b["response_format"]["type"] for b in bodies] == ["json_schema", "json_object"]  # type: ignore[index]
    assert bodies[1]["response_format"]["schema"] == Tip.model_json_schema()  # type: ignore[index]
    assert backend.schema_mode == "json_object"
    await client.structured(HI, Tip)
    assert len(bodies) == 3  # remembered: no second rejection


@pytest.mark.parametrize(
    ("status", "body", "error", "fix_part"),
    [
        (401, {"error": {"message": "Invalid API key"}}, EngineError, "OPENAI_API_KEY"),
        (
            404,
            {"error": {"message": "The model `qwen2.5-7b` does not exist."}},
            ModelMissing,
            "OPENAI_MODEL",
        ),
        (404, {"detail": "Not Found"}, EngineError, "OPENAI_BASE_URL"),
        (429, {"error": "rate limited"}, Busy, None),
        (500, {"error": "boom"}, EngineError, None),
    ],
)
async def test_http_errors_are_typed(
    status: int, body: object, error: type[Exception], fix_part: str | None
) -> None:
    client, _ = make(lambda request: httpx.Response(status, json=body))
    with pytest.raises(error) as caught:
        await client.chat(HI)
    if fix_part:
        assert fix_part in (caught.value.fix or "")  # type: ignore[attr-defined]


async def test_connection_refused_is_unreachable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    backend = OpenAICompatBackend(f"http://127.0.0.1:{port}", "m")
    client = LLMClient(backend, retries=1, retry_backoff=0.01)
    with pytest.raises(EngineUnreachable) as caught:
        await client.chat(HI)
    assert "/v1" in (caught.value.fix or "")  # the base URL lacks /v1: a precise hint
    await client.aclose()


async def test_model_listing_and_check() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"object": "list", "data": [{"id": "other-model"}]})

    _, backend = make(handler)
    assert "1 model" in await backend.check_reachable()
    with pytest.raises(ModelMissing) as caught:
        await backend.check_model()
    assert "other-model" in (caught.value.fix or "")


async def test_an_error_event_mid_stream() -> None:
    body = sse(chunk("Hel"), {"error": {"message": "out of memory"}})
    client, _ = make(lambda request: httpx.Response(200, content=body))
    with pytest.raises(EngineError) as caught:
        await client.chat(HI)
    assert "out of memory" in str(caught.value)

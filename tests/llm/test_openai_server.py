"""The OpenAI-compatible backend against a real server: llama-cpp-python's own
(`python -m llama_cpp.server`) with the same GGUF, started on a free port for this module."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel, Field

from careermate_bot.config import build_settings
from careermate_bot.llm import LLMClient, llm_checks, message
from careermate_bot.llm.backends.openai_compat import OpenAICompatBackend

pytestmark = pytest.mark.llm

ALIAS = "careermate-test"
ASK = [message("user", "Give me one tip for a job interview.")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_url(gguf_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(gguf_path),
        "--model_alias", ALIAS,
        "--n_ctx", "2048",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--verbose", "False",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                output = log_path.read_text()[-3000:]
                pytest.fail(f"llama_cpp.server exited with {process.returncode}:\n{output}")
            try:
                if httpx.get(f"{url}/models", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"llama_cpp.server not ready after 90s:\n{log_path.read_text()[-3000:]}"
                )
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
async def client(server_url: str) -> LLMClient:
    return LLMClient(
        OpenAICompatBackend(server_url, ALIAS), first_token_timeout=60, total_timeout=120
    )


async def test_server_and_model_are_found(server_url: str) -> None:
    backend = OpenAICompatBackend(server_url, ALIAS)
    assert "answers" in await backend.check_reachable()
    assert ALIAS in await backend.check_model()
    await backend.aclose()


async def test_chat_and_stream(client: LLMClient) -> None:
    text = await client.chat(ASK, max_tokens=16, temperature=0)
    assert text.strip()
    async with client.stream(ASK, max_tokens=16, temperature=0) as reply:
        deltas = [d async for d in reply]
    assert len(deltas) > 2 and "".join(deltas) == reply.text
    assert reply.call is not None and reply.call.completion_tokens
    await client.aclose()


async def test_max_tokens_and_stop(client: LLMClient) -> None:
    async with client.stream(ASK, max_tokens=4, temperature=0) as reply:
        async for _ in reply:
            pass
    assert reply.finish_reason == "length"
    free = await client.chat(ASK, max_tokens=24, temperature=0)
    marker = free.split()[2]
    stopped = await client.chat(ASK, max_tokens=24, temperature=0, stop=[marker])
    assert marker not in stopped and free.startswith(stopped)
    await client.aclose()


async def test_structured_output_via_the_schema_fallback(client: LLMClient) -> None:
    class Tip(BaseModel):
        tip: str = Field(min_length=1, max_length=80)

    backend = client.backend
    assert isinstance(backend, OpenAICompatBackend)
    tip = await client.structured(ASK, Tip, max_tokens=60, seed=1)
    assert isinstance(tip, Tip) and tip.tip
    # llama-cpp-python's server rejects the json_schema form; the backend switched and remembers.
    assert backend.schema_mode == "json_object"
    await client.aclose()


async def test_doctor_checks_pass(server_url: str, tmp_path: Path) -> None:
    settings = build_settings(
        _env_file=None, data_dir=tmp_path, llm_provider="openai",
        openai_base_url=server_url, openai_model=ALIAS,
    )  # fmt: skip
    results = await llm_checks(settings)
    assert results and all(r.ok for r in results), [r.line() for r in results]

"""A fake OpenAI-compatible model server on 127.0.0.1, streaming tokens like a real one.

It runs an aiohttp server in its own process (like a real engine: the bot's process only pays
for its own work, with no GIL shared), answers `GET /v1/models` and `POST /v1/chat/completions` with
server-sent events, and can be told to misbehave: die mid-stream (the connection is cut),
stall (stops sending for a while), send garbage (a malformed event), answer HTTP 500/429/503,
hang altogether (`pause`), or be killed and started again on the same port. Faults are set
through /_control.

The reply is deterministic: `reply_for(last user message)`, so a test can check exactly what
reached the user and the history.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

MODEL = "fake-load-model"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


TAG = re.compile(r"\bu\d+m\d+\b")
USER_TAG = re.compile(r"\bu(\d+)m\d+\b")


LONG = "(long)"  # in a user message: a longer answer, three sentences


def reply_for(text: str) -> str:
    """What the fake model answers to a user message (words streamed one per event): the
    message's tag (`u12m3`) and a fixed tip, so a test knows exactly what each user should see."""
    found = TAG.search(text)
    answer = f"Answer {found.group(0) if found else 'ok'}: build one small project this week."
    more = " Then show it to a friend. Ask them what they would change."
    return answer + more if LONG in text else answer


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Fault:
    """Misbehaviour for the next `count` chat requests."""

    kind: str  # exit | die | stall | garbage | http500 | http429 | http503
    count: int = 1
    match: str | None = None  # only requests whose last user message contains this
    after_tokens: int = 2  # die/stall/garbage: after this many tokens
    stall_seconds: float = 5.0


@dataclass
class ServerStats:
    requests: int = 0
    completed: int = 0
    faulted: dict[str, int] = field(default_factory=dict)
    max_concurrent: int = 0
    # When each chat request ran: (arrived, ended, tag's user) on the host's monotonic clock
    # (the same in every process), ended when the last event was about to be written, or when
    # the client went away (a real engine stops generating then); the user from the message's
    # tag (`u12m3` -> "12"), "" without one. The newest MAX_SPANS only.
    spans: list[tuple[float, float, str]] = field(default_factory=list)


MAX_SPANS = 20_000


def peak_overlap(spans: Sequence[Sequence[Any]]) -> int:
    """The most spans open at one instant (an end at the same instant as a start closes first)."""
    events = sorted([(span[0], 1) for span in spans] + [(span[1], -1) for span in spans])
    peak = running = 0
    for _, step in events:
        running += step
        peak = max(peak, running)
    return peak


class FakeLLMApp:
    """The server side (runs in its own process: `python -m tests.load.fake_llm --port N`)."""

    def __init__(self, token_delay: float) -> None:
        self.token_delay = token_delay
        self.stats = ServerStats()
        self._faults: list[Fault] = []
        self._active = 0

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1/models", self._models)
        app.router.add_get("/health", self._health)  # like vLLM's (routers probe it)
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/_control/faults", self._add_fault)
        app.router.add_delete("/_control/faults", self._clear_faults)
        app.router.add_get("/_control/stats", self._stats)
        return app

    async def _add_fault(self, request: web.Request) -> web.Response:
        self._faults.append(Fault(**await request.json()))
        return web.json_response({"ok": True})

    async def _clear_faults(self, _request: web.Request) -> web.Response:
        self._faults.clear()
        return web.json_response({"ok": True})

    async def _stats(self, _request: web.Request) -> web.Response:
        return web.json_response(asdict(self.stats))

    def _take_fault(self, user_text: str) -> Fault | None:
        self._faults = [f for f in self._faults if f.count > 0]
        fault = next((f for f in self._faults if f.match is None or f.match in user_text), None)
        if fault is None:
            return None
        fault.count -= 1
        self.stats.faulted[fault.kind] = self.stats.faulted.get(fault.kind, 0) + 1
        return fault

    async def _health(self, _request: web.Request) -> web.Response:
        return web.Response()

    async def _models(self, _request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": [{"id": MODEL, "object": "model"}]})

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.stats.requests += 1
        self._active += 1
        self.stats.max_concurrent = max(self.stats.max_concurrent, self._active)
        arrived = time.monotonic()
        answered: list[float] = []  # when the answer was complete, if it was
        user_text = next(
            (m["content"] for m in reversed(body.get("messages", [])) if m["role"] == "user"), ""
        )
        tagged = USER_TAG.search(user_text)
        try:
            return await self._answer(request, user_text, answered)
        finally:
            self._active -= 1
            ended = answered[0] if answered else time.monotonic()
            self.stats.spans.append((arrived, ended, tagged.group(1) if tagged else ""))
            del self.stats.spans[:-MAX_SPANS]

    async def _answer(
        self, request: web.Request, user_text: str, answered: list[float]
    ) -> web.StreamResponse:
        fault = self._take_fault(user_text)
        if fault is not None and fault.kind == "http500":
            return web.json_response({"error": {"message": "engine crashed"}}, status=500)
        if fault is not None and fault.kind == "http429":
            return web.json_response({"error": {"message": "too many requests"}}, status=429)
        if fault is not None and fault.kind == "http503":
            return web.json_response({"error": {"message": "server overloaded"}}, status=503)
        words = reply_for(user_text).split(" ")
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for index, word in enumerate(words):
            if fault is not None and index == fault.after_tokens:
                if fault.kind == "exit":
                    os._exit(1)  # the engine process crashes mid-answer
                if fault.kind == "die":
                    # The engine process dies: the connection is cut mid-answer.
                    assert request.transport is not None
                    request.transport.abort()
                    return response
                if fault.kind == "stall":
                    await asyncio.sleep(fault.stall_seconds)
                if fault.kind == "garbage":
                    await response.write(b"data: {this is not json\n\n")
                    await response.write(b"data: [DONE]\n\n")
                    return response
            piece = word if index == 0 else " " + word
            chunk = {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": MODEL,
                "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
            }
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())
            if self.token_delay:
                await asyncio.sleep(self.token_delay)
        answered.append(time.monotonic())  # before the client can learn the answer is over
        final = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "model": MODEL,
            "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 10, "completion_tokens": len(words), "total_tokens": 0},
        }
        await response.write(f"data: {json.dumps(final)}\n\n".encode())
        await response.write(b"data: [DONE]\n\n")
        self.stats.completed += 1
        return response


class FakeLLMServer:
    """The test's handle on the fake server process: start, stop, inject faults, read stats."""

    def __init__(self, *, token_delay: float = 0.002, port: int | None = None) -> None:
        self.token_delay = token_delay
        self.port = port or free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _control(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/_control/{path}", data=data, method=method
        )
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def inject(self, fault: Fault) -> None:
        self._control("POST", "faults", asdict(fault))

    def clear_faults(self) -> None:
        self._control("DELETE", "faults")

    @property
    def stats(self) -> ServerStats:
        return ServerStats(**self._control("GET", "stats"))

    def start(self) -> FakeLLMServer:
        command = [sys.executable, "-m", "tests.load.fake_llm", "--port", str(self.port)]
        command += ["--token-delay", str(self.token_delay)]
        self._process = subprocess.Popen(command, cwd=PROJECT_ROOT)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=1):
                    return self
            except OSError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the fake LLM server did not start") from None
                time.sleep(0.05)

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def pause(self) -> None:
        """The engine hangs: its process is stopped (SIGSTOP), connections are accepted by the
        kernel but nothing answers until `resume()`."""
        if self._process is not None:
            self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        """The engine process goes away (connections refused until `start()`, same port)."""
        if self._process is not None:
            self._process.send_signal(signal.SIGCONT)  # a paused process dies as well
            self._process.kill()
            self._process.wait(10)
            self._process = None


def main() -> None:
    parser = argparse.ArgumentParser(description="A fake OpenAI-compatible server for tests")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token-delay", type=float, default=0.002)
    args = parser.parse_args()
    web.run_app(
        FakeLLMApp(args.token_delay).app(),
        host="127.0.0.1",
        port=args.port,
        print=None,
        reuse_address=True,
        handle_signals=True,
        # A client that goes away (a timeout, Stop, a killed bot) ends its generation, as on a
        # real engine (vLLM and Ollama abort it), instead of a stall running on unseen.
        handler_cancellation=True,
    )


if __name__ == "__main__":
    main()

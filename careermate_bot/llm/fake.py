"""A scripted engine for tests of other layers: the real `LLMClient` runs on top of it.

    backend = FakeBackend(["Hi!", EngineUnreachable("down"), FakeReply(["a", "b"], delay=0.1)])
    client = fake_client(backend)            # or fake_client(["one reply", "another"])

Each call takes the next script item (the last one repeats when the script runs out):
a ``str`` is streamed word by word, an exception is raised, a `FakeReply` gives full control.
`backend.calls` records the messages and parameters of every call.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from careermate_bot.llm.client import LLMClient
from careermate_bot.llm.types import Done, FinishReason, GenParams, LLMMessage


@dataclass(slots=True)
class FakeReply:
    """One scripted reply. `chunks` are streamed in order."""

    chunks: Sequence[str]
    delay: float = 0.0  # between chunks
    first_delay: float = 0.0  # before the first chunk (time to first token)
    finish_reason: FinishReason = "stop"
    error_after: BaseException | None = None  # raised after the chunks instead of finishing
    hang: bool = False  # stop sending after the chunks and never finish (a stalled stream)
    prompt_tokens: int | None = None


ScriptItem = (
    str | BaseException | FakeReply | Callable[[Sequence[LLMMessage], GenParams], "ScriptItem"]
)


def _words(text: str) -> list[str]:
    parts = text.split(" ")
    return [p + (" " if i < len(parts) - 1 else "") for i, p in enumerate(parts)]


@dataclass(slots=True)
class FakeCall:
    messages: list[LLMMessage]
    params: GenParams


@dataclass
class FakeBackend:
    script: list[ScriptItem] = field(default_factory=lambda: ["Hello from the fake model."])
    name: str = "fake"
    model: str = "fake-model"
    max_parallel: int | None = None
    reachable: bool = True
    has_model: bool = True
    calls: list[FakeCall] = field(default_factory=list)
    active: int = 0  # generations running right now
    peak_active: int = 0
    cancelled: int = 0  # generations stopped before they finished
    closed: bool = False

    async def stream(
        self, messages: Sequence[LLMMessage], params: GenParams
    ) -> AsyncIterator[str | Done]:
        self.calls.append(FakeCall(list(messages), params))
        index = min(len(self.calls) - 1, len(self.script) - 1)
        item: Any = self.script[index]
        while callable(item) and not isinstance(item, BaseException):
            item = item(messages, params)
        if isinstance(item, BaseException):
            raise item
        reply = item if isinstance(item, FakeReply) else FakeReply(_words(item))
        self.active += 1
        self.peak_active = max(self.peak_active, self.active)
        finished = False
        try:
            if reply.first_delay:
                await asyncio.sleep(reply.first_delay)
            chunks = list(reply.chunks)
            if reply.finish_reason == "length":
                chunks = chunks[: params.max_tokens]
            for number, chunk in enumerate(chunks):
                if number and reply.delay:
                    await asyncio.sleep(reply.delay)
                yield chunk
            if reply.hang:
                await asyncio.Event().wait()
            if reply.error_after is not None:
                raise reply.error_after
            finished = True
            yield Done(
                finish_reason=reply.finish_reason,
                prompt_tokens=reply.prompt_tokens
                if reply.prompt_tokens is not None
                else sum(len(m["content"].split()) for m in messages),
                completion_tokens=len(chunks),
            )
        finally:
            self.active -= 1
            if not finished:
                self.cancelled += 1

    async def check_reachable(self) -> str:
        from careermate_bot.llm.errors import EngineUnreachable

        if not self.reachable:
            raise EngineUnreachable("fake engine is down", fix="start the fake engine")
        return "fake engine"

    async def check_model(self) -> str:
        from careermate_bot.llm.errors import ModelMissing

        if not self.has_model:
            raise ModelMissing(f"fake model {self.model} missing", fix="pull the fake model")
        return self.model

    async def aclose(self) -> None:
        self.closed = True


def fake_client(
    script: FakeBackend | Sequence[ScriptItem] | None = None, **client_options: Any
) -> LLMClient:
    """An `LLMClient` over a `FakeBackend` (fast retries by default)."""
    backend = script if isinstance(script, FakeBackend) else FakeBackend(list(script or ["Hello."]))
    client_options.setdefault("retry_backoff", 0.01)
    return LLMClient(backend, **client_options)

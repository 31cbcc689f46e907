"""Small shared types: the message dict, generation parameters, the end-of-stream record."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypedDict

Role = Literal["system", "user", "assistant"]
FinishReason = Literal["stop", "length"]


class LLMMessage(TypedDict):
    """One chat message as every backend takes it: ``{"role": ..., "content": ...}``.

    Named so it never clashes with the ORM's ``models.ChatMessage``.
    """

    role: Role
    content: str


def message(role: Role, content: str) -> LLMMessage:
    return {"role": role, "content": content}


@dataclass(frozen=True, slots=True)
class GenParams:
    """What one generation may do. `json_schema` turns on schema-constrained output."""

    temperature: float
    max_tokens: int
    num_ctx: int
    stop: tuple[str, ...] = ()
    json_schema: dict[str, Any] | None = None
    seed: int | None = None
    # None = the engine's own default (careermate_bot/llm/sampling.py sets them per model).
    top_p: float | None = None
    repeat_penalty: float | None = None
    presence_penalty: float | None = None


@dataclass(frozen=True, slots=True)
class Done:
    """The last item a backend stream yields: why it stopped and what it cost."""

    finish_reason: FinishReason = "stop"
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    # Prompt tokens the engine did not have to evaluate again (prefix/KV cache), when known.
    cached_tokens: int | None = None


class Backend(Protocol):
    """One engine. Backends raise only `careermate_bot.llm.errors` types.

    `stream` yields text deltas (``str``) and finally one `Done`. It must stop generating
    promptly when the iteration is closed or cancelled.
    """

    name: str
    model: str
    # A hard cap on parallel generations this engine supports (None = no cap of its own).
    max_parallel: int | None

    def stream(
        self, messages: Sequence[LLMMessage], params: GenParams
    ) -> AsyncIterator[str | Done]: ...

    async def check_reachable(self) -> str:
        """Return a one-line description of the engine, or raise EngineUnreachable/NoEngine."""
        ...

    async def check_model(self) -> str:
        """Return a one-line description of the model, or raise ModelMissing."""
        ...

    async def aclose(self) -> None: ...


def normalize_messages(messages: Sequence[LLMMessage]) -> list[LLMMessage]:
    """Merge all system messages into one leading message and merge consecutive same-role turns.

    Strict chat templates (gemma) require user/assistant alternation; doing this once here keeps
    every backend's input well formed. A conversation that starts with the assistant gets an
    empty user turn in front.
    """
    system_parts = [m["content"] for m in messages if m["role"] == "system" and m["content"]]
    merged: list[LLMMessage] = []
    for item in messages:
        if item["role"] == "system":
            continue
        if merged and merged[-1]["role"] == item["role"]:
            merged[-1] = message(item["role"], merged[-1]["content"] + "\n\n" + item["content"])
        else:
            merged.append(message(item["role"], item["content"]))
    if merged and merged[0]["role"] == "assistant":
        merged.insert(0, message("user", ""))
    if system_parts:
        merged.insert(0, message("system", "\n\n".join(system_parts)))
    return merged

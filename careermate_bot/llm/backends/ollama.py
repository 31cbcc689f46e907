"""Ollama through the official `ollama` AsyncClient: streaming chat, JSON-schema `format`,
`keep_alive`, options (temperature, num_ctx, num_predict, stop, seed)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx
import ollama

from careermate_bot.llm.backends.hints import container_hint, ollama_url_hint
from careermate_bot.llm.errors import (
    Busy,
    EngineError,
    EngineUnreachable,
    LLMError,
    ModelMissing,
    with_status,
)
from careermate_bot.llm.types import Done, GenParams, LLMMessage

log = logging.getLogger(__name__)

_CONNECT_ERRORS = (ConnectionError, httpx.ConnectError, httpx.ConnectTimeout)
# Ollama answers 503 "server busy, please try again.  maximum pending requests exceeded" when
# its queue (OLLAMA_MAX_QUEUE, default 512) is full; a proxy or a hosted Ollama may say 429.
BUSY_STATUSES = (429, 503)
BUSY_FIX = (
    "Ollama's queue is full: lower LLM_MAX_CONCURRENCY, raise OLLAMA_NUM_PARALLEL / "
    "OLLAMA_MAX_QUEUE on the server, or add servers (LLM_BASE_URLS)"
)


def model_matches(wanted: str, available: str) -> bool:
    """``llama3.1`` means ``llama3.1:latest``; names compare case-insensitively."""
    wanted, available = wanted.lower(), available.lower()
    if ":" not in wanted:
        wanted += ":latest"
    if ":" not in available:
        available += ":latest"
    return wanted == available


class OllamaBackend:
    name = "ollama"
    max_parallel: int | None = None

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        keep_alive: str | float | None = "30m",
        connect_timeout: float = 5.0,
        **httpx_options: Any,
    ) -> None:
        """`httpx_options` go to the underlying httpx.AsyncClient (tests pass a `transport`)."""
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.keep_alive = keep_alive
        timeout = httpx.Timeout(connect=connect_timeout, read=None, write=30.0, pool=None)
        self._client = ollama.AsyncClient(host=self.base_url, timeout=timeout, **httpx_options)

    # Generation ----------------------------------------------------------------------------------
    async def stream(
        self, messages: Sequence[LLMMessage], params: GenParams
    ) -> AsyncIterator[str | Done]:
        options: dict[str, Any] = {
            "temperature": params.temperature,
            "num_ctx": params.num_ctx,
            "num_predict": params.max_tokens,
        }
        if params.stop:
            options["stop"] = list(params.stop)
        if params.seed is not None:
            options["seed"] = params.seed
        for name in ("top_p", "repeat_penalty", "presence_penalty"):
            value = getattr(params, name)
            if value is not None:
                options[name] = value
        try:
            parts = await self._client.chat(
                model=self.model,
                messages=[dict(m) for m in messages],
                stream=True,
                format=params.json_schema,
                options=options,
                keep_alive=self.keep_alive,
            )
            async for part in parts:
                content = part.message.content if part.message else None
                if content:
                    yield content
                if part.done:
                    yield Done(
                        finish_reason="length" if part.done_reason == "length" else "stop",
                        prompt_tokens=part.prompt_eval_count,
                        completion_tokens=part.eval_count,
                    )
                    return
            raise EngineError(f"Ollama at {self.base_url} ended the stream without a final chunk")
        except LLMError:
            raise
        except Exception as error:
            raise self._translate(error) from None

    # Health --------------------------------------------------------------------------------------
    async def list_models(self) -> list[str]:
        try:
            listing = await self._client.list()
        except Exception as error:
            raise self._translate(error, listing=True) from None
        return [m.model for m in listing.models if m.model]

    async def check_reachable(self) -> str:
        names = await self.list_models()
        return f"Ollama answers at {self.base_url} ({len(names)} model(s) installed)"

    async def check_model(self) -> str:
        names = await self.list_models()
        if any(model_matches(self.model, name) for name in names):
            return f"model {self.model} is installed"
        raise self._missing(
            f"model {self.model!r} not in Ollama's list: {', '.join(names) or 'none'}"
        )

    async def aclose(self) -> None:
        await self._client.close()  # type: ignore[no-untyped-call]  # ollama leaves it untyped

    # Errors --------------------------------------------------------------------------------------
    def _missing(self, detail: str) -> ModelMissing:
        return ModelMissing(
            detail,
            user_message=f"The model `{self.model}` isn't installed. "
            f"Run `ollama pull {self.model}`.",
            fix=f"ollama pull {self.model} (or set OLLAMA_MODEL to one you have: `ollama list`)",
        )

    def _unreachable(self, detail: str) -> EngineUnreachable:
        hint = ollama_url_hint(self.base_url)
        user = "I can't reach my language model. Is Ollama running? Start it with `ollama serve`."
        if hint:
            user += f" Also check OLLAMA_BASE_URL: {hint}."
        fix = hint or "start Ollama with `ollama serve` (install: https://ollama.com/download)"
        maybe = container_hint(self.base_url)
        if maybe and not hint:
            fix += f"; if CareerMate runs in a container: {maybe}"
        return EngineUnreachable(detail, user_message=user, fix=fix)

    def _translate(self, error: Exception, *, listing: bool = False) -> LLMError:
        where = f"Ollama at {self.base_url}"
        if isinstance(error, _CONNECT_ERRORS):
            return self._unreachable(f"cannot connect to {where}: {error or type(error).__name__}")
        if isinstance(error, ollama.ResponseError):
            text = str(error.error)
            status = error.status_code if error.status_code > 0 else None
            if status in BUSY_STATUSES or (status is None and "server busy" in text.lower()):
                busy = Busy(f"{where} is busy (HTTP {status}): {text[:500]}", fix=BUSY_FIX)
                return with_status(busy, status)
            if error.status_code == 404 and "not found" in text.lower() and not listing:
                return self._missing(f"{where}: {text}")
            if error.status_code == 404 and listing:
                hint = ollama_url_hint(self.base_url) or "check the port: Ollama listens on 11434"
                return EngineUnreachable(
                    f"{where} answered 404 for /api/tags: something else is listening there",
                    user_message=f"OLLAMA_BASE_URL doesn't point at Ollama: {hint}.",
                    fix=hint,
                )
            failed = EngineError(f"{where} answered HTTP {error.status_code}: {text[:500]}")
            return with_status(failed, status)
        if isinstance(error, json.JSONDecodeError):
            hint = (
                ollama_url_hint(self.base_url)
                or "check OLLAMA_BASE_URL: the answer was not Ollama's JSON"
            )
            return EngineError(f"{where} sent something that is not JSON: {error}", fix=hint)
        if isinstance(error, httpx.TransportError):
            return EngineError(
                f"connection to {where} failed mid-answer: {type(error).__name__}: {error}"
            )
        log.exception("unexpected error from Ollama")
        return EngineError(f"{where}: {type(error).__name__}: {error}")

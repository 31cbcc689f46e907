"""Health checks for `careermate doctor` (and a later /status): engine, model, one token."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from careermate_bot.checks import CheckResult
from careermate_bot.llm.client import LLMClient
from careermate_bot.llm.errors import LLMError
from careermate_bot.llm.factory import create_backend, resolve_auto_explained
from careermate_bot.llm.types import Backend, message

if TYPE_CHECKING:
    from careermate_bot.config import Settings


def _failed(name: str, error: LLMError) -> CheckResult:
    return CheckResult(name, False, error.detail, error.fix or error.user_message)


async def llm_checks(
    settings: Settings,
    *,
    backend: Backend | None = None,
    ollama_options: dict[str, Any] | None = None,
) -> list[CheckResult]:
    """Configured engine reachable, model present, a one-token generation; each with its fix.

    Stops at the first failure (later checks cannot pass without it).
    """
    results: list[CheckResult] = []
    label = f"LLM engine ({settings.llm_provider})"
    owned = backend is None
    if backend is None:
        try:
            if settings.llm_provider == "auto":
                backend, why = await resolve_auto_explained(settings, ollama_options=ollama_options)
                results.append(CheckResult("LLM provider (auto)", True, why))
            else:
                backend = await create_backend(settings, ollama_options=ollama_options)
        except LLMError as error:
            return [_failed(label, error)]
    try:
        try:
            results.append(
                CheckResult(label, True, f"{backend.name}: {await backend.check_reachable()}")
            )
        except LLMError as error:
            return [*results, _failed(label, error)]
        try:
            results.append(CheckResult("LLM model", True, await backend.check_model()))
        except LLMError as error:
            return [*results, _failed("LLM model", error)]
        client = LLMClient(
            backend,
            first_token_timeout=settings.llm_first_token_timeout,
            total_timeout=settings.llm_total_timeout,
            num_ctx=settings.llm_num_ctx,
            retries=0,
        )
        started = time.perf_counter()
        try:
            reply = await client.chat(
                [message("user", "Reply with the single word OK.")], max_tokens=1, temperature=0
            )
        except LLMError as error:
            return [*results, _failed("LLM generation", error)]
        elapsed = time.perf_counter() - started
        results.append(
            CheckResult("LLM generation", True, f"one token in {elapsed:.2f}s ({reply[:20]!r})")
        )
        return results
    finally:
        if owned:
            await backend.aclose()

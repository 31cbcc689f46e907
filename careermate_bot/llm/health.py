"""Health checks for `careermate doctor` (and a later /status): engine, model, one token."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from careermate_bot.checks import CheckResult
from careermate_bot.llm.client import LLMClient
from careermate_bot.llm.errors import LLMError
from careermate_bot.llm.factory import create_backend, resolve_auto_explained
from careermate_bot.llm.sampling import sampling_for
from careermate_bot.llm.types import Backend, message

if TYPE_CHECKING:
    from careermate_bot.config import Settings


BASE_MODEL_FIX = (
    "a base model only continues text: it echoes prompts and loops instead of answering. Unset "
    "LOCAL_MODEL_PATH to use the bundled SmolLM2-135M-Instruct, or point it at an "
    "instruction-tuned GGUF (names with -Instruct, -it or -chat)"
)


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
            detail = await backend.check_model()
        except LLMError as error:
            return [*results, _failed("LLM model", error)]
        info = getattr(backend, "info", None)  # the embedded model's GGUF metadata
        base = info is not None and not info.instruction_tuned
        results.append(
            CheckResult("LLM model", True, detail, BASE_MODEL_FIX if base else None, warning=base)
        )
        sampling = sampling_for(backend.name, settings)
        results.append(
            CheckResult(
                "LLM sampling",
                True,
                f"temperature {sampling.temperature:g}, top_p {sampling.top_p:g}, repeat penalty "
                f"{sampling.repeat_penalty:g}, presence penalty {sampling.presence_penalty:g}, "
                f"at most {sampling.max_tokens} tokens per reply",
            )
        )
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

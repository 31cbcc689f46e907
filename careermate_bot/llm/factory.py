"""Build the engine named by LLM_PROVIDER and the shared `LLMClient` around it."""

from __future__ import annotations

import asyncio
import atexit
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careermate_bot.llm.backends.fleet import FleetBackend
from careermate_bot.llm.backends.local import (
    INSTALL_HINT,
    LocalBackend,
    llama_cpp_available,
    resolve_model_path,
)
from careermate_bot.llm.backends.ollama import OllamaBackend
from careermate_bot.llm.backends.openai_compat import OpenAICompatBackend
from careermate_bot.llm.client import LLMClient
from careermate_bot.llm.endpoint_health import HealthBoard
from careermate_bot.llm.errors import LLMError, ModelMissing, NoEngine
from careermate_bot.llm.scheduler import ClusterLink
from careermate_bot.llm.types import Backend

if TYPE_CHECKING:
    from careermate_bot.config import Settings

log = logging.getLogger(__name__)

# One loaded GGUF per (path, context size) for the whole process: loading it twice only wastes
# memory, and keeping one instance is what lets llama.cpp reuse its prompt cache.
_LOCAL_MODELS: dict[tuple[str, int], LocalBackend] = {}
_LOCAL_LOCK = threading.Lock()


def make_ollama(settings: Settings, **httpx_options: Any) -> OllamaBackend:
    return OllamaBackend(
        settings.ollama_base_url,
        settings.ollama_model,
        keep_alive=settings.ollama_keep_alive,
        connect_timeout=settings.llm_connect_timeout,
        **httpx_options,
    )


def make_openai(settings: Settings, **httpx_options: Any) -> OpenAICompatBackend:
    return OpenAICompatBackend(
        settings.openai_base_url,
        settings.openai_model,
        api_key=settings.openai_api_key,
        connect_timeout=settings.llm_connect_timeout,
        **httpx_options,
    )


def make_fleet(
    settings: Settings,
    kind: str,
    *,
    health: HealthBoard | None = None,
    **httpx_options: Any,
) -> FleetBackend:
    """LLM_BASE_URLS as one backend: each URL an Ollama (`kind` ``ollama``) or an
    OpenAI-compatible (``openai``) server with the configured model."""
    members: dict[str, Backend] = {}
    for url in settings.llm_base_urls:
        one = settings.model_copy(update={"ollama_base_url": url, "openai_base_url": url})
        make = make_ollama if kind == "ollama" else make_openai
        members[url] = make(one, **httpx_options)
    return FleetBackend(
        members,
        health=health,
        eject_seconds=settings.llm_eject_seconds,
        probe_interval=settings.llm_probe_interval,
        probe_timeout=max(settings.llm_connect_timeout, 2.0),
        affinity=settings.llm_affinity,
        # Half the first-token limit per server: a hung one leaves time to ask the next.
        attempt_timeout=settings.llm_first_token_timeout / 2 if len(members) > 1 else None,
    )


def make_server(
    settings: Settings,
    kind: str,
    *,
    health: HealthBoard | None = None,
    **httpx_options: Any,
) -> Backend:
    """The Ollama / OpenAI-compatible engine: a fleet when LLM_BASE_URLS is set, else the one
    server at OLLAMA_BASE_URL / OPENAI_BASE_URL."""
    if settings.llm_base_urls:
        return make_fleet(settings, kind, health=health, **httpx_options)
    if kind == "ollama":
        return make_ollama(settings, **httpx_options)
    return make_openai(settings, **httpx_options)


def server_address(settings: Settings) -> str:
    """Where the Ollama engine is, for log lines and `auto`'s explanation."""
    if settings.llm_base_urls:
        return f"LLM_BASE_URLS ({', '.join(settings.llm_base_urls)})"
    return settings.ollama_base_url


def load_local_sync(path: Path | None, n_ctx: int, n_threads: int | None = None) -> LocalBackend:
    """The process-wide embedded model for `path` (LOCAL_MODEL_PATH or the bundled GGUF),
    loaded on first use (blocking). `n_threads`: LOCAL_THREADS (None = the cores available)."""
    if not llama_cpp_available():
        raise NoEngine("llama-cpp-python is not installed", fix=INSTALL_HINT)
    resolved = resolve_model_path(path)
    key = (str(resolved.resolve()), n_ctx)
    with _LOCAL_LOCK:
        backend = _LOCAL_MODELS.get(key)
        if backend is None:
            backend = LocalBackend.load_sync(resolved, n_ctx=n_ctx, n_threads=n_threads)
            if not _LOCAL_MODELS:
                atexit.register(unload_local_models)
            _LOCAL_MODELS[key] = backend
    return backend


def unload_local_models() -> None:
    """Free every process-wide local model (also run at exit, before Python tears down the
    modules llama-cpp-python's finalizer needs)."""
    with _LOCAL_LOCK:
        backends = list(_LOCAL_MODELS.values())
        _LOCAL_MODELS.clear()
    for backend in backends:
        backend.unload()


async def load_local(path: Path | None, n_ctx: int, n_threads: int | None = None) -> LocalBackend:
    """`load_local_sync` in a worker thread, so loading never blocks the event loop."""
    # A one-off at start-up (or a model switch), not per request: the default pool is enough.
    return await asyncio.to_thread(load_local_sync, path, n_ctx, n_threads)


def local_installed(settings: Settings) -> bool:
    if not llama_cpp_available():
        return False
    try:
        resolve_model_path(settings.local_model_path)
    except LLMError:
        return False
    return True


async def create_backend(
    settings: Settings,
    *,
    ollama_options: dict[str, Any] | None = None,
    endpoint_health: HealthBoard | None = None,
) -> Backend:
    """The engine LLM_PROVIDER names; ``auto`` picks Ollama, else the embedded model.
    `endpoint_health`: where a fleet (LLM_BASE_URLS) shares its endpoints' health (None = in
    this process only)."""
    provider = settings.llm_provider
    if provider == "ollama":
        return make_server(settings, "ollama", health=endpoint_health, **(ollama_options or {}))
    if provider == "openai":
        return make_server(settings, "openai", health=endpoint_health)
    if provider == "local":
        if settings.llm_base_urls:
            log.warning("LLM_BASE_URLS is ignored with LLM_PROVIDER=local")
        return await load_local(
            settings.local_model_path, settings.llm_num_ctx, settings.local_threads
        )
    return await resolve_auto(
        settings, ollama_options=ollama_options, endpoint_health=endpoint_health
    )


async def resolve_auto(
    settings: Settings,
    *,
    ollama_options: dict[str, Any] | None = None,
    endpoint_health: HealthBoard | None = None,
) -> Backend:
    backend, _ = await resolve_auto_explained(
        settings, ollama_options=ollama_options, endpoint_health=endpoint_health
    )
    return backend


async def resolve_auto_explained(
    settings: Settings,
    *,
    ollama_options: dict[str, Any] | None = None,
    endpoint_health: HealthBoard | None = None,
) -> tuple[Backend, str]:
    """`LLM_PROVIDER=auto`: the engine and one line saying why it was chosen (with
    LLM_BASE_URLS: a fleet of Ollama servers, chosen when one of them has the model)."""
    ollama = make_server(settings, "ollama", health=endpoint_health, **(ollama_options or {}))
    try:
        await ollama.check_model()
    except LLMError as problem:
        await ollama.aclose()
        if await asyncio.to_thread(local_installed, settings):  # once, at start-up
            log.info("LLM_PROVIDER=auto: Ollama not usable (%s); using the embedded model", problem)
            backend = await load_local(
                settings.local_model_path, settings.llm_num_ctx, settings.local_threads
            )
            why = (
                f"chose the embedded model: Ollama at {server_address(settings)} is not usable "
                f"({problem.kind.replace('_', ' ')})"
            )
            return backend, why
        if isinstance(problem, ModelMissing):
            raise ModelMissing(
                f"auto: {problem.detail}; the embedded model is not installed either",
                user_message=problem.user_message,
                fix=f"{problem.fix}; or {INSTALL_HINT}",
            ) from None
        raise NoEngine(
            f"auto: Ollama not usable at {server_address(settings)} ({problem.detail}) and the "
            "embedded model is not installed",
            fix=(
                f"start Ollama (`ollama serve`, then `ollama pull {settings.ollama_model}`; "
                f"{problem.fix}) or {INSTALL_HINT}"
            ),
        ) from None
    log.info(
        "LLM_PROVIDER=auto: using Ollama at %s with %s",
        server_address(settings),
        settings.ollama_model,
    )
    return ollama, f"chose Ollama at {server_address(settings)} (it has {settings.ollama_model})"


async def create_llm_client(
    settings: Settings,
    *,
    ollama_options: dict[str, Any] | None = None,
    cluster: Callable[[Backend], ClusterLink | None] | None = None,
    endpoint_health: HealthBoard | None = None,
) -> LLMClient:
    """The process's shared client. Raises a typed `LLMError` (with `fix`) when no engine fits.
    `cluster(backend)`: its link to the other bot processes (`SharedState.llm_link`), if any.
    With a fleet and no LLM_MAX_CONCURRENCY, the default of 2 generations at once applies per
    endpoint."""
    backend = await create_backend(
        settings, ollama_options=ollama_options, endpoint_health=endpoint_health
    )
    if isinstance(backend, FleetBackend) and settings.llm_max_concurrency is None:
        per_fleet = min(64, 2 * len(backend.endpoints))
        settings = settings.model_copy(update={"llm_max_concurrency": per_fleet})
    client = LLMClient.from_settings(
        settings, backend, cluster=cluster(backend) if cluster is not None else None
    )
    log.info(
        "LLM client ready: %s / %s, %s generation(s) at once, queue of %s",
        backend.name,
        backend.model,
        client.max_concurrency,
        settings.llm_queue_size,
    )
    return client

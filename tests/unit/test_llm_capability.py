"""Capability per task (careermate_bot/llm/capability.py): results per (provider, model),
stored beside the database, the shipped result for the embedded model, and what services get."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careermate_bot.config import build_settings
from careermate_bot.llm.capability import (
    MIN_CASES,
    SHIPPED_FILE,
    TASKS,
    THRESHOLDS,
    Capabilities,
    ModelEval,
    Task,
    TaskResult,
    eval_path,
    load_evaluations,
    save_evaluation,
    shipped_evaluations,
)
from careermate_bot.llm.fake import FakeBackend, fake_client
from careermate_bot.services.container import AppServices

EMBEDDED = ("local", "SmolLM2-135M-Instruct.Q4_1")


def _result(task: Task, passed: int, total: int) -> TaskResult:
    return TaskResult(task=task, passed=passed, total=total, threshold=THRESHOLDS[task])


def test_a_task_passes_only_at_its_threshold_with_enough_cases() -> None:
    assert _result("small_talk", 27, 30).ok  # 90%
    assert not _result("small_talk", 26, 30).ok
    assert not _result("career_summary", 4, 10).ok
    assert _result("career_summary", 8, 10).ok
    assert not _result("career_summary", MIN_CASES - 1, MIN_CASES - 1).ok  # too few cases
    assert _result("small_talk", 28, 30).line() == "small talk ✓ 28/30"
    assert _result("career_summary", 4, 10).line() == "career summary ✗ 4/10 → deterministic"


def test_results_are_stored_per_model_and_replaced_on_a_new_run(tmp_path: Path) -> None:
    path = eval_path(tmp_path)
    first = ModelEval.now("ollama", "qwen2.5:7b", {"small_talk": _result("small_talk", 10, 30)})
    other = ModelEval.now("openai", "llama-3.1-8b", {"small_talk": _result("small_talk", 30, 30)})
    save_evaluation(path, first)
    save_evaluation(path, other)
    again = ModelEval.now("ollama", "qwen2.5:7b", {"small_talk": _result("small_talk", 29, 30)})
    save_evaluation(path, again)
    stored = load_evaluations(path)
    assert [(e.provider, e.results["small_talk"].passed) for e in stored] == [
        ("openai", 30),
        ("ollama", 29),
    ]
    caps = Capabilities.for_model("ollama", "qwen2.5:7b", tmp_path)
    assert caps.allows("small_talk") and not caps.allows("career_summary")
    assert "measured" in caps.source
    assert json.loads(path.read_text())["version"] == 1


def test_an_unmeasured_model_uses_deterministic_text_for_every_task(tmp_path: Path) -> None:
    caps = Capabilities.for_model("ollama", "never-measured:1b", tmp_path)
    assert not any(caps.allows(task) for task in TASKS)
    assert "not measured" in caps.source and "doctor --eval" in caps.source
    assert all(line.endswith("→ deterministic") for line in caps.lines())


def test_a_damaged_result_file_is_ignored(tmp_path: Path) -> None:
    eval_path(tmp_path).write_text("{not json")
    assert load_evaluations(eval_path(tmp_path)) == []
    assert not Capabilities.for_model("ollama", "m", tmp_path).allows("small_talk")


def test_the_embedded_model_has_a_shipped_result_for_every_task() -> None:
    assert SHIPPED_FILE.is_file()
    shipped = {e.key: e for e in shipped_evaluations()}
    assert EMBEDDED in shipped
    result = shipped[EMBEDDED]
    assert set(result.results) == set(TASKS)
    assert all(r.total >= MIN_CASES for r in result.results.values())
    caps = Capabilities.for_model(*EMBEDDED, data_dir=None)
    assert caps.evaluation == result and "shipped" in caps.source
    # The tiny model is measured, not assumed: what it fails uses deterministic text.
    assert caps.allowed == result.passed()
    assert len(caps.lines()) == len(TASKS)


def test_a_stored_result_wins_over_the_shipped_one(tmp_path: Path) -> None:
    everything = {t: _result(t, 30, 30) for t in TASKS}
    save_evaluation(eval_path(tmp_path), ModelEval.now(*EMBEDDED, everything))
    caps = Capabilities.for_model(*EMBEDDED, data_dir=tmp_path)
    assert all(caps.allows(t) for t in TASKS)


def test_services_get_capabilities_for_their_client(tmp_path: Path) -> None:
    settings = build_settings(_env_file=None, data_dir=tmp_path)
    assert not AppServices(settings).capabilities.allowed  # no model: deterministic text
    local = FakeBackend(["hi"], name="local", model=EMBEDDED[1])
    services = AppServices(settings, llm=fake_client(local))
    shipped = Capabilities.for_model(*EMBEDDED, data_dir=None)
    assert services.capabilities.allowed == shipped.allowed
    assert services.conversation.chat.capabilities is services.capabilities
    assert services.interview.capabilities is services.capabilities
    assert services.conversation.router.capabilities is services.capabilities
    assert services.career.capabilities is services.capabilities
    assert services.resume.capabilities is services.capabilities
    services.llm = fake_client(["hello"])  # a scripted engine: every wording task
    assert services.capabilities.allows("small_talk")
    assert not services.capabilities.allows("intent_fallback")
    assert services.conversation.chat.capabilities is services.capabilities


@pytest.mark.parametrize("task", TASKS)
def test_everything_and_nothing(task: Task) -> None:
    assert Capabilities.everything().allows(task)
    assert not Capabilities.nothing().allows(task)


def test_the_intent_fallback_asks_only_a_model_that_passed_it() -> None:
    from careermate_bot.services.conversation.intents import llm_capable

    ollama = fake_client(FakeBackend(["{}"], name="ollama", model="qwen2.5:7b"))
    local = fake_client(FakeBackend(["{}"], name="local", model=EMBEDDED[1]))
    assert llm_capable(ollama) and not llm_capable(local)  # no measurement given: by provider
    assert not llm_capable(ollama, Capabilities.nothing())
    assert llm_capable(local, Capabilities.everything())
    assert not llm_capable(None, Capabilities.everything())


async def test_doctor_eval_measures_stores_and_doctor_prints_one_line_per_task(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from careermate_bot.cli import doctor
    from careermate_bot.cli.model_eval import bad_model_client

    settings = build_settings(_env_file=None, data_dir=tmp_path, llm_provider="local")

    async def scripted(_: object) -> object:
        return bad_model_client()

    monkeypatch.setattr("careermate_bot.llm.create_llm_client", scripted)
    lines = await doctor.run_model_eval(settings, tasks=["small_talk", "career_summary"], limit=6)
    assert lines[0].startswith("Measured fake/bad-model; stored in ")
    assert "small talk ✗ 0/6 → deterministic" in lines[1] and "dropped: persona:" in lines[1]
    assert lines[2].startswith("  career summary ✗ 0/6 → deterministic")
    (stored,) = load_evaluations(eval_path(tmp_path))
    assert stored.key == ("fake", "bad-model")
    assert set(stored.results) == {"small_talk", "career_summary"}

    async def engine(_: object) -> tuple[str, str]:
        return EMBEDDED

    monkeypatch.setattr(doctor, "_configured_engine", engine)
    shown = await doctor.task_lines(settings)
    assert shown[0].startswith("Which tasks use the model (local/SmolLM2-135M-Instruct.Q4_1")
    assert len(shown) == 1 + len(TASKS)


async def test_doctor_for_an_unmeasured_engine_says_every_task_is_deterministic(
    tmp_path: Path,
) -> None:
    from careermate_bot.cli import doctor

    settings = build_settings(
        _env_file=None,
        data_dir=tmp_path,
        llm_provider="ollama",
        ollama_base_url="http://127.0.0.1:9",
        llm_connect_timeout=1,
    )
    lines = await doctor.task_lines(settings)
    assert "ollama/llama3.1:8b not measured" in lines[0] and "doctor --eval" in lines[0]
    assert len(lines) == 1 + len(TASKS)
    assert all(line.endswith("not measured → deterministic") for line in lines[1:])


def test_a_partial_run_keeps_the_other_tasks_earlier_results(tmp_path: Path) -> None:
    from careermate_bot.llm.capability import known_evaluation

    shipped = known_evaluation(*EMBEDDED, data_dir=None)
    assert shipped is not None
    partial = ModelEval.now(*EMBEDDED, {"small_talk": _result("small_talk", 30, 30)})
    merged = partial.over(known_evaluation(*EMBEDDED, data_dir=tmp_path))
    assert set(merged.results) == set(TASKS)
    assert merged.results["small_talk"].passed == 30
    assert merged.results["career_summary"] == shipped.results["career_summary"]
    other = ModelEval.now("ollama", "m", {"small_talk": _result("small_talk", 1, 30)})
    assert other.over(shipped) is other  # another model's results never mix in

"""Which tasks the configured model may do: measured per task, never assumed.

A task uses the model only when that (provider, model) passed the task's evaluation
(`careermate doctor --eval`, `careermate_bot.cli.model_eval`); otherwise the service uses
its deterministic text. Results live beside the database in ``DATA_DIR/model_eval.json``; a
result for the embedded SmolLM2-135M ships with the package (``llm/data/model_eval.json``), so
a fresh install behaves well with no step.

    caps = Capabilities.for_model("local", "SmolLM2-135M-Instruct.Q4_1", settings.data_dir)
    if caps.allows("small_talk"): ...              # else the deterministic small-talk line
    print("\\n".join(caps.lines()))                 # "small talk ✗ 3/30 → deterministic", ...

A task passes when at least `MIN_CASES` cases ran and the share of cases whose reply was
usable after every check reached the task's threshold (`THRESHOLDS`, see docs/llm.md).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

log = logging.getLogger(__name__)

Task = Literal[
    "small_talk",
    "career_summary",
    "advice_wording",
    "resume_rewrite",
    "interview_comment",
    "intent_fallback",
    "guide_wording",
]
TASKS: tuple[Task, ...] = get_args(Task)
TASK_LABELS: dict[Task, str] = {
    "small_talk": "small talk",
    "career_summary": "career summary",
    "advice_wording": "advice wording",
    "resume_rewrite": "résumé rewrites",
    "interview_comment": "coach comments",
    "intent_fallback": "intent fallback",
    "guide_wording": "guide wording",
}
# The share of cases that must come through every check. Words users read directly (small talk)
# need the highest bar; a wrong intent label only costs a rephrase, so it may miss a little more.
THRESHOLDS: dict[Task, float] = {
    "small_talk": 0.9,
    "career_summary": 0.8,
    "advice_wording": 0.8,
    "resume_rewrite": 0.8,
    "interview_comment": 0.8,
    "intent_fallback": 0.85,
    "guide_wording": 0.8,
}
MIN_CASES = 5
EVAL_FILE = "model_eval.json"
SHIPPED_FILE = Path(__file__).resolve().parent / "data" / EVAL_FILE
# Scripted test engines (`careermate_bot.llm.fake`): tests decide what they say, so every
# wording task is open to them; the intent fallback keeps its old rule (not a scripted engine).
SCRIPTED_PROVIDERS = frozenset({"fake"})
SCRIPTED_TASKS: frozenset[Task] = frozenset(TASKS) - {"intent_fallback"}


class TaskResult(BaseModel):
    """One task's evaluation for one model: how many cases came through every check."""

    model_config = ConfigDict(frozen=True)

    task: Task
    passed: int = Field(ge=0)
    total: int = Field(ge=0)
    threshold: float = Field(ge=0.0, le=1.0)
    drops: dict[str, int] = Field(default_factory=dict)  # reason -> cases dropped for it

    @property
    def share(self) -> float:
        return self.passed / self.total if self.total else 0.0

    @property
    def ok(self) -> bool:
        return self.total >= MIN_CASES and self.share >= self.threshold

    def line(self) -> str:
        """One line for `doctor`: "small talk ✓ 28/30", "career summary ✗ 4/10 → deterministic"."""
        label = TASK_LABELS[self.task]
        if self.ok:
            return f"{label} ✓ {self.passed}/{self.total}"
        return f"{label} ✗ {self.passed}/{self.total} → deterministic"


class ModelEval(BaseModel):
    """Every task's result for one (provider, model)."""

    model_config = ConfigDict(frozen=True)

    provider: str
    model: str
    measured_at: str = ""  # ISO 8601, UTC
    results: dict[Task, TaskResult] = Field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.provider, self.model)

    def passed(self) -> frozenset[Task]:
        return frozenset(task for task, result in self.results.items() if result.ok)

    def over(self, earlier: ModelEval | None) -> ModelEval:
        """This result with `earlier`'s tasks that this run did not measure (a partial
        `doctor --eval --tasks ...` keeps the rest)."""
        if earlier is None or earlier.key != self.key:
            return self
        return self.model_copy(update={"results": {**earlier.results, **self.results}})

    @classmethod
    def now(cls, provider: str, model: str, results: dict[Task, TaskResult]) -> ModelEval:
        stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
        return cls(provider=provider, model=model, measured_at=stamp, results=results)


class _EvalFile(BaseModel):
    version: int = 1
    evaluations: list[ModelEval] = Field(default_factory=list)


def eval_path(data_dir: Path) -> Path:
    return data_dir / EVAL_FILE


def load_evaluations(path: Path) -> list[ModelEval]:
    """The evaluations stored in `path` ([] when it is missing or unreadable, with a log line)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as error:
        log.warning("cannot read the model evaluation %s: %s", path, error)
        return []
    try:
        return _EvalFile.model_validate_json(raw).evaluations
    except ValidationError as error:
        log.warning("ignoring the model evaluation %s: %s", path, error.errors()[:1])
        return []


def save_evaluation(path: Path, evaluation: ModelEval) -> None:
    """Store `evaluation`, replacing an earlier one for the same (provider, model); atomic."""
    kept = [e for e in load_evaluations(path) if e.key != evaluation.key]
    data = _EvalFile(evaluations=[*kept, evaluation])
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".model_eval-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data.model_dump(mode="json"), indent=1, ensure_ascii=False))
            handle.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def shipped_evaluations() -> list[ModelEval]:
    """The results that ship with the package (the embedded model)."""
    return load_evaluations(SHIPPED_FILE)


def find_evaluation(evaluations: list[ModelEval], provider: str, model: str) -> ModelEval | None:
    return next((e for e in reversed(evaluations) if e.key == (provider, model)), None)


def known_evaluation(provider: str, model: str, data_dir: Path | None) -> ModelEval | None:
    """The stored result for this model, else the shipped one, else None."""
    if data_dir is not None:
        found = find_evaluation(load_evaluations(eval_path(data_dir)), provider, model)
        if found is not None:
            return found
    return find_evaluation(shipped_evaluations(), provider, model)


class Capabilities:
    """The tasks the configured model passed; every other task uses deterministic text."""

    def __init__(
        self,
        allowed: frozenset[Task] | set[Task],
        *,
        source: str,
        evaluation: ModelEval | None = None,
    ) -> None:
        self.allowed: frozenset[Task] = frozenset(allowed)
        self.source = source  # where the decision came from, for logs and `doctor`
        self.evaluation = evaluation

    def allows(self, task: Task) -> bool:
        return task in self.allowed

    def __repr__(self) -> str:
        return f"Capabilities({sorted(self.allowed)}, source={self.source!r})"

    @classmethod
    def everything(cls, source: str = "every task allowed") -> Capabilities:
        return cls(frozenset(TASKS), source=source)

    @classmethod
    def nothing(cls, source: str = "no model") -> Capabilities:
        return cls(frozenset(), source=source)

    @classmethod
    def from_evaluation(cls, evaluation: ModelEval, source: str) -> Capabilities:
        return cls(evaluation.passed(), source=source, evaluation=evaluation)

    @classmethod
    def for_model(cls, provider: str, model: str, data_dir: Path | None) -> Capabilities:
        """The stored result for this model (DATA_DIR/model_eval.json), else the shipped one,
        else nothing allowed ("not measured")."""
        if provider in SCRIPTED_PROVIDERS:
            return cls(SCRIPTED_TASKS, source=f"{provider}: a scripted test engine")
        if data_dir is not None:
            path = eval_path(data_dir)
            found = find_evaluation(load_evaluations(path), provider, model)
            if found is not None:
                return cls.from_evaluation(found, f"measured ({path})")
        shipped = find_evaluation(shipped_evaluations(), provider, model)
        if shipped is not None:
            return cls.from_evaluation(shipped, "the result shipped for this model")
        return cls.nothing(
            f"{provider}/{model} not measured: run `careermate doctor --eval` to measure it"
        )

    def lines(self) -> list[str]:
        """One line per task: "small talk ✓ 28/30" / "summary ✗ 4/10 → deterministic"."""
        results = self.evaluation.results if self.evaluation is not None else {}
        out: list[str] = []
        for task in TASKS:
            result = results.get(task)
            if result is not None:
                out.append(result.line())
            elif self.allows(task):
                out.append(f"{TASK_LABELS[task]} ✓ (not measured: {self.source})")
            else:
                out.append(f"{TASK_LABELS[task]} ✗ not measured → deterministic")
        return out

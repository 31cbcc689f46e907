"""The question bank as the interview service sees it: snapshots, free-text matching, selection.

The curated bank lives in `careermate_bot/knowledge/questions.py` (`load_question_bank()`);
this module only adapts it. A session stores `QuestionSnapshot`s, so editing the bank never
changes an interview already under way or in the history.
"""

from __future__ import annotations

import functools
import logging
import random
from collections.abc import Iterable, Sequence
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process

from careermate_bot.knowledge.questions import load_question_bank
from careermate_bot.knowledge.text import norm_text
from careermate_bot.knowledge.types import Occupation
from careermate_bot.services.interview.lexicon import COMPETENCY_TRIGGERS

log = logging.getLogger(__name__)

QuestionKind = Literal["behavioral", "technical", "role"]
InterviewKind = Literal["behavioral", "technical", "mixed"]
Difficulty = Literal["easy", "medium", "hard"]
MATCH_CUTOFF = 90  # token_sort_ratio for a free-text question to count as a bank question
GENERAL_COMPETENCY = "general"


class QuestionSnapshot(BaseModel):
    """One question as asked: everything scoring and the report need, frozen in the session."""

    model_config = ConfigDict(frozen=True)

    id: str | None = None
    kind: QuestionKind = "behavioral"
    text: str
    competency: str | None = None
    skills: tuple[str, ...] = ()
    difficulty: str = "medium"
    hint: str = ""
    key_points: tuple[str, ...] = ()

    @classmethod
    def of(cls, question: QuestionLike) -> QuestionSnapshot:
        """From the bank's `InterviewQuestion` (or anything with the same attributes)."""
        kind = str(getattr(question, "kind", "behavioral"))
        return cls(
            id=getattr(question, "id", None),
            kind=kind if kind in ("behavioral", "technical", "role") else "behavioral",  # type: ignore[arg-type]
            text=str(question.text),
            competency=getattr(question, "competency", None),
            skills=tuple(getattr(question, "skills", None) or ()),
            difficulty=str(getattr(question, "difficulty", "medium") or "medium"),
            hint=str(getattr(question, "hint", "") or ""),
            key_points=tuple(getattr(question, "key_points", None) or ()),
        )

    @property
    def area(self) -> str:
        """What the report groups scores by: the competency, else the first skill, else kind."""
        if self.competency:
            return self.competency
        if self.skills:
            return self.skills[0]
        return "technical" if self.kind != "behavioral" else GENERAL_COMPETENCY


def infer_competency(question: str) -> str | None:
    """The competency a free-text behavioral question is about, from its words (or None)."""
    text = question.casefold()
    best: tuple[int, str] | None = None
    for competency, triggers in COMPETENCY_TRIGGERS.items():
        hits = sum(1 for t in triggers if t in text)
        if hits and (best is None or hits > best[0]):
            best = (hits, competency)
    return best[1] if best else None


class QuestionLike(Protocol):
    """A bank question (`knowledge.questions.InterviewQuestion`, or a test's own)."""

    @property
    def text(self) -> str: ...


class QuestionSource(Protocol):
    """A question bank: its questions, and a selection for a role (the shipped
    `knowledge.questions.QuestionBank`, or a small one in tests)."""

    @property
    def questions(self) -> Sequence[QuestionLike]: ...

    def for_role(
        self,
        occupation: Occupation | str | None,
        kind: str,
        difficulty: str | None,
        n: int,
        rng: random.Random,
    ) -> Sequence[QuestionLike]: ...


class BankIndex:
    """Snapshots of every bank question, looked up by id or by (approximate) text."""

    def __init__(self, bank: QuestionSource | None = None) -> None:
        self.bank = bank
        self.questions: list[QuestionSnapshot] = [
            QuestionSnapshot.of(q) for q in (bank.questions if bank is not None else ())
        ]
        self.by_id = {q.id: q for q in self.questions if q.id}
        self._by_text = {norm_text(q.text): q for q in self.questions}
        self._choices = list(self._by_text)
        self._matched: dict[str, QuestionSnapshot | None] = {}

    def __len__(self) -> int:
        return len(self.questions)

    def match(self, text: str) -> QuestionSnapshot | None:
        """The bank question `text` is (same words, or nearly: a typo, other punctuation)."""
        if text in self._matched:
            return self._matched[text]
        found = self._match(text)
        if len(self._matched) >= 4096:
            self._matched.clear()
        self._matched[text] = found
        return found

    def _match(self, text: str) -> QuestionSnapshot | None:
        key = norm_text(text)
        if not key:
            return None
        found = self._by_text.get(key)
        if found is not None or not self._choices:
            return found
        hit = process.extractOne(
            key, self._choices, scorer=fuzz.token_sort_ratio, score_cutoff=MATCH_CUTOFF
        )
        return self._by_text[hit[0]] if hit else None

    def select(
        self,
        occupation: Occupation | None,
        kind: InterviewKind,
        difficulty: str | None,
        n: int,
        rng: random.Random,
    ) -> list[QuestionSnapshot]:
        """`n` questions for the role: the bank's own `for_role` selection, mixed kinds split
        about evenly (behavioral first), topped up from the other kind when one runs short."""
        if kind == "mixed":
            tech = n // 2
            first = self._pick(occupation, "technical", difficulty, tech, rng)
            behavioral = self._pick(occupation, "behavioral", difficulty, n - len(first), rng)
            chosen = _interleave(behavioral, first)
        else:
            chosen = self._pick(occupation, kind, difficulty, n, rng)
            if len(chosen) < n:
                other = "technical" if kind == "behavioral" else "behavioral"
                extra = self._pick(occupation, other, difficulty, n - len(chosen), rng)
                chosen.extend(q for q in extra if q not in chosen)
        return chosen[:n]

    def _pick(
        self,
        occupation: Occupation | None,
        kind: str,
        difficulty: str | None,
        n: int,
        rng: random.Random,
    ) -> list[QuestionSnapshot]:
        if n <= 0:
            return []
        picked: list[QuestionLike] = []
        if self.bank is not None:
            try:
                picked = list(self.bank.for_role(occupation, kind, difficulty, n, rng))
            except Exception:
                log.exception("question bank selection failed; using a plain pick")
        snaps = _unique(QuestionSnapshot.of(q) for q in picked)
        if len(snaps) < n:  # plain fallback: any question of that kind, any difficulty
            pool = [
                q
                for q in self.questions
                if (q.kind == "behavioral") == (kind == "behavioral") and q not in snaps
            ]
            rng.shuffle(pool)
            snaps.extend(pool[: n - len(snaps)])
        return snaps[:n]


def _unique(items: Iterable[QuestionSnapshot]) -> list[QuestionSnapshot]:
    seen: set[str] = set()
    out: list[QuestionSnapshot] = []
    for q in items:
        key = q.id or q.text
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


def _interleave(
    a: Sequence[QuestionSnapshot], b: Sequence[QuestionSnapshot]
) -> list[QuestionSnapshot]:
    out: list[QuestionSnapshot] = []
    for i in range(max(len(a), len(b))):
        if i < len(a):
            out.append(a[i])
        if i < len(b):
            out.append(b[i])
    return out


@functools.cache
def shipped_bank() -> BankIndex:
    """The bank shipped with CareerMate (read once; immutable); an empty index if it cannot be
    loaded. Runtime code gets its bank from the container; this is for scripts and tests."""
    try:
        return BankIndex(load_question_bank())
    except Exception:
        log.exception("the interview question bank could not be loaded")
        return BankIndex(None)

"""The interview question bank (`data/interview_questions.yaml`): loading, validation, selection.

    bank = load_question_bank()                         # cached, validated
    bank.for_role("Data Scientist", "mixed", None, 5, random.Random(7))

The file has three sections that set the kind: `behavioral` (a `competency`, no key points),
`technical` (family-wide: `families`, 3-6 `key_points`; no families = general, for any role) and
`role` (`roles`: occupation ids or titles from occupations.yaml; their families are filled in).
Skill names must be canonical names from skills.yaml (any case; stored canonical). Unknown
skills, families, roles or competencies raise `QuestionBankError` at load, naming the question.

Selection (`for_role`) is deterministic for a given `random.Random` state: questions for the
role itself come first, then its family's, then general ones; each tier is shuffled by `rng`.
A difficulty, when given, is preferred among the role's and family's questions (other
difficulties, nearest first, fill up before general questions are used). Behavioral picks spread
over competencies before repeating one.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from careermate_bot.knowledge.catalogue import OccupationCatalogue
from careermate_bot.knowledge.loading import package_data_dir, read_data
from careermate_bot.knowledge.text import norm_text
from careermate_bot.knowledge.types import Family, Occupation

QuestionKind = Literal["behavioral", "technical", "role"]
Difficulty = Literal["easy", "medium", "hard"]
SelectKind = Literal["behavioral", "technical", "mixed"]

QUESTIONS_FILE = "interview_questions.yaml"
SKILLS_FILE = "skills.yaml"
OCCUPATIONS_FILE = "occupations.yaml"
FAMILIES: frozenset[str] = frozenset(get_args(Family))
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)
COMPETENCIES: tuple[str, ...] = (
    "teamwork",
    "conflict",
    "failure",
    "leadership",
    "prioritisation",
    "communication",
    "customer focus",
    "ethics",
    "learning",
    "adaptability",
    "problem solving",
    "initiative",
    "attention to detail",
)
SECTIONS: tuple[QuestionKind, ...] = ("behavioral", "technical", "role")


class QuestionBankError(ValueError):
    """The question bank file is inconsistent (the message names the question and the field)."""


class InterviewQuestion(BaseModel):
    """One curated interview question."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: QuestionKind
    text: str = Field(min_length=10)
    competency: str | None = None
    skills: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    difficulty: Difficulty = "medium"
    hint: str = Field(min_length=5)
    key_points: tuple[str, ...] = ()

    @field_validator("skills", "families", "roles", "key_points", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return value

    @property
    def is_general(self) -> bool:
        """Usable for any role: tied to no occupation and no family."""
        return not self.roles and not self.families


class QuestionBank:
    """All questions, looked up by id or selected for a role."""

    def __init__(
        self, questions: Iterable[InterviewQuestion], catalogue: OccupationCatalogue | None = None
    ) -> None:
        self.all: tuple[InterviewQuestion, ...] = tuple(questions)
        self._by_id: dict[str, InterviewQuestion] = {}
        for q in self.all:
            if q.id in self._by_id:
                raise QuestionBankError(f"duplicate question id {q.id!r}")
            self._by_id[q.id] = q
        self.catalogue = catalogue

    # -- lookups ---------------------------------------------------------------------------------
    @property
    def questions(self) -> tuple[InterviewQuestion, ...]:
        """Same as `all` (for code that duck-types banks)."""
        return self.all

    def __len__(self) -> int:
        return len(self.all)

    def __iter__(self) -> Iterator[InterviewQuestion]:
        return iter(self.all)

    def by_id(self, question_id: str) -> InterviewQuestion | None:
        return self._by_id.get(question_id)

    def resolve_role(self, occupation: Occupation | str | None) -> tuple[str | None, str | None]:
        """(occupation id, family) for an id, title, alias or near-miss title; (None, None) if
        the role is unknown (then only general questions apply). Accepts an `Occupation` too."""
        if occupation is None:
            return None, None
        if not isinstance(occupation, str):
            occ_id = getattr(occupation, "id", None)
            family = getattr(occupation, "family", None)
            if isinstance(occ_id, str):
                return occ_id, family if isinstance(family, str) else None
            occupation = str(occupation)
        text = occupation.strip()
        if not text or self.catalogue is None:
            return None, None
        occ = self.catalogue.get(text)
        if occ is None:
            occ = self.catalogue.resolve(text).occupation
        if occ is None:
            return None, None
        return occ.id, occ.family

    # -- selection -------------------------------------------------------------------------------
    def for_role(
        self,
        occupation_id_or_title: Occupation | str | None,
        kind: str,
        difficulty: str | None,
        n: int,
        rng: random.Random,
    ) -> list[InterviewQuestion]:
        """Up to `n` distinct questions for the role: role-specific first, then the role's family,
        then general. `kind`: behavioral, technical (technical and role questions) or mixed
        (about half each, behavioral first, alternating; one kind tops up the other)."""
        if n <= 0:
            return []
        if kind not in ("behavioral", "technical", "mixed"):
            raise ValueError(f"kind must be behavioral, technical or mixed, not {kind!r}")
        if difficulty is not None and difficulty not in DIFFICULTIES:
            raise ValueError(f"difficulty must be one of {', '.join(DIFFICULTIES)} or None")
        occ_id, family = self.resolve_role(occupation_id_or_title)
        if kind != "mixed":
            return self._pick(occ_id, family, kind == "behavioral", difficulty, n, rng)
        n_tech = n // 2
        tech = self._pick(occ_id, family, False, difficulty, n_tech, rng)
        beh = self._pick(occ_id, family, True, difficulty, n - len(tech), rng)
        if len(beh) + len(tech) < n:  # behavioral ran short: top up with technical
            more = self._pick(occ_id, family, False, difficulty, n - len(beh), rng)
            tech = tech + [q for q in more if q not in tech][: n - len(beh) - len(tech)]
        return _interleave(beh, tech)[:n]

    def _pick(
        self,
        occ_id: str | None,
        family: str | None,
        behavioral: bool,
        difficulty: str | None,
        n: int,
        rng: random.Random,
    ) -> list[InterviewQuestion]:
        if n <= 0:
            return []
        tiers: list[list[InterviewQuestion]] = [[], [], []]
        for q in self.all:
            if (q.kind == "behavioral") != behavioral:
                continue
            if q.roles:
                if occ_id is not None and occ_id in q.roles:
                    tiers[0].append(q)
            elif q.families:
                if family is not None and family in q.families:
                    tiers[1].append(q)
            else:
                tiers[2].append(q)
        ordered: list[InterviewQuestion] = []
        for tier in tiers:
            rng.shuffle(tier)
            ordered.extend(tier)
        if difficulty is not None:
            # Role and family questions before general ones; within each group the wanted
            # difficulty first, then the nearest (a stable sort keeps role before family).
            want = DIFFICULTIES.index(difficulty)
            ordered.sort(key=lambda q: (q.is_general, abs(DIFFICULTIES.index(q.difficulty) - want)))
        if not behavioral:
            return ordered[:n]
        chosen: list[InterviewQuestion] = []
        used: set[str | None] = set()
        remaining = list(ordered)
        while remaining and len(chosen) < n:
            fresh = next((q for q in remaining if q.competency not in used), None)
            q = fresh if fresh is not None else remaining[0]
            remaining.remove(q)
            chosen.append(q)
            used.add(q.competency)
        return chosen


def _interleave(
    first: Sequence[InterviewQuestion], second: Sequence[InterviewQuestion]
) -> list[InterviewQuestion]:
    out: list[InterviewQuestion] = []
    for i in range(max(len(first), len(second))):
        if i < len(first):
            out.append(first[i])
        if i < len(second):
            out.append(second[i])
    return out


# -- loading and validation ----------------------------------------------------------------------
def parse_question_bank(
    data: Any, skill_names: Iterable[str], catalogue: OccupationCatalogue
) -> QuestionBank:
    """Validate the parsed YAML against the skills taxonomy and the occupation catalogue."""
    if not isinstance(data, Mapping):
        raise QuestionBankError("the question bank must be a mapping of sections")
    unknown_sections = set(data) - set(SECTIONS)
    if unknown_sections:
        raise QuestionBankError(
            f"unknown section(s) {sorted(unknown_sections)}; expected {', '.join(SECTIONS)}"
        )
    canonical = {norm_text(name): name for name in skill_names}
    questions: list[InterviewQuestion] = []
    for kind in SECTIONS:
        for raw in data.get(kind) or ():
            questions.append(_parse_question(kind, raw, canonical, catalogue))
    return QuestionBank(questions, catalogue)


def _parse_question(
    kind: QuestionKind,
    raw: Any,
    canonical: Mapping[str, str],
    catalogue: OccupationCatalogue,
) -> InterviewQuestion:
    if not isinstance(raw, Mapping):
        raise QuestionBankError(f"{kind}: every question must be a mapping, got {raw!r}")
    qid = raw.get("id", "?")
    where = f"question {qid!r} ({kind})"
    if "kind" in raw and raw["kind"] != kind:
        raise QuestionBankError(f"{where}: kind {raw['kind']!r} is in the {kind!r} section")
    try:
        q = InterviewQuestion.model_validate({**raw, "kind": kind})
    except ValidationError as error:
        raise QuestionBankError(f"{where}: {error}") from error

    skills: list[str] = []
    for name in q.skills:
        found = canonical.get(norm_text(name))
        if found is None:
            raise QuestionBankError(f"{where}: unknown skill {name!r} (not in {SKILLS_FILE})")
        skills.append(found)
    for fam in q.families:
        if fam not in FAMILIES:
            raise QuestionBankError(
                f"{where}: unknown family {fam!r}; families are {', '.join(sorted(FAMILIES))}"
            )
    roles: list[str] = []
    families = list(q.families)
    for role in q.roles:
        occ = catalogue.get(role)
        if occ is None:
            raise QuestionBankError(f"{where}: unknown role {role!r} (not in {OCCUPATIONS_FILE})")
        roles.append(occ.id)
        if occ.family not in families:
            families.append(occ.family)

    if kind == "behavioral":
        if q.competency not in COMPETENCIES:
            raise QuestionBankError(
                f"{where}: competency {q.competency!r} must be one of {', '.join(COMPETENCIES)}"
            )
        if q.key_points:
            raise QuestionBankError(f"{where}: behavioral questions have no key points")
        if q.roles:
            raise QuestionBankError(f"{where}: behavioral questions are not tied to roles")
    else:
        if q.competency is not None:
            raise QuestionBankError(f"{where}: only behavioral questions have a competency")
        if not 3 <= len(q.key_points) <= 6:
            raise QuestionBankError(f"{where}: needs 3-6 key points, has {len(q.key_points)}")
        if kind == "role" and not q.roles:
            raise QuestionBankError(f"{where}: role questions list their roles")
        if kind == "technical" and q.roles:
            raise QuestionBankError(f"{where}: role-specific questions go in the 'role' section")
    return q.model_copy(
        update={"skills": tuple(skills), "roles": tuple(roles), "families": tuple(families)}
    )


def read_question_bank(
    path: Path | None = None,
    data_dir: Path | None = None,
    cache_dir: Path | None = None,
) -> QuestionBank:
    """Load and validate a bank file (default: the shipped one) against the shipped taxonomy and
    catalogue in `data_dir` (default: the package data)."""
    data_dir = data_dir or package_data_dir()
    path = path or data_dir / QUESTIONS_FILE
    skills_raw = read_data(data_dir / SKILLS_FILE, cache_dir)
    entries = skills_raw["skills"] if isinstance(skills_raw, Mapping) else skills_raw
    skill_names = [str(entry["name"]) for entry in entries]
    catalogue = OccupationCatalogue.from_yaml(data_dir / OCCUPATIONS_FILE, cache_dir)
    return parse_question_bank(read_data(path, cache_dir), skill_names, catalogue)


@lru_cache(maxsize=1)
def load_question_bank() -> QuestionBank:
    """The shipped question bank, loaded and validated once per process."""
    return read_question_bank()

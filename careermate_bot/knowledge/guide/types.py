"""Typed, frozen models of the career guide: occupation entries, certifications, playbook topics.

They mirror the three curated files in `careermate_bot/knowledge/data/` (guide.yaml,
certifications.yaml, playbook.yaml). Nothing here touches Discord, the ORM or the LLM.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Action = Literal[
    "check_pay",
    "review_resume",
    "practice_interview",
    "career_paths",
    "skill_gap",
    "job_search",
    "cover_letter",
]
ACTIONS: tuple[Action, ...] = get_args(Action)
Hook = Literal[
    "offer_vs_pay", "pay_range", "resume_summary", "skill_gap", "experience", "target_roles"
]
HOOKS: tuple[Hook, ...] = get_args(Hook)
LicenceStatus = Literal["required", "varies", "optional"]
CertLevel = Literal["foundational", "associate", "professional", "expert"]
MAX_STEP_TEXT = 1000  # one Discord embed field value (1,024) with room for a marker


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- Occupation guide ----------------------------------------------------------------------------


class EducationShare(_Frozen):
    level: str
    share: int | None = Field(default=None, ge=0, le=100)


class Education(_Frozen):
    """The most common required education level and the share of workers who gave it (O*NET),
    or the catalogue's level with no share when O*NET published no survey (`basis`)."""

    level: str
    share: int | None = Field(default=None, ge=0, le=100)
    basis: Literal["onet", "catalogue"]
    imprecise: bool = False  # O*NET flags the estimate (small sample or wide interval)
    runner_up: EducationShare | None = None
    note: str | None = None

    def text(self) -> str:
        """ "Bachelor's degree (52% of workers)", "about 56%" when O*NET flags it imprecise."""
        if self.share is None:
            return self.level
        about = "about " if self.imprecise else ""
        out = f"{self.level} ({about}{self.share}% of workers)"
        if self.runner_up is not None and self.runner_up.share is not None:
            out += f"; then {self.runner_up.level} ({self.runner_up.share}%)"
        return out


class JobZone(_Frozen):
    """One row of O*NET's Job Zone Reference, with a one-line meaning."""

    zone: int = Field(ge=1, le=5)
    name: str
    meaning: str
    education: str
    training: str


class Licensing(_Frozen):
    """A curated licensing or certification route, with the issuing bodies named."""

    status: LicenceStatus
    summary: str
    steps: tuple[str, ...] = Field(min_length=1)
    bodies: tuple[str, ...] = Field(min_length=1)


class GuideEntry(_Frozen):
    """The guide for one catalogue occupation (same id as in occupations.yaml)."""

    id: str
    onet: str
    onet_title: str
    mapping: Literal["exact", "closest"]
    mapping_note: str | None = None
    education: Education
    job_zone: int = Field(ge=1, le=5)
    job_zone_note: str | None = None
    tasks: tuple[str, ...]
    tasks_note: str | None = None
    related: tuple[str, ...] = ()
    related_note: str | None = None
    licensing: Licensing | None = None
    notes: tuple[str, ...] = ()
    pinned: tuple[str, ...] = ()


# --- Certifications ------------------------------------------------------------------------------


class Certification(_Frozen):
    id: str
    name: str
    issuer: str
    field: str
    level: CertLevel
    audience: str  # "for" in the YAML: who it is for
    eligibility: str
    exam: str | None = None
    renewal: str | None = None
    serves: tuple[str, ...] = ()  # catalogue occupation ids
    aliases: tuple[str, ...] = ()
    source: str


# --- Playbook ------------------------------------------------------------------------------------


class Step(_Frozen):
    name: str = Field(min_length=1, max_length=256)
    text: str = Field(min_length=1, max_length=MAX_STEP_TEXT)


class Topic(_Frozen):
    """One advice topic a coach would sign: when it applies, 3-6 steps, its source and the
    tools that help next."""

    id: str
    title: str
    applies: str
    steps: tuple[Step, ...] = Field(min_length=3, max_length=6)
    hooks: tuple[Hook, ...] = ()
    source: str
    actions: tuple[Action, ...] = Field(min_length=1, max_length=2)
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

"""The career feature's requests and results: what /career paths and /career gap were asked and
what they answer (`CareerService` in service.py computes them). Every number in a result comes
from the knowledge layer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from careermate_bot.errors import InvalidInput, UserFacingError
from careermate_bot.knowledge import (
    CareerMatch,
    LocationResolution,
    MatchResult,
    SalaryInfo,
    SkillGapReport,
)
from careermate_bot.services import profile as profiles
from careermate_bot.services.profile import ProfileSnapshot

TOP_PATHS = 5
MAX_SKILLS_INPUT = 1000
MAX_YEARS = profiles.MAX_EXPERIENCE_YEARS


class NoSkillsGiven(UserFacingError):
    """Neither the command nor the saved profile has any skills."""

    def __init__(self, command: str = "/career paths") -> None:
        super().__init__(
            "I need a few of your skills to suggest career paths. Try "
            f"`{command} skills:Python, SQL, Excel` (start typing and pick from the list), or "
            "save them once with `/profile edit` and I'll remember them.",
            detail="no skills in the command or the profile",
        )


class CareerRequest(BaseModel):
    """What /career paths (or !career_analyze) was given. None = take it from the profile."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    display_name: str | None = None
    skills: str | None = None
    location: str | None = None
    experience_years: float | None = None
    target_role: str | None = None
    leaving: str | None = None  # a role or field the person is moving away from


class CareerPaths(BaseModel):
    """The grounded answer: ranked paths plus what was taken from where."""

    model_config = ConfigDict(frozen=True)

    result: MatchResult
    profile: ProfileSnapshot
    added_skills: tuple[str, ...] = ()
    unknown_skills: tuple[str, ...] = ()
    skills_from_profile: bool = False
    location_label: str
    location_note: str | None = None
    remote: bool = False
    area_code: str | None = None
    experience_years: float | None = None
    target_role: str | None = None
    leaving: str | None = None
    assumed_from: str | None = None  # "Software Developer": skills assumed from the current role

    @property
    def matches(self) -> tuple[CareerMatch, ...]:
        return self.result.matches


class SkillGap(BaseModel):
    model_config = ConfigDict(frozen=True)

    report: SkillGapReport
    salary: SalaryInfo | None
    skills: tuple[str, ...]  # the skills the gap was computed from
    next_roles: tuple[str, ...] = ()


def check_years(years: float | None) -> float | None:
    if years is None:
        return None
    if not math.isfinite(years) or not 0 <= years <= MAX_YEARS:
        raise InvalidInput(f"Years of experience must be between 0 and {MAX_YEARS}.")
    return round(float(years), 1) + 0.0  # -0.0 -> 0.0


def _new_skills(existing: Iterable[str], new: Iterable[str]) -> list[str]:
    have = {s.casefold() for s in existing}
    out: list[str] = []
    for skill in new:
        if skill.casefold() not in have:
            have.add(skill.casefold())
            out.append(skill)
    return out


def fallback_note(match: CareerMatch | SalaryInfo | None) -> str | None:
    salary = match.salary if isinstance(match, CareerMatch) else match
    if salary is None:
        return None
    if salary.fallback:
        asked = salary.requested_area.name if salary.requested_area else "that area"
        return f"No published {asked} figure for some roles; those show {salary.area.name} pay."
    return None


class PreparedCareer(BaseModel):
    """A checked /career request (nothing written yet): what `run_career_paths` will use."""

    model_config = ConfigDict(frozen=True)

    request: CareerRequest
    profile: ProfileSnapshot
    skills: tuple[str, ...]
    new_skills: tuple[str, ...]
    unknown_skills: tuple[str, ...]
    place: LocationResolution | None
    location_note: str | None
    target_roles: tuple[str, ...]
    target_role: str | None
    experience_years: float | None
    current_role: str | None = None
    leaving: str | None = None
    # Set when no skills were known and the current role's core skills stood in for them.
    assumed_from: str | None = None

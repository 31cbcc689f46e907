"""Career paths and skill gaps for one person: profile + options -> knowledge layer -> typed result.

Options the user leaves out come from their saved profile. New skills they give are saved to the
profile (only skills the taxonomy knows, in canonical spelling) and the result lists them, so the
reply can say so. Every number in the result comes from the knowledge layer; nothing here
touches Discord or the LLM.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from careermate_bot.common.user_text import quote
from careermate_bot.common.user_text import split_list as split_skills
from careermate_bot.errors import InvalidInput, UserFacingError
from careermate_bot.knowledge import (
    Area,
    CareerMatch,
    CareerProfile,
    KnowledgeBase,
    LocationResolution,
    MatchResult,
    Occupation,
    OccupationResolution,
    SalaryInfo,
    SkillGapReport,
)
from careermate_bot.services.profile import store as profiles
from careermate_bot.services.profile.store import ProfileSnapshot

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


def did_you_mean_location(resolution: LocationResolution) -> str:
    shown = quote(resolution.query, 40)
    if resolution.suggestions:
        names = "; ".join(a.name for a in resolution.suggestions[:5])
        return f"I couldn't place {shown}. Did you mean: {names}? (Or say `remote`.)"
    return (
        f"I couldn't find {shown} in the BLS area list. Try a metro area (e.g. Austin), "
        "a state (Texas or TX), or `remote`."
    )


def did_you_mean_role(resolution: OccupationResolution) -> str:
    shown = quote(resolution.query, 40)
    if resolution.suggestions:
        names = "; ".join(o.title for o in resolution.suggestions[:5])
        return f"I'm not sure which role {shown} is. Did you mean: {names}?"
    return f"I don't know the role {shown}. Start typing and pick a title from the list."


def resolve_location_strict(kb: KnowledgeBase, text: str) -> LocationResolution:
    """A location the user just typed: resolved, or `InvalidInput` with did-you-mean."""
    resolution: LocationResolution = kb.resolve_location(text)
    if resolution.area is None:
        raise InvalidInput(did_you_mean_location(resolution))
    return resolution


def resolve_role_strict(kb: KnowledgeBase, text: str) -> Occupation:
    """A role the user just typed (or picked: an id): found, or `InvalidInput` with did-you-mean."""
    found = kb.get_occupation(text.strip())
    if found is not None:
        return found
    resolution: OccupationResolution = kb.resolve_occupation(text)
    if resolution.occupation is None:
        raise InvalidInput(did_you_mean_role(resolution))
    return resolution.occupation


def location_label(resolution: LocationResolution | None) -> str:
    if resolution is None or resolution.area is None:
        return "United States (national)"
    if resolution.remote:
        return "Remote (national pay)"
    area = resolution.area
    return f"{area.name} (national)" if area.is_national else area.name


def profile_location(
    kb: KnowledgeBase, profile: ProfileSnapshot
) -> tuple[LocationResolution | None, str | None]:
    """Where the profile wants pay shown (the one rule for /career, /jobs and the gap): the
    first saved location that resolves; else remote (national pay) if the profile says remote
    is fine; else None (national). A note when saved locations could not be placed."""
    for text in profile.locations:
        resolution: LocationResolution = kb.resolve_location(text)
        if resolution.area is not None:
            return resolution, None
    if profile.locations:
        shown = ", ".join(quote(t, 30) for t in profile.locations[:3])
        return None, f"I couldn't place your saved location {shown}; showing national pay."
    if profile.remote_ok:
        return kb.resolve_location("remote"), None
    return None, None


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


async def prepare_career_paths(kb: KnowledgeBase, request: CareerRequest) -> PreparedCareer:
    """Check the request against the profile and the knowledge layer; raise the user-facing
    errors (no skills, unknown skills/location/role) before anything slow or visible happens."""
    if request.skills is not None and len(request.skills) > MAX_SKILLS_INPUT:
        raise InvalidInput(f"That skills list is too long (at most {MAX_SKILLS_INPUT} characters).")
    years = check_years(request.experience_years)
    profile = await profiles.get_or_create(request.user_id, request.display_name)

    given = split_skills(request.skills)
    known, unknown = kb.normalize_skills(given) if given else ([], [])
    if given and not known:
        raise InvalidInput(
            f"I didn't recognise any skills in {quote(request.skills or '', 60)}. Start typing "
            "in the skills option and pick from the list (e.g. Python, SQL, Excel)."
        )
    saved_known, _ = kb.normalize_skills(profile.skills) if profile.skills else ([], [])
    skills = list(dict.fromkeys([*known, *saved_known]))
    if not skills:
        raise NoSkillsGiven()

    note: str | None = None
    place: LocationResolution | None
    if request.location and request.location.strip():
        place = resolve_location_strict(kb, request.location)
        if place.message and not place.remote:
            note = place.message  # e.g. "no metro called X; using Texas statewide"
    else:
        place, note = profile_location(kb, profile)

    target_role: str | None = None
    targets = list(profile.target_roles)
    if request.target_role and request.target_role.strip():
        occupation = resolve_role_strict(kb, request.target_role)
        target_role = occupation.title
        targets = [occupation.title]
    elif targets:
        target_role = targets[0]

    return PreparedCareer(
        request=request,
        profile=profile,
        skills=tuple(skills),
        new_skills=tuple(_new_skills(profile.skills, known)),
        unknown_skills=tuple(unknown),
        place=place,
        location_note=note,
        target_roles=tuple(targets),
        target_role=target_role,
        experience_years=years if years is not None else profile.experience_years,
    )


async def run_career_paths(
    kb: KnowledgeBase, prepared: PreparedCareer, *, top: int = TOP_PATHS
) -> CareerPaths:
    """Save the new skills to the profile and rank the paths."""
    profile = prepared.profile
    dropped_note: str | None = None
    if prepared.new_skills:
        profile = await profiles.update_profile(
            prepared.request.user_id, add_skills=list(prepared.new_skills)
        )
        # A full profile (MAX_LIST_ITEMS skills) drops its oldest skills: say which.
        kept = {skill.casefold() for skill in profile.skills}
        dropped_note = profiles.capped_note(
            [s for s in prepared.profile.skills if s.casefold() not in kept]
        )
    career_profile = CareerProfile(
        skills=list(prepared.skills),
        experience_years=prepared.experience_years,
        target_roles=list(prepared.target_roles),
    )
    place = prepared.place
    result: MatchResult = kb.match_careers(career_profile, location=place, top=top)
    note = prepared.location_note
    if note is None:
        note = next((n for n in (fallback_note(m) for m in result.matches) if n), None)
    if dropped_note:
        note = f"{dropped_note} {note}" if note else dropped_note
    return CareerPaths(
        result=result,
        profile=profile,
        added_skills=prepared.new_skills,
        unknown_skills=prepared.unknown_skills,
        skills_from_profile=not split_skills(prepared.request.skills),
        location_label=location_label(place),
        location_note=note,
        remote=bool(place and place.remote),
        area_code=place.area.code if place and place.area else None,
        experience_years=prepared.experience_years,
        target_role=prepared.target_role,
    )


async def career_paths(
    kb: KnowledgeBase, request: CareerRequest, *, top: int = TOP_PATHS
) -> CareerPaths:
    """Check, save new skills, rank: `prepare_career_paths` then `run_career_paths`."""
    return await run_career_paths(kb, await prepare_career_paths(kb, request), top=top)


async def skill_gap(
    kb: KnowledgeBase,
    user_id: int,
    role: str,
    *,
    display_name: str | None = None,
    location: str | None = None,
    area_code: str | None = None,
) -> SkillGap:
    """The ranked gap between the user's saved skills and one occupation, with its pay."""
    occupation = resolve_role_strict(kb, role)
    profile = await profiles.get_or_create(user_id, display_name)
    skills, _ = kb.normalize_skills(profile.skills) if profile.skills else ([], [])
    report: SkillGapReport = kb.skill_gap(
        CareerProfile(
            skills=skills,
            experience_years=profile.experience_years,
            target_roles=list(profile.target_roles),
        ),
        occupation,
    )
    place: LocationResolution | Area | None
    area = kb.wages.areas.get(area_code) if area_code else None
    if area is not None:
        place = area
    elif location:
        place = resolve_location_strict(kb, location)
    else:
        place, _ = profile_location(kb, profile)
    salary: SalaryInfo | None = kb.salary(occupation, place)
    next_roles = tuple(ref.title for ref in kb.next_roles(occupation))
    return SkillGap(report=report, salary=salary, skills=tuple(skills), next_roles=next_roles)

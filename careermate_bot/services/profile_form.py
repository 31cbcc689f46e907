"""Turn the free-text profile form (Discord modal, terminal) into a validated profile update."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from careermate_bot.errors import InvalidInput
from careermate_bot.services.profiles import ProfileSnapshot
from careermate_bot.services.user_text import visible_text

SkillCanonicaliser = Callable[[str], str]
MAX_YEARS = 60
SPLIT_RE = re.compile(r"[,;\n]+")


@dataclass(frozen=True)
class ProfileForm:
    skills: list[str]
    locations: list[str]
    target_roles: list[str]
    experience_years: float | None
    min_salary: int | None


def split_list(text: str) -> list[str]:
    """'Python, SQL;\\nExcel' -> ['Python', 'SQL', 'Excel'] (blank items dropped)."""
    items = (visible_text(item) for item in SPLIT_RE.split(text or ""))
    return [item for item in items if item]


def parse_years(text: str) -> float | None:
    text = (text or "").strip().lower().removesuffix("years").removesuffix("yrs").strip()
    if not text:
        return None
    try:
        years = float(text.replace(",", "."))
    except ValueError:
        raise InvalidInput(
            f"“{text[:20]}” isn't a number of years. Try something like 3 or 4.5."
        ) from None
    if not math.isfinite(years) or not 0 <= years <= MAX_YEARS:
        raise InvalidInput(f"Years of experience must be between 0 and {MAX_YEARS}.")
    return round(years, 1) + 0.0  # "-0" is 0 (adding 0.0 turns -0.0 into 0.0)


def form_from_text(
    *,
    skills: str,
    locations: str,
    target_roles: str,
    experience: str,
    min_salary: str,
    canonical_skill: SkillCanonicaliser | None = None,
    parse_salary: Callable[[str], int | None],
) -> ProfileForm:
    skill_list = split_list(skills)
    if canonical_skill is not None:
        skill_list = [canonical_skill(s) for s in skill_list]
    return ProfileForm(
        skills=skill_list,
        locations=split_list(locations),
        target_roles=split_list(target_roles),
        experience_years=parse_years(experience),
        min_salary=parse_salary(min_salary),
    )


def form_defaults(profile: ProfileSnapshot) -> dict[str, str]:
    """The current profile as form text, to pre-fill the form."""
    years = profile.experience_years
    return {
        "skills": ", ".join(profile.skills),
        "locations": ", ".join(profile.locations),
        "target_roles": ", ".join(profile.target_roles),
        "experience": "" if years is None else f"{years:g}",
        "min_salary": "" if profile.min_salary is None else f"{profile.min_salary:,}",
    }


def canonicaliser(knowledge: object | None) -> SkillCanonicaliser | None:
    """Map one typed skill to the taxonomy's name ("js" -> "JavaScript"); unknown ones stay."""
    normalize = getattr(knowledge, "normalize_skills", None)
    if normalize is None:
        return None

    def canonical(text: str) -> str:
        known, _unknown = normalize([text])
        return known[0] if len(known) == 1 else text

    return canonical

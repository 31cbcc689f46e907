"""Turn the free-text profile form (Discord modal, terminal) into a validated profile update."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from careermate_bot.common.salary_input import parse_salary
from careermate_bot.common.user_text import split_list
from careermate_bot.errors import InvalidInput
from careermate_bot.services.profile.store import MAX_EXPERIENCE_YEARS as MAX_YEARS
from careermate_bot.services.profile.store import ProfileSnapshot

SkillCanonicaliser = Callable[[str], str]
SalaryParser = Callable[[str], int | None]


@dataclass(frozen=True)
class ProfileForm:
    skills: list[str]
    locations: list[str]
    target_roles: list[str]
    experience_years: float | None
    min_salary: int | None


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
    parse_salary: SalaryParser = parse_salary,
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


LIST_FIELDS = ("skills", "locations", "target_roles")
LABEL_MAX = 45  # Discord's limit for a form field's label


@dataclass(frozen=True)
class Prefill:
    """One form field's pre-filled text, cut to fit the field's length limit.

    List fields show their NEWEST items that fit whole (never half an item); the older ones
    that did not fit are in `hidden`, and the form keeps them on submit (`with_hidden`), so a
    long profile is never shortened by opening and saving the form."""

    text: str
    shown: int = 0
    hidden: tuple[str, ...] = ()

    @property
    def truncated(self) -> bool:
        return bool(self.hidden)

    def label(self, base: str) -> str:
        """The field label, with a note when items were left out (fits LABEL_MAX)."""
        if not self.hidden:
            return base[:LABEL_MAX]
        total = self.shown + len(self.hidden)
        name = base.split(" (")[0]
        for text in (
            f"{name} (newest {self.shown} of {total}; rest kept)",
            f"{name} ({self.shown} of {total} shown)",
        ):
            if len(text) <= LABEL_MAX:
                return text
        return name[:LABEL_MAX]

    def with_hidden(self, typed: list[str]) -> list[str]:
        """What to save for this field: the items left out of the form, then what was typed."""
        return [*self.hidden, *typed]


def fit_items(items: list[str], limit: int, sep: str = ", ") -> Prefill:
    """The newest items whose joined text fits in `limit` characters (whole items only)."""
    chosen: list[str] = []
    size = 0
    for item in reversed(items):
        extra = len(item) + (len(sep) if chosen else 0)
        if size + extra > limit:
            break
        chosen.append(item)
        size += extra
    chosen.reverse()
    return Prefill(sep.join(chosen), len(chosen), tuple(items[: len(items) - len(chosen)]))


def form_prefill(profile: ProfileSnapshot, limits: dict[str, int]) -> dict[str, Prefill]:
    """`form_defaults` cut to each field's limit ({field: max length}): every value fits, and
    list fields say what was left out (see `Prefill`)."""
    texts = form_defaults(profile)
    lists = {name: list(getattr(profile, name)) for name in LIST_FIELDS}
    filled: dict[str, Prefill] = {}
    for name, text in texts.items():
        limit = limits.get(name, 4000)
        if name in lists:
            filled[name] = fit_items(lists[name], limit)
        else:
            filled[name] = Prefill(text if len(text) <= limit else "")
    return filled


def canonicaliser(knowledge: object | None) -> SkillCanonicaliser | None:
    """Map one typed skill to the taxonomy's name ("js" -> "JavaScript"); unknown ones stay."""
    normalize = getattr(knowledge, "normalize_skills", None)
    if normalize is None:
        return None

    def canonical(text: str) -> str:
        known, _unknown = normalize([text])
        return known[0] if len(known) == 1 else text

    return canonical

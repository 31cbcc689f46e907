"""What every guide answer shares: the knowledge it reads, where the user is, which roles they
mean, pay lines and source names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from careermate_bot.common.user_text import quote
from careermate_bot.errors import InvalidInput
from careermate_bot.knowledge import (
    ONET_ATTRIBUTION,
    CareerProfile,
    KnowledgeBase,
    LocationResolution,
    Occupation,
    SalaryInfo,
)
from careermate_bot.knowledge.guide.loading import Guide
from careermate_bot.knowledge.guide.router import GuideRouter
from careermate_bot.knowledge.guide.types import Action, Certification, GuideEntry
from careermate_bot.services.guide.pay import area_label, range_line
from careermate_bot.services.guide.types import ACTION_LABELS, FactUsed, FollowUp, GuideProfile

if TYPE_CHECKING:  # skills.py imports this module
    from careermate_bot.services.guide.skills import SkillStats

BLS = "BLS OEWS, May 2025"
PLAYBOOK = "CareerMate playbook, reviewed"


@dataclass(frozen=True, slots=True)
class Place:
    """Where pay is shown: a resolved area, or None for national figures."""

    resolution: LocationResolution | None
    label: str
    from_question: bool = False

    @property
    def local(self) -> bool:
        return (
            self.resolution is not None
            and self.resolution.area is not None
            and not (self.resolution.area.is_national)
        )


NATIONAL = Place(None, "United States")


# Finds the place a question names: (what was typed, the BLS area name), or (None, None). The
# app passes the conversation's slot extractor; without one, only the profile's places count.
PlaceFinder = Callable[[str], tuple[str | None, str | None]]


class GuideContext:
    """The knowledge base, the guide and the router, with the lookups the composers share."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        guide: Guide,
        router: GuideRouter,
        find_place: PlaceFinder | None = None,
    ) -> None:
        self.kb = knowledge
        self.guide = guide
        self.router = router
        # Skills ranked by demand, per field (None: all); built on first use (demand.py).
        self.demand: dict[str | None, tuple[list[SkillStats], list[SkillStats]]] = {}
        self.find_place = find_place
        self.salary = lru_cache(maxsize=2048)(self._salary)

    # -- roles ------------------------------------------------------------------------------------
    def occupation(self, text: str) -> Occupation:
        """An occupation by id, title or a typed name; `InvalidInput` with did-you-mean."""
        found = self.kb.get_occupation(text.strip())
        if found is not None:
            return found
        resolution = self.kb.resolve_occupation(text)
        if resolution.occupation is not None:
            return resolution.occupation
        shown = quote(text, 40)
        if resolution.suggestions:
            names = "; ".join(o.title for o in resolution.suggestions[:5])
            raise InvalidInput(f"I'm not sure which role {shown} is. Did you mean: {names}?")
        raise InvalidInput(f"I don't know the role {shown}. Try a job title such as 'nurse'.")

    def maybe_occupation(self, text: str | None) -> Occupation | None:
        if not text:
            return None
        try:
            return self.occupation(text)
        except InvalidInput:
            return None

    def entry(self, occ: Occupation) -> GuideEntry:
        return self.guide.entries[occ.id]

    def certification(self, text: str) -> Certification:
        cert = self.guide.certifications.get(text)
        if cert is not None:
            return cert
        route = self.router.route(text)
        if route.kind in ("certification", "compare_certs") and route.id:
            return self.guide.certifications[route.id]
        known = ", ".join(
            sorted(c.id.upper() for c in list(self.guide.certifications.values())[:8])
        )
        raise InvalidInput(
            f"I don't have {quote(text, 40)} in my certification table. Try e.g. {known}."
        )

    def profile_roles(self, profile: GuideProfile) -> list[Occupation]:
        """Target roles first, then the current role (each resolved; unknown ones skipped)."""
        out: list[Occupation] = []
        for text in (*profile.target_roles, profile.current_role):
            occ = self.maybe_occupation(text)
            if occ is not None and occ not in out:
                out.append(occ)
        return out

    # -- places and pay ---------------------------------------------------------------------------
    def place(self, profile: GuideProfile, question: str = "") -> Place:
        """The area named in the question, else the profile's first placeable location, else
        remote (national) or national."""
        if question and self.find_place is not None:
            typed, area = self.find_place(question)
            if typed and area:
                resolution = self.kb.resolve_location(typed)
                if resolution.area is not None and not resolution.area.is_national:
                    return Place(resolution, resolution.area.name, from_question=True)
        for text in profile.locations:
            resolution = self.kb.resolve_location(text)
            if resolution.area is not None:
                label = "Remote (national pay)" if resolution.remote else resolution.area.name
                return Place(resolution, label)
        return NATIONAL

    def _salary(self, occ_id: str, area_code: str | None) -> SalaryInfo:
        occ = self.kb.catalogue.by_id[occ_id]
        area = self.kb.wages.areas.get(area_code) if area_code else None
        return self.kb.salary(occ, area)

    def pay(self, occ: Occupation, place: Place = NATIONAL) -> SalaryInfo:
        area = place.resolution.area if place.resolution is not None else None
        return self.salary(occ.id, area.code if area is not None else None)

    def pay_fact(self, occ: Occupation, place: Place = NATIONAL) -> FactUsed:
        info = self.pay(occ, place)
        return FactUsed(
            label=f"Pay, {occ.title}, {area_label(info)}",
            value=range_line(info),
            source=f"{info.source} ({info.occupation_title}, {info.soc_code})",
        )

    # -- matching ---------------------------------------------------------------------------------
    def career_profile(self, profile: GuideProfile) -> CareerProfile:
        return CareerProfile(
            skills=list(profile.skills),
            experience_years=profile.experience_years,
            target_roles=list(profile.target_roles),
            locations=list(profile.locations),
            remote_ok=profile.remote_ok,
        )


def follow_up(action: Action, role: Occupation | None = None) -> FollowUp:
    label = ACTION_LABELS[action]
    if role is not None and action in ("check_pay", "skill_gap"):
        label = f"{label}: {role.title}"
    return FollowUp(action=action, label=label[:80], role=role.id if role else None)


def article(word: str) -> str:
    """'an' before a vowel sound we can see ("an Actuary", "an expert"), else 'a'."""
    return "an" if word[:1].upper() in "AEIOU" else "a"


def onet_source(extra: str = "") -> str:
    return f"{ONET_ATTRIBUTION}{'; ' + extra if extra else ''}"


def bullet(lines: list[str] | tuple[str, ...]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def numbered(lines: list[str] | tuple[str, ...]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))

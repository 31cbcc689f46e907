"""The /career summary without a model: composed from the result, and the facts a model's
summary is checked against.

`compose_summary(paths)` says which path looks strongest and why (the skills the person already
has), the one skill that adds most to it, its pay where published, the runner-up, and one next
step. Every name and number comes from the `CareerPaths` result, formatted as the embed shows
it. `summary_entities(paths, kb)` is what a model's summary may name (`llm.checks.EntityFacts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from careermate_bot.knowledge import CareerMatch, KnowledgeBase
from careermate_bot.llm.checks import EntityFacts, OccupationFinder
from careermate_bot.services.career.paths import CareerPaths

if TYPE_CHECKING:
    from careermate_bot.knowledge.catalogue import OccupationCatalogue

CLOSE_SECOND = 5  # match points: a runner-up this close is "a close second"


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _pay(match: CareerMatch, paths: CareerPaths) -> str | None:
    salary = match.salary
    if salary is None or salary.annual is None or salary.annual.median is None:
        return None
    area = salary.area
    where = "nationally" if area.is_national or paths.remote else f"in {area.name}"
    return f"${salary.annual.median:,.0f} a year {where}"


_NAMED_KINDS = frozenset({"language", "framework", "tool"})


def _mid(skill: str, category: str) -> str:
    """A skill name inside a sentence: "object-oriented programming", but "Python", "REST APIs"."""
    if category in _NAMED_KINDS or any(ch.isupper() for ch in skill[1:]):
        return skill
    return skill[:1].lower() + skill[1:]


def _next_step(match: CareerMatch) -> str:
    gain = match.missing_skills[0] if match.missing_skills else None
    if gain is None:
        return (
            f"A good next step: look at open {match.occupation.title} roles and tailor your "
            "résumé to one of them."
        )
    skill = _mid(gain.skill, gain.category)
    if gain.category == "soft":
        return (
            f"A good next step: pick one recent example that shows your {skill} and put it on "
            "your résumé."
        )
    if gain.category in _NAMED_KINDS or match.occupation.family == "tech":
        return f"A good next step: a small project that uses {skill}, so you can show it."
    return (
        f"A good next step: a short course or hands-on practice in {skill}; a certificate or a "
        "shift where you use it both count."
    )


def compose_summary(paths: CareerPaths) -> str:
    """Two to four plain sentences about the result; "" when it has no paths."""
    if not paths.matches:
        return ""
    top = paths.matches[0]
    title = top.occupation.title
    have = list(top.matched_skills[:3])
    first = f"{title} looks like your strongest path ({top.match_percent}% match)"
    if have:
        first += f": it builds on {_join(have)}, which you already have."
    else:
        first += "."
    parts = [first]
    if top.missing_skills:
        gain = top.missing_skills[0]
        parts.append(
            f"The one skill that would add most is {_mid(gain.skill, gain.category)} "
            f"(+{gain.gain_points:g} points to that match)."
        )
    pay = _pay(top, paths)
    if pay is not None:
        parts.append(f"Its median pay is {pay}.")
    if len(paths.matches) > 1:
        second = paths.matches[1]
        # The list is ranked by fit, how central your skills are and how many jobs exist, so a
        # runner-up can hold more of its own core skills than the top path does.
        gap = top.match_percent - second.match_percent
        lead = "is a close second" if 0 <= gap <= CLOSE_SECOND else "comes next"
        parts.append(f"{second.occupation.title} {lead} ({second.match_percent}% match).")
    parts.append(_next_step(top))
    return " ".join(parts)


# -- what a model's summary may name ----------------------------------------------------------
@lru_cache(maxsize=4)
def _finder(catalogue: OccupationCatalogue) -> OccupationFinder:
    return OccupationFinder(catalogue.occupations)


def summary_entities(paths: CareerPaths, kb: KnowledgeBase) -> EntityFacts:
    """The person's skills and the result's skills and occupations (with their next roles and
    the target role): everything a summary of this result may name."""
    skills: set[str] = set(paths.result.skills) | set(paths.profile.skills)
    ids: set[str] = set()
    names: list[str] = []
    for match in paths.matches:
        occupation = match.occupation
        ids.add(occupation.id)
        names.extend((occupation.title, *occupation.aliases))
        skills.update(match.matched_skills)
        skills.update(g.skill for g in match.missing_skills)
        skills.update(occupation.core_skills)
        skills.update(occupation.nice_skills)
        for ref in match.next_roles:
            ids.add(ref.id)
            names.append(ref.title)
    for ref in paths.result.target_roles:
        ids.add(ref.id)
        names.append(ref.title)
    if paths.target_role:
        names.append(paths.target_role)
        found = kb.get_occupation(paths.target_role)
        if found is not None:
            ids.add(found.id)
    return EntityFacts.build(
        skills=skills,
        occupation_ids=ids,
        extract_skills=kb.extract_skills,
        finder=_finder(kb.catalogue),
        names=names,
    )

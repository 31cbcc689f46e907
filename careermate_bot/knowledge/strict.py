"""Strict resolution of what a person just typed: a role or a place, or a did-you-mean error.

The knowledge base's own `resolve_*` return their best guess with suggestions; these helpers are
for options a person typed into a command, where a wrong guess is worse than asking again:
they raise `InvalidInput` (a user-facing error) naming the closest matches.
"""

from __future__ import annotations

from collections.abc import Sequence

from careermate_bot.common.user_text import quote
from careermate_bot.errors import InvalidInput
from careermate_bot.knowledge.base import KnowledgeBase
from careermate_bot.knowledge.types import LocationResolution, Occupation, OccupationResolution


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


def preferred_location(
    kb: KnowledgeBase, locations: Sequence[str], remote_ok: bool | None
) -> tuple[LocationResolution | None, str | None]:
    """Where the profile wants pay shown (the one rule for /career, /jobs and the gap): the
    first saved location that resolves; else remote (national pay) if the profile says remote
    is fine; else None (national). A note when saved locations could not be placed."""
    for text in locations:
        resolution: LocationResolution = kb.resolve_location(text)
        if resolution.area is not None:
            return resolution, None
    if locations:
        shown = ", ".join(quote(t, 30) for t in locations[:3])
        return None, f"I couldn't place your saved location {shown}; showing national pay."
    if remote_ok:
        return kb.resolve_location("remote"), None
    return None, None

"""Saving what a person says about themselves, removing what they take back, and undoing either.

`save_facts` writes the facts of a message (skills in canonical spelling, the place they live,
years of experience, a salary floor, remote yes/no, hybrid or on-site, schedules, education, a
role they hold or aim for, a field they are leaving) and returns a `SavedChange` whose `summary`
says exactly what was saved ("Saved: skills Python, SQL; location Austin TX"). `forget` removes
exactly the facts a message names ("forget that I live in Boston", "remove SQL"). What it takes
to undo a change is kept in the profile's preferences under `_undo` (so an Undo button still
works after a restart); `undo` reverts it once. Only facts the person states about themselves
arrive here: skills named in a question or a comparison are topics, never saved.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.services import profile as profiles
from careermate_bot.services.conversation.intents import IntentSlots
from careermate_bot.services.profile import ProfileSnapshot
from careermate_bot.services.profile.store import (
    ARRANGEMENT,
    AVOID,
    CURRENT_ROLE,
    EDUCATION,
    LEAVING,
    NOT_SCHEDULE,
    NOTES,
    RELOCATE,
    SCHEDULE,
    WANTED_FIELD,
)

UNDO_KEY = "_undo"
MAX_NOTES = 10
MAX_NOTE = 200
SCHEDULE_WORDS = {
    "part_time": "part-time",
    "full_time": "full-time",
    "weekends": "weekends",
    "evenings": "evenings",
    "nights": "nights",
    "flexible": "flexible hours",
    "contract": "contract work",
}
ARRANGEMENT_WORDS = {"remote": "remote work", "hybrid": "hybrid work", "onsite": "on-site work"}


class SavedChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    summary: str
    token: str
    items: tuple[str, ...]


@dataclass
class _Change:
    """What one message changes, what undoing it takes, and the words that say so."""

    before: ProfileSnapshot
    items: list[str] = field(default_factory=list)
    changes: dict[str, Any] = field(default_factory=dict)
    prefs: dict[str, Any] = field(default_factory=dict)
    undo: dict[str, Any] = field(default_factory=dict)

    def set_pref(self, key: str, value: Any, said: str) -> None:
        old = self.before.preferences.get(key)
        if old == value:
            return
        self.prefs[key] = value
        self.undo.setdefault("preferences", {})[key] = old
        self.items.append(said)


def _undo_token() -> str:
    return secrets.token_hex(4)


async def save_facts(
    user_id: int,
    facts: IntentSlots,
    text: str,
    knowledge: KnowledgeBase | None = None,
    *,
    note: bool = True,
) -> SavedChange | None:
    """Save the stated facts; None when there was nothing to save. A statement with no fact
    we understand is kept as a note (`note`); never a message that also asks something
    ("I'm a veteran, what jobs fit me?" is a question, not a note to keep)."""
    change = _Change(await profiles.get_or_create(user_id))
    _skills(change, facts)
    _place_and_numbers(change, facts)
    _work_wishes(change, facts)
    _roles(change, facts)
    if facts.education:
        change.set_pref(EDUCATION, facts.education, f"education {facts.education}")
    if facts.leaving:
        change.set_pref(LEAVING, facts.leaving, f"leaving {facts.leaving}")
    if facts.wanted_field:
        wanted = facts.wanted_field
        change.set_pref(WANTED_FIELD, wanted, f"wants to work in {wanted}")
    if not change.items:
        kept = " ".join(text.split())[:MAX_NOTE] if note else ""
        if not kept:
            return None
        notes = list(change.before.preferences.get(NOTES) or [])
        change.prefs[NOTES] = [*notes, kept][-MAX_NOTES:]
        change.undo.setdefault("preferences", {})[NOTES] = notes or None
        change.items.append(f"note “{kept}”")
    return await _commit(user_id, change, "Saved")


def _skills(change: _Change, facts: IntentSlots) -> None:
    have = {s.casefold() for s in change.before.skills}
    new_skills = [s for s in facts.skills if s.casefold() not in have]
    if new_skills:
        change.changes["add_skills"] = new_skills
        change.undo["remove_skills"] = new_skills
        change.items.append("skills " + ", ".join(new_skills))
    elif facts.skills:
        change.items.append("skills " + ", ".join(facts.skills) + " (already saved)")


def _place_and_numbers(change: _Change, facts: IntentSlots) -> None:
    before = change.before
    if facts.location and (not before.locations or before.locations[0] != facts.location):
        rest = [p for p in before.locations if p.casefold() != facts.location.casefold()]
        change.changes["locations"] = [facts.location, *rest]
        change.undo["locations"] = list(before.locations)
        change.items.append(f"location {facts.location}")
    if facts.experience_years is not None and facts.experience_years != before.experience_years:
        change.changes["experience_years"] = facts.experience_years
        change.undo["experience_years"] = before.experience_years
        change.items.append(f"{facts.experience_years:g} years of experience")
    if facts.min_salary is not None and facts.min_salary != before.min_salary:
        change.changes["min_salary"] = facts.min_salary
        change.undo["min_salary"] = before.min_salary
        change.items.append(f"minimum salary ${facts.min_salary:,}")


def _work_wishes(change: _Change, facts: IntentSlots) -> None:
    before = change.before
    if facts.remote is not None and facts.remote != before.remote_ok:
        change.changes["remote_ok"] = facts.remote
        change.undo["remote_ok"] = before.remote_ok
        change.items.append("open to remote work" if facts.remote else "not remote")
    if facts.arrangement:
        said = f"prefers {ARRANGEMENT_WORDS.get(facts.arrangement, facts.arrangement)}"
        change.set_pref(ARRANGEMENT, facts.arrangement, said)
    if facts.schedule:
        wanted = sorted(set(before.schedule) | set(facts.schedule))
        words = ", ".join(SCHEDULE_WORDS.get(s, s) for s in facts.schedule)
        change.set_pref(SCHEDULE, wanted, f"schedule {words}")
    if facts.not_schedule:
        refused = sorted(set(before.not_schedule) | set(facts.not_schedule))
        words = ", ".join(SCHEDULE_WORDS.get(s, s) for s in facts.not_schedule)
        change.set_pref(NOT_SCHEDULE, refused, f"no {words}")
    if facts.relocate is not None:
        said = "willing to relocate" if facts.relocate else "not relocating"
        change.set_pref(RELOCATE, facts.relocate, said)
    if facts.avoid:
        known = {a.casefold() for a in before.avoid}
        added = [a for a in facts.avoid if a.casefold() not in known]
        if added:
            change.set_pref(AVOID, [*before.avoid, *added], "not interested in " + ", ".join(added))


def _roles(change: _Change, facts: IntentSlots) -> None:
    before = change.before
    if facts.role and facts.role_kind == "target":
        if facts.role.casefold() not in {r.casefold() for r in before.target_roles}:
            change.changes["add_target_roles"] = [facts.role]
            change.undo["remove_target_roles"] = [facts.role]
            change.items.append(f"target role {facts.role}")
    elif facts.role and facts.role_kind == "current":
        change.set_pref(CURRENT_ROLE, facts.role, f"current role {facts.role}")


async def forget(
    user_id: int, things: tuple[str, ...], knowledge: KnowledgeBase | None = None
) -> SavedChange | None:
    """Remove exactly the facts `things` name (a skill, a place, a role, an education, a work
    wish); None when nothing stored matches."""
    change = _Change(await profiles.get_or_create(user_id))
    before = change.before
    for thing in things:
        key = " ".join(thing.split()).casefold()
        if not key:
            continue
        skill = knowledge.get_skill(thing) if knowledge is not None else None
        names = {key, skill.name.casefold()} if skill is not None else {key}
        _forget_from_list(change, "skills", before.skills, names, "skill")
        _forget_from_list(change, "locations", before.locations, {key}, "location")
        _forget_from_list(change, "target_roles", before.target_roles, {key}, "target role")
        for pref, what in (
            (CURRENT_ROLE, "current role"),
            (EDUCATION, "education"),
            (LEAVING, "leaving"),
            (WANTED_FIELD, "wants to work in"),
            (ARRANGEMENT, "work arrangement"),
        ):
            value = before.preferences.get(pref)
            if isinstance(value, str) and _matches(value, key):
                change.set_pref(pref, None, f"{what} {value}")
        avoid = [a for a in before.avoid if _matches(a, key)]
        if avoid:
            rest = [a for a in before.avoid if a not in avoid]
            change.set_pref(AVOID, rest or None, "not interested in " + ", ".join(avoid))
        relocation = key in {"relocate", "relocating", "relocation", "moving"}
        if relocation and before.relocate is not None:
            change.set_pref(RELOCATE, None, "your relocation answer")
        if key in {"remote", "remote work", "working remotely"} and before.remote_ok is not None:
            change.changes["remote_ok"] = None
            change.undo["remote_ok"] = before.remote_ok
            change.items.append("your remote preference")
    if not change.items:
        return None
    return await _commit(user_id, change, "Removed")


def _matches(stored: str, key: str) -> bool:
    """`key` (what the person asked to forget) names the stored value: the same words, its
    start, or a sentence that quotes it whole ("I'm not interested in sales roles")."""
    stored_key = " ".join(stored.split()).casefold()
    return (
        stored_key == key
        or key in stored_key.split(",")
        or stored_key.startswith(key + " ")
        or (len(stored_key) >= 3 and f" {stored_key} " in f" {key} ")
    )


def _forget_from_list(
    change: _Change, column: str, values: list[str], keys: set[str], what: str
) -> None:
    gone = [v for v in values if any(_matches(v, k) for k in keys)]
    if not gone:
        return
    kept = [v for v in change.changes.get(column, values) if v not in gone]
    change.changes[column] = kept
    change.undo.setdefault(column, list(values))
    change.items.extend(f"{what} {value}" for value in gone)


async def _commit(user_id: int, change: _Change, verb: str) -> SavedChange:
    if not change.undo:  # only things already saved
        return SavedChange(
            summary="Already saved: " + "; ".join(change.items),
            token="",
            items=tuple(change.items),
        )
    token = _undo_token()
    summary = "; ".join(change.items)
    change.prefs[UNDO_KEY] = {"token": token, "changes": change.undo, "summary": summary}
    await profiles.update_profile(user_id, preferences=change.prefs, **change.changes)
    return SavedChange(summary=f"{verb}: {summary}", token=token, items=tuple(change.items))


async def undo(user_id: int, token: str) -> str | None:
    """Revert the change `token` saved; the line to show, or None when it can't be undone
    (already undone, replaced by a newer change, or the profile was deleted)."""
    profile = await profiles.get_profile(user_id)
    if profile is None:
        return None
    pending = profile.preferences.get(UNDO_KEY)
    if not isinstance(pending, dict) or not token or pending.get("token") != token:
        return None
    changes = dict(pending.get("changes") or {})
    prefs = dict(changes.pop("preferences", None) or {})
    prefs[UNDO_KEY] = None
    await profiles.update_profile(user_id, preferences=prefs, **changes)
    return f"Undone: {pending.get('summary', 'the last change')}."

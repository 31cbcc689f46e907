"""Saving what a person says about themselves, and undoing it.

`save_facts` writes the facts of a message (skills in canonical spelling, the place they live,
years of experience, a salary floor, a remote preference, a role they hold or aim for) and
returns a `SavedChange` whose `summary` says exactly what was saved ("Saved: skills Python, SQL;
location Austin TX"). What it takes to undo that change is kept in the profile's preferences
under `_undo` (so an Undo button still works after a restart); `undo` reverts it once.
"""

from __future__ import annotations

import secrets
from typing import Any

from pydantic import BaseModel, ConfigDict

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.services import profile as profiles
from careermate_bot.services.conversation.intents import IntentSlots

UNDO_KEY = "_undo"
NOTES_KEY = "notes"
CURRENT_ROLE_KEY = "current_role"
MAX_NOTES = 10
MAX_NOTE = 200


class SavedChange(BaseModel):
    model_config = ConfigDict(frozen=True)

    summary: str
    token: str
    items: tuple[str, ...]


def _undo_token() -> str:
    return secrets.token_hex(4)


async def save_facts(
    user_id: int, facts: IntentSlots, text: str, knowledge: KnowledgeBase | None = None
) -> SavedChange | None:
    """Save the stated facts; None when there was nothing to save."""
    before = await profiles.get_or_create(user_id)
    items: list[str] = []
    undo: dict[str, Any] = {}
    changes: dict[str, Any] = {}
    prefs: dict[str, Any] = {}

    have = {s.casefold() for s in before.skills}
    new_skills = [s for s in facts.skills if s.casefold() not in have]
    if new_skills:
        changes["add_skills"] = new_skills
        undo["remove_skills"] = new_skills
        items.append("skills " + ", ".join(new_skills))
    elif facts.skills:
        items.append("skills " + ", ".join(facts.skills) + " (already saved)")
    if facts.location and (not before.locations or before.locations[0] != facts.location):
        rest = [p for p in before.locations if p.casefold() != facts.location.casefold()]
        changes["locations"] = [facts.location, *rest]
        undo["locations"] = list(before.locations)
        items.append(f"location {facts.location}")
    if facts.experience_years is not None and facts.experience_years != before.experience_years:
        changes["experience_years"] = facts.experience_years
        undo["experience_years"] = before.experience_years
        items.append(f"{facts.experience_years:g} years of experience")
    if facts.min_salary is not None and facts.min_salary != before.min_salary:
        changes["min_salary"] = facts.min_salary
        undo["min_salary"] = before.min_salary
        items.append(f"minimum salary ${facts.min_salary:,}")
    if facts.remote is not None and facts.remote != before.remote_ok:
        changes["remote_ok"] = facts.remote
        undo["remote_ok"] = before.remote_ok
        items.append("open to remote work" if facts.remote else "prefers on-site work")
    if facts.role and facts.role_kind == "target":
        if facts.role.casefold() not in {r.casefold() for r in before.target_roles}:
            changes["add_target_roles"] = [facts.role]
            undo["remove_target_roles"] = [facts.role]
            items.append(f"target role {facts.role}")
    elif facts.role and facts.role_kind == "current":
        old = before.preferences.get(CURRENT_ROLE_KEY)
        if old != facts.role:
            prefs[CURRENT_ROLE_KEY] = facts.role
            undo.setdefault("preferences", {})[CURRENT_ROLE_KEY] = old
            items.append(f"current role {facts.role}")
    if not items:
        note = " ".join(text.split())[:MAX_NOTE]
        if not note:
            return None
        notes = list(before.preferences.get(NOTES_KEY) or [])
        prefs[NOTES_KEY] = [*notes, note][-MAX_NOTES:]
        undo.setdefault("preferences", {})[NOTES_KEY] = notes or None
        items.append(f"note “{note}”")
    if not undo:  # only things already saved
        return SavedChange(
            summary="Already saved: " + "; ".join(items), token="", items=tuple(items)
        )
    token = _undo_token()
    prefs[UNDO_KEY] = {"token": token, "changes": undo, "summary": "; ".join(items)}
    await profiles.update_profile(user_id, preferences=prefs, **changes)
    return SavedChange(summary="Saved: " + "; ".join(items), token=token, items=tuple(items))


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

"""User profiles: the snapshot every feature reads, and the one transactional update.

Every function is async, takes the Discord user id and returns a pydantic `ProfileSnapshot`
rather than ORM objects, so callers can render, compare and serialise it without touching the
database again. List fields (skills, locations, target roles) keep the order the user gave and
drop duplicates case-insensitively: the first spelling wins ("Python" then "python" keeps
"Python"). History: `history.py`; export and delete: `privacy.py`; the façade: `service.py`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Final

from pydantic import BaseModel, ConfigDict
from tortoise.transactions import in_transaction

from careermate_bot.common.user_text import visible_text
from careermate_bot.errors import InvalidInput
from models import UserProfile

MAX_LIST_ITEMS = 100
MAX_ITEM_LENGTH = 100
MAX_DISPLAY_NAME = 100
MAX_SALARY = 10_000_000  # what the forms accept (salary_input.MAX_ANNUAL)
MAX_EXPERIENCE_YEARS = 60  # the same bound every form uses (profile_form, career_paths)
MAX_PREFERENCES_BYTES = 16_384


class ProfileError(InvalidInput, ValueError):
    """A profile value was rejected; the message is short and safe to show to the user (it is
    an `InvalidInput`, so every front end shows it instead of a generic failure)."""


class _Unset:
    _instance: _Unset | None = None

    def __new__(cls) -> _Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Final = _Unset()
"""Marks an argument of `update_profile` that was not given (None means "clear it")."""


# Preference keys for the facts the conversation saves beside the columns.
CURRENT_ROLE = "current_role"
EDUCATION = "education"
ARRANGEMENT = "arrangement"
SCHEDULE = "schedule"
LEAVING = "leaving"
WANTED_FIELD = "wanted_field"
NOT_SCHEDULE = "not_schedule"
RELOCATE = "relocate"
AVOID = "avoid"
NOTES = "notes"


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


class ProfileSnapshot(BaseModel):
    model_config = ConfigDict(frozen=True)

    discord_id: int
    display_name: str
    skills: list[str]
    locations: list[str]
    remote_ok: bool | None
    min_salary: int | None
    experience_years: float | None
    target_roles: list[str]
    preferences: dict[str, Any]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, profile: UserProfile) -> ProfileSnapshot:
        return cls(
            discord_id=profile.discord_id,
            display_name=profile.display_name,
            skills=list(profile.skills or []),
            locations=list(profile.locations or []),
            remote_ok=profile.remote_ok,
            min_salary=profile.min_salary,
            # + 0.0 turns a stored -0.0 into 0.0, which prints as "0", never "-0".
            experience_years=(
                None if profile.experience_years is None else profile.experience_years + 0.0
            ),
            target_roles=list(profile.target_roles or []),
            preferences=dict(profile.preferences or {}),
            created_at=profile.created_at,
            updated_at=profile.updated_at,
        )

    # Facts the conversation keeps in `preferences` (small values; no column of their own).
    @property
    def current_role(self) -> str | None:
        """The role the person holds now ("Software Developer"), as they said it."""
        return _text(self.preferences.get(CURRENT_ROLE))

    @property
    def education(self) -> str | None:
        """Their education as stated ("nursing degree", "MBA")."""
        return _text(self.preferences.get(EDUCATION))

    @property
    def arrangement(self) -> str | None:
        """Where they want to work: "remote", "hybrid" or "onsite"."""
        return _text(self.preferences.get(ARRANGEMENT))

    @property
    def schedule(self) -> tuple[str, ...]:
        """Schedules they asked for ("part_time", "weekends", ...)."""
        value = self.preferences.get(SCHEDULE)
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    @property
    def leaving(self) -> str | None:
        """The role or field they want to leave ("teaching")."""
        return _text(self.preferences.get(LEAVING))

    @property
    def wanted_field(self) -> str | None:
        """The field they want to work or stay in ("healthcare")."""
        return _text(self.preferences.get(WANTED_FIELD))

    @property
    def not_schedule(self) -> tuple[str, ...]:
        """Schedules they refuse ("nights", "weekends")."""
        value = self.preferences.get(NOT_SCHEDULE)
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    @property
    def relocate(self) -> bool | None:
        """Willing to move for a job (True), not (False), or never said (None)."""
        value = self.preferences.get(RELOCATE)
        return value if isinstance(value, bool) else None

    @property
    def avoid(self) -> tuple[str, ...]:
        """Kinds of work they refuse, as written ("sales roles", "customer facing")."""
        value = self.preferences.get(AVOID)
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    def stated_facts(self) -> tuple[tuple[str, str], ...]:
        """What the person told the conversation beyond the form's fields, as (label, value)
        pairs in plain words: current role, education, work arrangement, schedules, ..."""
        words = {"part_time": "part-time", "full_time": "full-time", "onsite": "on-site"}

        def said(values: tuple[str, ...]) -> str:
            return ", ".join(words.get(v, v.replace("_", " ")) for v in values)

        relocate = {True: "yes", False: "no", None: ""}[self.relocate]
        pairs = (
            ("Current role", self.current_role or ""),
            ("Education", self.education or ""),
            ("Prefers", said((self.arrangement,)) if self.arrangement else ""),
            ("Schedule", said(self.schedule)),
            ("Schedules to avoid", said(self.not_schedule)),
            ("Willing to relocate", relocate),
            ("Not interested in", ", ".join(self.avoid)),
            ("Leaving", self.leaving or ""),
            ("Wants to work in", self.wanted_field or ""),
        )
        return tuple((label, value) for label, value in pairs if value)

    @property
    def is_empty(self) -> bool:
        """Nothing career-related known yet (a fresh profile)."""
        return not (
            self.skills or self.locations or self.target_roles or self.stated_facts()
        ) and all(
            value is None for value in (self.remote_ok, self.min_salary, self.experience_years)
        )


# -- Normalisation --------------------------------------------------------------------------------


def _clean_item(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ProfileError(f"{what} must be text, got {type(value).__name__}")
    text = visible_text(value)  # an item of only invisible characters is no item
    if len(text) > MAX_ITEM_LENGTH:
        raise ProfileError(f"a {what} may be at most {MAX_ITEM_LENGTH} characters: {text[:30]}...")
    return text


def merge_unique(
    existing: Iterable[str], new: Iterable[str] = (), *, what: str = "item", cap: bool = True
) -> list[str]:
    """`existing` then `new`, whitespace tidied, empties dropped, duplicates (ignoring case)
    dropped with the first spelling kept, order preserved. With `cap`, more than
    MAX_LIST_ITEMS raises `ProfileError`."""
    if isinstance(new, str):
        new = [new]
    seen: set[str] = set()
    merged: list[str] = []
    for raw in [*existing, *new]:
        item = _clean_item(raw, what)
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            merged.append(item)
    if cap and len(merged) > MAX_LIST_ITEMS:
        raise ProfileError(f"at most {MAX_LIST_ITEMS} {what}s, got {len(merged)}")
    return merged


def keep_newest(
    existing: Iterable[str], added: Iterable[str], *, what: str = "item"
) -> tuple[list[str], list[str]]:
    """Merge `added` into `existing` under the MAX_LIST_ITEMS cap by dropping the OLDEST items.

    The policy for a full list (e.g. a profile with 100 skills and /career adding 2 more): the
    newest MAX_LIST_ITEMS stay and the oldest go, so adding never fails. Returns (kept list,
    dropped items, oldest first). Adding more than MAX_LIST_ITEMS new items at once is still an
    error: that is a bad request, not a full list.
    """
    merged = merge_unique(existing, added, what=what, cap=False)
    fresh = merge_unique([], added, what=what, cap=False)
    if len(fresh) > MAX_LIST_ITEMS:
        raise ProfileError(f"at most {MAX_LIST_ITEMS} {what}s, got {len(fresh)}")
    overflow = len(merged) - MAX_LIST_ITEMS
    if overflow <= 0:
        return merged, []
    fresh_keys = {item.casefold() for item in fresh}
    dropped: list[str] = []
    for item in merged:
        if len(dropped) == overflow:
            break
        if item.casefold() not in fresh_keys:
            dropped.append(item)
    gone = {item.casefold() for item in dropped}
    return [item for item in merged if item.casefold() not in gone], dropped


def capped_note(dropped: Iterable[str], what: str = "skill") -> str | None:
    """The sentence that tells the user which old items made room (None when none did)."""
    items = list(dropped)
    if not items:
        return None
    shown = ", ".join(items[:5]) + (f" and {len(items) - 5} more" if len(items) > 5 else "")
    return (
        f"Your profile keeps at most {MAX_LIST_ITEMS} {what}s, so the oldest made room for "
        f"the new ones: {shown}. Check them with /profile view."
    )


def _without(items: list[str], remove: Iterable[str]) -> list[str]:
    if isinstance(remove, str):
        remove = [remove]
    drop = {" ".join(str(r).split()).casefold() for r in remove}
    return [item for item in items if item.casefold() not in drop]


def _check_number(value: object, what: str, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProfileError(f"{what} must be a number")
    if not math.isfinite(value) or not low <= value <= high:
        raise ProfileError(f"{what} must be between {low:g} and {high:g}")


# -- Profiles -------------------------------------------------------------------------------------


async def get_profile(discord_id: int) -> ProfileSnapshot | None:
    profile = await UserProfile.get_or_none(discord_id=discord_id)
    return ProfileSnapshot.of(profile) if profile else None


async def get_or_create_row(discord_id: int, display_name: str | None) -> UserProfile:
    name = (display_name or "").strip()[:MAX_DISPLAY_NAME]
    profile, created = await UserProfile.get_or_create(
        discord_id=discord_id, defaults={"display_name": name}
    )
    if not created and display_name is not None and name and profile.display_name != name:
        profile.display_name = name
        await profile.save(update_fields=["display_name", "updated_at"])
    return profile


async def lock_profile(discord_id: int) -> None:
    """Start a read-modify-write transaction with a write, never with a read.

    SQLite in WAL mode: a transaction that reads first and writes later fails at once with
    "database is locked" if another connection (the CLI, a second process) committed in between;
    busy_timeout cannot help because the snapshot it read is already stale. A no-op UPDATE as
    the first statement takes the write lock up front (waiting up to busy_timeout for it). On
    PostgreSQL it locks the row, like SELECT ... FOR UPDATE.
    """
    await UserProfile.filter(discord_id=discord_id).update(discord_id=discord_id)


async def get_or_create(discord_id: int, display_name: str | None = None) -> ProfileSnapshot:
    """The user's profile, created empty on first contact. A given non-empty `display_name`
    replaces the stored one (people rename themselves)."""
    return ProfileSnapshot.of(await get_or_create_row(discord_id, display_name))


async def update_profile(
    discord_id: int,
    *,
    display_name: str | _Unset = UNSET,
    skills: Iterable[str] | _Unset = UNSET,
    add_skills: Iterable[str] = (),
    remove_skills: Iterable[str] = (),
    locations: Iterable[str] | _Unset = UNSET,
    add_locations: Iterable[str] = (),
    remove_locations: Iterable[str] = (),
    remote_ok: bool | _Unset | None = UNSET,
    min_salary: int | _Unset | None = UNSET,
    experience_years: float | _Unset | None = UNSET,
    target_roles: Iterable[str] | _Unset = UNSET,
    add_target_roles: Iterable[str] = (),
    remove_target_roles: Iterable[str] = (),
    preferences: Mapping[str, Any] | _Unset = UNSET,
) -> ProfileSnapshot:
    """Change some fields (creating the profile if needed) in one transaction.

    List fields: `skills=` replaces the list, `add_skills=` merges into it (order kept, case-
    insensitive dedupe), `remove_skills=` drops entries ignoring case; likewise locations and
    target roles. Scalars: pass None to clear. `preferences` merges keys; a None value deletes
    that key. Raises `ProfileError` for invalid values (nothing is written then).
    """
    async with in_transaction():
        await lock_profile(discord_id)
        profile = await UserProfile.select_for_update().get_or_none(discord_id=discord_id)
        if profile is None:
            # First contact, maybe raced by another process sharing the database (PostgreSQL):
            # create-or-get in a savepoint absorbs the unique-key clash; then lock the row.
            await UserProfile.get_or_create(discord_id=discord_id)
            profile = await UserProfile.select_for_update().get(discord_id=discord_id)
        changed: list[str] = []

        if not isinstance(display_name, _Unset):
            profile.display_name = (display_name or "").strip()[:MAX_DISPLAY_NAME]
            changed.append("display_name")

        for name, replace, add, remove, what in (
            ("skills", skills, add_skills, remove_skills, "skill"),
            ("locations", locations, add_locations, remove_locations, "location"),
            ("target_roles", target_roles, add_target_roles, remove_target_roles, "target role"),
        ):
            if isinstance(replace, _Unset) and not add and not remove:
                continue
            if isinstance(replace, _Unset):
                # Adding to the saved list: a full list drops its oldest items (keep_newest).
                base = list(getattr(profile, name) or [])
                value = merge_unique(base, add, what=what, cap=False)
                if remove:
                    value = _without(value, remove)
                if len(value) > MAX_LIST_ITEMS:
                    value, _dropped = keep_newest(
                        _without(base, remove) if remove else base, add, what=what
                    )
            else:
                base = [replace] if isinstance(replace, str) else list(replace)
                value = merge_unique(base, add, what=what)
                if remove:
                    value = _without(value, remove)
            setattr(profile, name, value)
            changed.append(name)

        if not isinstance(remote_ok, _Unset):
            if remote_ok is not None and not isinstance(remote_ok, bool):
                raise ProfileError("remote_ok must be true, false or unset")
            profile.remote_ok = remote_ok
            changed.append("remote_ok")
        if not isinstance(min_salary, _Unset):
            if min_salary is not None:
                _check_number(min_salary, "minimum salary", 0, MAX_SALARY)
                if min_salary != int(min_salary):
                    raise ProfileError("minimum salary must be a whole number")
                min_salary = int(min_salary)
            profile.min_salary = min_salary
            changed.append("min_salary")
        if not isinstance(experience_years, _Unset):
            if experience_years is not None:
                _check_number(experience_years, "years of experience", 0, MAX_EXPERIENCE_YEARS)
                experience_years = float(experience_years) + 0.0  # -0.0 -> 0.0 ("-0 years")
            profile.experience_years = experience_years
            changed.append("experience_years")
        if not isinstance(preferences, _Unset):
            merged = dict(profile.preferences or {})
            for key, value in preferences.items():
                if not isinstance(key, str) or not key:
                    raise ProfileError("preference names must be non-empty text")
                if value is None:
                    merged.pop(key, None)
                else:
                    merged[key] = value
            try:
                size = len(json.dumps(merged, ensure_ascii=False).encode())
            except (TypeError, ValueError) as error:
                raise ProfileError(f"preferences must be plain JSON values ({error})") from None
            if size > MAX_PREFERENCES_BYTES:
                raise ProfileError(f"preferences may take at most {MAX_PREFERENCES_BYTES} bytes")
            profile.preferences = merged
            changed.append("preferences")

        if changed:
            await profile.save(update_fields=[*changed, "updated_at"])
    return ProfileSnapshot.of(profile)


async def add_skills(discord_id: int, skills: Iterable[str]) -> ProfileSnapshot:
    """Merge skills into the profile (order kept, duplicates ignoring case dropped)."""
    return await update_profile(discord_id, add_skills=skills)

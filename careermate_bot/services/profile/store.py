"""User profiles and conversation history: the one Discord-free API cogs, DM chat and the CLI use.

Every function is async, takes the Discord user id and returns pydantic snapshots
(`ProfileSnapshot`, `MessageSnapshot`) rather than ORM objects, so callers can render, compare
and serialise them without touching the database again.

List fields (skills, locations, target roles) keep the order the user gave and drop duplicates
case-insensitively: the first spelling wins ("Python" then "python" keeps "Python").

Export and delete cover the profile and every row that points at it through a foreign key
(any model with `ForeignKeyField("models.UserProfile", ...)`), so a feature that stores
per-user data that way is included without changes here. Columns that hold some member's
Discord id without a foreign key (`PERSON_ID_COLUMNS`, e.g. `job_postings.closed_by`) are
masked in an export unless they hold the exporter's own id, and cleared when that member's data
is deleted. After a delete, SQLite's write-ahead log is checkpointed (with `secure_delete` on,
see `careermate_bot.storage.database`) so the deleted text is not left readable in the database files.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, Final

from pydantic import BaseModel, ConfigDict
from tortoise.fields import CASCADE
from tortoise.transactions import in_transaction

from careermate_bot.common.user_text import visible_text
from careermate_bot.errors import InvalidInput
from models import ChatMessage, MessageRole, MessageSource, UserProfile
from models.jobs import PERSON_ID_COLUMNS  # re-exported: one definition, beside the schema

MAX_LIST_ITEMS = 100
MAX_ITEM_LENGTH = 100
MAX_DISPLAY_NAME = 100
MAX_SALARY = 10_000_000  # what the forms accept (salary_input.MAX_ANNUAL)
MAX_EXPERIENCE_YEARS = 60  # the same bound every form uses (profile_form, career_paths)
MAX_PREFERENCES_BYTES = 16_384
MAX_HISTORY = 1000
EXPORT_FORMAT = "careermate-user-export"
EXPORT_VERSION = 1
# Shown in an export in place of another member's Discord id.
OTHER_MEMBER = "another member"


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

    @property
    def is_empty(self) -> bool:
        """Nothing career-related known yet (a fresh profile)."""
        return not (self.skills or self.locations or self.target_roles) and all(
            value is None for value in (self.remote_ok, self.min_salary, self.experience_years)
        )


class MessageSnapshot(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    role: MessageRole
    content: str
    intent: str | None
    source: MessageSource
    created_at: datetime

    @classmethod
    def of(cls, message: ChatMessage) -> MessageSnapshot:
        return cls(
            id=message.id,
            role=MessageRole(message.role),
            content=message.content,
            intent=message.intent,
            source=MessageSource(message.source),
            created_at=message.created_at,
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


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return value


# -- Profiles -------------------------------------------------------------------------------------


async def get_profile(discord_id: int) -> ProfileSnapshot | None:
    profile = await UserProfile.get_or_none(discord_id=discord_id)
    return ProfileSnapshot.of(profile) if profile else None


async def _get_or_create_row(discord_id: int, display_name: str | None) -> UserProfile:
    name = (display_name or "").strip()[:MAX_DISPLAY_NAME]
    profile, created = await UserProfile.get_or_create(
        discord_id=discord_id, defaults={"display_name": name}
    )
    if not created and display_name is not None and name and profile.display_name != name:
        profile.display_name = name
        await profile.save(update_fields=["display_name", "updated_at"])
    return profile


async def _lock_profile(discord_id: int) -> None:
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
    return ProfileSnapshot.of(await _get_or_create_row(discord_id, display_name))


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
        await _lock_profile(discord_id)
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


# -- Conversation history -------------------------------------------------------------------------


async def append_message(
    discord_id: int,
    role: MessageRole | str,
    content: str,
    *,
    intent: str | None = None,
    source: MessageSource | str = MessageSource.DM,
    display_name: str | None = None,
) -> MessageSnapshot:
    """Store one message of the user's conversation (creating the profile on first contact)."""
    try:
        role = MessageRole(role)
        source = MessageSource(source)
    except ValueError as error:
        raise ProfileError(str(error)) from None
    if intent is not None:
        intent = intent[:32] or None
    profile = await _get_or_create_row(discord_id, display_name)
    message = await ChatMessage.create(
        user_id=profile.id, role=role, content=content, intent=intent, source=source
    )
    return MessageSnapshot.of(message)


async def recent_history(discord_id: int, limit: int = 20) -> list[MessageSnapshot]:
    """The user's last `limit` messages, oldest first (the order to feed an LLM)."""
    limit = max(0, min(int(limit), MAX_HISTORY))
    if limit == 0:
        return []
    rows = await ChatMessage.filter(user__discord_id=discord_id).order_by("-id").limit(limit)
    return [MessageSnapshot.of(row) for row in reversed(rows)]


async def count_messages(discord_id: int) -> int:
    return await ChatMessage.filter(user__discord_id=discord_id).count()


async def clear_history(discord_id: int) -> int:
    """Forget the conversation but keep the profile; returns how many messages went."""
    profile = await UserProfile.get_or_none(discord_id=discord_id)
    if profile is None:
        return 0
    return await ChatMessage.filter(user_id=profile.id).delete()


# -- Export and deletion --------------------------------------------------------------------------


def _related_models() -> list[tuple[str, type[Any], str, bool]]:
    """(related_name, model, fk column, cascades) for every model with a foreign key to
    UserProfile; `cascades` is True when that key is declared `on_delete=CASCADE`."""
    meta = UserProfile._meta
    found = []
    for name in sorted(meta.backward_fk_fields | meta.backward_o2o_fields):
        backward: Any = meta.fields_map[name]  # a BackwardFKRelation / BackwardOneToOneRelation
        model = backward.related_model
        forward = next(
            (
                model._meta.fields_map[fk]
                for fk in model._meta.fk_fields | model._meta.o2o_fields
                if getattr(model._meta.fields_map[fk], "related_name", None) == name
            ),
            None,
        )
        cascades = getattr(forward, "on_delete", CASCADE) == CASCADE
        found.append((name, model, backward.relation_source_field, cascades))
    return found


def _person_id_columns() -> list[tuple[type[Any], str]]:
    """(model, column) for every column that stores some member's Discord id without being a
    foreign key: the ones listed in PERSON_ID_COLUMNS plus any integer column named `*_by`."""
    from tortoise import Tortoise

    found: list[tuple[type[Any], str]] = []
    for app in Tortoise.apps.values():
        for model in app.values():
            meta = model._meta
            listed = PERSON_ID_COLUMNS.get(meta.db_table, ())
            for name in sorted(meta.fields_map):
                field = meta.fields_map[name]
                is_int = getattr(field, "field_type", None) is int
                is_fk = name in meta.fk_fields or name in meta.o2o_fields
                if not is_fk and (name in listed or (is_int and name.endswith("_by"))):
                    found.append((model, name))
    return found


def _mask_other_people(
    rows: list[dict[str, Any]], columns: Iterable[str], discord_id: int
) -> list[dict[str, Any]]:
    """Replace other members' Discord ids in `columns` with OTHER_MEMBER (the exporter's own id
    stays: it is their data)."""
    columns = tuple(columns)
    for row in rows:
        for column in columns:
            value = row.get(column)
            if value is not None and value != discord_id:
                row[column] = OTHER_MEMBER
    return rows


async def export_user_data(discord_id: int) -> dict[str, Any] | None:
    """Everything stored about the user as a JSON-ready dict, or None if nothing is stored.

    `{"format", "version", "exported_at", "profile": {...}, "<related_name>": [rows...]}`, with
    the conversation under "messages" (oldest first). Only the caller's own data: another
    member's Discord id in a row (who closed your posting) reads OTHER_MEMBER.
    """
    profile = await UserProfile.get_or_none(discord_id=discord_id)
    if profile is None:
        return None
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(),
        "profile": _jsonable(ProfileSnapshot.of(profile).model_dump()),
    }
    person_columns: dict[type[Any], list[str]] = {}
    for model, column in _person_id_columns():
        person_columns.setdefault(model, []).append(column)
    for name, model, fk_column, _cascades in _related_models():
        rows = await model.filter(**{fk_column: profile.id}).order_by("id").values()
        for row in rows:
            row.pop(fk_column, None)  # the internal profile id means nothing outside
        rows = _mask_other_people(rows, person_columns.get(model, ()), discord_id)
        data[name] = _jsonable(rows)
    return data


async def delete_user_data(discord_id: int) -> dict[str, int]:
    """Delete the profile and every row that cascades from it, in one transaction, and clear
    the user's Discord id from other members' rows (`PERSON_ID_COLUMNS`, e.g. who closed
    someone else's posting).

    Returns the number of rows deleted per table, zeros left out ({} when nothing was stored);
    cleared references count under "<table>.<column>". Rows whose foreign key says SET_NULL
    (or RESTRICT) are left to the database's own rule. Afterwards SQLite's write-ahead log is
    checkpointed so the deleted text does not linger in the -wal file.
    """
    from careermate_bot.storage.database import forget_deleted_pages

    deleted: dict[str, int] = {}
    async with in_transaction():
        await _lock_profile(discord_id)
        profile = await UserProfile.get_or_none(discord_id=discord_id)
        for model, column in _person_id_columns():
            key = f"{model._meta.db_table}.{column}"
            deleted[key] = await model.filter(**{column: discord_id}).update(**{column: None})
        if profile is not None:
            for _name, model, fk_column, cascades in _related_models():
                if cascades:
                    deleted[model._meta.db_table] = await model.filter(
                        **{fk_column: profile.id}
                    ).delete()
            deleted[UserProfile._meta.db_table] = await UserProfile.filter(id=profile.id).delete()
    result = {table: count for table, count in deleted.items() if count}
    if result:
        await forget_deleted_pages()
    return result

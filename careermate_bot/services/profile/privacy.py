"""Everything stored about one person: export it (JSON-ready) or delete it.

Export and delete cover the profile and every row that points at it through a foreign key
(any model with `ForeignKeyField("models.UserProfile", ...)`), so a feature that stores
per-user data that way is included without changes here. Columns that hold some member's
Discord id without a foreign key (`PERSON_ID_COLUMNS`, e.g. `job_postings.closed_by`) are
masked in an export unless they hold the exporter's own id, and cleared when that member's data
is deleted. After a delete, SQLite's write-ahead log is checkpointed (with `secure_delete` on,
see `careermate_bot.storage.database`) so the deleted text is not left readable in the files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from tortoise import Tortoise
from tortoise.fields import CASCADE
from tortoise.transactions import in_transaction

from careermate_bot.services.profile.store import ProfileSnapshot, lock_profile
from careermate_bot.storage.database import forget_deleted_pages
from models import UserProfile
from models.jobs import PERSON_ID_COLUMNS

EXPORT_FORMAT = "careermate-user-export"
EXPORT_VERSION = 1
# Shown in an export in place of another member's Discord id.
OTHER_MEMBER = "another member"


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
    deleted: dict[str, int] = {}
    async with in_transaction():
        await lock_profile(discord_id)
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

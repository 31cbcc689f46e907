"""Jobs and roles a user saved from /jobs, kept in their profile (exported and deleted with it).

A saved item is a snapshot (title, where, pay, link) so it stays readable after a posting closes
or expires. Saving the same posting (or the same role in the same area) twice keeps one entry.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from tortoise.exceptions import IntegrityError

from careermate_bot.errors import UserFacingError
from models import SavedJob, UserProfile
from models.jobs import SavedKind

MAX_SAVED = 100


class SavedSnapshot(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    kind: SavedKind
    key: str
    title: str
    subtitle: str
    detail: str
    url: str | None
    posting_id: int | None
    occupation_id: str | None
    area_code: str | None
    created_at: datetime

    @classmethod
    def of(cls, row: SavedJob) -> SavedSnapshot:
        return cls(
            id=row.id,
            kind=SavedKind(row.kind),
            key=row.key,
            title=row.title,
            subtitle=row.subtitle,
            detail=row.detail,
            url=row.url,
            posting_id=row.posting_id,  # type: ignore[attr-defined]
            occupation_id=row.occupation_id,
            area_code=row.area_code,
            created_at=row.created_at,
        )


class SaveRequest(BaseModel):
    """What to save: built by the job search from a result, so it needs no lookups."""

    model_config = ConfigDict(frozen=True)

    kind: SavedKind
    key: str
    title: str
    subtitle: str = ""
    detail: str = ""
    url: str | None = None
    posting_id: int | None = None
    occupation_id: str | None = None
    area_code: str | None = None


def posting_key(posting_id: int) -> str:
    return f"posting:{posting_id}"


def role_key(occupation_id: str, area_code: str | None) -> str:
    return f"role:{occupation_id}:{area_code or 'national'}"


async def save(
    discord_id: int, item: SaveRequest, *, display_name: str | None = None
) -> tuple[SavedSnapshot, bool]:
    """Store `item` for the user; returns (entry, True if new / False if it was saved already)."""
    profile, _ = await UserProfile.get_or_create(
        discord_id=discord_id, defaults={"display_name": (display_name or "")[:100]}
    )
    existing = await SavedJob.get_or_none(user_id=profile.id, key=item.key)
    if existing is not None:
        return SavedSnapshot.of(existing), False
    if await SavedJob.filter(user_id=profile.id).count() >= MAX_SAVED:
        raise UserFacingError(
            f"You have {MAX_SAVED} saved jobs already. Remove some with `/jobs saved` first."
        )
    try:
        row = await SavedJob.create(
            user_id=profile.id,
            kind=item.kind,
            key=item.key[:160],
            title=item.title[:100],
            subtitle=item.subtitle[:200],
            detail=item.detail[:300],
            url=item.url,
            posting_id=item.posting_id,
            occupation_id=item.occupation_id,
            area_code=item.area_code,
        )
    except IntegrityError:  # saved twice at the same moment (a double click)
        row = await SavedJob.get(user_id=profile.id, key=item.key)
        return SavedSnapshot.of(row), False
    return SavedSnapshot.of(row), True


async def list_saved(discord_id: int) -> list[SavedSnapshot]:
    """The user's saved items, newest first."""
    rows = await SavedJob.filter(user__discord_id=discord_id).order_by("-created_at", "-id")
    return [SavedSnapshot.of(row) for row in rows]


async def remove(discord_id: int, saved_id: int) -> bool:
    """Remove one of the user's own saved items; False if it isn't theirs or is gone already."""
    profile = await UserProfile.get_or_none(discord_id=discord_id)
    if profile is None:
        return False
    deleted = await SavedJob.filter(id=saved_id, user_id=profile.id).delete()
    return deleted > 0

"""Jobs: openings posted on a server's job board, and jobs or roles a user saved for later.

A `JobPosting` belongs to one guild and expires (`expires_at`); closing it keeps the row
(`closed_at`) so the board's history stays auditable. Both models point at the poster's or
saver's `UserProfile`, so a user's data export and deletion include them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

if TYPE_CHECKING:
    from models.user import UserProfile

# Columns holding a member's Discord id that are not foreign keys to UserProfile: table -> columns.
# A model column named `*_by` (closed_by, reviewed_by, ...) is found on its own as well. Used by
# profile export/deletion (services/profiles.py) and by purging a user from backups (backup.py).
PERSON_ID_COLUMNS: dict[str, tuple[str, ...]] = {"job_postings": ("closed_by",)}


class SavedKind(StrEnum):
    POSTING = "posting"  # an opening on a server's job board
    ROLE = "role"  # an occupation with its salary range for a location


class JobPosting(Model):
    id = fields.IntField(primary_key=True)
    guild_id = fields.BigIntField()
    poster: fields.ForeignKeyRelation[UserProfile] = fields.ForeignKeyField(
        "models.UserProfile", related_name="job_postings", on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=100)
    company = fields.CharField(max_length=100)
    location = fields.CharField(max_length=100, default="")
    remote = fields.BooleanField(default=False)
    salary_min = fields.IntField(null=True)
    salary_max = fields.IntField(null=True)
    # Canonical skill names (careermate_bot.knowledge), in the order the poster gave them.
    skills: list[str] = fields.JSONField(default=list)
    url = fields.CharField(max_length=512, null=True)
    description = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    closed_at = fields.DatetimeField(null=True)
    closed_by = fields.BigIntField(null=True)  # Discord id of who closed it

    class Meta:
        table = "job_postings"
        ordering = ("-created_at", "-id")
        indexes = (Index(fields=("guild_id", "expires_at"), name="idx_job_postings_guild_open"),)

    def __str__(self) -> str:
        return f"JobPosting({self.id}, guild {self.guild_id}, {self.title!r})"


class SavedJob(Model):
    """A snapshot of what the user saved: it outlives the posting (which may close or expire)."""

    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[UserProfile] = fields.ForeignKeyField(
        "models.UserProfile", related_name="saved_jobs", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(SavedKind, max_length=16)
    # Identity for de-duplication: "posting:<id>" or "role:<occupation id>:<area code>".
    key = fields.CharField(max_length=160)
    title = fields.CharField(max_length=100)
    subtitle = fields.CharField(max_length=200, default="")
    detail = fields.CharField(max_length=300, default="")
    url = fields.CharField(max_length=512, null=True)
    posting: fields.ForeignKeyNullableRelation[JobPosting] = fields.ForeignKeyField(
        "models.JobPosting", related_name="saved_by", null=True, on_delete=fields.SET_NULL
    )
    occupation_id = fields.CharField(max_length=100, null=True)
    area_code = fields.CharField(max_length=16, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "saved_jobs"
        ordering = ("-created_at", "-id")
        unique_together = (("user", "key"),)

    def __str__(self) -> str:
        return f"SavedJob({self.id}, {self.key!r})"

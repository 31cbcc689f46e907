"""A Discord user's career profile: what CareerMate remembers about them across restarts."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class UserProfile(Model):
    id = fields.IntField(primary_key=True)
    discord_id = fields.BigIntField(unique=True, db_index=True)
    display_name = fields.CharField(max_length=100, default="")
    # Canonical skill names (see careermate_bot.knowledge); order = the order the user gave them.
    skills: list[str] = fields.JSONField(default=list)
    locations: list[str] = fields.JSONField(default=list)
    remote_ok = fields.BooleanField(null=True)
    min_salary = fields.IntField(null=True)
    experience_years = fields.FloatField(null=True)
    target_roles: list[str] = fields.JSONField(default=list)
    # Anything else a feature wants to remember (small values only).
    preferences: dict[str, object] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "user_profiles"

    def __str__(self) -> str:
        return f"UserProfile({self.discord_id}, {self.display_name!r})"

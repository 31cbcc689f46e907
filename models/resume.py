"""Résumé review summaries: the score and what it was made of, for "compare with my last review".

Never the file, its text or contact details: only the score, each check's points, the canonical
skills found and the role it was reviewed against. Points at the `UserProfile` with
`on_delete=CASCADE`, so `/profile export` includes and `/profile delete` removes these rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

if TYPE_CHECKING:
    from models.user import UserProfile


class ResumeReviewSummary(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[UserProfile] = fields.ForeignKeyField(
        "models.UserProfile", related_name="resume_reviews", on_delete=fields.CASCADE
    )
    score = fields.IntField()
    # {check name: points earned}, e.g. {"contact": 12.0, "quantified": 7.5, ...}
    checks: dict[str, float] = fields.JSONField(default=dict)
    skills: list[str] = fields.JSONField(default=list)
    target_role = fields.CharField(max_length=120, null=True)
    coverage_percent = fields.IntField(null=True)
    words = fields.IntField(default=0)
    source = fields.CharField(max_length=16, default="")  # pdf, docx, odt, text, paste
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "resume_reviews"
        ordering = ("-created_at", "-id")
        # Schema version 3 (careermate_bot/migrations.py): one user's reviews, newest first.
        indexes = (Index(fields=("user_id", "id"), name="idx_resume_reviews_user"),)

    def __str__(self) -> str:
        return f"ResumeReviewSummary({self.id}, score {self.score})"

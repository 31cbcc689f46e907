"""Mock interviews: one row per session, one per answered (or skipped) question.

A session stores the questions it asks as snapshots (`questions`, JSON), so bank edits never
change an interview under way or in the history. Both models point at the user's
`UserProfile` (cascade), so `/profile export` and `/profile delete` include them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

if TYPE_CHECKING:
    from tortoise.backends.base.schema_generator import BaseSchemaGenerator

    from models.user import UserProfile

ONE_ACTIVE_INDEX = "uniq_interview_sessions_active_user"


class SessionStatus(StrEnum):
    ACTIVE = "active"
    COMPLETED = "completed"  # every question answered or skipped, or ended early with answers
    ABANDONED = "abandoned"  # the user started over or ended before answering anything
    EXPIRED = "expired"  # idle for 24 h


class SessionPhase(StrEnum):
    QUESTION = "question"  # waiting for an answer to the current question
    FEEDBACK = "feedback"  # the current question was answered; waiting for Next


class OneActivePerUser(Index):
    """`UNIQUE (user_id) WHERE status = 'active'`: the database itself refuses a second active
    interview for one user, whichever process starts it (SQLite and PostgreSQL both have partial
    indexes; Tortoise's own index types cannot say UNIQUE ... WHERE). Databases made before it
    get it from migration 6 in careermate_bot/storage/migrations.py."""

    def __init__(self) -> None:
        super().__init__(fields=("user_id",), name=ONE_ACTIVE_INDEX)

    def get_sql(self, schema_generator: BaseSchemaGenerator, model: type[Model], safe: bool) -> str:
        exists = "IF NOT EXISTS " if safe else ""
        return (
            f'CREATE UNIQUE INDEX {exists}"{ONE_ACTIVE_INDEX}" ON "{model._meta.db_table}" '
            f'("user_id") WHERE "status" = \'{SessionStatus.ACTIVE.value}\';'
        )


class InterviewSession(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[UserProfile] = fields.ForeignKeyField(
        "models.UserProfile", related_name="interview_sessions", on_delete=fields.CASCADE
    )
    role = fields.CharField(max_length=100, default="")  # as shown: the occupation's title
    occupation_id = fields.CharField(max_length=100, null=True)
    kind = fields.CharField(max_length=16, default="mixed")  # behavioral | technical | mixed
    difficulty = fields.CharField(max_length=16, null=True)  # easy | medium | hard | None = any
    status = fields.CharEnumField(SessionStatus, max_length=16, default=SessionStatus.ACTIVE)
    phase = fields.CharEnumField(SessionPhase, max_length=16, default=SessionPhase.QUESTION)
    questions: list[dict[str, object]] = fields.JSONField(default=list)
    current = fields.IntField(default=0)  # index of the question on screen
    hints_used: list[int] = fields.JSONField(default=list)
    # In DMs a typed message answers the waiting question while this is on ("leave interview
    # mode" turns it off; the Answer button keeps working).
    typed_answers = fields.BooleanField(default=True)
    overall = fields.IntField(null=True)  # the report's overall score once finished
    # Where the session's one message lives (Discord ids; None in the terminal).
    guild_id = fields.BigIntField(null=True)
    channel_id = fields.BigIntField(null=True)
    message_id = fields.BigIntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_activity_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)

    class Meta:
        table = "interview_sessions"
        ordering = ("-id",)
        indexes = (
            Index(fields=("user_id", "status"), name="idx_interview_sessions_user"),
            OneActivePerUser(),
        )

    def __str__(self) -> str:
        return f"InterviewSession({self.id}, {self.role!r}, {self.status})"


class InterviewAnswer(Model):
    id = fields.IntField(primary_key=True)
    session: fields.ForeignKeyRelation[InterviewSession] = fields.ForeignKeyField(
        "models.InterviewSession", related_name="answers", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[UserProfile] = fields.ForeignKeyField(
        "models.UserProfile", related_name="interview_answers", on_delete=fields.CASCADE
    )
    index = fields.IntField()  # position of the question in the session
    question_id = fields.CharField(max_length=100, null=True)
    question = fields.TextField()
    kind = fields.CharField(max_length=16)
    area = fields.CharField(max_length=64, default="")  # competency or skill (report grouping)
    answer = fields.TextField(default="")
    skipped = fields.BooleanField(default=False)
    hint_used = fields.BooleanField(default=False)
    score = fields.IntField(null=True)  # None when skipped
    details: dict[str, object] = fields.JSONField(default=dict)
    feedback = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "interview_answers"
        ordering = ("session_id", "index")
        unique_together = (("session", "index"),)

    def __str__(self) -> str:
        return f"InterviewAnswer({self.session_id}#{self.index}, {self.score})"  # type: ignore[attr-defined]

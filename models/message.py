"""Conversation history: every message a user exchanged with CareerMate, from any front end."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

if TYPE_CHECKING:
    from models.user import UserProfile


class MessageRole(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"
    SYSTEM = "system"


class MessageSource(StrEnum):
    DM = "dm"
    GUILD = "guild"
    CLI = "cli"


class ChatMessage(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[UserProfile] = fields.ForeignKeyField(
        "models.UserProfile", related_name="messages", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(MessageRole, max_length=16)
    content = fields.TextField()
    intent = fields.CharField(max_length=32, null=True)
    source = fields.CharEnumField(MessageSource, max_length=8, default=MessageSource.DM)
    created_at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "chat_messages"
        ordering = ("created_at", "id")
        # Schema version 2 (careermate_bot/migrations.py): one user's history, newest first.
        indexes = (Index(fields=("user_id", "id"), name="idx_chat_messages_user_history"),)

"""What the conversation so far tells the next message: the last answer's topic, per user.

One row per person (`user` is unique): the intent and slots of the last answered turn (so "what
about in Denver?" after a pay answer works after a restart), the detail the bot just asked for,
and when it goes stale. Points at the `UserProfile` with `on_delete=CASCADE`, so `/profile
export` includes it and `/profile delete` removes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from models.user import UserProfile


class ConversationState(Model):
    id = fields.IntField(primary_key=True)
    user: fields.OneToOneRelation[UserProfile] = fields.OneToOneField(
        "models.UserProfile", related_name="conversation_state", on_delete=fields.CASCADE
    )
    last_intent = fields.CharField(max_length=32, null=True)
    # The last answered turn's slots (`IntentSlots` as JSON): role, place, skills, pay question.
    last_slots: dict[str, object] = fields.JSONField(default=dict)
    awaiting = fields.CharField(max_length=16, null=True)  # the detail just asked for
    expires_at = fields.DatetimeField()
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "conversation_states"

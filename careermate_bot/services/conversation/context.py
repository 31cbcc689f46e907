"""The conversation's context per person, in the database: what the last answer was about.

A follow-up ("what about in Denver?", "and for nurses?") refers to the last answered turn's
topic; a bare answer ("nurse") fills the detail the bot just asked for. Both live in one row per
person (`ConversationState`) with a time-to-live, so they work after a restart and from any bot
process; `/profile export` includes the row and `/profile delete` removes it (it hangs off the
profile with CASCADE).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pydantic import ValidationError
from tortoise.exceptions import IntegrityError

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.services.conversation.intents import (
    INTENTS,
    ConversationContext,
    Intent,
    IntentSlots,
)
from models import ConversationState, UserProfile

CONTEXT_TTL = timedelta(minutes=30)  # how long a follow-up may refer back to the last answer


class ContextStore:
    def __init__(self, knowledge: KnowledgeBase, ttl: timedelta = CONTEXT_TTL) -> None:
        self.knowledge = knowledge
        self.ttl = ttl

    async def load(self, user_id: int, *, now: datetime | None = None) -> ConversationContext:
        """The person's live context (an empty one when none is stored or it went stale)."""
        now = now or datetime.now(UTC)
        context = ConversationContext(knowledge=self.knowledge)
        row = await ConversationState.get_or_none(user__discord_id=user_id)
        if row is None or row.expires_at <= now:
            return context
        context.awaiting = row.awaiting
        if row.last_intent in INTENTS:
            context.last_intent = _intent(row.last_intent)
            try:
                context.last_slots = IntentSlots.model_validate(row.last_slots or {})
            except ValidationError:  # written by another version: start afresh
                context.last_intent = None
        return context

    async def save(
        self, user_id: int, context: ConversationContext, *, now: datetime | None = None
    ) -> None:
        """Store the context for the next message (creates the row on first use)."""
        now = now or datetime.now(UTC)
        profile = await UserProfile.get_or_none(discord_id=user_id)
        if profile is None:
            return
        slots = context.last_slots.model_dump(mode="json") if context.last_slots else {}
        expires = now + self.ttl
        for _attempt in range(2):  # a second process may create the row at the same moment
            updated = await ConversationState.filter(user_id=profile.id).update(
                last_intent=context.last_intent,
                last_slots=slots,
                awaiting=context.awaiting,
                expires_at=expires,
            )
            if updated:
                return
            try:
                await ConversationState.create(
                    user_id=profile.id,
                    last_intent=context.last_intent,
                    last_slots=slots,
                    awaiting=context.awaiting,
                    expires_at=expires,
                )
                return
            except IntegrityError:
                continue

    async def forget(self, user_id: int) -> None:
        """Drop the person's context (their data was deleted, or they asked to start afresh)."""
        await ConversationState.filter(user__discord_id=user_id).delete()


def _intent(name: str) -> Intent:
    return next(intent for intent in INTENTS if intent == name)

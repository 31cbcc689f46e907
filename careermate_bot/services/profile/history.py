"""A user's conversation history: append, read the newest, count, clear (Discord-free)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from careermate_bot.services.profile.store import ProfileError, get_or_create_row
from models import ChatMessage, MessageRole, MessageSource, UserProfile

MAX_HISTORY = 1000


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
    profile = await get_or_create_row(discord_id, display_name)
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

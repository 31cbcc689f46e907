"""`Conversation`: the conversation feature's one façade, for DMs, mentions and the terminal.

conversation = Conversation(knowledge, profiles, llm)     # built once in the container
turn = await conversation.route(origin, "how much do nurses make in Denver?")
match turn.action: ...                                    # each front end renders it
async for delta in conversation.stream_reply(...): ...   # `ModelChat`: the model answers
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.llm import LLMClient
from careermate_bot.llm.capability import Capabilities
from careermate_bot.llm.scheduler import PositionCallback
from careermate_bot.services.conversation import memory
from careermate_bot.services.conversation.actions import Origin, Turn
from careermate_bot.services.conversation.chat import ChatService
from careermate_bot.services.conversation.router import ConversationRouter
from careermate_bot.services.guide import GuideService
from careermate_bot.services.profile import ProfileService


class Conversation:
    def __init__(
        self,
        knowledge: KnowledgeBase,
        profiles: ProfileService,
        llm: LLMClient | None = None,
        capabilities: Capabilities | None = None,
        guide: GuideService | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.profiles = profiles
        self.llm = llm
        self.router = ConversationRouter(knowledge, profiles, llm, capabilities, guide)
        self.chat = ChatService(llm, capabilities=capabilities)

    @property
    def model_chats(self) -> bool:
        """Whether the model answers small talk (there is one and it passed the small-talk
        evaluation); otherwise CareerMate's own warm, varied lines do (`small_talk.py`)."""
        return self.chat.uses_model

    async def route(self, origin: Origin, text: str, *, attachment: bool = False) -> Turn:
        """Classify the message, save the facts it states, decide one action."""
        return await self.router.route(origin, text, attachment=attachment)

    def stream_reply(
        self,
        origin: Origin,
        text: str,
        turn: Turn,
        *,
        on_position: PositionCallback | None = None,
    ) -> AsyncIterator[str]:
        """The answer to a `ModelChat` turn, streamed and stored: the model's words where it passed
        the small-talk checks, else the deterministic line (raises `LLMError`s)."""
        return self.chat.stream_reply(
            origin.user_id,
            origin.display_name or "",
            text,
            origin.source,
            on_position=on_position,
            intent=turn.intent,
        )

    async def scripted_line(self, origin: Origin, text: str, turn: Turn) -> str:
        """CareerMate's own small-talk line for this message (when the model fails mid-way)."""
        profile = await self.profiles.get_or_create(origin.user_id, origin.display_name or None)
        return await self.chat.scripted_reply(profile, text, turn.intent)

    async def undo(self, user_id: int, token: str) -> str | None:
        """Revert the facts a message saved; the line to show, or None when it can't be."""
        return await memory.undo(user_id, token)

    def cancel(self, user_id: int) -> bool:
        """Stop the person's running model answer (the Stop button, Ctrl-C)."""
        return self.llm is not None and self.llm.cancel(user_id)

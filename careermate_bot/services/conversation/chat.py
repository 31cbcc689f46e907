"""Free-text conversation with CareerMate, for every front end (Discord DM/mention, terminal).

Discord-free: give it a user id, a display name, the text and where it came from; it loads the
user's recent history from the database, builds the prompt, streams the reply through the shared
`LLMClient` and stores both messages.

Prompt layout (cache friendly): one system message = ``prompts/chat_system.md`` (identical for
every user and turn, so the engine's prefix/KV cache reuses it) followed by a short profile
summary (per user, rarely changes), then the conversation history, then the new message. The
history window only moves in steps of half its size, so consecutive turns of a conversation
share their whole prefix and only the newest messages are evaluated again.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Hashable
from dataclasses import dataclass

from careermate_bot.llm import LLMCancelled, LLMClient, LLMMessage, load_prompt, message
from careermate_bot.llm.capability import Capabilities, Task
from careermate_bot.llm.checks import language_check, persona_check
from careermate_bot.llm.hygiene import StreamGuard, guarded
from careermate_bot.llm.scheduler import PositionCallback
from careermate_bot.services import profile as profiles
from careermate_bot.services.conversation.small_talk import feeling_check, small_talk_reply
from careermate_bot.services.profile import ProfileSnapshot
from models import MessageRole, MessageSource

log = logging.getLogger(__name__)

# Stored messages the model saw: untagged ones and the conversation router's chat intents.
# Messages the router answered from data (a pay figure, saved facts, /career results) stay out
# of the model's history, so a small model does not imitate those answers.
MODEL_INTENTS = frozenset({None, "small_talk", "other"})
# The terminal chat's user: not a Discord account (Discord ids are never 0).
CLI_USER_ID = 0
MAX_USER_TEXT = 4000
# The old fallback line (no longer shown: a reply hygiene or a check empties gets a deterministic
# small-talk line instead); kept for benches that recorded it.
FALLBACK_REPLY = "Sorry, I lost my train of thought there. Could you ask that another way?"
TASK: Task = "small_talk"


@dataclass(frozen=True, slots=True)
class ChatReply:
    text: str
    stopped: bool = False


def profile_facts(profile: ProfileSnapshot) -> list[str]:
    facts: list[str] = []
    if profile.display_name:
        # "The user's", not "Name:": a tiny model otherwise takes the name for its own.
        facts.append(f"- The user's name: {profile.display_name}")
    if profile.target_roles:
        facts.append(f"- Target roles: {', '.join(profile.target_roles)}")
    if profile.skills:
        facts.append(f"- Skills: {', '.join(profile.skills)}")
    if profile.experience_years is not None:
        facts.append(f"- Experience: {profile.experience_years:g} years")
    if profile.locations:
        facts.append(f"- Locations: {', '.join(profile.locations)}")
    if profile.remote_ok is not None:
        facts.append(f"- Open to remote work: {'yes' if profile.remote_ok else 'no'}")
    if profile.min_salary is not None:
        facts.append(f"- Minimum salary: {profile.min_salary:,}")
    return facts


def history_window_start(total: int, limit: int) -> int:
    """Index of the first stored message to send: moves in steps of ``limit // 2``.

    With limit 20 the window holds 10-20 messages and its start changes once every 10 new
    messages, so most turns extend the previous prompt instead of shifting it.
    """
    if total <= limit:
        return 0
    step = max(1, limit // 2)
    return ((total - limit) // step + 1) * step


class ChatService:
    def __init__(
        self,
        llm: LLMClient | None,
        *,
        history_limit: int = 20,
        history_chars: int = 8000,
        max_tokens: int | None = None,
        capabilities: Capabilities | None = None,
    ) -> None:
        self.llm = llm
        self.history_limit = history_limit
        self.history_chars = history_chars
        self.max_tokens = max_tokens
        # Whether the model may chat (`llm.capability`); None = yes (tests, benches).
        self.capabilities = capabilities

    @property
    def uses_model(self) -> bool:
        """Whether the model answers small talk (there is one and it passed the task)."""
        if self.llm is None:
            return False
        return self.capabilities is None or self.capabilities.allows(TASK)

    async def scripted_reply(
        self, profile: ProfileSnapshot, text: str, intent: str | None = None
    ) -> str:
        """The deterministic small-talk line for `text` (varies with the conversation's length;
        short for the "other" intent, where the front end adds its own steer)."""
        variant = await profiles.count_messages(profile.discord_id)
        return small_talk_reply(
            text, variant=variant, name=profile.display_name, steered=intent == "other"
        )

    # Building blocks (public for tests and other services) ---------------------------------------
    async def profile(self, user_id: int, display_name: str) -> ProfileSnapshot:
        return await profiles.get_or_create(user_id, display_name)

    async def history(self, profile: ProfileSnapshot) -> list[LLMMessage]:
        total = await profiles.count_messages(profile.discord_id)
        start = history_window_start(total, self.history_limit)
        rows = await profiles.recent_history(profile.discord_id, limit=total - start)
        turns = [
            message("user" if row.role is MessageRole.USER else "assistant", row.content)
            for row in rows
            if row.role in (MessageRole.USER, MessageRole.ASSISTANT)
            and row.intent in MODEL_INTENTS  # not messages the router answered from data
        ]
        while turns and sum(len(t["content"]) for t in turns) > self.history_chars:
            turns.pop(0)
        return turns

    def system_prompt(self, profile: ProfileSnapshot) -> str:
        stable = load_prompt("chat_system")
        facts = profile_facts(profile)
        if not facts:
            return stable
        return stable + "\n\n" + load_prompt("profile_summary", facts="\n".join(facts))

    async def build_messages(self, profile: ProfileSnapshot, text: str) -> list[LLMMessage]:
        return [
            message("system", self.system_prompt(profile)),
            *await self.history(profile),
            message("user", text),
        ]

    # The conversation ----------------------------------------------------------------------------
    async def stream_reply(
        self,
        user_id: int,
        display_name: str,
        text: str,
        source: MessageSource | str,
        *,
        on_position: PositionCallback | None = None,
        request_key: Hashable | None = None,
        intent: str | None = None,
    ) -> AsyncIterator[str]:
        """Yield the reply's text deltas; store the user's message (with its `intent`, when the
        conversation router classified it) and the reply.

        Raises the client's typed `LLMError`s (show ``error.user_message``). A stopped reply
        (`LLMClient.cancel(user_id)`) is stored with what was generated so far, then
        `LLMCancelled` is raised. `request_key` is the scheduler key (default: `user_id`).
        The reply passes reply hygiene (`careermate_bot.llm.hygiene`) and the persona and
        language checks (`careermate_bot.llm.checks`) a sentence at a time: an echo, a loop, a
        fake next turn or a failed check stops the generation. When nothing usable is left, or
        when the configured model has not passed the small-talk evaluation (`capabilities`),
        the reply is CareerMate's deterministic small-talk line (`small_talk.py`).
        """
        text = text.strip()[:MAX_USER_TEXT]
        source = MessageSource(source)
        profile = await self.profile(user_id, display_name)
        if not self.uses_model or self.llm is None:
            line = await self.scripted_reply(profile, text, intent)
            await profiles.append_message(
                user_id, MessageRole.USER, text, source=source, intent=intent
            )
            yield line
            await self._store_reply(profile, line, source)
            return
        messages = await self.build_messages(profile, text)
        await profiles.append_message(user_id, MessageRole.USER, text, source=source, intent=intent)
        stream = self.llm.stream(
            messages,
            user_id=request_key if request_key is not None else user_id,
            on_position=on_position,
            max_tokens=self.max_tokens,
        )
        guard = StreamGuard(
            system_prompt=messages[0]["content"],
            user_text=text,
            facts=profile_facts(profile),
            checks=[
                persona_check([profile.display_name, "CareerMate"]),
                language_check(text),
                feeling_check(text),
            ],
            task=TASK,
        )
        try:
            async for shown in guarded(stream, guard):
                yield shown
            if guard.stopped:
                log.info("reply to user %s cut short: %s", user_id, guard.reason)
        except LLMCancelled as stopped:
            tail = guard.finish()
            if tail:
                yield tail
            stopped.partial = guard.result()
            if stopped.partial:
                await self._store_reply(profile, stopped.partial, source)
            raise
        reply = guard.result()
        if not reply:
            why = guard.verdict.label if guard.failed else (guard.reason or "empty")
            log.info("no usable model reply for user %s (%s): deterministic line", user_id, why)
            reply = await self.scripted_reply(profile, text, intent)
            yield reply
        await self._store_reply(profile, reply, source)

    async def reply(
        self,
        user_id: int,
        display_name: str,
        text: str,
        source: MessageSource | str,
        *,
        on_position: PositionCallback | None = None,
    ) -> ChatReply:
        """The whole reply (stored like `stream_reply`); a stop returns the partial text."""
        parts: list[str] = []
        try:
            async for delta in self.stream_reply(
                user_id, display_name, text, source, on_position=on_position
            ):
                parts.append(delta)
        except LLMCancelled as stopped:
            return ChatReply(stopped.partial.strip(), stopped=True)
        return ChatReply("".join(parts).strip())

    async def _store_reply(
        self, profile: ProfileSnapshot, text: str, source: MessageSource
    ) -> None:
        text = text.strip()
        if not text:
            log.info("empty model reply for user %s; nothing stored", profile.discord_id)
            return
        await profiles.append_message(
            profile.discord_id, MessageRole.ASSISTANT, text, source=source
        )

"""Free-text chat: DMs (no @ needed) and @mentions in servers.

Discord I/O only. Each message goes through the conversation (`bot.services.conversation`): it
is classified, the facts it states are saved, and it comes back as one typed action, answered
the way its feature's slash command answers — through bot events carrying the typed request to
the other features (`career_request`, `jobs_request`, `resume_request`, `interview_request`),
as a text answer (pay with its source, help, privacy with Download/Delete, a short question for
a missing detail), or by the model for small talk (streamed, with a Stop button). A typed answer
while a mock interview waits goes to the interview (`interview_answer`), nothing else.
"""

from __future__ import annotations

import logging
import math
import time
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from careermate_bot.discord_ui.events import (
    CAREER_REQUEST,
    GUIDE_REQUEST,
    INTERVIEW_ANSWER,
    INTERVIEW_REQUEST,
    JOBS_REQUEST,
    RESUME_REQUEST,
    has_listener,
)
from careermate_bot.discord_ui.replies import MessageReply, editor_for, message_parts
from careermate_bot.discord_ui.streaming import Editor, StreamedMessage
from careermate_bot.llm import EngineUnreachable, LLMCancelled, LLMError, ModelMissing, NoEngine
from careermate_bot.services.conversation import (
    STEER_BACK,
    Conversation,
    ModelChat,
    Origin,
    Reply,
    ReviewResume,
    SearchJobs,
    ShowCareerPaths,
    ShowGuide,
    ShowPay,
    ShowPrivacy,
    ShowSaved,
    ShowSkillGap,
    StartInterview,
    Turn,
)
from careermate_bot.shared import RateLimiter
from cogs.conversation.views import privacy_view, stop_view, undo_view
from models import MessageSource

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)

THINKING = "*Thinking…*"
STOPPED_NOTE = "\n\n*(stopped)*"
SLOW_DOWN = (
    "You're sending messages faster than I can think. Give me {seconds} s, then ask again — "
    "I'll have caught up."
)
UNKNOWN_COMMAND = "I don't know that command — try `!help`."
UNAVAILABLE = {
    RESUME_REQUEST: "Résumé reviews aren't available on this bot right now.",
    INTERVIEW_REQUEST: "Mock interviews aren't available on this bot right now.",
    CAREER_REQUEST: "Career paths aren't available on this bot right now.",
    JOBS_REQUEST: "Job search isn't available on this bot right now.",
    GUIDE_REQUEST: "Career guidance isn't available on this bot right now.",
}
PRIVACY_SENT = "I've sent you a DM with what I remember about you (I don't show it in a server)."
PRIVACY_IN_DM = "Ask me that in a DM — I don't show what I remember about you in a server."
# Per user: 6 messages in 60 s; a burst beyond that gets one polite reply, then silence.
RATE, PER = 6, 60.0
DOCUMENT_TYPES = (".pdf", ".docx", ".doc", ".odt", ".txt", ".md", ".rtf")
NO_MODEL_ERRORS = (EngineUnreachable, ModelMissing, NoEngine)


def strip_mention(content: str, bot_id: int) -> str:
    for form in (f"<@{bot_id}>", f"<@!{bot_id}>"):
        content = content.replace(form, " ")
    return content.strip()


def document_of(message: discord.Message) -> discord.Attachment | None:
    """The first attachment that looks like a résumé document."""
    for attachment in message.attachments:
        name = attachment.filename.lower()
        kind = (attachment.content_type or "").lower()
        if name.endswith(DOCUMENT_TYPES) or kind.startswith(("application/pdf", "text/")):
            return attachment
    return None


class ChatCog(commands.Cog, name="Chat"):
    def __init__(self, bot: CareerMateBot) -> None:
        self.bot = bot
        # Fleet-wide with REDIS_URL (careermate_bot/shared), else this process; tests may swap it.
        self.limiter: RateLimiter = bot.services.shared.rate_limiter("chat", RATE, PER)
        # Who was told to slow down, until when (monotonic): one notice per window.
        self._warned: dict[int, float] = {}

    @property
    def conversation(self) -> Conversation:
        return self.bot.services.conversation

    def _addressed_to_me(self, message: discord.Message) -> bool:
        if message.author.bot or self.bot.user is None:
            return False
        if message.content.startswith(self.bot.settings.command_prefix):
            return False  # a classic command; the command handler answers it
        if message.guild is None:
            return True
        return self.bot.user in message.mentions

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not self._addressed_to_me(message) or not self.bot.accepting_work:
            return
        assert self.bot.user is not None  # checked by _addressed_to_me
        text = strip_mention(message.content, self.bot.user.id)
        document = document_of(message) if message.guild is None else None
        decision = await self.limiter.hit(message.author.id)
        if not decision.allowed:
            now = time.monotonic()
            if self._warned.get(message.author.id, 0.0) <= now:
                self._warned[message.author.id] = now + decision.retry_after
                seconds = max(1, math.ceil(decision.retry_after))
                await message.reply(SLOW_DOWN.format(seconds=seconds), mention_author=False)
            return
        self._warned.pop(message.author.id, None)
        if not text and document is None:  # a bare mention or an image: counted above too
            await message.reply(
                "Hi! Ask me anything about your career, or try `/help`.", mention_author=False
            )
            return
        self.bot.track(self._handle(message, text, document), name=f"chat-reply-{message.id}")

    async def _handle(
        self, message: discord.Message, text: str, document: discord.Attachment | None
    ) -> None:
        reply = MessageReply(message)
        try:
            # Typed answers are a DM feature: an @mention in a server is always conversation.
            in_dm = message.guild is None
            if (
                in_dm
                and document is None
                and text
                and await self._interview_waiting(message.author.id)
            ):
                self.bot.dispatch(INTERVIEW_ANSWER, message)
                return
            origin = origin_of(message)
            turn = await self.conversation.route(origin, text, attachment=document is not None)
            await self._perform(message, origin, text, turn, document)
        except Exception as error:
            await reply.fail(error)

    async def _interview_waiting(self, user_id: int) -> bool:
        if not has_listener(self.bot, INTERVIEW_ANSWER):
            return False
        return await self.bot.services.interview.awaiting_answer(user_id)

    async def _perform(
        self,
        message: discord.Message,
        origin: Origin,
        text: str,
        turn: Turn,
        document: discord.Attachment | None,
    ) -> None:
        saved = turn.saved
        undo = undo_view(message.author.id, saved.token) if saved is not None else None
        action = turn.action
        if saved is not None and not isinstance(action, ShowSaved):
            await message.reply(saved.summary, mention_author=False, **message_parts(None, undo))
        match action:
            case ShowSaved(text=answer):
                await message.reply(answer, mention_author=False, **message_parts(None, undo))
            case ShowPrivacy(text=answer):
                await self._privacy(message, answer)
            case ShowPay(text=answer) | Reply(text=answer):
                await message.reply(answer, mention_author=False)
            case ShowCareerPaths() | ShowSkillGap():
                await self._dispatch(message, CAREER_REQUEST, action)
            case SearchJobs(query):
                await self._dispatch(message, JOBS_REQUEST, query)
            case ReviewResume():
                await self._dispatch(message, RESUME_REQUEST, document)
            case StartInterview():
                await self._dispatch(message, INTERVIEW_REQUEST, action)
            case ShowGuide():
                await self._dispatch(message, GUIDE_REQUEST, action)
            case ModelChat(steer=steer, lead=lead):
                if lead:
                    await message.reply(lead, mention_author=False)
                await self._chat(message, origin, text, turn, steer)

    async def _privacy(self, message: discord.Message, text: str) -> None:
        """What is remembered, with Download / Delete — only ever in a DM."""
        view = privacy_view(message.author.id)
        if message.guild is None:
            await message.reply(text, view=view, mention_author=False)
            return
        try:
            await message.author.send(text, view=view)
        except discord.HTTPException:
            await message.reply(PRIVACY_IN_DM, mention_author=False)
            return
        await message.reply(PRIVACY_SENT, mention_author=False)

    async def _dispatch(self, message: discord.Message, event: str, argument: object) -> None:
        if not has_listener(self.bot, event):
            await message.reply(UNAVAILABLE[event], mention_author=False)
            return
        self.bot.dispatch(event, message, argument)

    async def _chat(
        self, message: discord.Message, origin: Origin, text: str, turn: Turn, steer: bool
    ) -> None:
        conversation = self.conversation
        if not conversation.model_chats:  # CareerMate's own line: nothing to stream or stop
            line = "".join([part async for part in conversation.stream_reply(origin, text, turn)])
            await message.reply(
                f"{line}\n\n*{STEER_BACK}*" if steer else line, mention_author=False
            )
            return
        user = message.author
        reply = await message.reply(THINKING, view=stop_view(user.id), mention_author=False)

        async def send_next(content: str) -> Editor:
            return editor_for(await message.channel.send(content))

        async def show_position(position: int) -> None:
            if position > 0:
                await reply.edit(content=f"*You're #{position} in line — I'll start in a moment.*")

        view = StreamedMessage(editor_for(reply), send_next)
        try:
            async for delta in conversation.stream_reply(
                origin, text, turn, on_position=show_position
            ):
                await view.feed(delta)
            answer = view.text.strip() or "I couldn't think of a reply. Could you rephrase that?"
            await view.finish(f"{answer}\n\n*{STEER_BACK}*" if steer else answer)
        except LLMCancelled:
            await view.finish((view.text.strip() or "") + STOPPED_NOTE)
        except NO_MODEL_ERRORS as error:
            log.warning("no model for a chat reply to user %s: %s", user.id, error)
            line = await conversation.scripted_line(origin, text, turn)
            await view.finish(f"{line}\n*{error.user_message}*")
        except LLMError as error:
            log.warning("chat reply failed for user %s: %s", user.id, error)
            note = error.user_message
            await view.finish(f"{view.text.strip()}\n\n*{note}*" if view.text.strip() else note)
        finally:
            try:
                await reply.edit(view=None)
            except discord.HTTPException:
                pass


def origin_of(message: discord.Message) -> Origin:
    """Who wrote a Discord message, and where."""
    return Origin(
        user_id=message.author.id,
        display_name=message.author.display_name,
        source=MessageSource.DM if message.guild is None else MessageSource.GUILD,
        guild_id=message.guild.id if message.guild is not None else None,
    )

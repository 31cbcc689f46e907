"""Free-text chat: DMs (no @ needed) and @mentions in servers, streamed, with a Stop button.

Discord I/O only: the conversation itself (history, prompt, storage) is `ChatService`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from careermate_bot.discord_ui.replies import editor_for
from careermate_bot.discord_ui.streaming import Editor, StreamedMessage
from careermate_bot.llm import LLMCancelled, LLMError
from careermate_bot.services.chat import ChatService
from cogs.chat.views import stop_view

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)

THINKING = "*Thinking…*"
STOPPED_NOTE = "\n\n*(stopped)*"
SLOW_DOWN = (
    "You're sending messages faster than I can think. Give me a few seconds, then try again."
)
# Per user: 6 messages in 60 s; a burst beyond that gets one polite reply, then silence.
RATE, PER = 6, 60.0


def strip_mention(content: str, bot_id: int) -> str:
    for form in (f"<@{bot_id}>", f"<@!{bot_id}>"):
        content = content.replace(form, " ")
    return content.strip()


class ChatCog(commands.Cog, name="Chat"):
    def __init__(self, bot: CareerMateBot) -> None:
        self.bot = bot
        self.cooldowns = commands.CooldownMapping.from_cooldown(RATE, PER, commands.BucketType.user)
        self._warned: set[int] = set()

    @property
    def chat(self) -> ChatService:
        return self.bot.services.chat

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
        if not text:
            await message.reply(
                "Hi! Ask me anything about your career, or try `/help`.", mention_author=False
            )
            return
        retry_after = self.cooldowns.get_bucket(message).update_rate_limit()
        if retry_after:
            if message.author.id not in self._warned:
                self._warned.add(message.author.id)
                await message.reply(SLOW_DOWN, mention_author=False)
            return
        self._warned.discard(message.author.id)
        self.bot.track(self._answer(message, text), name=f"chat-reply-{message.id}")

    async def _answer(self, message: discord.Message, text: str) -> None:
        user = message.author
        source = "dm" if message.guild is None else "guild"
        reply = await message.reply(THINKING, view=stop_view(user.id), mention_author=False)

        async def send_next(content: str) -> Editor:
            return editor_for(await message.channel.send(content))

        async def show_position(position: int) -> None:
            if position > 0:
                await reply.edit(content=f"*You're #{position} in line — I'll start in a moment.*")

        view = StreamedMessage(editor_for(reply), send_next)
        try:
            async for delta in self.chat.stream_reply(
                user.id, user.display_name, text, source, on_position=show_position
            ):
                await view.feed(delta)
            await view.finish(
                view.text.strip() or "I couldn't think of a reply. Could you rephrase that?"
            )
        except LLMCancelled:
            await view.finish((view.text.strip() or "") + STOPPED_NOTE)
        except LLMError as error:
            log.warning("chat reply failed for user %s: %s", user.id, error)
            note = error.user_message
            await view.finish(f"{view.text.strip()}\n\n*{note}*" if view.text.strip() else note)
        finally:
            try:
                await reply.edit(view=None)
            except discord.HTTPException:
                pass

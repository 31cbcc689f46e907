"""One reply interface for every front end of a flow: a slash command, a button, or a message.

A feature's flow function takes a `Reply` and never cares where the request came from:

    async def jobs_flow(bot: CareerMateBot, reply: Reply, query: JobQuery) -> None:
        async with reply.working():                  # "thinking…" / typing indicator
            search = await bot.services.jobs.search(query)
        await reply.send(embed=..., view=...)

- `InteractionReply(interaction)`: slash commands, buttons, selects, modals. `working()` defers
  (once); `send()` answers, edits the deferred answer, or follows up, whichever is due.
  `InteractionReply(interaction, private_in_servers=True)`: everything it sends in a server is
  ephemeral, from the first "thinking…" on (a deferred answer can't turn private later).
- `MessageReply(message)`: the classic `!` commands (`ctx.message`) and plain DMs / mentions
  (the conversation's `on_career_request(message, action)` listeners). `working()` shows the
  typing indicator; `send()` replies to the message without pinging its author.
- `DirectReply(message)`: a `MessageReply` that answers a server message in its author's DMs
  (for personal results); an error it can't DM is answered in the channel.

Errors raised by a flow propagate to the caller (the command tree or the prefix-command handler
answer them); a listener without such a handler calls `await reply.fail(error)`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Protocol

import discord

from careermate_bot.discord_ui.errors import describe_error, report_interaction_error

log = logging.getLogger(__name__)

SentMessage = discord.Message | discord.InteractionMessage | discord.WebhookMessage


def message_parts(
    embed: discord.Embed | None, view: discord.ui.View | None, file: discord.File | None = None
) -> dict[str, Any]:
    """The keyword arguments for what is there (discord.py wants absent parts left out)."""
    parts: dict[str, Any] = {}
    if embed is not None:
        parts["embed"] = embed
    if view is not None:
        parts["view"] = view
    if file is not None:
        parts["file"] = file
    return parts


def editor_for(message: SentMessage) -> Callable[[str], Awaitable[None]]:
    """Replaces the content of `message` (for streamed text)."""

    async def edit(content: str) -> None:
        await message.edit(content=content)

    return edit


class Reply(Protocol):
    """Where a flow sends its answer; see the module docstring."""

    @property
    def user(self) -> discord.User | discord.Member: ...

    @property
    def guild_id(self) -> int | None: ...

    @property
    def key(self) -> int:
        """A unique id of the request (for task names and logs)."""
        ...

    def working(self) -> contextlib.AbstractAsyncContextManager[None]: ...

    async def send(
        self,
        content: str | None = None,
        *,
        embed: discord.Embed | None = None,
        file: discord.File | None = None,
        view: discord.ui.View | None = None,
        private: bool = False,
    ) -> SentMessage: ...

    async def send_more(self, content: str) -> SentMessage:
        """Another message after the first (e.g. a long streamed text continued)."""
        ...

    async def fail(self, error: BaseException) -> None:
        """Answer `error` with its short user line (details go to the log)."""
        ...


class InteractionReply:
    def __init__(
        self, interaction: discord.Interaction[Any], *, private_in_servers: bool = False
    ) -> None:
        self.interaction = interaction
        # Ephemeral in servers from the defer on; in DMs everything is private anyway.
        self.private = private_in_servers and interaction.guild_id is not None
        # Built over a click that was already deferred ("thinking…"): the first send edits it.
        self._deferred = (
            interaction.response.type is discord.InteractionResponseType.deferred_channel_message
        )
        self._sent = False

    @property
    def user(self) -> discord.User | discord.Member:
        return self.interaction.user

    @property
    def guild_id(self) -> int | None:
        return self.interaction.guild_id

    @property
    def key(self) -> int:
        return self.interaction.id

    @contextlib.asynccontextmanager
    async def working(self) -> AsyncIterator[None]:
        if not self.interaction.response.is_done():
            await self.interaction.response.defer(thinking=True, ephemeral=self.private)
            self._deferred = True
        yield

    async def send(
        self,
        content: str | None = None,
        *,
        embed: discord.Embed | None = None,
        file: discord.File | None = None,
        view: discord.ui.View | None = None,
        private: bool = False,
    ) -> SentMessage:
        interaction = self.interaction
        private = private or self.private
        if not interaction.response.is_done():
            await interaction.response.send_message(
                content, ephemeral=private, **message_parts(embed, view, file)
            )
            message: SentMessage = await interaction.original_response()
        elif self._deferred and not self._sent:
            message = await interaction.edit_original_response(
                content=content, attachments=[file] if file else [], **message_parts(embed, view)
            )
        else:
            message = await interaction.followup.send(
                content or discord.utils.MISSING,
                ephemeral=private,
                wait=True,
                **message_parts(embed, view, file),
            )
        self._sent = True
        return message

    async def send_more(self, content: str) -> SentMessage:
        return await self.interaction.followup.send(content, wait=True)

    async def fail(self, error: BaseException) -> None:
        await report_interaction_error(self.interaction, error, "a request")


class MessageReply:
    def __init__(self, message: discord.Message) -> None:
        self.message = message

    @property
    def user(self) -> discord.User | discord.Member:
        return self.message.author

    @property
    def guild_id(self) -> int | None:
        return self.message.guild.id if self.message.guild else None

    @property
    def key(self) -> int:
        return self.message.id

    @contextlib.asynccontextmanager
    async def working(self) -> AsyncIterator[None]:
        async with self.message.channel.typing():
            yield

    async def send(
        self,
        content: str | None = None,
        *,
        embed: discord.Embed | None = None,
        file: discord.File | None = None,
        view: discord.ui.View | None = None,
        private: bool = False,  # a message reply is as private as the channel it is in
    ) -> SentMessage:
        return await self._post(content, **message_parts(embed, view, file))

    async def send_more(self, content: str) -> SentMessage:
        return await self.message.channel.send(content)

    async def fail(self, error: BaseException) -> None:
        friendly, log_it = describe_error(error)
        if log_it:
            log.error("request from message %s failed", self.message.id, exc_info=error)
        try:
            await self._post_error(friendly)
        except discord.HTTPException:
            log.warning("could not deliver an error reply to message %s", self.message.id)

    async def _post(self, content: str | None, **parts: Any) -> discord.Message:
        """Where answers go (subclasses change only this)."""
        return await self.message.reply(content, mention_author=False, **parts)

    async def _post_error(self, text: str) -> None:
        await self._post(text)


class DirectReply(MessageReply):
    """Answers a (server) message in its author's DMs; `guild_id` is None (the answer's place)."""

    @property
    def guild_id(self) -> int | None:
        return None

    async def send_more(self, content: str) -> SentMessage:
        return await self._post(content)

    async def _post(self, content: str | None, **parts: Any) -> discord.Message:
        return await self.message.author.send(content, **parts)

    async def _post_error(self, text: str) -> None:
        try:
            await self._post(text)
        except discord.HTTPException:  # DMs closed: say it where they asked
            await self.message.reply(text, mention_author=False)

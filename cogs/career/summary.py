"""Stream the LLM's short /career summary into a message that already shows the figures.

Runs in the background (`bot.track`) after the grounded embed is on screen, and only when the
configured model passed the career-summary evaluation (`CareerService.model_writes_summary`;
otherwise the flow shows the summary composed from the result at once). An answer that fails
the checks (invented numbers, skills or roles, persona) is replaced by the composed summary; a
dead, busy or slow model adds a one-line note under it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord

from careermate_bot.discord_ui.streaming import Editor, StreamedMessage, StreamPacing
from careermate_bot.llm import LLMError, reason_for
from careermate_bot.services.career import CareerPaths, unavailable_note

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)

SUMMARY_PENDING = "✍️ *Writing a short personal summary…*"
SUMMARY_HEADER = "💬 **In short** *(written by a local AI from the figures below)*\n"
COMPOSED_HEADER = "💬 **In short** *(from the figures below)*\n"
SUMMARY_DEADLINE_CAP = 14 * 60.0  # interaction tokens expire after 15 minutes
CANCELLED_EDIT_SECONDS = 5.0


async def _note(stream: StreamedMessage, text: str) -> None:
    try:
        await stream.finish(text)
    except discord.HTTPException:
        log.warning("could not show the summary note", exc_info=True)


async def _settle_cancelled(stream: StreamedMessage, text: str) -> None:
    try:
        async with asyncio.timeout(CANCELLED_EDIT_SECONDS):
            await stream.finish(text)
    except Exception:  # best effort: Discord may be gone already at shutdown
        log.info("could not replace a cancelled summary", exc_info=True)


async def stream_summary_into(
    bot: CareerMateBot,
    result: CareerPaths,
    *,
    user: discord.abc.User,
    edit: Callable[[str], Awaitable[Any]],
    send_next: Callable[[str], Awaitable[Editor]],
) -> None:
    """Replace the message's content with the model's streamed summary (throttled edits); the
    composed summary when its words don't pass the checks; a note when the model fails."""
    career = bot.services.career

    async def editor(text: str) -> None:
        await edit(text)

    pacing = StreamPacing.from_settings(bot.settings, bot.edit_budget)
    stream = StreamedMessage(editor, send_next, pacing=pacing)
    shown_position = 0
    started = False

    async def show_position(position: int) -> None:
        nonlocal shown_position
        if started or position <= 0 or position == shown_position:
            return
        shown_position = position
        await edit(f"⏳ *Summary queued: you're #{position} in line…*")

    composed = COMPOSED_HEADER + career.composed_summary(result)
    try:
        deadline = min(bot.settings.llm_total_timeout, SUMMARY_DEADLINE_CAP)
        async with asyncio.timeout(deadline):
            async for delta in career.stream_summary(
                result,
                user_id=user.id,
                display_name=user.display_name,
                on_position=show_position,
            ):
                if not started:
                    started = True
                    await stream.feed(SUMMARY_HEADER)
                await stream.feed(delta)
        body = stream.text[len(SUMMARY_HEADER) :] if started else ""
        grounded = career.ground_summary(body, result, user.display_name)
        if grounded:
            await stream.finish(SUMMARY_HEADER + grounded)
        else:
            log.info("career summary for %s: the model's text did not pass; composed", user.id)
            await _note(stream, composed)
    except LLMError as error:
        log.info("career summary unavailable for %s: %s", user.id, error)
        await _note(stream, f"{composed}\n{unavailable_note(reason_for(error))}")
    except TimeoutError:
        log.info("career summary timed out for %s", user.id)
        await _note(stream, composed)
    except discord.HTTPException:
        log.warning("could not show the career summary for %s", user.id, exc_info=True)
    except asyncio.CancelledError:
        # Superseded by the user's newer request, or the bot is shutting down: the message
        # keeps the composed summary instead of a "writing…" line that never ends.
        await _settle_cancelled(stream, composed)
        raise

"""Stream the LLM's short /career summary into a message that already shows the figures.

Runs in the background (`bot.track`) after the grounded embed is on screen: a dead, busy or
slow model only changes this text to a note. A model that has not passed the career-summary
evaluation, or an answer that fails the checks (invented numbers, skills or roles, persona),
gets the summary composed from the result instead (`summary.deterministic_summary`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from careermate_bot.discord_ui.streaming import Editor, StreamedMessage
from careermate_bot.llm import LLMError
from careermate_bot.services.career import summary as career_summary
from careermate_bot.services.career.paths import CareerPaths
from careermate_bot.services.container import AppServices

log = logging.getLogger(__name__)

SUMMARY_PENDING = "✍️ *Writing a short personal summary…*"
SUMMARY_HEADER = "💬 **In short** *(written by a local AI from the figures below)*\n"
COMPOSED_HEADER = "💬 **In short** *(from the figures below)*\n"
SUMMARY_DEADLINE_CAP = 14 * 60.0  # interaction tokens expire after 15 minutes


async def _note(stream: StreamedMessage, text: str) -> None:
    try:
        await stream.finish(text)
    except discord.HTTPException:
        log.warning("could not show the summary note", exc_info=True)


async def stream_summary_into(
    services: AppServices,
    result: CareerPaths,
    *,
    user: discord.abc.User,
    edit: Callable[[str], Awaitable[Any]],
    send_next: Callable[[str], Awaitable[Editor]],
) -> None:
    """Replace the message's content with the streamed summary (throttled edits), or a note."""
    settings = services.settings

    async def editor(text: str) -> None:
        await edit(text)

    stream = StreamedMessage(editor, send_next, interval=1.0)
    shown_position = 0
    started = False

    async def show_position(position: int) -> None:
        nonlocal shown_position
        if started or position <= 0 or position == shown_position:
            return
        shown_position = position
        await edit(f"⏳ *Summary queued: you're #{position} in line…*")

    composed = COMPOSED_HEADER + career_summary.deterministic_summary(result)
    if not services.capabilities.allows(career_summary.TASK):
        await _note(stream, composed)
        return
    try:
        llm = services.llm
        deadline = min(settings.llm_total_timeout, SUMMARY_DEADLINE_CAP)
        async with asyncio.timeout(deadline):
            async for delta in career_summary.stream_summary(
                llm,
                result,
                user_id=user.id,
                display_name=user.display_name,
                on_position=show_position,
                knowledge=services.knowledge,
            ):
                if not started:
                    started = True
                    await stream.feed(SUMMARY_HEADER)
                await stream.feed(delta)
        body = stream.text[len(SUMMARY_HEADER) :] if started else ""
        grounded = career_summary.ground_summary(
            body, result, user.display_name, services.knowledge
        )
        if grounded:
            await stream.finish(SUMMARY_HEADER + grounded)
        else:
            log.info("career summary for %s: the model's text did not pass; composed", user.id)
            await _note(stream, composed)
    except LLMError as error:
        log.info("career summary unavailable for %s: %s", user.id, error)
        await _note(stream, career_summary.unavailable_note(career_summary.reason_for(error)))
    except TimeoutError:
        log.info("career summary timed out for %s", user.id)
        await _note(
            stream, career_summary.unavailable_note("the language model is too slow right now")
        )
    except discord.HTTPException:
        log.warning("could not show the career summary for %s", user.id, exc_info=True)

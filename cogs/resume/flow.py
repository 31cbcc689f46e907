"""The one résumé review flow, for every way in: /resume review, /resume paste (the form),
`!resume_review`, the `resume_request` event (a DM with a document) and the Re-check button.
Replies use the shared adapters: `InteractionReply(..., private_in_servers=True)` and
`DirectReply` (a server `!` command is answered by DM).

Checks first (the role, the location, the file size), then "working" (deferred within Discord's
3 seconds), then the review in a worker thread with a time limit. A file we can't review gets
its own short message and nothing is stored. Otherwise the review summary is stored (for the
score delta next time), the embed, chart and buttons are sent (privately in servers), and the
LLM's bullet rewrites are streamed into the embed afterwards; the review never waits for them.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from careermate_bot.discord_ui.replies import Reply, SentMessage
from careermate_bot.errors import UserFacingError
from careermate_bot.knowledge import KnowledgeBase, LocationResolution
from careermate_bot.llm import LLMError
from careermate_bot.services import profiles
from careermate_bot.services.career_paths import resolve_location_strict, resolve_role_strict
from careermate_bot.services.career_summary import reason_for
from careermate_bot.services.resume import MAX_BYTES, FileTooLarge, ResumeError, ResumeReview, store
from careermate_bot.services.resume.chart import render_breakdown_chart
from careermate_bot.services.resume.rewrites import stream_rewrites
from careermate_bot.services.resume.runner import read_and_review_file, read_and_review_text
from careermate_bot.services.resume.store import Comparison
from careermate_bot.services.user_text import visible_text
from careermate_bot.workers import Work, run_in
from cogs.resume.embeds import CHART_NAME, RewriteState, review_embed

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)

REWRITE_DEADLINE_CAP = 14 * 60.0  # interaction tokens expire after 15 minutes
DOWNLOAD_FAILED = "I couldn't download that file from Discord. Please send it again."
REWRITES_UNAVAILABLE = (
    "ℹ️ Rewrites are unavailable right now ({reason}). The review above doesn't depend on them."
)

ViewFactory = Callable[["ReviewedContext"], discord.ui.View]


@dataclass(frozen=True)
class ReviewOptions:
    """What the user chose. `target_role` typed by the user is checked strictly (did-you-mean);
    None takes the profile's first target role. `location` only sets the pay area of the
    "Career paths" button."""

    target_role: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class ReviewedContext:
    """What the buttons under a review need (all of it fits in their custom ids)."""

    owner_id: int
    review_id: int
    result: ResumeReview
    target_id: str | None  # occupation id for "Practice an interview" / "Re-check"
    interview_id: str | None
    area_code: str | None


async def _target(kb: KnowledgeBase, user_id: int, options: ReviewOptions) -> str | None:
    """The occupation title to review against (typed: strict; else the profile's)."""
    typed = visible_text(options.target_role)  # only zero-width characters = not given
    if typed:
        return resolve_role_strict(kb, typed).title
    profile = await profiles.get_profile(user_id)
    for role in profile.target_roles if profile is not None else []:
        found = kb.resolve_occupation(role).occupation
        if found is not None:
            return found.title
    return None


def _area(kb: KnowledgeBase, location: str | None) -> LocationResolution | None:
    typed = visible_text(location)
    if not typed:
        return None
    return resolve_location_strict(kb, typed)


async def review_flow(
    bot: CareerMateBot,
    reply: Reply,
    source: discord.Attachment | str,
    options: ReviewOptions,
    make_view: ViewFactory,
) -> None:
    """Review a file attachment or pasted text and send the result to `reply`."""
    services = bot.services
    kb = services.knowledge
    user = reply.user
    target = await _target(kb, user.id, options)
    place = _area(kb, options.location)
    if isinstance(source, discord.Attachment) and source.size > MAX_BYTES:
        raise FileTooLarge(source.size)
    private = reply.guild_id is not None
    filename = source.filename if isinstance(source, discord.Attachment) else None
    png: bytes | None = None
    async with reply.working():
        try:
            if isinstance(source, discord.Attachment):
                try:
                    data = await source.read()
                except discord.HTTPException as error:
                    raise UserFacingError(DOWNLOAD_FAILED, detail=f"download: {error}") from None
                document, result = await read_and_review_file(kb, data, source.filename, target)
                del data
            else:
                document, result = await read_and_review_text(kb, source, target)
        except ResumeError as error:
            # The detail names the case, never the content; nothing is stored.
            log.info("résumé not reviewed for user %s: %s", user.id, error.code)
            await reply.send(error.user_message, private=True)
            return
        saved, comparison = await store.save_review(user.id, result, user.display_name)
        try:
            png = await run_in(Work.CHARTS, render_breakdown_chart, result.checks, result.score)
        except Exception:
            log.exception("could not draw the résumé chart; sending the embed without it")
    rewriting = services.has_llm and bool(result.weak_bullets)
    target_id = result.coverage.occupation_id if result.coverage else None
    interview_id = target_id or (result.best_fits[0].occupation_id if result.best_fits else None)
    context = ReviewedContext(
        owner_id=user.id,
        review_id=saved.id,
        result=result,
        target_id=target_id,
        interview_id=interview_id,
        area_code=place.area.code if place is not None and place.area is not None else None,
    )
    embed = review_embed(
        result,
        comparison=comparison,
        rewrites=RewriteState(pending=True) if rewriting else None,
        with_chart=png is not None,
        source=filename,
    )
    file = discord.File(io.BytesIO(png), filename=CHART_NAME) if png else None
    message = await reply.send(embed=embed, file=file, view=make_view(context), private=private)
    if rewriting:
        coro = add_rewrites(
            bot,
            message,
            result,
            document.text,
            user_id=user.id,
            comparison=comparison,
            with_chart=png is not None,
            source=filename,
        )
        bot.track(coro, name=f"resume-rewrites-{reply.key}")


async def add_rewrites(
    bot: CareerMateBot,
    message: SentMessage,
    result: ResumeReview,
    text: str,
    *,
    user_id: int,
    comparison: Comparison | None,
    with_chart: bool,
    source: str | None,
) -> None:
    """Stream rewrites of the weakest bullets into the review embed; a note if the model fails.
    `text` (the résumé) is only used for the figure check and dropped when this ends."""
    services = bot.services
    state = RewriteState(pending=True)

    async def show() -> None:
        embed = review_embed(
            result, comparison=comparison, rewrites=state, with_chart=with_chart, source=source
        )
        await message.edit(embed=embed)

    try:
        deadline = min(services.settings.llm_total_timeout, REWRITE_DEADLINE_CAP)
        async with asyncio.timeout(deadline):
            async for rewrite in stream_rewrites(
                services.llm,
                result.weak_bullets,
                text,
                user_id=user_id,
                target_role=result.target_role,
            ):
                state.items.append(rewrite)
                await show()
    except LLMError as error:
        log.info("résumé rewrites unavailable for user %s: %s", user_id, error)
        state.note = REWRITES_UNAVAILABLE.format(reason=reason_for(error))
    except TimeoutError:
        state.note = REWRITES_UNAVAILABLE.format(reason="the language model is too slow right now")
    state.pending = False
    try:
        await show()
    except discord.HTTPException:
        log.warning("could not show the résumé rewrites", exc_info=True)

"""The one résumé review flow, for every way in: /resume review, /resume paste (the form),
`!resume_review`, the `resume_request` event (a DM with a document) and the Re-check button.
Replies use the shared adapters: `InteractionReply(..., private_in_servers=True)` and
`DirectReply` (a server `!` command is answered by DM).

The résumé service (`bot.services.resume`) does the work: checks first (the role, the location,
the file size), then "working" (deferred within Discord's 3 seconds) while it reads, reviews,
stores the summary and draws the chart. A file we can't review gets its own short message and
nothing is stored. Otherwise the embed, chart and buttons are sent (privately in servers), and
the model's bullet rewrites are streamed into the embed afterwards; the review never waits.
"""

from __future__ import annotations

import asyncio
import io
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from careermate_bot.discord_ui.replies import Reply, SentMessage
from careermate_bot.discord_ui.streaming import StreamPacing
from careermate_bot.errors import UserFacingError
from careermate_bot.llm import LLMError, reason_for
from careermate_bot.services.resume import ResumeError, ReviewOutcome, ReviewRequest
from cogs.resume.embeds import CHART_NAME, RewriteState, review_embed

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)

REWRITE_DEADLINE_CAP = 14 * 60.0  # interaction tokens expire after 15 minutes
DOWNLOAD_FAILED = "I couldn't download that file from Discord. Please send it again."
REWRITES_UNAVAILABLE = (
    "ℹ️ Rewrites are unavailable right now ({reason}). The review above doesn't depend on them."
)

ViewFactory = Callable[[ReviewOutcome, int], discord.ui.View]


@dataclass(frozen=True)
class ReviewOptions:
    """What the user chose: a target role (checked strictly) and a location (only for the
    pay area of the "Career paths" button)."""

    target_role: str | None = None
    location: str | None = None


async def review_flow(
    bot: CareerMateBot,
    reply: Reply,
    source: discord.Attachment | str,
    options: ReviewOptions,
    make_view: ViewFactory,
    *,
    raise_refusals: bool = False,
) -> None:
    """Review a file attachment or pasted text and send the result to `reply`. With
    `raise_refusals` a refused review raises its `ResumeError` (a form shows the pasted text
    back with the reason: the person's screen no longer has it)."""
    resumes = bot.services.resume
    user = reply.user
    request = ReviewRequest(
        user_id=user.id,
        display_name=user.display_name,
        target_role=options.target_role,
        location=options.location,
    )
    plan = await resumes.plan(request)  # the options are checked before anything is shown
    if isinstance(source, discord.Attachment):
        resumes.check_size(source.size)
    private = reply.guild_id is not None
    filename = source.filename if isinstance(source, discord.Attachment) else None
    async with reply.working():
        try:
            if isinstance(source, discord.Attachment):
                try:
                    data = await source.read()
                except discord.HTTPException as error:
                    raise UserFacingError(DOWNLOAD_FAILED, detail=f"download: {error}") from None
                outcome = await resumes.review_file(plan, data, source.filename)
                del data
            else:
                outcome = await resumes.review_text(plan, source)
        except ResumeError as error:
            # The detail names the case, never the content; nothing is stored.
            log.info("résumé not reviewed for user %s: %s", user.id, error.code)
            if raise_refusals:
                raise
            await reply.send(error.user_message, private=True)
            return
    result = outcome.result
    embed = review_embed(
        result,
        comparison=outcome.comparison,
        rewrites=RewriteState(pending=True, fallback=result.suggestions)
        if outcome.rewrites_follow
        else None,
        with_chart=outcome.chart is not None,
        source=filename,
    )
    file = discord.File(io.BytesIO(outcome.chart), filename=CHART_NAME) if outcome.chart else None
    view = make_view(outcome, user.id)
    message = await reply.send(embed=embed, file=file, view=view, private=private)
    if outcome.rewrites_follow:
        coro = add_rewrites(bot, message, outcome, user_id=user.id, source=filename)
        bot.track(coro, name=f"resume-rewrites-{reply.key}")


async def add_rewrites(
    bot: CareerMateBot,
    message: SentMessage,
    outcome: ReviewOutcome,
    *,
    user_id: int,
    source: str | None,
) -> None:
    """Stream rewrites of the weakest bullets into the review embed; a note if the model fails.
    The résumé's text (in `outcome`, for the figure check) is dropped when this ends."""
    state = RewriteState(pending=True, fallback=outcome.result.suggestions)

    async def show() -> None:
        embed = review_embed(
            outcome.result,
            comparison=outcome.comparison,
            rewrites=state,
            with_chart=outcome.chart is not None,
            source=source,
        )
        await message.edit(embed=embed)

    # Edits are paced like streamed text (STREAM_EDIT_INTERVAL, the edit budget); the last
    # one always comes.
    pacing = StreamPacing.from_settings(bot.settings, bot.edit_budget)
    shown_at = time.monotonic()
    try:
        deadline = min(bot.settings.llm_total_timeout, REWRITE_DEADLINE_CAP)
        async with asyncio.timeout(deadline):
            async for rewrite in bot.services.resume.stream_rewrites(outcome, user_id=user_id):
                state.items.append(rewrite)
                if time.monotonic() - shown_at < pacing.interval:
                    continue
                shown_at = time.monotonic()
                if await pacing.budget.try_spend():
                    await show()
    except LLMError as error:
        log.info("résumé rewrites unavailable for user %s: %s", user_id, error)
        state.note = REWRITES_UNAVAILABLE.format(reason=reason_for(error))
    except TimeoutError:
        state.note = REWRITES_UNAVAILABLE.format(reason="the language model is too slow right now")
    state.pending = False
    try:
        await pacing.budget.spend()
        await show()
    except discord.HTTPException:
        log.warning("could not show the résumé rewrites", exc_info=True)

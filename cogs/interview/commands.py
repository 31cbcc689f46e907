"""/interview start|history|resume, `!mock_interview <role>`, and the events other features send:
`interview_request(message, StartInterview)` (start from a DM like "quiz me for a nurse interview"),
`interview_answer(message, InterviewTurn)` (a DM while the interview is open in interview mode:
a typed control, the answer, or an aside that is asked about first) and
`interview_start_click(interaction, role)` (another feature's button starts one)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands, tasks

from careermate_bot.common.user_text import visible_text
from careermate_bot.discord_ui.autocomplete import role_choices
from careermate_bot.discord_ui.errors import describe_error, report_interaction_error
from careermate_bot.discord_ui.events import (
    INTERVIEW_ANSWER,
    INTERVIEW_REQUEST,
    INTERVIEW_START_CLICK,
)
from careermate_bot.discord_ui.forms import echo_form
from careermate_bot.discord_ui.replies import InteractionReply, MessageReply
from careermate_bot.services.conversation import InterviewTurn, StartInterview, guard_line
from careermate_bot.services.interview import (
    DEFAULT_QUESTIONS,
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    InterviewError,
)
from cogs.interview.embeds import history_embed, score_embed
from cogs.interview.views import (
    ANSWER_FORM,
    LEFT_INTERVIEW_MODE,
    StartRequest,
    _attach,
    aside_view,
    screen_for,
    start_flow,
    stream_coach,
    submit_answer,
)

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)

KIND_CHOICES = [
    app_commands.Choice(name="mixed (behavioral + technical)", value="mixed"),
    app_commands.Choice(name="behavioral (STAR stories)", value="behavioral"),
    app_commands.Choice(name="technical (role knowledge)", value="technical"),
]
DIFFICULTY_CHOICES = [app_commands.Choice(name=d, value=d) for d in ("easy", "medium", "hard")]
NO_SESSION = "You have no unfinished interview. Start one with `/interview start`."
HINT_AFTER_SCORE = (
    "This question is already scored. Type `next` (or press **Next**) for the next one; "
    "`hint` then helps with it."
)
SWEEP_FIRST_DELAY = 60.0  # seconds after start-up before the first idle sweep


class InterviewCog(commands.Cog, name="Interview"):
    group = app_commands.Group(name="interview", description="Mock interviews with scored answers")

    def __init__(self, bot: CareerMateBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self._sweep.start()

    async def cog_unload(self) -> None:
        self._sweep.cancel()

    @tasks.loop(hours=1)
    async def _sweep(self) -> None:
        """Close sessions idle for 24 h (they are also closed whenever someone looks at them).
        A leader job: with several processes on one PostgreSQL only the leader sweeps."""
        if not self.bot.services.leader.is_leader:
            return
        try:
            closed = await self.bot.services.interview.expire_idle()
        except Exception:
            log.exception("closing idle interviews failed")
            return
        if closed:
            log.info("closed %d idle interview(s)", closed)

    @_sweep.before_loop
    async def _before_sweep(self) -> None:
        await asyncio.sleep(SWEEP_FIRST_DELAY)

    async def _role_ac(
        self, interaction: discord.Interaction[CareerMateBot], current: str
    ) -> list[app_commands.Choice[str]]:
        choices = role_choices(self.bot.services.knowledge, current, by_title=True)
        if "general".startswith(current.strip().casefold()):
            general = app_commands.Choice(name="General (any role)", value="General")
            choices = [general, *choices][:25]
        return choices

    @group.command(name="start", description="Start a mock interview for a role")
    @app_commands.describe(
        role="The role you are interviewing for (start typing)",
        kind="Behavioral, technical or mixed questions (default mixed)",
        questions=f"How many questions ({MIN_QUESTIONS}-{MAX_QUESTIONS}, "
        f"default {DEFAULT_QUESTIONS})",
        difficulty="Prefer easy, medium or hard questions (default: any)",
    )
    @app_commands.choices(kind=KIND_CHOICES, difficulty=DIFFICULTY_CHOICES)
    @app_commands.autocomplete(role=_role_ac)
    async def start(
        self,
        interaction: discord.Interaction[CareerMateBot],
        role: app_commands.Range[str, 1, 100],
        kind: str = "mixed",
        questions: app_commands.Range[int, MIN_QUESTIONS, MAX_QUESTIONS] = DEFAULT_QUESTIONS,
        difficulty: str | None = None,
    ) -> None:
        # Only invisible characters (zero-width etc.) = no role: the profile's, else general.
        role_text = visible_text(role) or await self.bot.services.profile.first_target_role(
            interaction.user.id
        )
        request = StartRequest(role_text, kind, questions, difficulty)
        await start_flow(self.bot, InteractionReply(interaction), request)

    @group.command(name="history", description="Your past mock interviews and their scores")
    async def history(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        sessions = await self.bot.services.interview.history(interaction.user.id)
        await interaction.response.send_message(embed=history_embed(sessions), ephemeral=True)

    @group.command(name="resume", description="Continue your unfinished mock interview")
    async def resume(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        service = self.bot.services.interview
        view = await service.active(interaction.user.id)
        if view is None:
            await interaction.response.send_message(NO_SESSION, ephemeral=True)
            return
        if not view.typed_answers:
            view = await service.set_typed_answers(view.id, interaction.user.id, True)
        dm = interaction.guild_id is None
        screen = await screen_for(self.bot, view, dm=dm)
        reply = InteractionReply(interaction)
        message = await reply.send(
            embed=screen.embed, view=screen.view, file=screen.file, private=not dm
        )
        await _attach(self.bot, view.id, message, interaction.guild_id)

    @commands.command(
        name="mock_interview",
        help="A mock interview, e.g. !mock_interview Data Scientist (buttons: Answer, Hint, ...)",
    )
    async def mock_interview(self, ctx: commands.Context[CareerMateBot], *, role: str = "") -> None:
        role_text = visible_text(role) or await self.bot.services.profile.first_target_role(
            ctx.author.id
        )
        await start_flow(self.bot, MessageReply(ctx.message), StartRequest(role_text))

    # -- the conversation's events -------------------------------------------------------------
    @commands.Cog.listener(f"on_{INTERVIEW_REQUEST}")
    async def on_interview_request(self, message: discord.Message, ask: StartInterview) -> None:
        reply = MessageReply(message)
        try:
            profiles = self.bot.services.profile
            role_text = visible_text(ask.role) or await profiles.first_target_role(
                message.author.id
            )
            await start_flow(self.bot, reply, StartRequest(role_text))
        except Exception as error:
            await reply.fail(error)

    @commands.Cog.listener(f"on_{INTERVIEW_START_CLICK}")
    async def on_interview_start_click(
        self, interaction: discord.Interaction[CareerMateBot], role: str
    ) -> None:
        """Another feature's button (the résumé review's "Practice an interview"): the same
        start as `/interview start role:<role>`, private in servers. Defers if the click was
        not answered yet; the first question replaces the "thinking…" answer."""
        reply = InteractionReply(interaction, private_in_servers=True)
        try:
            async with reply.working():
                await start_flow(self.bot, reply, StartRequest(role))
        except Exception as error:
            await reply.fail(error)

    @commands.Cog.listener(f"on_stale_form_{ANSWER_FORM}")
    async def on_stale_answer_form(
        self, interaction: discord.Interaction[CareerMateBot], values: dict[str, str]
    ) -> None:
        """An Answer form opened before a restart (or in a second window): scored for the
        question it was opened on if that question still waits, else shown back."""
        data: Any = interaction.data or {}
        parts = str(data.get("custom_id", "")).split(":")
        text = values.get("answer", "")
        if len(parts) < 4 or not (parts[2].isdigit() and parts[3].isdigit()):
            await echo_form(interaction, {"Your answer": text})
            return
        try:
            await submit_answer(interaction, int(parts[2]), int(parts[3]), text)
        except Exception as error:  # no Modal.on_error answers here: say what happened, keep text
            if interaction.response.is_done():
                await report_interaction_error(interaction, error, "stale Answer form")
                return
            message, log_traceback = describe_error(error)
            level = logging.ERROR if log_traceback else logging.WARNING
            log.log(level, "stale Answer form failed", exc_info=error if log_traceback else None)
            await echo_form(interaction, {"Your answer": text}, message)

    @commands.Cog.listener(f"on_{INTERVIEW_ANSWER}")
    async def on_interview_answer(self, message: discord.Message, during: InterviewTurn) -> None:
        reply = MessageReply(message)
        try:
            await self._typed(message, reply, during)
        except Exception as error:
            await reply.fail(error)

    async def _typed(
        self, message: discord.Message, reply: MessageReply, during: InterviewTurn
    ) -> None:
        """A DM in interview mode: a typed control (any phase), the answer, or an aside."""
        service = self.bot.services.interview
        user = message.author.id
        view = await service.typed_session(user)
        if view is None:
            raise InterviewError("No interview is open right now.")
        move = during.move
        if move == "aside":
            question = view.current if view.awaiting_answer else None
            buttons = aside_view(user, view.id, question, message.id)
            await reply.send(guard_line(during), view=buttons)
            return
        if move == "pause":
            await service.set_typed_answers(view.id, user, False)
            await reply.send(LEFT_INTERVIEW_MODE)
            return
        if move == "hint" and not view.awaiting_answer:
            await reply.send(HINT_AFTER_SCORE)
            return
        old_channel, old_message = view.channel_id, view.message_id
        hint = None
        if move == "hint":
            hint = await service.hint(view.id, user)
        elif move == "skip" or (move == "next" and view.awaiting_answer):
            view = await service.skip(view.id, user)
        elif move == "next":
            view = await service.next(view.id, user)
        elif move == "end":
            view = await service.end(view.id, user)
        else:
            view = await service.answer(view.id, user, message.content)
        screen = await screen_for(self.bot, view, dm=message.guild is None, hint=hint)
        sent = await reply.send(embed=screen.embed, view=screen.view, file=screen.file)
        await _attach(self.bot, view.id, sent, reply.guild_id)
        await self._retire(old_channel, old_message, sent.id)
        answer = view.last_answer
        if move != "answer" or answer is None:
            return

        async def edit(coach: str) -> None:
            await sent.edit(embed=score_embed(view, answer, coach=coach))

        await stream_coach(self.bot, view, edit)

    async def _retire(self, channel_id: int | None, message_id: int | None, new_id: int) -> None:
        """Take the buttons off the session's previous message (one live message per session)."""
        if channel_id is None or message_id is None or message_id == new_id:
            return
        with contextlib.suppress(Exception):  # gone, ephemeral or not ours: nothing to retire
            channel = self.bot.get_partial_messageable(channel_id)
            await channel.get_partial_message(message_id).edit(view=None)

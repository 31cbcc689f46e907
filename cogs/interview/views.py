"""Interview UI: persistent buttons that carry the session id (a restart loses nothing), the
answer form, and the flows they share (start, show a session, stream the coach's comments).

One message shows a session and is edited in place: question -> score (+ coach) -> next
question ... -> report. In servers it is private to its owner where Discord allows (ephemeral);
a message reply (`!mock_interview`) is public, and its buttons refuse anyone but the owner.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from careermate_bot.discord_ui.custom_ids import Fields
from careermate_bot.discord_ui.forms import echo_form, form_id
from careermate_bot.discord_ui.items import ItemExpired, PersistentItem
from careermate_bot.discord_ui.replies import InteractionReply, Reply, SentMessage
from careermate_bot.discord_ui.views import CareerMateModal
from careermate_bot.llm import LLMError
from careermate_bot.services.interview import (
    MAX_ANSWER_CHARS,
    ActiveSession,
    NoSuchSession,
    QuestionMoved,
    SessionClosed,
    SessionView,
    WrongPhase,
    unavailable_note,
)
from cogs.interview.embeds import (
    CHART_NAME,
    closed_embed,
    question_embed,
    report_embed,
    score_embed,
)

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot

log = logging.getLogger(__name__)

NOT_YOURS = "That's someone else's interview. Start your own with `/interview start`."
GONE = "That interview is gone. Start a new one with `/interview start`."
EDIT_INTERVAL = 1.0  # seconds between coach-stream edits (Discord rate-limits edits)
KIND_CODES = {"behavioral": "b", "technical": "t", "mixed": "m"}
DIFF_CODES = {"easy": "e", "medium": "m", "hard": "h", None: "a"}
LABEL_LIMIT = 45  # Discord's limit for a form field's label


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class Screen:
    embed: discord.Embed
    view: discord.ui.View | None
    file: discord.File | None = None


# -- rendering a session -----------------------------------------------------------------------
def _buttons(view: SessionView, *actions: str) -> discord.ui.View:
    out = discord.ui.View(timeout=None)
    for action in actions:
        out.add_item(
            SessionButton(
                action,
                view.user_id,
                view.id,
                last=view.is_last_question,
                typing_on=view.typed_answers,
            )
        )
    return out


async def screen_for(
    bot: CareerMateBot,
    view: SessionView,
    *,
    dm: bool,
    hint: str | None = None,
    coach: str | None = None,
) -> Screen:
    """What the session's message shows now."""
    if view.active and view.question is not None and view.phase == "question":
        actions = ["answer", "hint", "skip", "end"]
        if dm:
            actions.append("typing")
        shown = hint if hint is not None else (view.question.hint if view.hint_shown else None)
        embed = question_embed(view, hint=shown or None, dm=dm)
        return Screen(embed, _buttons(view, *actions))
    answer = view.last_answer
    if view.active and answer is not None:
        return Screen(
            score_embed(view, answer, coach=coach if coach is not None else answer.feedback),
            _buttons(view, "next", "end"),
        )
    if view.status == "completed":
        report = await bot.services.interview.report(view.id)
        png = await bot.services.interview.report_chart(report)
        file = discord.File(io.BytesIO(png), filename=CHART_NAME) if png is not None else None
        actions = ["weak", "new"] if report.weakest_area and report.answered else ["new"]
        return Screen(report_embed(report, chart=file is not None), _buttons(view, *actions), file)
    return Screen(closed_embed(view), _buttons(view, "new"))


async def show(
    interaction: discord.Interaction[CareerMateBot], screen: Screen, session_id: int
) -> None:
    """Put `screen` on the message the click (or the form opened from it) came from; without
    one, send it as the session's new message."""
    attachments = [screen.file] if screen.file else []
    if interaction.message is not None and not interaction.response.is_done():
        await interaction.response.edit_message(
            embed=screen.embed, view=screen.view, attachments=attachments
        )
        return
    reply = InteractionReply(interaction)
    message = await reply.send(
        embed=screen.embed, view=screen.view, file=screen.file, private=_private(interaction)
    )
    await _attach(interaction.client, session_id, message, interaction.guild_id)


def _private(interaction: discord.Interaction[Any]) -> bool:
    return interaction.guild_id is not None


async def _attach(
    bot: CareerMateBot, session_id: int, message: SentMessage, guild_id: int | None
) -> None:
    channel_id = getattr(message, "channel", None)
    await bot.services.interview.attach_message(
        session_id,
        channel_id=getattr(channel_id, "id", None),
        message_id=message.id,
        guild_id=guild_id,
    )


async def stream_coach(
    bot: CareerMateBot, view: SessionView, edit: Callable[[str], Awaitable[None]]
) -> None:
    """The model's comments on the answer just scored, streamed into the score card; the
    score never changes. Model down: a one-line note."""
    service = bot.services.interview
    answer = view.last_answer
    if answer is None or not service.writes_comments:
        return
    text = ""
    last = time.monotonic()
    try:
        async for delta in service.stream_feedback(view.id, view.user_id, answer.index):
            text += delta
            if time.monotonic() - last >= EDIT_INTERVAL and text.strip():
                last = time.monotonic()
                await edit(text + " ▌")
    except LLMError as error:
        log.info("interview feedback unavailable: %s", error)
        await edit(unavailable_note(error))
        return
    grounded = await service.save_feedback(view.id, view.user_id, answer.index, text)
    await edit(grounded or unavailable_note(None))


async def after_answer(interaction: discord.Interaction[CareerMateBot], view: SessionView) -> None:
    """Show the score at once, then stream the coach's comments into the same card."""
    await show(
        interaction, await screen_for(interaction.client, view, dm=_dm(interaction)), view.id
    )
    answer = view.last_answer
    if answer is None:
        return

    async def edit(coach: str) -> None:
        screen = score_embed(view, answer, coach=coach)
        await interaction.edit_original_response(embed=screen)

    await stream_coach(interaction.client, view, edit)


def _dm(interaction: discord.Interaction[Any]) -> bool:
    return interaction.guild_id is None


# -- starting ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class StartRequest:
    role: str | None
    kind: str = "mixed"
    questions: int = 5
    difficulty: str | None = None
    focus: str | None = None


async def start_flow(
    bot: CareerMateBot, reply: Reply, request: StartRequest, *, replace: bool = False
) -> SessionView | None:
    """Start an interview and show its first question (or ask: resume or start over?)."""
    service = bot.services.interview
    dm = reply.guild_id is None
    try:
        view = await service.start(
            reply.user.id,
            request.role,
            kind=request.kind,
            questions=request.questions,
            difficulty=request.difficulty,
            display_name=reply.user.display_name,
            guild_id=reply.guild_id,
            replace=replace,
            focus=request.focus,
        )
    except ActiveSession as busy:
        choice = discord.ui.View(timeout=None)
        choice.add_item(SessionButton("resume", reply.user.id, busy.session.id))
        choice.add_item(RestartButton(reply.user.id, busy.session.id, request, bot))
        await reply.send(
            f"{busy.user_message} Resume it, or start over with a new one?",
            view=choice,
            private=not dm,
        )
        return None
    screen = await screen_for(bot, view, dm=dm)
    message = await reply.send(embed=screen.embed, view=screen.view, private=not dm)
    await _attach(bot, view.id, message, reply.guild_id)
    return view


def _role_key(bot: CareerMateBot, role: str | None) -> str:
    """A short id for a role in a custom id ("" = general)."""
    return bot.services.interview.role_key(role)


# -- the answer form ---------------------------------------------------------------------------
class AnswerModal(CareerMateModal):
    """One paragraph field (1-4,000 characters) labelled with the question itself."""

    def __init__(self, view: SessionView) -> None:
        number = min(view.current + 1, view.total)
        super().__init__(
            title=f"Question {number} of {view.total}",
            custom_id=form_id(ANSWER_FORM, view.id, view.current),
        )
        self.session_id = view.id
        self.question_index = view.current
        question = view.question
        behavioral = question is None or question.kind == "behavioral"
        self.answer: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id="answer",
            label=_short(question.text, LABEL_LIMIT) if question else "Your answer",
            style=discord.TextStyle.paragraph,
            min_length=1,
            max_length=MAX_ANSWER_CHARS,
            required=True,
            placeholder=(
                "Situation -> Task -> Action (what *you* did) -> Result (with a number)"
                if behavioral
                else "Name the method or tool, say why, give an example or a trade-off"
            ),
        )
        self.add_item(self.answer)

    async def on_submit(self, interaction: discord.Interaction[CareerMateBot]) -> None:  # type: ignore[override]
        await submit_answer(interaction, self.session_id, self.question_index, self.answer.value)


ANSWER_FORM = "ivanswer"
MOVED_ON = (
    "The interview has moved past the question this form was opened on (it was skipped or "
    "answered), so I didn't score your text against the next one."
)


async def submit_answer(
    interaction: discord.Interaction[CareerMateBot], session_id: int, index: int, text: str
) -> None:
    """Score a form's answer for the question it was opened on; if the session moved on, show
    the text back instead of scoring it against another question."""
    service = interaction.client.services.interview
    try:
        view = await service.answer(session_id, interaction.user.id, text, question_index=index)
    except (QuestionMoved, WrongPhase, SessionClosed, NoSuchSession):
        await echo_form(interaction, {"Your answer": text}, MOVED_ON)
        return
    await after_answer(interaction, view)


# -- buttons -----------------------------------------------------------------------------------
class SessionButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id="cm:iv:{action:answer|hint|skip|end|next|weak|new|resume|typing}:{owner:int}:{sid:int}",
):
    refusal = NOT_YOURS
    expired_text = GONE
    LABELS: dict[str, tuple[str, str, discord.ButtonStyle]] = {
        "answer": ("Answer", "✍️", discord.ButtonStyle.primary),
        "hint": ("Hint", "💡", discord.ButtonStyle.secondary),
        "skip": ("Skip", "⏭️", discord.ButtonStyle.secondary),
        "end": ("End", "⏹️", discord.ButtonStyle.danger),
        "next": ("Next", "➡️", discord.ButtonStyle.primary),
        "weak": ("Practice my weakest area", "🎯", discord.ButtonStyle.primary),
        "new": ("New interview", "🔁", discord.ButtonStyle.secondary),
        "resume": ("Resume it", "▶️", discord.ButtonStyle.primary),
        "typing": ("Stop typing answers", "⌨️", discord.ButtonStyle.secondary),
    }

    def __init__(
        self,
        action: str,
        owner: int,
        sid: int,
        *,
        last: bool = False,
        typing_on: bool = True,
    ) -> None:
        label, emoji, style = self.LABELS[action]
        if action == "next" and last:
            label, emoji = "See report", "📊"
        if action == "typing" and not typing_on:
            label = "Answer by typing"
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=style,
                custom_id=self.ids.format(action=action, owner=owner, sid=sid),
            )
        )
        self.action = action
        self.owner_id = owner
        self.session_id = sid

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        bot = interaction.client
        service = bot.services.interview
        user = interaction.user.id
        sid = self.session_id
        dm = _dm(interaction)
        if self.action == "answer":
            view = await service.get(sid, user)
            if view.awaiting_answer:
                await interaction.response.send_modal(AnswerModal(view))
                return
            await show(interaction, await screen_for(bot, view, dm=dm), sid)  # stale: refresh
        elif self.action == "hint":
            hint = await service.hint(sid, user)
            view = await service.get(sid, user)
            await show(interaction, await screen_for(bot, view, dm=dm, hint=hint), sid)
        elif self.action in ("skip", "end", "next"):
            act = {"skip": service.skip, "end": service.end, "next": service.next}[self.action]
            view = await act(sid, user)
            await show(interaction, await screen_for(bot, view, dm=dm), sid)
        elif self.action == "typing":
            current = await service.get(sid, user)
            view = await service.set_typed_answers(sid, user, not current.typed_answers)
            await show(interaction, await screen_for(bot, view, dm=dm), sid)
        elif self.action == "resume":
            active = await service.active(user)
            if active is None:
                raise ItemExpired(
                    "You have no unfinished interview. Start one with `/interview start`."
                )
            if not active.typed_answers:
                active = await service.set_typed_answers(active.id, user, True)
            await show(interaction, await screen_for(bot, active, dm=dm), active.id)
            await _attach_clicked(interaction, active.id)
        else:
            await self._start_again(interaction)

    async def _start_again(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        bot = interaction.client
        service = bot.services.interview
        old = await service.get(self.session_id, interaction.user.id)
        role = old.occupation_id or None
        if self.action == "weak":
            report = await service.report(old.id, interaction.user.id)
            area = report.weakest_area
            kinds = {i.kind for i in report.items if i.area == area}
            kind = "behavioral" if kinds <= {"behavioral"} else "technical"
            request = StartRequest(role, kind, 3, old.difficulty, focus=area)
        else:
            request = StartRequest(role, old.kind, old.total, old.difficulty)
        await start_flow(bot, InteractionReply(interaction), request)


async def _attach_clicked(interaction: discord.Interaction[CareerMateBot], session_id: int) -> None:
    message = interaction.message
    if message is not None:
        await interaction.client.services.interview.attach_message(
            session_id,
            channel_id=message.channel.id,
            message_id=message.id,
            guild_id=interaction.guild_id,
        )


class RestartButton(
    PersistentItem[discord.ui.Button[Any]],
    custom_id="cm:ivre:{owner:int}:{sid:int}:{kind:b|t|m}{n:int}{diff:e|m|h|a}:{role:slug*}",
):
    """ "Start over": abandon the unfinished interview and start the one just asked for."""

    refusal = NOT_YOURS
    expired_text = GONE

    def __init__(
        self, owner_id: int, session_id: int, request: StartRequest, bot: CareerMateBot | None
    ) -> None:
        role = _role_key(bot, request.role) if bot is not None else (request.role or "")
        kind = KIND_CODES.get(request.kind, "m")
        diff = DIFF_CODES.get(request.difficulty, "a")
        super().__init__(
            discord.ui.Button(
                label="Start over",
                emoji="🆕",
                style=discord.ButtonStyle.secondary,
                custom_id=self.ids.format(
                    owner=owner_id,
                    sid=session_id,
                    kind=kind,
                    n=request.questions,
                    diff=diff,
                    role=role,
                ),
            )
        )
        self.owner_id = owner_id
        self.session_id = session_id
        self.request = request

    @classmethod
    def from_values(cls, values: Fields, item: discord.ui.Item[Any]) -> RestartButton:
        kinds = {v: k for k, v in KIND_CODES.items()}
        diffs = {v: k for k, v in DIFF_CODES.items()}
        request = StartRequest(
            values.text("role") or None,
            kinds[values.text("kind")],
            values.integer("n"),
            diffs[values.text("diff")],
        )
        return cls(values.integer("owner"), values.integer("sid"), request, None)

    async def run(self, interaction: discord.Interaction[CareerMateBot]) -> None:
        await start_flow(
            interaction.client, InteractionReply(interaction), self.request, replace=True
        )


DYNAMIC_ITEMS = (SessionButton, RestartButton)

"""`InterviewService`: mock-interview sessions stored in the database (restart-proof).

Life cycle: `start` (one active session per user: another start raises `ActiveSession` unless
`replace=True`) -> for each question `answer` (scored at once, phase "feedback") then `next`,
or `skip` (straight to the next question) -> after the last question, or on `end`, the session
is completed and `report` summarises it. `hint` shows the question's hint. A session idle for
24 h is closed ("expired") the next time anyone looks at it, and by `expire_idle`.

Every method that changes a session takes the acting user's Discord id and raises
`NotYourSession` for anyone else. Mutations of one session are serialised in-process, so a
double click cannot answer a question twice.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.transactions import in_transaction

from careermate_bot.common.user_text import visible_multiline
from careermate_bot.knowledge import KnowledgeBase, Occupation
from careermate_bot.llm import LLMClient
from careermate_bot.llm.capability import Capabilities
from careermate_bot.services import profile as profiles
from careermate_bot.services.interview import feedback as fb
from careermate_bot.services.interview.bank import (
    BankIndex,
    InterviewKind,
    QuestionSnapshot,
)
from careermate_bot.services.interview.chart import render_area_chart
from careermate_bot.services.interview.comments import coach_comment
from careermate_bot.services.interview.report import build_report
from careermate_bot.services.interview.scoring import (
    MAX_ANSWER_CHARS,
    AnswerScore,
    ScoringKnowledge,
    score_question,
)
from careermate_bot.services.interview.types import (
    DEFAULT_QUESTIONS,
    IDLE_HOURS,
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    AnswerView,
    InterviewError,
    InterviewReport,
    NoQuestions,
    NoSuchSession,
    NotYourSession,
    QuestionMoved,
    SessionClosed,
    SessionSummary,
    SessionView,
    UnknownRole,
    WrongPhase,
)
from careermate_bot.workers import Work, run_in
from models import InterviewAnswer, InterviewSession, SessionPhase, SessionStatus, UserProfile

log = logging.getLogger(__name__)

KINDS: tuple[InterviewKind, ...] = ("behavioral", "technical", "mixed")
DIFFICULTIES = ("easy", "medium", "hard")
GENERAL_ROLE = "General"


class ActiveSession(InterviewError):
    """The user already has an unfinished interview: resume it or abandon it first."""

    def __init__(self, session: SessionView) -> None:
        super().__init__(
            f"You have an unfinished {session.role} interview "
            f"(question {min(session.current + 1, session.total)} of {session.total})."
        )
        self.session = session


class InterviewService:
    """The interview feature's one façade. Build it with `for_knowledge` in the app (the
    knowledge base gives roles, autocomplete and the scoring vocabulary), or from parts in
    tests (a small `bank`, `shipped_knowledge()` for scoring)."""

    def __init__(
        self,
        *,
        bank: BankIndex,
        scoring: ScoringKnowledge,
        knowledge: KnowledgeBase | None = None,
        llm: LLMClient | None = None,
        clock: Callable[[], datetime] | None = None,
        idle_hours: float = IDLE_HOURS,
        capabilities: Capabilities | None = None,
    ) -> None:
        self.llm = llm
        # Whether the model may word coach comments (`llm.capability`); None = yes.
        self.capabilities = capabilities
        self.kb = knowledge
        self.bank = bank
        self.scoring = scoring
        self.clock = clock or (lambda: datetime.now(UTC))
        self.idle = timedelta(hours=idle_hours)
        self._locks: dict[int, asyncio.Lock] = {}
        self._user_locks: dict[int, asyncio.Lock] = {}

    @classmethod
    def for_knowledge(
        cls,
        knowledge: KnowledgeBase,
        bank: BankIndex,
        *,
        llm: LLMClient | None = None,
        capabilities: Capabilities | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> InterviewService:
        return cls(
            bank=bank,
            scoring=ScoringKnowledge.from_knowledge_base(knowledge),
            knowledge=knowledge,
            llm=llm,
            capabilities=capabilities,
            clock=clock,
        )

    def _lock(self, session_id: int) -> asyncio.Lock:
        return self._locks.setdefault(session_id, asyncio.Lock())

    def _user_lock(self, user_id: int) -> asyncio.Lock:
        return self._user_locks.setdefault(user_id, asyncio.Lock())

    # -- roles -------------------------------------------------------------------------------
    def resolve_role(self, role: str | None) -> tuple[str, Occupation | None]:
        """(title to show, occupation or None). Raises `UnknownRole` with suggestions."""
        text = " ".join((role or "").split())
        if not text or text.casefold() in {"general", "any", "none", "-"}:
            return GENERAL_ROLE, None
        if self.kb is not None:
            exact = self.kb.get_occupation(text)
            if exact is not None:
                return exact.title, exact
            resolution = self.kb.resolve_occupation(text)
            if resolution.occupation is not None:
                return resolution.occupation.title, resolution.occupation
            titles = tuple(o.title for o in resolution.suggestions[:5])
            raise UnknownRole(
                f"I don't know the role {text[:60]!r}."
                + (f" Did you mean: {', '.join(titles)}?" if titles else ""),
                titles,
            )
        occupation = self.scoring.resolve_role(text)
        if occupation is None:
            raise UnknownRole(f"I don't know the role {text[:60]!r}.")
        return occupation.title, occupation

    def role_choices(self, prefix: str, limit: int = 25) -> list[str]:
        """Autocomplete: occupation titles for a typed prefix."""
        if self.kb is None:
            return []
        return list(
            dict.fromkeys(h.occupation.title for h in self.kb.search_occupations(prefix, limit))
        )[:limit]

    # -- start / resume / abandon ------------------------------------------------------------
    async def start(
        self,
        user_id: int,
        role: str | None,
        *,
        kind: str = "mixed",
        questions: int = DEFAULT_QUESTIONS,
        difficulty: str | None = None,
        display_name: str | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        replace: bool = False,
        focus: str | None = None,
        seed: int | None = None,
    ) -> SessionView:
        """A new session. Raises `ActiveSession` if one is unfinished (unless `replace`),
        `UnknownRole`, or `NoQuestions` when the bank has nothing for the request."""
        if kind not in KINDS:
            raise InterviewError(f"The interview kind must be one of: {', '.join(KINDS)}.")
        if difficulty is not None and difficulty not in DIFFICULTIES:
            difficulty = None
        n = max(MIN_QUESTIONS, min(MAX_QUESTIONS, int(questions)))
        title, occupation = self.resolve_role(role)
        rng = random.Random(seed)
        chosen = self._choose(occupation, kind, difficulty, n, rng, focus)
        if not chosen:
            raise NoQuestions("I have no interview questions for that yet; try another role.")
        async with self._user_lock(user_id):
            existing = await self._active_row(user_id)
            if existing is not None:
                if not replace:
                    raise ActiveSession(await self._view(existing))
                await self._close(existing, SessionStatus.ABANDONED)
            await profiles.get_or_create(user_id, display_name)
            profile = await UserProfile.get(discord_id=user_id)
            row = await InterviewSession.create(
                user_id=profile.id,
                role=title[:100],
                occupation_id=getattr(occupation, "id", None),
                kind=kind,
                difficulty=difficulty,
                questions=[q.model_dump(mode="json") for q in chosen],
                guild_id=guild_id,
                channel_id=channel_id,
                last_activity_at=self.clock(),
            )
        return await self._view(row, discord_id=user_id)

    def _choose(
        self,
        occupation: Occupation | None,
        kind: InterviewKind,
        difficulty: str | None,
        n: int,
        rng: random.Random,
        focus: str | None,
    ) -> list[QuestionSnapshot]:
        chosen: list[QuestionSnapshot] = []
        if focus:
            pool = [q for q in self.bank.questions if q.area.casefold() == focus.casefold()]
            rng.shuffle(pool)
            preferred = [q for q in pool if difficulty is None or q.difficulty == difficulty]
            chosen = (preferred + [q for q in pool if q not in preferred])[:n]
        if len(chosen) < n:
            more = self.bank.select(occupation, kind, difficulty, n, rng)
            chosen.extend(q for q in more if q not in chosen)
        return chosen[:n]

    async def active(self, user_id: int) -> SessionView | None:
        """The user's unfinished session (idle ones are closed first), or None."""
        row = await self._active_row(user_id)
        return await self._view(row, discord_id=user_id) if row is not None else None

    async def awaiting_answer(self, user_id: int) -> bool:
        """True while the user's session shows a question and waits for its answer."""
        row = await self._active_row(user_id)
        return (
            row is not None
            and row.typed_answers
            and row.phase == SessionPhase.QUESTION
            and row.current < len(row.questions)
        )

    async def set_typed_answers(self, session_id: int, user_id: int, on: bool) -> SessionView:
        """Turn "a DM message is my answer" on or off for the session (interview mode)."""
        row = await self._owned(session_id, user_id)
        row.typed_answers = on
        await row.save(update_fields=["typed_answers"])
        return await self._view(row, discord_id=user_id)

    async def get(self, session_id: int, user_id: int | None = None) -> SessionView:
        row = await self._row(session_id)
        owner = await self._owner(row)
        if user_id is not None and owner != user_id:
            raise NotYourSession("This interview belongs to someone else.")
        await self._expire_if_idle(row)
        return await self._view(row, discord_id=owner)

    async def attach_message(
        self,
        session_id: int,
        *,
        channel_id: int | None,
        message_id: int | None,
        guild_id: int | None = None,
    ) -> None:
        """Remember the one message that shows this session (updated in place)."""
        await InterviewSession.filter(id=session_id).update(
            channel_id=channel_id, message_id=message_id, guild_id=guild_id
        )

    # -- the question loop -------------------------------------------------------------------
    async def answer(
        self, session_id: int, user_id: int, text: str, *, question_index: int | None = None
    ) -> SessionView:
        """Score the answer to the question on screen; the session then shows the score.
        `question_index`: the question the answer was written for (a form opened on it); when
        the session has moved on, `QuestionMoved` is raised and nothing is scored."""
        async with self._lock(session_id):
            row = await self._live(session_id, user_id)
            if question_index is not None and question_index != row.current:
                raise QuestionMoved(
                    "That answer was for a question the interview has already moved past."
                )
            if row.phase != SessionPhase.QUESTION:
                raise WrongPhase("That question is already answered - press Next.")
            question = QuestionSnapshot.model_validate(row.questions[row.current])
            # What the user can see of it (an answer of only zero-width characters is empty).
            cut = visible_multiline((text or "")[:MAX_ANSWER_CHARS])
            # A few milliseconds of pure CPU: cheaper inline than a thread hop.
            result = score_question(question, cut, row.occupation_id, knowledge=self.scoring)
            async with in_transaction():
                await _record_answer(
                    row,
                    question,
                    answer=cut,
                    score=result.score,
                    details=result.model_dump(mode="json"),
                )
                row.phase = SessionPhase.FEEDBACK
                row.last_activity_at = self.clock()
                await row.save(update_fields=["phase", "last_activity_at"])
            return await self._view(row, discord_id=user_id)

    async def skip(self, session_id: int, user_id: int) -> SessionView:
        """Record the question on screen as skipped and move on (or finish)."""
        async with self._lock(session_id):
            row = await self._live(session_id, user_id)
            if row.phase != SessionPhase.QUESTION:
                return await self._advance(row, user_id)
            question = QuestionSnapshot.model_validate(row.questions[row.current])
            await _record_answer(row, question, skipped=True)
            return await self._advance(row, user_id)

    async def next(self, session_id: int, user_id: int) -> SessionView:
        """After a score: the next question, or the finished session after the last one."""
        async with self._lock(session_id):
            row = await self._live(session_id, user_id)
            if row.phase != SessionPhase.FEEDBACK:
                return await self._view(row, discord_id=user_id)  # a stale Next: show as is
            return await self._advance(row, user_id)

    async def hint(self, session_id: int, user_id: int) -> str:
        async with self._lock(session_id):
            row = await self._live(session_id, user_id)
            question = QuestionSnapshot.model_validate(row.questions[row.current])
            used = list(row.hints_used or [])
            if row.current not in used:
                used.append(row.current)
                row.hints_used = used
            row.last_activity_at = self.clock()
            await row.save(update_fields=["hints_used", "last_activity_at"])
            return question.hint or _default_hint(question)

    async def end(self, session_id: int, user_id: int) -> SessionView:
        """Finish now: completed if anything was answered or skipped, else abandoned."""
        async with self._lock(session_id):
            row = await self._owned(session_id, user_id)
            if row.status == SessionStatus.ACTIVE:
                count = await InterviewAnswer.filter(session_id=row.id).count()
                await self._close(
                    row, SessionStatus.COMPLETED if count else SessionStatus.ABANDONED
                )
            return await self._view(row, discord_id=user_id)

    async def _advance(self, row: InterviewSession, user_id: int) -> SessionView:
        row.current += 1
        row.phase = SessionPhase.QUESTION
        row.last_activity_at = self.clock()
        if row.current >= len(row.questions):
            row.current = len(row.questions)
            await row.save(update_fields=["current", "phase", "last_activity_at"])
            await self._close(row, SessionStatus.COMPLETED)
        else:
            await row.save(update_fields=["current", "phase", "last_activity_at"])
        return await self._view(row, discord_id=user_id)

    # -- feedback (optional LLM) -------------------------------------------------------------
    async def stream_feedback(
        self, session_id: int, user_id: int, index: int, *, max_tokens: int | None = None
    ) -> AsyncIterator[str]:
        """Deltas of the model's comments on one scored answer. Raises `LLMError`s."""
        if self.llm is None:
            from careermate_bot.llm import NoEngine

            raise NoEngine("no language model is configured")
        answer = await self._answer_row(session_id, user_id, index)
        question, score = _question_and_score(answer)
        if self.capabilities is not None and not self.capabilities.allows("interview_comment"):
            yield coach_comment(question, score)  # the model has not passed this task
            return
        async for delta in fb.stream_feedback(
            self.llm, question, score, answer.answer, user_id=user_id, max_tokens=max_tokens
        ):
            yield delta

    async def save_feedback(self, session_id: int, user_id: int, index: int, text: str) -> str:
        """Ground the streamed text against the score, store what survives, return it. When
        nothing survives (or a check failed at the start), the comment composed from the rubric
        (`comments.coach_comment`) is stored and returned instead."""
        answer = await self._answer_row(session_id, user_id, index)
        question, score = _question_and_score(answer)
        composed = coach_comment(question, score)
        if text.strip() == composed:
            grounded = composed
        else:
            grounded = fb.ground_feedback(text, question, score, answer.answer)
            if not grounded:
                log.info("interview comment: no usable model text; the rubric's comment is shown")
                grounded = composed
        answer.feedback = grounded
        await answer.save(update_fields=["feedback"])
        return grounded

    async def feedback(self, session_id: int, user_id: int, index: int) -> str:
        """Feedback in one go (terminal, tests): the grounded text, or a one-line note."""
        parts: list[str] = []
        try:
            async for delta in self.stream_feedback(session_id, user_id, index):
                parts.append(delta)
        except Exception as error:  # LLMError and anything else: the score stands alone
            log.info("interview feedback unavailable: %s", error)
            return fb.unavailable_note(error)
        grounded = await self.save_feedback(session_id, user_id, index, "".join(parts))
        return grounded or fb.unavailable_note(None)

    async def _answer_row(self, session_id: int, user_id: int, index: int) -> InterviewAnswer:
        row = await self._owned(session_id, user_id)
        answer = await InterviewAnswer.get_or_none(session_id=row.id, index=index)
        if answer is None or answer.skipped:
            raise InterviewError("That question has no answer to comment on.")
        return answer

    # -- reports and history -----------------------------------------------------------------
    async def report(self, session_id: int, user_id: int | None = None) -> InterviewReport:
        view = await self.get(session_id, user_id)
        report = build_report(view)
        if view.status != "active" and view.overall != report.overall:
            await InterviewSession.filter(id=session_id).update(overall=report.overall)
        return report

    async def report_chart(self, report: InterviewReport) -> bytes | None:
        """The report's chart by competency (drawn off the event loop), or None."""
        if not report.areas:
            return None
        return await run_in(Work.CHARTS, render_area_chart, report.areas)

    @property
    def writes_comments(self) -> bool:
        """Whether a coach's comment by the model follows each score."""
        return self.llm is not None

    def role_key(self, role: str | None) -> str:
        """A short id for a role, for a custom id ("" = general or unknown)."""
        if not role or self.kb is None:
            return ""
        occupation = self.kb.resolve_occupation(role).occupation
        return occupation.id[:40] if occupation is not None else ""

    async def history(self, user_id: int, limit: int = 10) -> list[SessionSummary]:
        await self.expire_idle(user_id=user_id)
        rows = (
            await InterviewSession.filter(user__discord_id=user_id)
            .order_by("-id")
            .limit(max(1, min(limit, 50)))
        )
        out = []
        for row in rows:
            answered = await InterviewAnswer.filter(session_id=row.id, skipped=False).count()
            out.append(
                SessionSummary(
                    id=row.id,
                    role=row.role,
                    kind=row.kind,
                    status=str(row.status),
                    overall=row.overall,
                    answered=answered,
                    total=len(row.questions),
                    created_at=row.created_at,
                )
            )
        return out

    async def expire_idle(self, *, user_id: int | None = None) -> int:
        """Close active sessions idle for 24 h (all users, or one); returns how many."""
        cutoff = self.clock() - self.idle
        query = InterviewSession.filter(status=SessionStatus.ACTIVE, last_activity_at__lt=cutoff)
        if user_id is not None:
            query = query.filter(user__discord_id=user_id)
        closed = 0
        for row in await query:
            await self._close(row, SessionStatus.EXPIRED)
            closed += 1
        return closed

    # -- rows --------------------------------------------------------------------------------
    async def _active_row(self, user_id: int) -> InterviewSession | None:
        row = (
            await InterviewSession.filter(user__discord_id=user_id, status=SessionStatus.ACTIVE)
            .order_by("-id")
            .first()
        )
        if row is not None and await self._expire_if_idle(row):
            return None
        return row

    async def _expire_if_idle(self, row: InterviewSession) -> bool:
        if row.status == SessionStatus.ACTIVE and row.last_activity_at < self.clock() - self.idle:
            await self._close(row, SessionStatus.EXPIRED)
            return True
        return False

    async def _row(self, session_id: int) -> InterviewSession:
        row = await InterviewSession.get_or_none(id=session_id)
        if row is None:
            raise NoSuchSession("That interview no longer exists.")
        return row

    async def _owner(self, row: InterviewSession) -> int:
        profile = await UserProfile.get(id=row.user_id)  # type: ignore[attr-defined]
        discord_id: int = profile.discord_id
        return discord_id

    async def _owned(self, session_id: int, user_id: int) -> InterviewSession:
        row = await self._row(session_id)
        if await self._owner(row) != user_id:
            raise NotYourSession("This interview belongs to someone else.")
        return row

    async def _live(self, session_id: int, user_id: int) -> InterviewSession:
        row = await self._owned(session_id, user_id)
        await self._expire_if_idle(row)
        if row.status != SessionStatus.ACTIVE or row.current >= len(row.questions):
            raise SessionClosed(_closed_message(row.status))
        return row

    async def _close(self, row: InterviewSession, status: SessionStatus) -> None:
        row.status = status
        row.ended_at = self.clock()
        fields = ["status", "ended_at"]
        if status == SessionStatus.COMPLETED:
            view = await self._view(row)
            row.overall = build_report(view).overall
            fields.append("overall")
        await row.save(update_fields=fields)

    async def _view(self, row: InterviewSession, *, discord_id: int | None = None) -> SessionView:
        answers = await InterviewAnswer.filter(session_id=row.id).order_by("index")
        owner = discord_id if discord_id is not None else await self._owner(row)
        return SessionView(
            id=row.id,
            user_id=owner,
            role=row.role,
            occupation_id=row.occupation_id,
            kind=row.kind,
            difficulty=row.difficulty,
            status=str(row.status.value if hasattr(row.status, "value") else row.status),
            phase=str(row.phase.value if hasattr(row.phase, "value") else row.phase),
            current=row.current,
            questions=tuple(QuestionSnapshot.model_validate(q) for q in row.questions),
            answers=tuple(_answer_view(a) for a in answers),
            hints_used=tuple(row.hints_used or ()),
            typed_answers=row.typed_answers,
            overall=row.overall,
            guild_id=row.guild_id,
            channel_id=row.channel_id,
            message_id=row.message_id,
            created_at=row.created_at,
            last_activity_at=row.last_activity_at,
        )


def _answer_view(row: InterviewAnswer) -> AnswerView:
    details = AnswerScore.model_validate(row.details) if row.details and not row.skipped else None
    return AnswerView(
        index=row.index,
        question=row.question,
        kind=row.kind,
        area=row.area,
        answer=row.answer,
        skipped=row.skipped,
        hint_used=row.hint_used,
        score=row.score,
        details=details,
        feedback=row.feedback,
    )


def _question_and_score(answer: InterviewAnswer) -> tuple[QuestionSnapshot, AnswerScore]:
    score = AnswerScore.model_validate(answer.details)
    question = QuestionSnapshot(
        id=answer.question_id,
        kind=answer.kind,  # type: ignore[arg-type]
        text=answer.question,
        competency=score.competency,
    )
    return question, score


def _closed_message(status: object) -> str:
    value = getattr(status, "value", status)
    if value == "expired":
        return "This interview was closed after 24 hours without activity. Start a new one!"
    if value == "abandoned":
        return "This interview was abandoned. Start a new one any time."
    return "This interview is finished - see its report, or start a new one."


def _default_hint(question: QuestionSnapshot) -> str:
    if question.kind == "behavioral":
        return (
            "Use STAR: the Situation in one sentence, your Task, the Actions *you* took, and the "
            "Result - with a number if you can."
        )
    return "Name the method you'd use, say why, and give a short example."


async def _record_answer(
    row: InterviewSession, question: QuestionSnapshot, **outcome: Any
) -> InterviewAnswer:
    """The answer row for the question on screen (`outcome`: answer/score/details or skipped)."""
    return await InterviewAnswer.create(
        session_id=row.id,
        user_id=row.user_id,  # type: ignore[attr-defined]
        index=row.current,
        question_id=question.id,
        question=question.text,
        kind=question.kind,
        area=question.area[:64],
        hint_used=row.current in (row.hints_used or []),
        **outcome,
    )

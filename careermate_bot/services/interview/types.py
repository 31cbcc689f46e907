"""Typed results of the interview service: what cogs and the terminal render."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from careermate_bot.errors import UserFacingError
from careermate_bot.services.interview.bank import QuestionSnapshot
from careermate_bot.services.interview.scoring import AnswerScore

MIN_QUESTIONS = 3
MAX_QUESTIONS = 10
DEFAULT_QUESTIONS = 5
IDLE_HOURS = 24


class InterviewError(UserFacingError):
    """A request the session can't honour; the message is short and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


class NoSuchSession(InterviewError):
    pass


class NotYourSession(InterviewError):
    pass


class SessionClosed(InterviewError):
    pass


class WrongPhase(InterviewError):
    """E.g. an answer while the session waits for Next (a double click, a stale button)."""


class QuestionMoved(WrongPhase):
    """An answer written for a question the session has moved past (skipped, or answered in
    another window): it is not scored against the next question."""


class UnknownRole(InterviewError):
    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.suggestions = suggestions


class NoQuestions(InterviewError):
    pass


class AnswerView(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int
    question: str
    kind: str
    area: str
    answer: str = ""
    skipped: bool = False
    hint_used: bool = False
    score: int | None = None
    details: AnswerScore | None = None
    feedback: str = ""


class SessionView(BaseModel):
    """A snapshot of one session."""

    model_config = ConfigDict(frozen=True)

    id: int
    user_id: int  # Discord id of the owner
    role: str
    occupation_id: str | None = None
    kind: str
    difficulty: str | None = None
    status: str
    phase: str
    current: int
    questions: tuple[QuestionSnapshot, ...]
    answers: tuple[AnswerView, ...] = ()
    hints_used: tuple[int, ...] = ()
    typed_answers: bool = True
    overall: int | None = None
    guild_id: int | None = None
    channel_id: int | None = None
    message_id: int | None = None
    created_at: datetime
    last_activity_at: datetime

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def question(self) -> QuestionSnapshot | None:
        """The question on screen (None once finished)."""
        if not self.active or self.current >= self.total:
            return None
        return self.questions[self.current]

    @property
    def awaiting_answer(self) -> bool:
        return self.active and self.phase == "question" and self.question is not None

    @property
    def hint_shown(self) -> bool:
        return self.current in self.hints_used

    def answer_for(self, index: int) -> AnswerView | None:
        return next((a for a in self.answers if a.index == index), None)

    @property
    def last_answer(self) -> AnswerView | None:
        """The answer to the question on screen, while it shows its score (phase feedback)."""
        return self.answer_for(self.current) if self.phase == "feedback" else None

    @property
    def is_last_question(self) -> bool:
        return self.current >= self.total - 1


class AreaScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    area: str
    score: int
    questions: int


class ReportItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: int
    question: str
    kind: str
    area: str
    score: int | None
    skipped: bool


class InterviewReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    session_id: int
    role: str
    kind: str
    status: str
    overall: int | None  # None: nothing was answered or skipped
    answered: int
    skipped: int
    asked: int
    total: int
    items: tuple[ReportItem, ...]
    strengths: tuple[str, ...]
    work_on: tuple[str, ...]  # the two things to work on
    areas: tuple[AreaScore, ...]  # chart data: mean score per competency/skill
    weakest_area: str | None
    ended_early: bool
    how_scored: str


class SessionSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    role: str
    kind: str
    status: str
    overall: int | None
    answered: int
    total: int
    created_at: datetime

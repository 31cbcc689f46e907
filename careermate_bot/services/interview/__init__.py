"""Mock interviews: deterministic answer scoring, sessions that survive restarts, reports.

    from careermate_bot.services.interview import score_answer
    score_answer("Tell me about a time you disagreed with a colleague.", "...").score  # 0-100

    service = InterviewService.for_knowledge(kb, BankIndex(load_question_bank()), llm=client)
    view = await service.start(user_id, "Data Scientist", kind="mixed", questions=5)
    view = await service.answer(view.id, user_id, "At my last job ...")
    view.last_answer.details.how_scored

Discord-free. See docs/interview.md for the scoring formula and the session life cycle.
"""

from careermate_bot.services.interview.bank import (
    BankIndex,
    QuestionSnapshot,
    shipped_bank,
)
from careermate_bot.services.interview.feedback import unavailable_note
from careermate_bot.services.interview.report import build_report
from careermate_bot.services.interview.scoring import (
    MAX_ANSWER_CHARS,
    AnswerScore,
    ScorePart,
    ScoringKnowledge,
    score_answer,
    score_question,
    shipped_knowledge,
)
from careermate_bot.services.interview.service import ActiveSession, InterviewService
from careermate_bot.services.interview.types import (
    DEFAULT_QUESTIONS,
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    AnswerView,
    AreaScore,
    InterviewError,
    InterviewReport,
    NoQuestions,
    NoSuchSession,
    NotYourSession,
    QuestionMoved,
    ReportItem,
    SessionClosed,
    SessionSummary,
    SessionView,
    UnknownRole,
    WrongPhase,
)

__all__ = [
    "DEFAULT_QUESTIONS",
    "MAX_ANSWER_CHARS",
    "MAX_QUESTIONS",
    "MIN_QUESTIONS",
    "ActiveSession",
    "AnswerScore",
    "AnswerView",
    "AreaScore",
    "BankIndex",
    "InterviewError",
    "InterviewReport",
    "InterviewService",
    "NoQuestions",
    "NoSuchSession",
    "NotYourSession",
    "QuestionMoved",
    "QuestionSnapshot",
    "ReportItem",
    "ScorePart",
    "ScoringKnowledge",
    "SessionClosed",
    "SessionSummary",
    "SessionView",
    "UnknownRole",
    "WrongPhase",
    "build_report",
    "score_answer",
    "score_question",
    "shipped_bank",
    "shipped_knowledge",
    "unavailable_note",
]

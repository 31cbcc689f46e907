"""Tortoise ORM models. Every model module is imported here so Tortoise finds it by `models`."""

from models.conversation import ConversationState
from models.interview import InterviewAnswer, InterviewSession, SessionPhase, SessionStatus
from models.jobs import JobPosting, SavedJob
from models.message import ChatMessage, MessageRole, MessageSource
from models.resume import ResumeReviewSummary
from models.user import UserProfile

__models__ = [
    UserProfile,
    ChatMessage,
    JobPosting,
    SavedJob,
    InterviewSession,
    InterviewAnswer,
    ResumeReviewSummary,
    ConversationState,
]
__all__ = [
    "ChatMessage",
    "ConversationState",
    "InterviewAnswer",
    "InterviewSession",
    "JobPosting",
    "MessageRole",
    "MessageSource",
    "ResumeReviewSummary",
    "SavedJob",
    "SessionPhase",
    "SessionStatus",
    "UserProfile",
]

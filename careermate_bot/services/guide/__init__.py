"""Grounded career guidance: how to become X, what X does, comparisons, the advice playbook and
cover-letter outlines. One façade (`GuideService`), typed answers (`GuideAnswer`), no Discord and
no database. See docs/guide.md."""

from careermate_bot.services.guide.service import GuideService
from careermate_bot.services.guide.types import (
    ACTION_LABELS,
    EMPTY_PROFILE,
    AnswerOption,
    AnswerSection,
    FactUsed,
    FollowUp,
    GuideAnswer,
    GuideProfile,
    ResumeFacts,
)

__all__ = [
    "ACTION_LABELS",
    "EMPTY_PROFILE",
    "AnswerOption",
    "AnswerSection",
    "FactUsed",
    "FollowUp",
    "GuideAnswer",
    "GuideProfile",
    "GuideService",
    "ResumeFacts",
]

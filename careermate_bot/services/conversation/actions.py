"""What the conversation decided to do with one message: one typed action, decided once.

Every front end (the Discord chat cog, `careermate chat`) `match`es on `Turn.action`; a new
intent is a new action here, its decision in the router and one case per front end.
"""

from __future__ import annotations

from dataclasses import dataclass

from careermate_bot.services.career import CareerRequest
from careermate_bot.services.conversation.memory import SavedChange
from careermate_bot.services.guide import GuideAnswer
from careermate_bot.services.jobs import JobQuery
from models import MessageSource


@dataclass(frozen=True, slots=True)
class Origin:
    """Who wrote the message, and where (`guild_id` None: a DM or the terminal)."""

    user_id: int
    display_name: str | None
    source: MessageSource
    guild_id: int | None = None


@dataclass(frozen=True, slots=True)
class ShowCareerPaths:
    """Answer with the /career paths result for this request."""

    request: CareerRequest


@dataclass(frozen=True, slots=True)
class ShowSkillGap:
    """Answer with the /career gap result for one role (an occupation id or title)."""

    role: str


@dataclass(frozen=True, slots=True)
class ShowPay:
    """A BLS pay figure with its source (`text` is the whole answer)."""

    role: str
    area: str
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class SearchJobs:
    """Answer with the /jobs search result for this query."""

    query: JobQuery


@dataclass(frozen=True, slots=True)
class ReviewResume:
    """Review the attached document, or ask for one."""


@dataclass(frozen=True, slots=True)
class StartInterview:
    """Start a mock interview (`role` None: the profile's target role, else general)."""

    role: str | None


@dataclass(frozen=True, slots=True)
class ShowSaved:
    """The person told us facts about themselves; `text` says exactly what was saved."""

    text: str


@dataclass(frozen=True, slots=True)
class ShowPrivacy:
    """What is remembered, with download and delete (only ever shown in a DM)."""

    text: str


@dataclass(frozen=True, slots=True)
class Reply:
    """A complete text answer (help, or one short question for a missing detail)."""

    text: str


@dataclass(frozen=True, slots=True)
class ShowGuide:
    """A grounded answer to an open question (how to become X, what X does, X vs Y, advice),
    after an empathetic `lead` line when the person is going through something."""

    answer: GuideAnswer
    lead: str = ""


@dataclass(frozen=True, slots=True)
class ModelChat:
    """Small talk (or an off-topic message, `steer` True): the model answers where it passed
    that task, else CareerMate's own line; `lead` (an empathetic line) comes first."""

    steer: bool = False
    lead: str = ""


Action = (
    ShowCareerPaths
    | ShowSkillGap
    | ShowPay
    | SearchJobs
    | ReviewResume
    | StartInterview
    | ShowSaved
    | ShowPrivacy
    | ShowGuide
    | Reply
    | ModelChat
)


@dataclass(frozen=True, slots=True)
class Turn:
    """One routed message: the action, the facts it saved (say so, offer Undo) and its intent."""

    action: Action
    intent: str
    saved: SavedChange | None = None

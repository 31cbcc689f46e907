"""Typed results of the intent classifier: the label, its confidence and the extracted slots."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from careermate_bot.knowledge import KnowledgeBase

Intent = Literal[
    "small_talk",
    "career_advice",
    "job_search",
    "resume_review",
    "interview_practice",
    "profile_update",
    "privacy",
    "help",
    "other",
]
INTENTS: tuple[Intent, ...] = get_args(Intent)
RoleKind = Literal["current", "target", "topic"]
Source = Literal["rules", "context", "llm"]


class IntentSlots(BaseModel):
    """What the message says, in canonical form (skills as the taxonomy spells them, the role as
    the catalogue titles it, the location as the user wrote it plus the BLS area it resolved to).
    """

    model_config = ConfigDict(frozen=True)

    skills: tuple[str, ...] = ()
    location: str | None = None  # what the user typed ("Austin TX")
    location_area: str | None = None  # the BLS area it resolved to
    role: str | None = None  # catalogue title ("Data Scientists" -> "Data Scientist")
    role_id: str | None = None
    role_kind: RoleKind | None = None  # "I'm a nurse" / "I want to be a nurse" / "nurses' pay"
    experience_years: float | None = None
    min_salary: int | None = None
    remote: bool | None = None
    pay_question: bool = False  # "how much do X make": answer with the BLS figure

    @property
    def has_profile_facts(self) -> bool:
        return bool(
            self.skills
            or self.location
            or self.role
            or self.experience_years is not None
            or self.min_salary is not None
            or self.remote is not None
        )

    def merged(self, earlier: IntentSlots) -> IntentSlots:
        """These slots, with gaps filled from an earlier turn (a follow-up)."""
        update = {
            name: getattr(earlier, name)
            for name in ("location", "location_area", "role", "role_id", "role_kind")
            if getattr(self, name) is None and getattr(earlier, name) is not None
        }
        if not self.skills and earlier.skills:
            update["skills"] = earlier.skills
        if earlier.pay_question and not self.pay_question:
            update["pay_question"] = True
        return self.model_copy(update=update) if update else self


class IntentResult(BaseModel):
    """`classify` result. `secondary` is "profile_update" when a question also carries facts
    about the person ("I know Python and SQL - what jobs fit me?"): do both."""

    model_config = ConfigDict(frozen=True)

    intent: Intent
    confidence: float = Field(ge=0.0, le=1.0)
    slots: IntentSlots = IntentSlots()
    # Only what the person stated about themselves (fact clauses): what may be saved.
    facts: IntentSlots = IntentSlots()
    secondary: Literal["profile_update"] | None = None
    source: Source = "rules"
    scores: dict[str, float] = Field(default_factory=dict, repr=False)

    @property
    def updates_profile(self) -> bool:
        return self.intent == "profile_update" or self.secondary == "profile_update"


@dataclass(slots=True)
class ConversationContext:
    """What the conversation so far tells the classifier (all optional).

    `last_intent`/`last_slots`: the previous routed turn, so "what about in Denver?" after a pay
    answer is the same question for another place. `awaiting`: the slot the bot just asked for
    ("role", "location"), so a bare answer ("nurse") fills it. `knowledge`: the knowledge base to
    extract slots with (default: the one in the default data directory).
    """

    last_intent: Intent | None = None
    last_slots: IntentSlots | None = None
    awaiting: str | None = None
    knowledge: KnowledgeBase | None = field(default=None, repr=False)

"""Typed results of the intent classifier: the label, its confidence and the extracted slots."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.knowledge.types import Family

Intent = Literal[
    "small_talk",  # greetings, thanks, feelings, jokes: CareerMate's own line (or the model)
    "career_advice",  # career paths for my skills / the skill gap for a role
    "pay",  # what a role pays (BLS figures), optionally where
    "job_search",  # jobs for me / for a role
    "resume_review",  # review my résumé (a file, or pasted text)
    "interview_practice",  # start a mock interview
    "interview_answer",  # an answer to the interview question waiting (context only)
    "advice",  # open how-to / should-I questions: negotiation, layoffs, cover letters, ...
    "compare",  # X or Y, X vs Y: roles, skills, certifications
    "how_to_become",  # how do I become / get into X
    "role_info",  # what does X do
    "profile_update",  # facts about me to remember
    "forget",  # remove a fact: "forget that I live in Boston", "remove SQL"
    "privacy",  # what do you remember about me / delete my data
    "help",  # what can you do
    "other",  # anything else (off topic)
]
INTENTS: tuple[Intent, ...] = get_args(Intent)
RoleKind = Literal["current", "target", "topic"]
Source = Literal["rules", "context", "llm"]
# Where people want to work; "don't want remote" is `remote=False` with no arrangement.
Arrangement = Literal["remote", "hybrid", "onsite"]
Schedule = Literal[
    "part_time", "full_time", "weekends", "evenings", "nights", "flexible", "contract"
]
# A life situation that deserves an empathetic line before the help.
Situation = Literal[
    "laid_off", "fired", "rejected", "no_replies", "burned_out", "stressed", "stuck"
]


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
    remote: bool | None = None  # True: wants remote; False: doesn't (on-site, hybrid, "no remote")
    arrangement: Arrangement | None = None  # "prefer hybrid" -> "hybrid"
    schedule: tuple[Schedule, ...] = ()  # "part-time", "weekends only"
    not_schedule: tuple[Schedule, ...] = ()  # refused: "no night shifts", "no weekends"
    relocate: bool | None = None  # "willing to relocate" True; "not looking to relocate" False
    # Kinds of work the person refuses, as written: "not interested in sales roles" -> "sales
    # roles", "I don't want anything customer facing" -> "customer facing".
    avoid: tuple[str, ...] = ()
    education: str | None = None  # as stated, tidied: "nursing degree", "MBA", "coding bootcamp"
    leaving: str | None = None  # the role or field the person is leaving ("teaching")
    # The field the person wants to work or stay in ("stay in healthcare" -> "healthcare").
    wanted_field: Family | None = None
    # What they enjoy, said back ("working with your hands"), and the field whose roles use it
    # most ("trades"): answered with that field's roles, never saved as a wish.
    interest: str | None = None
    interest_field: Family | None = None
    # Skills named as a topic (inside a question or a comparison): never saved as owned.
    topic_skills: tuple[str, ...] = ()
    compare: tuple[str, ...] = ()  # the two things compared, as written ("PMP", "CAPM")
    situation: Situation | None = None
    forget: tuple[str, ...] = ()  # what to remove from the profile, as written ("Boston", "SQL")
    offer: int | None = None  # a job offer's yearly amount ("they offered 65k")
    pay_question: bool = False  # "how much do X make": answer with the BLS figure
    pay_ranking: bool = False  # "highest paying jobs", "careers that pay well": a ranking
    without_degree: bool = False  # "without a degree", "no college"
    # "what skills are in demand?": skills ranked by the jobs behind them
    skills_demand: bool = False
    field_named: Family | None = None  # any field the message names ("tech jobs")

    @property
    def has_profile_facts(self) -> bool:
        return bool(
            self.skills
            or self.location
            or self.role
            or self.experience_years is not None
            or self.min_salary is not None
            or self.remote is not None
            or self.arrangement is not None
            or self.schedule
            or self.not_schedule
            or self.relocate is not None
            or self.avoid
            or self.education
            or self.leaving
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
        if self.education is None and earlier.education is not None:
            update["education"] = earlier.education  # "what jobs can I get with that?"
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
    extract slots with (default: the one in the default data directory). `interview_question`:
    the question a DM mock interview is waiting on.
    """

    last_intent: Intent | None = None
    last_slots: IntentSlots | None = None
    awaiting: str | None = None
    knowledge: KnowledgeBase | None = field(default=None, repr=False)
    # The mock-interview question waiting for this person's answer (a DM interview), if any:
    # an answer-like message is `interview_answer`; anything else keeps its own intent.
    interview_question: str | None = None

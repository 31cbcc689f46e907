"""The conversation router: one free-text message -> what to do with it (Discord-free).

    router = ConversationRouter(knowledge, llm)
    routed = await router.route(user_id, "Sam", "I know Python and SQL — what jobs fit me?", "dm")
    routed.kind    # "jobs": the front end renders the /jobs search result
    routed.saved   # SavedChange(summary="Saved: skills Python, SQL", token=...): say it, offer Undo

Every front end (the Discord chat cog, `careermate chat`) calls `route` and performs the
`Routed.kind`: "career_paths" / "career_gap" / "jobs" / "resume" / "interview" render the
feature's own result; "pay", "help", "privacy", "saved" and "ask" are complete text answers
(`Routed.text`); "chat" goes to the model (`ChatService`, with `Routed.intent` to store).
Facts the person states are saved first (`memory.py`); the intent is stored on the message row.
Follow-ups keep a short per-user context in memory ("what about in Denver?" after a pay answer).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from careermate_bot.knowledge import SALARY_SOURCE_LONG, UnknownOccupationError
from careermate_bot.llm.capability import Capabilities
from careermate_bot.services.conversation.intents import (
    ConversationContext,
    IntentResult,
    IntentSlots,
    classify,
    refine_with_llm,
)
from careermate_bot.services.conversation.memory import SavedChange, save_facts
from careermate_bot.services.profile import store as profiles
from models import MessageRole, MessageSource

log = logging.getLogger(__name__)

ActionKind = Literal[
    "career_paths",
    "career_gap",
    "pay",
    "jobs",
    "resume",
    "interview",
    "saved",
    "privacy",
    "help",
    "ask",
    "chat",
]
CONTEXT_TTL = 30 * 60.0  # seconds a follow-up may refer back to the last answer
MAX_CONTEXTS = 10_000

STEER_BACK = (
    "I'm best with careers, though: ask me about jobs that fit you, pay for a role, your résumé "
    "or interview practice."
)
NO_MODEL_SMALL_TALK = (
    "Hi! 👋 My language model is offline right now, so I can't chat freely — but I can still "
    "help with your career: try *what jobs fit me?*, *how much do nurses make in Denver?* or "
    "`/help`."
)
NO_MODEL_OTHER = (
    "My language model is offline right now, and that's outside what I can answer without it. "
    + STEER_BACK
)
ASK_SKILLS = (
    "Which skills do you have? Tell me like this: *I know Python, SQL and Excel* — I'll remember "
    "them."
)
ASK_PAY_ROLE = "Which job do you want pay figures for? For example: *data analyst* or *nurse*."
ASK_JOB_KIND = (
    "What kind of work are you after? Name a role or your skills, e.g. *data analyst jobs in "
    "Austin* or *I know Python and SQL*."
)
HELP_TEXT = """Here's what I can do — just ask in your own words, or use a command:
• **Career paths** — *what careers fit my skills?* · `/career paths`
• **Skill gap for a role** — *what do I need to become a data engineer?* · `/career gap`
• **Pay** — *how much do nurses make in Denver?* (BLS figures, with the source)
• **Jobs** — *find remote Python jobs* · `/jobs search`, `/jobs saved`, `/jobs board`
• **Résumé review** — send your résumé as a file, or *review my résumé* · `/resume review`
• **Interview practice** — *let's do a mock interview for a data analyst role* · `/interview start`
• **Your profile** — tell me *I know Python and SQL* or *I live in Austin* · `/profile show`
• **Privacy** — *what do you remember about me?* · `/profile export`, `/profile delete`
Classic commands: `!help`, `!career_analyze Python, SQL`, `!job_match Remote, Tech, 90k+`,
`!resume_review` (with a file), `!mock_interview Data Scientist`."""


class PayAnswer(BaseModel):
    model_config = ConfigDict(frozen=True)

    role: str
    area: str
    text: str
    source: str


class Routed(BaseModel):
    """What to do with one message. `text` is a complete answer for the text kinds."""

    model_config = ConfigDict(frozen=True)

    kind: ActionKind
    result: IntentResult
    text: str = ""
    saved: SavedChange | None = None
    role: str | None = None  # career_gap / interview: the role
    pay: PayAnswer | None = None
    steer: bool = False  # "other": the model's answer is followed by STEER_BACK

    @property
    def intent(self) -> str:
        return self.result.intent

    @property
    def slots(self) -> IntentSlots:
        return self.result.slots


@dataclass(slots=True)
class _Context:
    context: ConversationContext
    touched: float = field(default_factory=time.monotonic)


class ConversationRouter:
    """One per process; `route` is safe to call concurrently for different users."""

    def __init__(self, knowledge: Any, llm: Any = None) -> None:
        self.knowledge = knowledge
        self.llm = llm
        self.capabilities: Capabilities | None = None  # measured tasks; None: by provider
        self._contexts: dict[int, _Context] = {}

    # -- context --------------------------------------------------------------------------------
    def context(self, user_id: int) -> ConversationContext:
        now = time.monotonic()
        found = self._contexts.get(user_id)
        if found is None or now - found.touched > CONTEXT_TTL:
            if len(self._contexts) >= MAX_CONTEXTS:
                oldest = min(self._contexts, key=lambda k: self._contexts[k].touched)
                self._contexts.pop(oldest, None)
            found = _Context(ConversationContext(knowledge=self.knowledge))
            self._contexts[user_id] = found
        found.touched = now
        return found.context

    def forget(self, user_id: int) -> None:
        self._contexts.pop(user_id, None)

    # -- routing --------------------------------------------------------------------------------
    async def classify(self, user_id: int, text: str) -> IntentResult:
        result = classify(text, self.context(user_id))
        return await refine_with_llm(
            result, text, self.llm, user_id=("intent", user_id), capabilities=self.capabilities
        )

    async def route(
        self,
        user_id: int,
        display_name: str | None,
        text: str,
        source: MessageSource | str,
        *,
        attachment: bool = False,
    ) -> Routed:
        text = text.strip()
        result = await self.classify(user_id, text) if text else classify("")
        if attachment:
            result = result.model_copy(update={"intent": "resume_review", "confidence": 1.0})
        profile = await profiles.get_or_create(user_id, display_name or None)
        saved = None
        if result.updates_profile:
            saved = await save_facts(user_id, result.facts, text, self.knowledge)
            profile = await profiles.get_or_create(user_id)
        routed = self._decide(result, profile, saved)
        self._remember(user_id, routed)
        if routed.kind != "chat":
            await self._store(user_id, text, routed, source)
        return routed

    def _decide(
        self, result: IntentResult, profile: profiles.ProfileSnapshot, saved: SavedChange | None
    ) -> Routed:
        slots = result.slots
        intent = result.intent

        def routed(kind: ActionKind, **extra: Any) -> Routed:
            return Routed(kind=kind, result=result, saved=saved, **extra)

        if intent == "career_advice":
            if slots.pay_question:
                return self._pay(result, profile, saved)
            if slots.role_id and slots.role_kind != "current":
                return routed("career_gap", role=slots.role)
            if not (slots.skills or profile.skills):
                return routed("ask", text=ASK_SKILLS)
            return routed("career_paths")
        if intent == "job_search":
            known = slots.role or slots.skills or profile.skills or profile.target_roles
            return routed("jobs") if known else routed("ask", text=ASK_JOB_KIND)
        if intent == "resume_review":
            return routed("resume")
        if intent == "interview_practice":
            role = slots.role or (profile.target_roles[0] if profile.target_roles else None)
            return routed("interview", role=role)
        if intent == "profile_update":
            text = saved.summary if saved is not None else "Got it."
            return routed("saved", text=text)
        if intent == "privacy":
            return routed("privacy", text=privacy_summary(profile))
        if intent == "help":
            return routed("help", text=HELP_TEXT)
        return routed("chat", steer=intent == "other")

    def _pay(
        self, result: IntentResult, profile: profiles.ProfileSnapshot, saved: SavedChange | None
    ) -> Routed:
        slots = result.slots
        if not slots.role:
            return Routed(kind="ask", result=result, saved=saved, text=ASK_PAY_ROLE)
        location = slots.location or (profile.locations[0] if profile.locations else None)
        try:
            info = self.knowledge.salary(slots.role_id or slots.role, location)
        except UnknownOccupationError as error:
            message = error.resolution.message or ASK_PAY_ROLE
            return Routed(kind="ask", result=result, saved=saved, text=message)
        title = info.occupation_title
        if not info.available:
            text = (
                f"BLS publishes no pay estimate for **{title}** in {info.area.name}. "
                f"Source: {info.source}."
            )
        else:
            yearly = info.annual is not None and info.annual.has_estimate
            text = (
                f"**{title}** in **{info.area.name}**: {info.range_text()}"
                f"{' a year' if yearly else ''} (25th–75th percentile, median in brackets)."
            )
            if info.fallback and info.requested_area is not None:
                text += f" No figure is published for {info.requested_area.name}."
            for note in info.notes:
                text += f" {note}"
            text += f"\nSource: {SALARY_SOURCE_LONG}."
        if not slots.location and not profile.locations:
            text += "\n*Tell me a city or state for local figures — e.g. “what about in Denver?”*"
        pay = PayAnswer(role=title, area=info.area.name, text=text, source=info.source)
        return Routed(kind="pay", result=result, saved=saved, text=text, pay=pay)

    def _remember(self, user_id: int, routed: Routed) -> None:
        ctx = self.context(user_id)
        if routed.kind == "ask":
            ctx.last_intent = routed.result.intent
            ctx.last_slots = routed.slots
            ctx.awaiting = {ASK_SKILLS: "skills", ASK_PAY_ROLE: "role", ASK_JOB_KIND: "role"}.get(
                routed.text, "role"
            )
            return
        ctx.awaiting = None
        if routed.kind in ("career_paths", "career_gap", "pay", "jobs", "interview"):
            ctx.last_intent = routed.result.intent
            ctx.last_slots = routed.slots
        elif routed.kind in ("privacy", "help"):
            ctx.last_intent, ctx.last_slots = None, None

    async def store_unanswered(
        self, user_id: int, text: str, routed: Routed, source: MessageSource | str
    ) -> None:
        """Store a "chat" message that no model answered (none is configured)."""
        if text:
            await profiles.append_message(
                user_id, MessageRole.USER, text, intent=routed.intent, source=source
            )

    async def _store(
        self, user_id: int, text: str, routed: Routed, source: MessageSource | str
    ) -> None:
        if text:
            await profiles.append_message(
                user_id, MessageRole.USER, text, intent=routed.intent, source=source
            )
        answer = routed.text if routed.kind in ("pay", "saved", "ask") else ""
        if answer:  # kept for the record (export), as a system row: not shown to the model
            await profiles.append_message(user_id, MessageRole.SYSTEM, answer, source=source)


def privacy_summary(profile: profiles.ProfileSnapshot) -> str:
    """What CareerMate remembers about this person, in plain words."""
    lines = ["Here's what I remember about you:"]
    facts = [
        ("Skills", ", ".join(profile.skills)),
        ("Locations", ", ".join(profile.locations)),
        ("Target roles", ", ".join(profile.target_roles)),
        (
            "Experience",
            f"{profile.experience_years:g} years" if profile.experience_years is not None else "",
        ),
        ("Minimum salary", f"${profile.min_salary:,}" if profile.min_salary is not None else ""),
        ("Open to remote", _yes_no(profile.remote_ok)),
        ("Current role", str(profile.preferences.get("current_role", ""))),
    ]
    shown = [f"• **{name}:** {value}" for name, value in facts if value]
    notes = profile.preferences.get("notes") or []
    if notes:
        shown.append("• **Notes:** " + "; ".join(str(n) for n in notes))
    lines.extend(shown or ["• no profile facts yet"])
    lines.append(
        "• our conversation history (so I can follow what we talked about)\n"
        "It stays in this bot's own database. You can download all of it, or delete all of it "
        "(I'll ask you to confirm)."
    )
    return "\n".join(lines)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")

"""The conversation router: one free-text message -> one typed action (Discord-free).

    router = ConversationRouter(knowledge, profiles, llm)
    turn = await router.route(origin, "I know Python and SQL — what jobs fit me?")
    turn.action    # SearchJobs(query=JobQuery(...)): the front end shows the /jobs result
    turn.saved     # SavedChange(summary="Saved: skills Python, SQL", token=...): say it, Undo

Facts the person states are saved first (`memory.py`); the intent is stored on the message row.
Follow-ups keep a short per-user context in memory ("what about in Denver?" after a pay answer).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from careermate_bot.knowledge import SALARY_SOURCE_LONG, KnowledgeBase, UnknownOccupationError
from careermate_bot.llm import LLMClient
from careermate_bot.llm.capability import Capabilities
from careermate_bot.services.career import CareerRequest
from careermate_bot.services.conversation.actions import (
    Action,
    ModelChat,
    Origin,
    Reply,
    ReviewResume,
    SearchJobs,
    ShowCareerPaths,
    ShowPay,
    ShowPrivacy,
    ShowSaved,
    ShowSkillGap,
    StartInterview,
    Turn,
)
from careermate_bot.services.conversation.intents import (
    ConversationContext,
    IntentResult,
    IntentSlots,
    classify,
    refine_with_llm,
)
from careermate_bot.services.conversation.memory import SavedChange, save_facts
from careermate_bot.services.jobs import JobQuery
from careermate_bot.services.profile import ProfileService, ProfileSnapshot
from models import MessageRole, MessageSource

Source = MessageSource | str

log = logging.getLogger(__name__)

CONTEXT_TTL = 30 * 60.0  # seconds a follow-up may refer back to the last answer
MAX_CONTEXTS = 10_000

STEER_BACK = (
    "I'm best with careers, though: ask me about jobs that fit you, pay for a role, your résumé "
    "or interview practice."
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


@dataclass(slots=True)
class _Context:
    context: ConversationContext
    touched: float = field(default_factory=time.monotonic)


class ConversationRouter:
    """One per process; `route` is safe to call concurrently for different users."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        profiles: ProfileService,
        llm: LLMClient | None = None,
        capabilities: Capabilities | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.profiles = profiles
        self.llm = llm
        self.capabilities = capabilities  # measured tasks; None: by provider
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

    async def route(self, origin: Origin, text: str, *, attachment: bool = False) -> Turn:
        text = text.strip()
        user_id = origin.user_id
        if text:
            result = await self.classify(user_id, text)
        else:
            result = classify("", ConversationContext(knowledge=self.knowledge))
        if attachment:
            result = result.model_copy(update={"intent": "resume_review", "confidence": 1.0})
        profile = await self.profiles.get_or_create(user_id, origin.display_name or None)
        saved = None
        if result.updates_profile:
            saved = await save_facts(user_id, result.facts, text, self.knowledge)
            profile = await self.profiles.get_or_create(user_id)
        action = self._decide(result, profile, saved, origin)
        turn = Turn(action=action, intent=result.intent, saved=saved)
        self._remember(user_id, result, action)
        if not isinstance(action, ModelChat):
            await self._store(user_id, text, turn, origin.source)
        return turn

    def _decide(
        self,
        result: IntentResult,
        profile: ProfileSnapshot,
        saved: SavedChange | None,
        origin: Origin,
    ) -> Action:
        slots = result.slots
        intent = result.intent
        if intent == "career_advice":
            if slots.pay_question:
                return self._pay(slots, profile)
            if slots.role_id and slots.role_kind != "current":
                return ShowSkillGap(role=slots.role_id)
            if not (slots.skills or profile.skills):
                return Reply(ASK_SKILLS)
            return ShowCareerPaths(
                CareerRequest(
                    user_id=origin.user_id,
                    display_name=origin.display_name,
                    skills=", ".join(slots.skills) or None,
                    location=slots.location,
                    experience_years=slots.experience_years,
                    target_role=slots.role if slots.role_kind == "target" else None,
                )
            )
        if intent == "job_search":
            known = slots.role or slots.skills or profile.skills or profile.target_roles
            if not known:
                return Reply(ASK_JOB_KIND)
            return SearchJobs(
                JobQuery(
                    user_id=origin.user_id,
                    display_name=origin.display_name,
                    guild_id=origin.guild_id,
                    role=slots.role or (" ".join(slots.skills) or None),
                    location=slots.location,
                    min_salary=slots.min_salary,
                    remote=slots.remote,
                )
            )
        if intent == "resume_review":
            return ReviewResume()
        if intent == "interview_practice":
            role = slots.role or (profile.target_roles[0] if profile.target_roles else None)
            return StartInterview(role)
        if intent == "profile_update":
            return ShowSaved(saved.summary if saved is not None else "Got it.")
        if intent == "privacy":
            return ShowPrivacy(privacy_summary(profile))
        if intent == "help":
            return Reply(HELP_TEXT)
        return ModelChat(steer=intent == "other")

    def _pay(self, slots: IntentSlots, profile: ProfileSnapshot) -> Action:
        if not slots.role:
            return Reply(ASK_PAY_ROLE)
        location = slots.location or (profile.locations[0] if profile.locations else None)
        try:
            info = self.knowledge.salary(slots.role_id or slots.role, location)
        except UnknownOccupationError as error:
            return Reply(error.resolution.message or ASK_PAY_ROLE)
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
        return ShowPay(role=title, area=info.area.name, text=text, source=info.source)

    def _remember(self, user_id: int, result: IntentResult, action: Action) -> None:
        ctx = self.context(user_id)
        if isinstance(action, Reply) and action.text != HELP_TEXT:
            ctx.last_intent = result.intent
            ctx.last_slots = result.slots
            ctx.awaiting = {ASK_SKILLS: "skills", ASK_PAY_ROLE: "role", ASK_JOB_KIND: "role"}.get(
                action.text, "role"
            )
            return
        ctx.awaiting = None
        if isinstance(
            action, ShowCareerPaths | ShowSkillGap | ShowPay | SearchJobs | StartInterview
        ):
            ctx.last_intent = result.intent
            ctx.last_slots = result.slots
        elif isinstance(action, ShowPrivacy) or action == Reply(HELP_TEXT):
            ctx.last_intent, ctx.last_slots = None, None

    async def _store(self, user_id: int, text: str, turn: Turn, source: Source) -> None:
        if text:
            await self.profiles.append_message(
                user_id, MessageRole.USER, text, intent=turn.intent, source=source
            )
        action = turn.action
        answer = action.text if isinstance(action, ShowPay | ShowSaved | Reply) else ""
        if answer and answer != HELP_TEXT:  # kept for the record (export), as a system row
            await self.profiles.append_message(user_id, MessageRole.SYSTEM, answer, source=source)


def privacy_summary(profile: ProfileSnapshot) -> str:
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

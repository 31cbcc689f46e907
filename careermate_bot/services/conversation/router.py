"""The conversation router: one free-text message -> one typed action (Discord-free).

    router = ConversationRouter(knowledge, profiles, llm)
    turn = await router.route(origin, "I know Python and SQL — what jobs fit me?")
    turn.action    # SearchJobs(query=JobQuery(...)): the front end shows the /jobs result
    turn.saved     # SavedChange(summary="Saved: skills Python, SQL", token=...): say it, Undo

Facts the person states are saved first (`memory.py`), and taken back exactly ("forget that I
live in Boston"); the intent is stored on the message row. Follow-ups refer to the last answered
turn's topic, kept per person in the database (`context.py`): "what about in Denver?" after a
pay answer works after a restart. Open questions (how to become X, what X does, X vs Y, advice)
go to the guide, after an empathetic line when the person is going through something.
"""

from __future__ import annotations

import logging
import re

from careermate_bot.knowledge import KnowledgeBase, UnknownOccupationError
from careermate_bot.llm import LLMClient
from careermate_bot.llm.capability import Capabilities
from careermate_bot.services.career import CareerRequest, pay_figure
from careermate_bot.services.conversation.actions import (
    Action,
    ModelChat,
    Origin,
    Reply,
    ReviewResume,
    SearchJobs,
    ShowCareerPaths,
    ShowGuide,
    ShowPay,
    ShowPrivacy,
    ShowSaved,
    ShowSkillGap,
    StartInterview,
    Turn,
)
from careermate_bot.services.conversation.context import ContextStore
from careermate_bot.services.conversation.empathy import empathy_line
from careermate_bot.services.conversation.intents import (
    ConversationContext,
    IntentResult,
    IntentSlots,
    classify,
    looks_like_resume,
    refine_with_llm,
)
from careermate_bot.services.conversation.memory import SavedChange, forget, save_facts
from careermate_bot.services.guide import GuideService
from careermate_bot.services.jobs import JobQuery
from careermate_bot.services.profile import ProfileService, ProfileSnapshot
from models import MessageRole, MessageSource

Source = MessageSource | str

log = logging.getLogger(__name__)

NOTHING_TO_FORGET = (
    "I didn't find that among what I remember about you. Ask “what do you remember about me?” "
    "to see it all."
)

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


class ConversationRouter:
    """One per process; `route` is safe to call concurrently (its state is in the database)."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        profiles: ProfileService,
        llm: LLMClient | None = None,
        capabilities: Capabilities | None = None,
        guide: GuideService | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.profiles = profiles
        self.llm = llm
        self.capabilities = capabilities  # measured tasks; None: by provider
        self.guide = guide
        self.contexts = ContextStore(knowledge)

    async def forget(self, user_id: int) -> None:
        """Drop the follow-up context (the person deleted their data)."""
        await self.contexts.forget(user_id)

    # -- routing --------------------------------------------------------------------------------
    async def classify(
        self, user_id: int, text: str, context: ConversationContext | None = None
    ) -> IntentResult:
        context = context or await self.contexts.load(user_id)
        result = classify(text, context)
        return await refine_with_llm(
            result, text, self.llm, user_id=("intent", user_id), capabilities=self.capabilities
        )

    async def route(self, origin: Origin, text: str, *, attachment: bool = False) -> Turn:
        text = text.strip()
        user_id = origin.user_id
        profile = await self.profiles.get_or_create(user_id, origin.display_name or None)
        context = await self.contexts.load(user_id)
        if text:
            result = await self.classify(user_id, text, context)
        else:
            result = classify("", ConversationContext(knowledge=self.knowledge))
        if attachment:
            result = result.model_copy(update={"intent": "resume_review", "confidence": 1.0})
        saved = None
        if result.intent == "forget":
            saved = await forget(user_id, result.slots.forget, self.knowledge)
            profile = await self.profiles.get_or_create(user_id)
        elif result.updates_profile:
            note = result.intent == "profile_update"  # a whole statement, not an ask
            saved = await save_facts(user_id, result.facts, text, self.knowledge, note=note)
            profile = await self.profiles.get_or_create(user_id)
        variant = await self.profiles.count_messages(user_id)
        action = await self._decide(result, profile, saved, origin, text, variant)
        turn = Turn(action=action, intent=result.intent, saved=saved)
        await self.contexts.save(user_id, _next_context(context, result, action))
        if not isinstance(action, ModelChat):
            await self._store(user_id, text, turn, origin.source)
        return turn

    async def _decide(
        self,
        result: IntentResult,
        profile: ProfileSnapshot,
        saved: SavedChange | None,
        origin: Origin,
        text: str,
        variant: int,
    ) -> Action:
        slots = result.slots
        intent = result.intent
        lead = empathy_line(slots.situation, variant)
        named = slots.wanted_field or slots.field_named  # "... in healthcare"
        if slots.skills_demand and intent in DEMAND_INTENTS and self.guide is not None:
            # "what skills are in demand (in healthcare)?": from the employment behind each skill
            facts = await self.guide.profile_for(origin.user_id)
            return ShowGuide(answer=self.guide.skills_in_demand(facts, named), lead=lead)
        if self._ranking_asked(intent, slots) and self.guide is not None:
            # "highest paying jobs without a degree", "best paying jobs in healthcare"
            answer = self.guide.top_paying(
                await self.guide.profile_for(origin.user_id),
                text,
                family=named,
                without_degree=slots.without_degree,
            )
            return ShowGuide(answer=answer, lead=lead)
        if intent == "pay" or (intent == "career_advice" and slots.pay_question):
            return self._pay(slots, profile)
        field = slots.wanted_field or slots.interest_field
        if field is not None and self._field_asked(intent, slots) and self.guide is not None:
            # "I want to stay in healthcare", "I like working with my hands": the field's
            # roles, by fit when skills are known
            profile_facts = await self.guide.profile_for(origin.user_id)
            enjoys = slots.interest if slots.wanted_field is None else None
            answer = self.guide.field_overview(field, profile_facts, text, enjoys=enjoys)
            return ShowGuide(answer=answer, lead=lead)
        if intent == "career_advice":
            if slots.role_id and slots.role_kind not in ("current", None):
                return ShowSkillGap(role=slots.role_id)
            if not (slots.skills or profile.skills or profile.current_role):
                if not slots.topic_skills:
                    # "I'm 22 and have no idea what to do with my life": the playbook's
                    # direction steps when the guide is sure, else ask for skills
                    return await self._guide_or(Reply(ASK_SKILLS), text, origin, lead)
                # "paths for Python and SQL": those skills, for this answer only (not saved)
                slots = slots.model_copy(update={"skills": slots.topic_skills})
            return ShowCareerPaths(self._career_request(slots, origin))
        if intent == "job_search":
            search = self._jobs(slots, profile, origin)
            if search == Reply(ASK_JOB_KIND) and result.scores.get("advice", 0.0) >= ADVICE_SAID:
                # Nothing to search on yet, but the message says more than "jobs": a confident
                # playbook answer ("I'm a veteran, what jobs fit me?") beats a question back.
                return await self._guide_or(search, text, origin, lead)
            return search
        if intent in GUIDE_INTENTS and self.guide is not None:
            answer = self.guide.answer(text, await self.guide.profile_for(origin.user_id))
            return ShowGuide(answer=answer, lead=lead)
        if intent == "resume_review":
            return ReviewResume(pasted=looks_like_resume(text))
        if intent == "interview_practice":
            role = slots.role or (profile.target_roles[0] if profile.target_roles else None)
            return StartInterview(role)
        if intent == "forget":
            return ShowSaved(saved.summary if saved is not None else NOTHING_TO_FORGET)
        if intent == "profile_update":
            return ShowSaved(saved.summary if saved is not None else "Got it.")
        if intent == "privacy":
            return ShowPrivacy(privacy_summary(profile))
        if intent == "help":
            return Reply(HELP_TEXT)
        return ModelChat(steer=intent == "other", lead=lead)

    async def _guide_or(self, ask: Action, text: str, origin: Origin, lead: str) -> Action:
        """The guide's playbook answer when it is sure of its topic, else `ask` (the one detail
        the request needs)."""
        if self.guide is None:
            return ask
        answer = self.guide.answer(text, await self.guide.profile_for(origin.user_id))
        if answer.kind == "topic" and answer.confidence >= GUIDE_INSTEAD_OF_ASKING:
            return ShowGuide(answer=answer, lead=lead)
        return ask

    @staticmethod
    def _ranking_asked(intent: str, slots: IntentSlots) -> bool:
        """A ranking of roles by pay, not one role's figure ("highest paid nurses" is that)."""
        if not slots.pay_ranking or slots.role_id is not None:
            return False
        return intent in ("pay", "career_advice", "job_search")

    @staticmethod
    def _field_asked(intent: str, slots: IntentSlots) -> bool:
        """A field named as where the person wants to be (or what they enjoy), with no target
        role more precise than it (that gets its skill gap; "paths for me" with no field gets
        /career paths)."""
        if (slots.wanted_field is None and slots.interest_field is None) or slots.pay_question:
            return False
        if slots.role_id is not None and slots.role_kind == "target":
            return False
        return intent in ("career_advice", "profile_update")

    def _career_request(self, slots: IntentSlots, origin: Origin) -> CareerRequest:
        return CareerRequest(
            user_id=origin.user_id,
            display_name=origin.display_name,
            skills=", ".join(slots.skills) or None,
            location=slots.location,
            experience_years=slots.experience_years,
            target_role=slots.role if slots.role_kind == "target" else None,
            leaving=slots.leaving,
        )

    def _jobs(self, slots: IntentSlots, profile: ProfileSnapshot, origin: Origin) -> Action:
        """A job search for what the message names; else the profile's skills or target roles;
        else the role the person holds or the field they studied."""
        role = slots.role or (" ".join(slots.skills) or None)
        known = role or profile.skills or profile.target_roles
        if not known:
            role = profile.current_role or self._education_role(profile.education)
            if role is None:
                return Reply(ASK_JOB_KIND)
        arrangement = slots.arrangement or profile.arrangement
        remote = slots.remote if slots.remote is not None else (arrangement == "remote" or None)
        return SearchJobs(
            JobQuery(
                user_id=origin.user_id,
                display_name=origin.display_name,
                guild_id=origin.guild_id,
                role=role,
                location=slots.location,
                min_salary=slots.min_salary,
                remote=remote,
            )
        )

    def _education_role(self, education: str | None) -> str | None:
        """The occupation a stated education points to ("nursing degree" -> Registered Nurse)."""
        if not education:
            return None
        catalogue = self.knowledge.catalogue
        for match in catalogue.find_roles(education):
            if len(match.ids) == 1:
                return catalogue.by_id[match.ids[0]].title
        field = DEGREE_WORDS.sub(" ", education).strip()
        resolution = self.knowledge.resolve_occupation(field) if field else None
        if resolution is not None and resolution.status == "resolved" and resolution.occupation:
            return resolution.occupation.title
        return None

    def _pay(self, slots: IntentSlots, profile: ProfileSnapshot) -> Action:
        if not slots.role:
            return Reply(ASK_PAY_ROLE)
        location = slots.location or (profile.locations[0] if profile.locations else None)
        try:
            figure = pay_figure(
                self.knowledge,
                slots.role_id or slots.role,
                location,
                hint_place=not slots.location and not profile.locations,
            )
        except UnknownOccupationError as error:
            return Reply(error.resolution.message or ASK_PAY_ROLE)
        return ShowPay(role=figure.role, area=figure.area, text=figure.text, source=figure.source)

    async def _store(self, user_id: int, text: str, turn: Turn, source: Source) -> None:
        if turn.action == ReviewResume(pasted=True):
            text = PASTED_RESUME  # a résumé is kept only when the person asks for a review
        if text:
            await self.profiles.append_message(
                user_id, MessageRole.USER, text, intent=turn.intent, source=source
            )
        action = turn.action
        answer = action.text if isinstance(action, ShowPay | ShowSaved | Reply) else ""
        if isinstance(action, ShowGuide):
            answer = action.answer.title
        if answer and answer != HELP_TEXT:  # kept for the record (export), as a system row
            await self.profiles.append_message(user_id, MessageRole.SYSTEM, answer, source=source)


DEGREE_WORDS = re.compile(
    r"\b(?:an?|my|the|bachelor'?s?|master'?s?|associate'?s?|degree|diploma|certificate|"
    r"bsc?|ba|msc?|ma|phd|in|of|program|course|bootcamp)\b",
    re.IGNORECASE,
)
PASTED_RESUME = "[a pasted résumé: not stored]"
DEMAND_INTENTS = frozenset({"career_advice", "advice", "job_search", "pay", "compare"})
GUIDE_INSTEAD_OF_ASKING = 0.6  # a topic this sure answers a request with nothing to go on
ADVICE_SAID = 2.0  # ... when the message itself also reads as a request for advice
GUIDE_INTENTS = frozenset({"advice", "compare", "how_to_become", "role_info"})
FOLLOWED_UP = (ShowCareerPaths, ShowSkillGap, ShowPay, SearchJobs, StartInterview, ShowGuide)
AWAITING = {ASK_SKILLS: "skills", ASK_PAY_ROLE: "role", ASK_JOB_KIND: "role"}


def _next_context(
    context: ConversationContext, result: IntentResult, action: Action
) -> ConversationContext:
    """What the next message may refer back to: the topic of an answered turn, or the detail
    just asked for; help and privacy answers clear it."""
    if isinstance(action, Reply) and action.text in AWAITING:
        context.last_intent, context.last_slots = result.intent, result.slots
        context.awaiting = AWAITING[action.text]
        return context
    context.awaiting = None
    if isinstance(action, FOLLOWED_UP):
        context.last_intent, context.last_slots = result.intent, result.slots
    elif isinstance(action, ShowPrivacy) or action == Reply(HELP_TEXT):
        context.last_intent, context.last_slots = None, None
    return context


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
        *profile.stated_facts(),
    ]
    shown = [f"• **{name}:** {value}" for name, value in facts if value]
    notes = profile.preferences.get("notes") or []
    if notes:
        shown.append("• **Notes:** " + "; ".join(str(n) for n in notes))
    lines.extend(shown or ["• no profile facts yet"])
    lines.append(
        "• our conversation history and what we last talked about (so I can follow up)\n"
        "It stays in this bot's own database. You can download all of it, or delete all of it "
        "(I'll ask you to confirm)."
    )
    return "\n".join(lines)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")

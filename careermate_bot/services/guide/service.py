"""`GuideService`: the one façade for grounded career guidance (Discord-free, DB-free).

    guide = GuideService(knowledge, Guide.load())
    answer = guide.answer("How do I become a registered nurse?", profile)   # routes, then composes
    answer.to_text()                                                       # terminal
    # or call a kind directly:
    guide.how_to_become("registered nurse", profile)
    guide.role_info("actuary", profile)
    guide.compare_roles("data analyst", "data scientist", profile)
    guide.compare_skills("Python", "R", profile)
    guide.compare_certifications("pmp", "capm", profile)
    guide.certification("cissp", profile)
    guide.advice("They offered 70k for a data analyst job in Chicago", profile)
    guide.cover_letter(profile, role="data analyst", company="Acme")
    # words: a capable model's conversational opening (the steps stay the entry's own)
    answer = await guide.worded(answer, user_id=42)

Composing is synchronous and fast (no I/O besides the read-only wage database). Unknown role,
skill or certification names raise `InvalidInput` with a did-you-mean message. `worded` is the
one call that may ask the model: only with an `llm` whose `capabilities` allow `guide_wording`
(measured by `careermate doctor --eval`; the embedded SmolLM2 does not), never for a clarify
question, and on any failure the answer comes back unchanged (see `wording.py`).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.knowledge.guide.loading import Guide
from careermate_bot.knowledge.guide.router import MIN_CANDIDATE_SCORE, GuideRoute, GuideRouter
from careermate_bot.knowledge.types import Family
from careermate_bot.llm import LLMClient, LLMError
from careermate_bot.llm.capability import Capabilities
from careermate_bot.services.guide import advice, certs, demand, fields, roles, skills, wording
from careermate_bot.services.guide.common import GuideContext, PlaceFinder
from careermate_bot.services.guide.cover_letter import cover_letter
from careermate_bot.services.guide.types import (
    EMPTY_PROFILE,
    AnswerOption,
    GuideAnswer,
    GuideProfile,
    ResumeFacts,
    fit,
)
from careermate_bot.services.profile import ProfileService, ProfileSnapshot
from careermate_bot.services.resume.store import StoredReview

COVER_LETTER_TOPIC = "cover-letter"
GETTING_STARTED = "getting-started"
BROAD_LEAD = (
    "Here's where I'd start. For something more specific, ask about a role (\"how do I become "
    'a nurse?"), a comparison ("PMP or CAPM?") or a situation ("I got laid off").'
)
_DRAFT_REQUEST = re.compile(
    r"\b(?:write|draft|make|create|generate|do|help me write|start)\b(?: \w+){0,3} cover letter",
    re.IGNORECASE,
)
_HOW_TO = re.compile(r"\bhow\b|\btips?\b|\bshould\b", re.IGNORECASE)  # advice, not a draft
log = logging.getLogger(__name__)


ReviewLookup = Callable[[int], Awaitable[StoredReview | None]]


class GuideService:
    def __init__(
        self,
        knowledge: KnowledgeBase,
        guide: Guide,
        profiles: ProfileService | None = None,
        last_review: ReviewLookup | None = None,
        find_place: PlaceFinder | None = None,
        *,
        llm: LLMClient | None = None,
        capabilities: Capabilities | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.guide = guide
        self.router = GuideRouter(guide, knowledge)
        self._ctx = GuideContext(knowledge, guide, self.router, find_place)
        self.profiles = profiles
        self.last_review = last_review
        self.llm = llm
        # None: every task (tests, benches), as elsewhere; the container passes the measured ones.
        self.capabilities = capabilities

    # -- the person asking ------------------------------------------------------------------------
    async def profile_for(self, user_id: int) -> GuideProfile:
        """The person's own facts for personalised answers: the profile and the latest résumé
        review summary (never the résumé itself)."""
        if self.profiles is None:
            return EMPTY_PROFILE
        profile = await self.profiles.get(user_id)
        review = await self.last_review(user_id) if self.last_review is not None else None
        return guide_profile(profile, review)

    # -- routing ----------------------------------------------------------------------------------
    def route(self, question: str) -> GuideRoute:
        """What the question asks for (kind, ids, confidence); "clarify" carries two options."""
        return self.router.route(question)

    def answer(self, question: str, profile: GuideProfile = EMPTY_PROFILE) -> GuideAnswer:
        """Route the question and compose the answer it asks for. "Write me a cover letter
        for a data analyst job" is a request for the outline itself, not the topic's advice."""
        route = self.route(question)
        if (
            route.kind == "topic"
            and route.ids[:1] == (COVER_LETTER_TOPIC,)
            and _DRAFT_REQUEST.search(question)
            and not _HOW_TO.search(question)
        ):
            return self.cover_letter(profile, role=self._role_named(question))
        return self.answer_route(route, profile)

    def _role_named(self, text: str) -> str | None:
        """The one occupation the text names, if it names exactly one."""
        for match in self.knowledge.catalogue.find_roles(text):
            if len(match.ids) == 1:
                return match.ids[0]
        return None

    def answer_route(self, route: GuideRoute, profile: GuideProfile = EMPTY_PROFILE) -> GuideAnswer:
        """Compose the answer for a route (e.g. one the user picked from a clarify question)."""
        ctx, ids = self._ctx, route.ids
        question = route.question
        if route.kind == "become":
            return roles.become(ctx, ctx.occupation(ids[0]), profile, question)
        if route.kind == "role_info":
            return roles.role_info(ctx, ctx.occupation(ids[0]), profile, question)
        if route.kind == "compare_roles":
            first, second = ctx.occupation(ids[0]), ctx.occupation(ids[1])
            return roles.compare_roles(ctx, first, second, profile, question)
        if route.kind == "compare_skills":
            return skills.compare_skills(ctx, ids[0], ids[1], profile)
        if route.kind == "compare_certs":
            a, b = ctx.certification(ids[0]), ctx.certification(ids[1])
            return certs.compare_certifications(ctx, a, b, profile)
        if route.kind == "certification":
            return certs.certification(ctx, ctx.certification(ids[0]), profile)
        if route.kind == "topic":
            return self._topic(route, profile)
        return self._clarify(route, profile)

    # -- one kind each ----------------------------------------------------------------------------
    def how_to_become(self, role: str, profile: GuideProfile = EMPTY_PROFILE) -> GuideAnswer:
        return roles.become(self._ctx, self._ctx.occupation(role), profile)

    def role_info(self, role: str, profile: GuideProfile = EMPTY_PROFILE) -> GuideAnswer:
        return roles.role_info(self._ctx, self._ctx.occupation(role), profile)

    def compare_roles(
        self, first: str, second: str, profile: GuideProfile = EMPTY_PROFILE
    ) -> GuideAnswer:
        ctx = self._ctx
        return roles.compare_roles(ctx, ctx.occupation(first), ctx.occupation(second), profile)

    def compare_skills(
        self, first: str, second: str, profile: GuideProfile = EMPTY_PROFILE
    ) -> GuideAnswer:
        return skills.compare_skills(self._ctx, first, second, profile)

    def compare_certifications(
        self, first: str, second: str, profile: GuideProfile = EMPTY_PROFILE
    ) -> GuideAnswer:
        ctx = self._ctx
        return certs.compare_certifications(
            ctx, ctx.certification(first), ctx.certification(second), profile
        )

    def certification(self, name: str, profile: GuideProfile = EMPTY_PROFILE) -> GuideAnswer:
        return certs.certification(self._ctx, self._ctx.certification(name), profile)

    def advice(
        self, question: str, profile: GuideProfile = EMPTY_PROFILE, topic_id: str | None = None
    ) -> GuideAnswer:
        """The playbook topic for the question (or `topic_id`), personalised from the question and
        the profile. A question too vague for any topic gets the clarify answer (or, with no
        reading to offer, where to start)."""
        route = self.route(question)
        if topic_id is not None:
            if topic_id not in self.guide.topics:
                raise KeyError(topic_id)
            route = route.model_copy(update={"kind": "topic", "ids": (topic_id,)})
        elif route.kind != "topic":
            hits = [
                h for h in self.router.index.search(question, 3) if h.score >= MIN_CANDIDATE_SCORE
            ]
            if not hits:
                return self._clarify(route, profile)
            route = route.model_copy(update={"kind": "topic", "ids": (hits[0].topic_id,)})
        return self._topic(route, profile)

    def field_overview(
        self,
        family: Family,
        profile: GuideProfile = EMPTY_PROFILE,
        question: str = "",
        *,
        enjoys: str | None = None,
    ) -> GuideAnswer:
        """The field's roles with pay, the usual education and job counts; ranked by the
        person's match when their skills are known ("I want to stay in healthcare").
        `enjoys`: what they said they enjoy ("working with your hands"), named in the lead."""
        return fields.field_overview(self._ctx, family, profile, question, enjoys=enjoys)

    def top_paying(
        self,
        profile: GuideProfile = EMPTY_PROFILE,
        question: str = "",
        *,
        family: Family | None = None,
        without_degree: bool = False,
    ) -> GuideAnswer:
        """The catalogue's best-paid roles by BLS median (the person's area when known), in
        one field and/or without a college degree ("highest paying jobs without a degree")."""
        return fields.top_paying(
            self._ctx, profile, question, family=family, without_degree=without_degree
        )

    def skills_in_demand(
        self, profile: GuideProfile = EMPTY_PROFILE, family: Family | None = None
    ) -> GuideAnswer:
        """The skills behind the most U.S. jobs (BLS employment of the roles using them), in
        one field or overall; the person's own ticked."""
        return demand.skills_in_demand(self._ctx, profile, family)

    def cover_letter(
        self,
        profile: GuideProfile = EMPTY_PROFILE,
        role: str | None = None,
        company: str | None = None,
    ) -> GuideAnswer:
        """An outline from the user's own facts; [placeholders] for everything else."""
        return cover_letter(self._ctx, profile, role, company)

    # -- words ------------------------------------------------------------------------------------
    def may_word(self, answer: GuideAnswer) -> bool:
        """Whether `worded` would ask the model for this answer (front ends defer first then)."""
        allowed = self.capabilities is None or self.capabilities.allows(wording.TASK)
        return (
            self.llm is not None
            and allowed
            and answer.kind not in _NOT_WORDED
            and not answer.worded
        )

    async def worded(self, answer: GuideAnswer, *, user_id: int) -> GuideAnswer:
        """`answer` with a capable model's conversational opening as its lead (`worded=True`);
        the sections are untouched. Unchanged when the model may not word guide answers, for a
        clarify question, when the opening fails a check, after `wording.WORDING_TIMEOUT`
        seconds, or on any error."""
        if not self.may_word(answer) or self.llm is None:
            return answer
        names = wording.subject_names(answer, self.knowledge, self.guide)
        try:
            async with asyncio.timeout(wording.WORDING_TIMEOUT):
                return await wording.word_answer(self.llm, answer, user_id=user_id, names=names)
        except LLMError as error:
            log.info("%s: no model opening (%s); the entry's own lead", wording.TASK, error.kind)
        except TimeoutError:
            seconds = wording.WORDING_TIMEOUT
            log.info("%s: no model opening in %gs; the entry's own lead", wording.TASK, seconds)
        except Exception:
            log.exception("%s: the model opening failed; the entry's own lead", wording.TASK)
        return answer

    # -- internals --------------------------------------------------------------------------------
    def _topic(self, route: GuideRoute, profile: GuideProfile) -> GuideAnswer:
        topic = self.guide.topics[route.ids[0]]
        return advice.topic_answer(self._ctx, topic, profile, route.question, route)

    def _clarify(self, route: GuideRoute, profile: GuideProfile = EMPTY_PROFILE) -> GuideAnswer:
        options = tuple(
            AnswerOption(kind=c.kind, ids=c.ids, label=c.label) for c in route.candidates[:2]
        )
        if len(options) == 2:
            question = f"Do you mean {options[0].label} or {options[1].label}?"
        elif options:
            question = f"Do you mean {options[0].label}?"
        elif GETTING_STARTED in self.guide.topics:
            # Too broad for any one topic ("any tips?"): the general playbook, not a question back
            start = route.model_copy(update={"kind": "topic", "ids": (GETTING_STARTED,)})
            answer = self._topic(start, profile)
            # the route's own (low) confidence: callers never take this for a sure answer
            return fit(answer.model_copy(update={"lead": BROAD_LEAD, "confidence": 0.0}))
        else:
            question = (
                "I'm not sure what you'd like to know. Ask about a role (\"how do I become a "
                'nurse?"), a comparison ("PMP or CAPM?") or a situation ("I got laid off").'
            )
        return fit(
            GuideAnswer(
                kind="clarify",
                title="Which one did you mean?",
                lead=question,
                options=options,
                source="CareerMate guide",
                confidence=route.confidence,
            )
        )


# A clarify question is ours to ask; a field overview is a table whose lead has no facts to word.
_NOT_WORDED = frozenset({"clarify", "field"})


def guide_profile(profile: ProfileSnapshot | None, review: StoredReview | None) -> GuideProfile:
    """A `GuideProfile` from the stored profile and review summary (either may be missing)."""
    facts = (
        ResumeFacts(
            score=review.score,
            words=review.words,
            skills=tuple(review.skills),
            target_role=review.target_role,
            coverage_percent=review.coverage_percent,
        )
        if review is not None
        else None
    )
    if profile is None:
        return GuideProfile(resume_summary=facts)
    return GuideProfile(
        name=profile.display_name or None,
        skills=tuple(profile.skills),
        locations=tuple(profile.locations),
        current_role=profile.current_role,
        education=profile.education,
        target_roles=tuple(profile.target_roles),
        experience_years=profile.experience_years,
        min_salary=profile.min_salary,
        remote_ok=profile.remote_ok,
        resume_summary=facts,
    )

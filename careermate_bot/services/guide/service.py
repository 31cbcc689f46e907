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

All methods are synchronous and fast (no I/O besides the read-only wage database). Unknown role,
skill or certification names raise `InvalidInput` with a did-you-mean message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.knowledge.guide.loading import Guide
from careermate_bot.knowledge.guide.router import GuideRoute, GuideRouter
from careermate_bot.services.guide import advice, certs, roles, skills
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


ReviewLookup = Callable[[int], Awaitable[StoredReview | None]]


class GuideService:
    def __init__(
        self,
        knowledge: KnowledgeBase,
        guide: Guide,
        profiles: ProfileService | None = None,
        last_review: ReviewLookup | None = None,
        find_place: PlaceFinder | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.guide = guide
        self.router = GuideRouter(guide, knowledge)
        self._ctx = GuideContext(knowledge, guide, self.router, find_place)
        self.profiles = profiles
        self.last_review = last_review

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
        """Route the question and compose the answer it asks for."""
        return self.answer_route(self.route(question), profile)

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
        return self._clarify(route)

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
        the profile. A question too vague for any topic gets the clarify answer."""
        route = self.route(question)
        if topic_id is not None:
            if topic_id not in self.guide.topics:
                raise KeyError(topic_id)
            route = route.model_copy(update={"kind": "topic", "ids": (topic_id,)})
        elif route.kind != "topic":
            hits = self.router.index.search(question, 3)
            if not hits:
                return self._clarify(route)
            route = route.model_copy(update={"kind": "topic", "ids": (hits[0].topic_id,)})
        return self._topic(route, profile)

    def cover_letter(
        self,
        profile: GuideProfile = EMPTY_PROFILE,
        role: str | None = None,
        company: str | None = None,
    ) -> GuideAnswer:
        """An outline from the user's own facts; [placeholders] for everything else."""
        return cover_letter(self._ctx, profile, role, company)

    # -- internals --------------------------------------------------------------------------------
    def _topic(self, route: GuideRoute, profile: GuideProfile) -> GuideAnswer:
        topic = self.guide.topics[route.ids[0]]
        return advice.topic_answer(self._ctx, topic, profile, route.question, route)

    def _clarify(self, route: GuideRoute) -> GuideAnswer:
        options = tuple(
            AnswerOption(kind=c.kind, ids=c.ids, label=c.label) for c in route.candidates[:2]
        )
        if len(options) == 2:
            question = f"Do you mean {options[0].label} or {options[1].label}?"
        elif options:
            question = f"Do you mean {options[0].label}?"
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

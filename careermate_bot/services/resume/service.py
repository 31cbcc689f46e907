"""`ResumeService`: the résumé feature's one façade: plan a review (checks first), read and review
a file or pasted text off the event loop, store its summary, draw its chart, and the model's
rewrites of the weakest bullets afterwards. Discord-free: a front end downloads the file, shows
"working" and renders the `ReviewOutcome`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Hashable
from dataclasses import dataclass

from careermate_bot.common.user_text import visible_text
from careermate_bot.knowledge import CareerProfile, KnowledgeBase, LocationResolution, MatchResult
from careermate_bot.knowledge.strict import resolve_location_strict, resolve_role_strict
from careermate_bot.llm import LLMClient, NoEngine
from careermate_bot.llm.capability import Capabilities
from careermate_bot.services.profile import ProfileService
from careermate_bot.services.resume import store
from careermate_bot.services.resume.chart import render_breakdown_chart
from careermate_bot.services.resume.errors import MAX_BYTES, FileTooLarge
from careermate_bot.services.resume.rewrites import Rewrite, stream_rewrites
from careermate_bot.services.resume.runner import read_and_review_file, read_and_review_text
from careermate_bot.services.resume.store import Comparison, StoredReview
from careermate_bot.services.resume.types import ResumeReview
from careermate_bot.workers import Work, run_in

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReviewRequest:
    """Who asks, and what they chose. A typed `target_role` is checked strictly (did-you-mean);
    None takes the profile's first target role. `location` only sets the pay area of the
    "Career paths" button."""

    user_id: int
    display_name: str | None = None
    target_role: str | None = None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewPlan:
    """A checked request: the occupation title to review against and the pay area."""

    request: ReviewRequest
    target: str | None
    area_code: str | None


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """A finished review and what the buttons under it need (all of it fits in custom ids).

    `resume_text` is only kept for the model rewrites' figure check; drop the outcome when done.
    """

    result: ResumeReview
    stored: StoredReview
    comparison: Comparison | None
    chart: bytes | None
    target_id: str | None  # occupation id for "Re-check"
    interview_id: str | None  # occupation id for "Practice an interview"
    area_code: str | None
    resume_text: str
    rewrites_follow: bool

    @property
    def interview_title(self) -> str:
        if self.result.target_role:
            return self.result.target_role
        return next(
            (f.title for f in self.result.best_fits if f.occupation_id == self.interview_id),
            "this role",
        )


class ResumeService:
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
        # Which tasks the configured model passed (`llm.capability`); None: every one (tests).
        self.capabilities = capabilities

    @property
    def model_rewrites(self) -> bool:
        """Whether the model rewrites weak bullets (it passed that task); otherwise the review
        shows the model-free suggestions."""
        if self.llm is None:
            return False
        return self.capabilities is None or self.capabilities.allows("resume_rewrite")

    # -- before the work --------------------------------------------------------------------------
    async def plan(self, request: ReviewRequest) -> ReviewPlan:
        """Check the options (fast; raises `InvalidInput` with did-you-mean) before any work."""
        return ReviewPlan(
            request=request,
            target=await self._target(request),
            area_code=self._area_code(request.location),
        )

    def check_size(self, size: int) -> None:
        """Refuse a file that is too large before downloading it."""
        if size > MAX_BYTES:
            raise FileTooLarge(size)

    def role_title(self, text: str | None) -> str | None:
        """A role for the paste form's default: its catalogue title when it resolves."""
        typed = visible_text(text)
        if not typed:
            return None
        kb = self.knowledge
        found = kb.get_occupation(typed) or kb.resolve_occupation(typed).occupation
        return found.title if found is not None else typed

    async def _target(self, request: ReviewRequest) -> str | None:
        typed = visible_text(request.target_role)  # only zero-width characters = not given
        if typed:
            return resolve_role_strict(self.knowledge, typed).title
        profile = await self.profiles.get(request.user_id)
        for role in profile.target_roles if profile is not None else []:
            found = self.knowledge.resolve_occupation(role).occupation
            if found is not None:
                return found.title
        return None

    def _area_code(self, location: str | None) -> str | None:
        typed = visible_text(location)
        if not typed:
            return None
        place: LocationResolution = resolve_location_strict(self.knowledge, typed)
        return place.area.code if place.area is not None else None

    # -- the review -------------------------------------------------------------------------------
    async def review_file(self, plan: ReviewPlan, data: bytes, filename: str) -> ReviewOutcome:
        """Read and review an uploaded file; raises a `ResumeError` (nothing stored then)."""
        self.check_size(len(data))
        document, result = await read_and_review_file(self.knowledge, data, filename, plan.target)
        return await self._finish(plan, result, document.text)

    async def review_text(self, plan: ReviewPlan, text: str) -> ReviewOutcome:
        """Review pasted text; raises a `ResumeError` (nothing stored then)."""
        document, result = await read_and_review_text(self.knowledge, text, plan.target)
        return await self._finish(plan, result, document.text)

    async def _finish(self, plan: ReviewPlan, result: ResumeReview, text: str) -> ReviewOutcome:
        request = plan.request
        stored, comparison = await store.save_review(request.user_id, result, request.display_name)
        chart: bytes | None = None
        try:
            chart = await run_in(Work.CHARTS, render_breakdown_chart, result.checks, result.score)
        except Exception:
            log.exception("could not draw the résumé chart; the review goes without it")
        target_id = result.coverage.occupation_id if result.coverage else None
        interview_id = target_id or (
            result.best_fits[0].occupation_id if result.best_fits else None
        )
        return ReviewOutcome(
            result=result,
            stored=stored,
            comparison=comparison,
            chart=chart,
            target_id=target_id,
            interview_id=interview_id,
            area_code=plan.area_code,
            resume_text=text,
            rewrites_follow=self.model_rewrites and bool(result.weak_bullets),
        )

    def stream_rewrites(
        self, outcome: ReviewOutcome, *, user_id: Hashable
    ) -> AsyncIterator[Rewrite]:
        """The model's rewrites of the weakest bullets, each checked against the résumé's facts.
        Raises `LLMError`s (`NoEngine` without a model)."""
        if self.llm is None:
            raise NoEngine("no LLM client configured")
        return stream_rewrites(
            self.llm,
            outcome.result.weak_bullets,
            outcome.resume_text,
            user_id=user_id,
            target_role=outcome.result.target_role,
            extract_skills=self.knowledge.extract_skills,
        )

    # -- stored summaries (the buttons under a review) --------------------------------------------
    async def stored(self, user_id: int, review_id: int) -> StoredReview | None:
        return await store.get_review(user_id, review_id)

    async def last_review(self, user_id: int) -> StoredReview | None:
        """The person's latest review summary (for personalised advice), if any."""
        return await store.last_review(user_id)

    async def new_skills(self, user_id: int, skills: list[str]) -> tuple[list[str], list[str]]:
        """(skills not in the profile yet, skills already there)."""
        profile = await self.profiles.get(user_id)
        have = {s.casefold() for s in (profile.skills if profile is not None else [])}
        return (
            [s for s in skills if s.casefold() not in have],
            [s for s in skills if s.casefold() in have],
        )

    def paths_for(self, skills: list[str], area_code: str | None) -> tuple[MatchResult, str | None]:
        """Career paths for a stored review's skills (pay in its area); (result, area name)."""
        kb = self.knowledge
        area = kb.wages.areas.get(area_code) if area_code else None
        result = kb.match_careers(CareerProfile(skills=skills), location=area)
        return result, area.name if area is not None else None

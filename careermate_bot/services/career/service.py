"""`CareerService`: the career feature's one façade (/career paths, /career gap, the summary).

Options the user leaves out come from their saved profile. New skills they give are saved to the
profile (only skills the taxonomy knows, in canonical spelling) and the result lists them, so the
reply can say so. Every number comes from the knowledge layer; the LLM (when one is configured)
only words a short summary around those numbers, and `ground_summary` drops any sentence that
quotes a figure it was not given.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Hashable

from careermate_bot.common.user_text import quote
from careermate_bot.common.user_text import split_list as split_skills
from careermate_bot.errors import InvalidInput
from careermate_bot.knowledge import (
    Area,
    CareerProfile,
    KnowledgeBase,
    LocationResolution,
    MatchResult,
    Occupation,
    SalaryInfo,
    SkillGapReport,
)
from careermate_bot.knowledge.strict import (
    location_label,
    preferred_location,
    resolve_location_strict,
    resolve_role_strict,
)
from careermate_bot.llm import LLMClient, NoEngine
from careermate_bot.llm.capability import Capabilities
from careermate_bot.llm.scheduler import PositionCallback
from careermate_bot.services.career import summary
from careermate_bot.services.career.chart import PathBar, render_match_chart
from careermate_bot.services.career.paths import (
    MAX_SKILLS_INPUT,
    TOP_PATHS,
    CareerPaths,
    CareerRequest,
    NoSkillsGiven,
    PreparedCareer,
    SkillGap,
    _new_skills,
    check_years,
    fallback_note,
)
from careermate_bot.services.career.pay import PayFigure, pay_figure
from careermate_bot.services.profile import ProfileService, ProfileSnapshot, capped_note
from careermate_bot.workers import Work, run_in


class CareerService:
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

    # -- resolution of typed options --------------------------------------------------------------
    def resolve_role(self, text: str) -> Occupation:
        """A role typed or picked (an id): found, or `InvalidInput` with did-you-mean."""
        return resolve_role_strict(self.knowledge, text)

    def resolve_location(self, text: str) -> LocationResolution:
        """A place typed: resolved, or `InvalidInput` with did-you-mean."""
        return resolve_location_strict(self.knowledge, text)

    def profile_location(
        self, profile: ProfileSnapshot
    ) -> tuple[LocationResolution | None, str | None]:
        """Where this profile wants pay shown, and a note when a saved place can't be placed."""
        return preferred_location(self.knowledge, profile.locations, profile.remote_ok)

    # -- /career paths ----------------------------------------------------------------------------
    async def prepare(self, request: CareerRequest) -> PreparedCareer:
        """Check the request against the profile and the knowledge layer; raise the user-facing
        errors (no skills, unknown skills/location/role) before anything slow or visible."""
        kb = self.knowledge
        if request.skills is not None and len(request.skills) > MAX_SKILLS_INPUT:
            raise InvalidInput(
                f"That skills list is too long (at most {MAX_SKILLS_INPUT} characters)."
            )
        years = check_years(request.experience_years)
        profile = await self.profiles.get_or_create(request.user_id, request.display_name)

        given = split_skills(request.skills)
        known, unknown = kb.normalize_skills(given) if given else ([], [])
        if given and not known:
            raise InvalidInput(
                f"I didn't recognise any skills in {quote(request.skills or '', 60)}. Start "
                "typing in the skills option and pick from the list (e.g. Python, SQL, Excel)."
            )
        saved_known, _ = kb.normalize_skills(profile.skills) if profile.skills else ([], [])
        skills = list(dict.fromkeys([*known, *saved_known]))
        assumed_from: str | None = None
        if not skills and profile.current_role:
            # No skills yet, but a role they hold: its core skills stand in (and we say so).
            current = kb.resolve_occupation(profile.current_role).occupation
            if current is not None:
                skills, assumed_from = list(current.core_skills), current.title
        if not skills:
            raise NoSkillsGiven()

        note: str | None = None
        place: LocationResolution | None
        if request.location and request.location.strip():
            place = self.resolve_location(request.location)
            if place.message and not place.remote:
                note = place.message  # e.g. "no metro called X; using Texas statewide"
        else:
            place, note = self.profile_location(profile)

        target_role: str | None = None
        targets = list(profile.target_roles)
        if request.target_role and request.target_role.strip():
            occupation = self.resolve_role(request.target_role)
            target_role = occupation.title
            targets = [occupation.title]
        elif targets:
            target_role = targets[0]

        return PreparedCareer(
            request=request,
            profile=profile,
            skills=tuple(skills),
            new_skills=tuple(_new_skills(profile.skills, known)),
            unknown_skills=tuple(unknown),
            place=place,
            location_note=note,
            target_roles=tuple(targets),
            target_role=target_role,
            experience_years=years if years is not None else profile.experience_years,
            current_role=profile.current_role,
            leaving=request.leaving or profile.leaving,
            assumed_from=assumed_from,
        )

    async def paths(self, prepared: PreparedCareer, *, top: int = TOP_PATHS) -> CareerPaths:
        """Save the new skills to the profile and rank the paths."""
        profile = prepared.profile
        dropped_note: str | None = None
        if prepared.new_skills:
            profile = await self.profiles.update(
                prepared.request.user_id, add_skills=list(prepared.new_skills)
            )
            # A full profile (MAX_LIST_ITEMS skills) drops its oldest skills: say which.
            kept = {skill.casefold() for skill in profile.skills}
            dropped_note = capped_note(
                [s for s in prepared.profile.skills if s.casefold() not in kept]
            )
        career_profile = CareerProfile(
            skills=list(prepared.skills),
            experience_years=prepared.experience_years,
            target_roles=list(prepared.target_roles),
            current_role=prepared.current_role,
            leaving=[prepared.leaving] if prepared.leaving else [],
        )
        place = prepared.place
        result: MatchResult = self.knowledge.match_careers(career_profile, location=place, top=top)
        note = prepared.location_note
        if note is None:
            note = next((n for n in (fallback_note(m) for m in result.matches) if n), None)
        if dropped_note:
            note = f"{dropped_note} {note}" if note else dropped_note
        if prepared.assumed_from:
            assumed = (
                f"No skills saved yet, so I used the core skills of a {prepared.assumed_from}. "
                "Tell me yours (“I know Python and SQL”) to sharpen this."
            )
            note = f"{assumed} {note}" if note else assumed
        return CareerPaths(
            result=result,
            profile=profile,
            added_skills=prepared.new_skills,
            unknown_skills=prepared.unknown_skills,
            skills_from_profile=not split_skills(prepared.request.skills),
            location_label=location_label(place),
            location_note=note,
            remote=bool(place and place.remote),
            area_code=place.area.code if place and place.area else None,
            experience_years=prepared.experience_years,
            target_role=prepared.target_role,
            leaving=prepared.leaving,
            assumed_from=prepared.assumed_from,
        )

    async def career_paths(self, request: CareerRequest, *, top: int = TOP_PATHS) -> CareerPaths:
        """Check, save new skills, rank: `prepare` then `paths`."""
        return await self.paths(await self.prepare(request), top=top)

    def pay(self, role: str, location: str | None) -> PayFigure:
        """What `role` pays in `location` (None: national), with its source."""
        return pay_figure(self.knowledge, role, location)

    # -- /career gap ------------------------------------------------------------------------------
    async def skill_gap(
        self,
        user_id: int,
        role: str,
        *,
        display_name: str | None = None,
        location: str | None = None,
        area_code: str | None = None,
    ) -> SkillGap:
        """The ranked gap between the user's saved skills and one occupation, with its pay."""
        kb = self.knowledge
        occupation = self.resolve_role(role)
        profile = await self.profiles.get_or_create(user_id, display_name)
        skills, _ = kb.normalize_skills(profile.skills) if profile.skills else ([], [])
        report: SkillGapReport = kb.skill_gap(
            CareerProfile(
                skills=skills,
                experience_years=profile.experience_years,
                target_roles=list(profile.target_roles),
            ),
            occupation,
        )
        place: LocationResolution | Area | None
        area = kb.wages.areas.get(area_code) if area_code else None
        if area is not None:
            place = area
        elif location:
            place = self.resolve_location(location)
        else:
            place, _ = self.profile_location(profile)
        salary: SalaryInfo | None = kb.salary(occupation, place)
        next_roles = tuple(ref.title for ref in kb.next_roles(occupation))
        return SkillGap(report=report, salary=salary, skills=tuple(skills), next_roles=next_roles)

    # -- the chart and the summary ----------------------------------------------------------------
    async def chart(self, result: CareerPaths) -> bytes | None:
        """The PNG for a result (drawn off the event loop), or None when there is nothing to draw.
        Raises what matplotlib raises: callers send the result without a chart then."""
        if not result.matches:
            return None
        bars = [
            PathBar(
                title=m.occupation.title,
                match_percent=m.match_percent,
                matched=len(m.matched_skills),
                missing=len(m.missing_skills),
            )
            for m in result.matches
        ]
        return await run_in(Work.CHARTS, render_match_chart, bars)

    def composed_summary(self, result: CareerPaths) -> str:
        """The summary composed from the result (top path, why, the skill that adds most)."""
        return summary.deterministic_summary(result)

    def model_writes_summary(self, result: CareerPaths) -> bool:
        """Whether the model words the summary (it passed that task's checks); otherwise the
        composed summary is shown at once."""
        if self.llm is None or not result.matches:
            return False
        return self.capabilities is None or self.capabilities.allows(summary.TASK)

    def stream_summary(
        self,
        result: CareerPaths,
        *,
        user_id: Hashable,
        display_name: str | None = None,
        on_position: PositionCallback | None = None,
    ) -> AsyncIterator[str]:
        """The model's summary, streamed. Raises `LLMError`s (`NoEngine` without a model)."""
        if self.llm is None:
            raise NoEngine("no LLM client configured")
        return summary.stream_summary(
            self.llm,
            result,
            user_id=user_id,
            display_name=display_name,
            on_position=on_position,
            knowledge=self.knowledge,
        )

    def ground_summary(self, text: str, result: CareerPaths, display_name: str | None) -> str:
        """The model's text if every sentence checks out against the result ("" otherwise)."""
        return summary.ground_summary(text, result, display_name, self.knowledge)

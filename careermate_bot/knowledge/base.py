"""`KnowledgeBase`: the one entry object over the catalogue, the taxonomy and the wage database.

    kb = KnowledgeBase.load(Path("data"))          # or get_knowledge_base(settings.data_dir)
    kb.extract_skills("5 yrs Python, postgres, k8s")
    kb.match_careers(CareerProfile(skills=["python", "sql"]), location="austin tx")

All methods are synchronous and fast (sub-millisecond to a few milliseconds); `load` takes tens of
milliseconds after the first run, which decompresses the wage database (~0.2 s) into `data_dir`.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from careermate_bot.knowledge.catalogue import OccupationCatalogue, parse_soc
from careermate_bot.knowledge.extraction import SkillExtractor
from careermate_bot.knowledge.families import family_for
from careermate_bot.knowledge.loading import CACHE_SUBDIR, package_data_dir, read_data
from careermate_bot.knowledge.locations import LocationResolver
from careermate_bot.knowledge.matcher import (
    FIT_LEGEND,
    FORMULA,
    Matcher,
    PreparedProfile,
    Scored,
    percent,
)
from careermate_bot.knowledge.taxonomy import SkillTaxonomy
from careermate_bot.knowledge.types import (
    Area,
    CareerMatch,
    CareerProfile,
    Family,
    LocationResolution,
    MatchResult,
    Occupation,
    OccupationHit,
    OccupationRef,
    OccupationResolution,
    SalaryInfo,
    Skill,
    SkillGapReport,
    SkillMention,
)
from careermate_bot.knowledge.wages import WageStore
from careermate_bot.knowledge.wages_db import WageSource, ensure_wage_database

log = logging.getLogger(__name__)

DEFAULT_DATA_DIR = Path("data")
SKILLS_FILE = "skills.yaml"
OCCUPATIONS_FILE = "occupations.yaml"
LOCATIONS_FILE = "locations.yaml"
CENTRALITY_FILE = "centrality.yaml"
WORK_PATTERNS_FILE = "work_patterns.yaml"
WorkPattern = Literal["part_time", "evenings_weekends"]
WORK_PATTERNS: tuple[WorkPattern, ...] = ("part_time", "evenings_weekends")


class UnknownOccupationError(LookupError):
    """Raised by `salary`/`skill_gap` for a role we can't identify; carries did-you-mean options."""

    def __init__(self, resolution: OccupationResolution) -> None:
        super().__init__(resolution.message or f"unknown occupation {resolution.query!r}")
        self.resolution = resolution


class KnowledgeBase:
    def __init__(
        self,
        taxonomy: SkillTaxonomy,
        catalogue: OccupationCatalogue,
        wages: WageStore,
        locations: LocationResolver,
        centrality: Mapping[str, Mapping[str, float]] | None = None,
        work_patterns: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.taxonomy = taxonomy
        self.catalogue = catalogue
        self.wages = wages
        self.locations = locations
        self.extractor = SkillExtractor(
            taxonomy.rules, {name: s.category for name, s in taxonomy.skills.items()}
        )
        national = wages.national
        employment = {
            soc: wages.salary(soc, national).employment for soc in {o.soc_code for o in catalogue}
        }
        self.matcher = Matcher(catalogue, taxonomy, centrality, employment)
        self._work_patterns: dict[str, frozenset[WorkPattern]] = {}
        for pattern in WORK_PATTERNS:
            for oid in (work_patterns or {}).get(pattern, ()):
                if oid not in catalogue.by_id:
                    raise ValueError(f"{WORK_PATTERNS_FILE}: unknown occupation id {oid!r}")
                self._work_patterns[oid] = self._work_patterns.get(oid, frozenset()) | {pattern}
        taxonomy.set_popularity(self.matcher.df)
        self.load_seconds = 0.0
        self._resolve_location = lru_cache(maxsize=1024)(self.locations.resolve)

    @classmethod
    def load(
        cls,
        data_dir: Path | str = DEFAULT_DATA_DIR,
        *,
        package_dir: Path | None = None,
        wage_source: WageSource | None = None,
    ) -> KnowledgeBase:
        """Load the shipped catalogue/taxonomy and open the wage database in `data_dir`
        (decompressing it there first if needed). Raises `WageDataError` with a fix hint."""
        started = time.perf_counter()
        gc_was_enabled = gc.isenabled()
        gc.disable()  # building ~15k small objects; collections midway only cost time
        try:
            kb = cls._load(Path(data_dir), package_dir or package_data_dir(), wage_source)
        finally:
            if gc_was_enabled:
                gc.enable()
        kb.load_seconds = time.perf_counter() - started
        log.info(
            "knowledge base: %d occupations, %d skills, %d areas in %.0f ms",
            len(kb.catalogue),
            len(kb.taxonomy),
            len(kb.wages.areas),
            kb.load_seconds * 1000,
        )
        return kb

    @classmethod
    def _load(cls, data_dir: Path, pkg: Path, wage_source: WageSource | None) -> KnowledgeBase:
        cache = Path(data_dir) / CACHE_SUBDIR
        taxonomy = SkillTaxonomy.from_yaml(pkg / SKILLS_FILE, cache)
        catalogue = OccupationCatalogue.from_yaml(pkg / OCCUPATIONS_FILE, cache)
        wages = WageStore(ensure_wage_database(Path(data_dir), wage_source))
        locations = LocationResolver(wages.areas.values(), read_data(pkg / LOCATIONS_FILE, cache))
        centrality = read_data(pkg / CENTRALITY_FILE, cache)["centrality"]
        patterns = read_data(pkg / WORK_PATTERNS_FILE, cache)
        return cls(taxonomy, catalogue, wages, locations, centrality, patterns)

    def close(self) -> None:
        self.wages.close()

    def summary(self) -> str:
        """One line for `careermate doctor` and logs."""
        return (
            f"{len(self.catalogue)} occupations, {len(self.taxonomy)} skills, "
            f"{len(self.wages.areas)} wage areas ({self.wages.source}); "
            f"loaded in {self.load_seconds * 1000:.0f} ms"
        )

    # -- skills -----------------------------------------------------------------------------------
    def extract_skills(self, text: str) -> list[str]:
        """Canonical skills mentioned in free text or a résumé, in order of first mention."""
        return self.extractor.extract(text)

    def skill_mentions(self, text: str) -> list[SkillMention]:
        """Every mention with character offsets (for highlighting a résumé)."""
        return self.extractor.mentions(text)

    def get_skill(self, name: str) -> Skill | None:
        """A skill by canonical name or any alias ("k8s" -> Kubernetes)."""
        return self.taxonomy.get(name)

    def search_skills(self, prefix: str, limit: int = 25) -> list[Skill]:
        """Autocomplete for skill names; empty prefix = the most widely used skills."""
        return self.taxonomy.search(prefix, limit)

    def normalize_skills(self, items: Iterable[str]) -> tuple[list[str], list[str]]:
        """(canonical skills, items not recognised). Each item may be a name, an alias or a
        phrase ("5 years of Python")."""
        known: dict[str, None] = {}
        unknown: list[str] = []
        for item in items:
            text = item.strip()
            if not text:
                continue
            skill = self.taxonomy.get(text)
            found = [skill.name] if skill else self.extractor.extract(text)
            if found:
                known.update(dict.fromkeys(found))
            else:
                unknown.append(text)
        return list(known), unknown

    # -- occupations ------------------------------------------------------------------------------
    @property
    def occupations(self) -> tuple[Occupation, ...]:
        return self.catalogue.occupations

    def get_occupation(self, code_or_title: str) -> Occupation | None:
        return self.catalogue.get(code_or_title)

    def search_occupations(self, query: str, limit: int = 25) -> list[OccupationHit]:
        return self.catalogue.search(query, limit)

    def resolve_occupation(self, text: str) -> OccupationResolution:
        return self.catalogue.resolve(text)

    def next_roles(self, occupation: Occupation) -> tuple[OccupationRef, ...]:
        return tuple(_ref(self.catalogue.by_id[i]) for i in occupation.next_roles)

    def related_occupations(self, occupation: Occupation, limit: int = 8) -> list[Occupation]:
        """The nearest other roles: one step away (next step either way, same SOC code) when
        they share skills, then by skill similarity (cosine of the weighted skill lists)."""
        return [occ for occ, _ in self.matcher.related(occupation, limit)]

    def role_jobs(self, occupation: Occupation) -> int | None:
        """About how many U.S. jobs this role has: its SOC code's national employment (BLS
        OEWS) split evenly between the catalogue roles sharing the code (the ranking prior)."""
        return self.matcher.jobs.get(occupation.id)

    def work_patterns(self, occupation: Occupation) -> frozenset[WorkPattern]:
        """Work patterns common in the role ("part_time", "evenings_weekends"), from the curated
        `work_patterns.yaml`; empty when the catalogue says nothing."""
        return self._work_patterns.get(occupation.id, frozenset())

    # -- locations and wages ----------------------------------------------------------------------
    def resolve_location(self, text: str) -> LocationResolution:
        return self._resolve_location(text.strip())

    def salary(
        self,
        occupation: Occupation | str,
        location: str | Area | LocationResolution | None = None,
    ) -> SalaryInfo:
        """Wage percentiles for an occupation (catalogue entry, id, title, or any BLS SOC code) in
        a location (text, area or resolution; None = national). Unplaceable text or a suppressed
        cell falls back to broader areas, and the result says so in `notes`."""
        soc = self._soc_for(occupation)
        area, note = self._area_for(location)
        info = self.wages.salary(soc, area)
        if note:
            info = info.model_copy(update={"notes": (note, *info.notes)})
        return info

    def _soc_for(self, occupation: Occupation | str) -> str:
        if isinstance(occupation, Occupation):
            return occupation.soc_code
        found = self.catalogue.get(occupation)
        if found is not None:
            return found.soc_code
        soc = parse_soc(occupation)
        if soc is not None and soc.replace("-", "") in self.wages.occupation_names:
            return soc
        resolution = self.catalogue.resolve(occupation)
        if resolution.occupation is not None:
            return resolution.occupation.soc_code
        raise UnknownOccupationError(resolution)

    def _area_for(self, location: str | Area | LocationResolution | None) -> tuple[Area, str]:
        if location is None:
            return self.wages.national, ""
        if isinstance(location, Area):
            return location, ""
        resolution = (
            location
            if isinstance(location, LocationResolution)
            else self.resolve_location(location)
        )
        if resolution.area is not None:
            return resolution.area, ""
        return self.wages.national, (
            f"{resolution.message or 'Unknown location.'} Showing national figures."
        )

    # -- matching ---------------------------------------------------------------------------------
    def resolve_leaving(
        self, items: Iterable[str]
    ) -> tuple[list[Occupation], list[Family], list[str]]:
        """What a person is leaving: (occupations, families, items not understood). An item is a
        field word ("teaching", "tech", "healthcare") or a role (id, title or alias)."""
        roles: list[Occupation] = []
        families: list[Family] = []
        unknown: list[str] = []
        for item in items:
            text = item.strip()
            if not text:
                continue
            family = family_for(text)
            if family is not None:
                if family not in families:
                    families.append(family)
                continue
            found = self.catalogue.get(text) or self.catalogue.resolve(text).occupation
            if found is None:
                unknown.append(text)
            elif found not in roles:
                roles.append(found)
        return roles, families, unknown

    def _prepare(
        self,
        profile: CareerProfile,
        leaving: str | Sequence[str] | None = None,
        current_role: str | None = None,
    ) -> tuple[PreparedProfile, list[str], list[str], list[Occupation]]:
        prepared, skills, unknown, targets, _ = self._prepare_full(profile, leaving, current_role)
        return prepared, skills, unknown, targets

    def _prepare_full(
        self,
        profile: CareerProfile,
        leaving: str | Sequence[str] | None = None,
        current_role: str | None = None,
    ) -> tuple[PreparedProfile, list[str], list[str], list[Occupation], _Understood]:
        skills, unknown = self.normalize_skills(profile.skills)
        targets: list[Occupation] = []
        for role in profile.target_roles:
            found = self.catalogue.resolve(role).occupation
            if found is not None and found not in targets:
                targets.append(found)
        current_text = current_role if current_role is not None else profile.current_role
        current = None
        if current_text and current_text.strip():
            current = self.catalogue.get(current_text) or (
                self.catalogue.resolve(current_text).occupation
            )
        items = list(profile.leaving)
        if isinstance(leaving, str):
            items.append(leaving)
        elif leaving is not None:
            items.extend(leaving)
        roles, families, unknown_leaving = self.resolve_leaving(items)
        prepared = self.matcher.prepare(
            skills,
            [t.id for t in targets],
            profile.experience_years,
            current=current.id if current is not None else None,
            leaving_ids=[r.id for r in roles],
            leaving_families=[*families, *(r.family for r in roles)],
        )
        understood = _Understood(
            current=current,
            leaving=tuple([*families, *(r.title for r in roles)]),
            unknown_leaving=tuple(unknown_leaving),
        )
        return prepared, skills, unknown, targets, understood

    def _location_for(
        self, profile: CareerProfile, location: str | Area | LocationResolution | None
    ) -> LocationResolution | None:
        if isinstance(location, LocationResolution):
            return location
        if isinstance(location, Area):
            return LocationResolution(query=location.name, area=location, confidence=100.0)
        if location:
            return self.resolve_location(location)
        first: LocationResolution | None = None
        for text in profile.locations:
            resolution = self.resolve_location(text)
            if resolution.resolved:
                return resolution
            first = first or resolution
        if first is None and profile.remote_ok:
            return self.resolve_location("remote")
        return first

    def match_careers(
        self,
        profile: CareerProfile,
        location: str | Area | LocationResolution | None = None,
        top: int = 5,
        *,
        leaving: str | Sequence[str] | None = None,
        current_role: str | None = None,
    ) -> MatchResult:
        """Top occupations for a profile with the fit %, why, matched/missing skills, salary
        range in the location (default: the profile's first location that resolves; national
        fallback that says so) and next-step roles.

        `leaving` (added to `profile.leaving`): roles or fields the person is moving away from;
        paths there rank below the others, with `leaving_field=True`, and other paths name the
        person's `transferable_skills`. `current_role` overrides `profile.current_role`."""
        prepared, skills, unknown, targets, understood = self._prepare_full(
            profile, leaving, current_role
        )
        place = self._location_for(profile, location)
        matches = [
            self._career_match(occ, scored, prepared, place)
            for occ, scored in self.matcher.rank_scored(prepared, top)
        ]
        return MatchResult(
            skills=tuple(skills),
            unknown_skills=tuple(unknown),
            target_roles=tuple(_ref(t) for t in targets),
            location=place,
            matches=tuple(matches),
            formula=FORMULA,
            legend=FIT_LEGEND,
            salary_source=self.wages.source,
            current_role=_ref(understood.current) if understood.current else None,
            leaving=understood.leaving,
            unknown_leaving=understood.unknown_leaving,
        )

    def rank_occupations(
        self,
        profile: CareerProfile,
        among: Iterable[Occupation] | None = None,
        *,
        leaving: str | Sequence[str] | None = None,
        current_role: str | None = None,
    ) -> list[Occupation]:
        """Occupations (all, or those in `among`) in `match_careers` order, without building the
        match details: cheap enough to order a search's candidates."""
        prepared, *_ = self._prepare(profile, leaving, current_role)
        wanted = None if among is None else {o.id for o in among}
        return [
            occ
            for occ, _ in self.matcher.rank_scored(prepared)
            if wanted is None or occ.id in wanted
        ]

    def _career_match(
        self,
        occ: Occupation,
        scored: Scored,
        prepared: PreparedProfile,
        place: LocationResolution | None,
    ) -> CareerMatch:
        matcher = self.matcher
        return CareerMatch(
            occupation=occ,
            score=round(scored.score, 4),
            match_percent=percent(scored.fit),
            fit=round(scored.fit, 4),
            breakdown=matcher.breakdown(occ, scored),
            matched_skills=matcher.matched(occ, prepared),
            missing_skills=matcher.gains(occ, prepared, scored.fit),
            salary=self.salary(occ, place),
            next_roles=self.next_roles(occ),
            why=matcher.why(occ, prepared, scored),
            education_fields=matcher.education_fields(occ, prepared),
            leaving_field=matcher.is_leaving(occ, prepared),
            transferable_skills=matcher.transferable(occ, prepared),
        )

    def skill_gap(
        self,
        profile: CareerProfile,
        occupation: Occupation | str,
        *,
        leaving: str | Sequence[str] | None = None,
        current_role: str | None = None,
    ) -> SkillGapReport:
        """What the profile has and lacks for one occupation: the fit %, and each missing
        learnable skill with the fit points it would add (degree fields in
        `education_fields`)."""
        occ = occupation if isinstance(occupation, Occupation) else self._occupation(occupation)
        prepared, *_ = self._prepare(profile, leaving, current_role)
        scored = self.matcher.evaluate(occ, prepared)
        return SkillGapReport(
            occupation=occ,
            score=round(scored.score, 4),
            match_percent=percent(scored.fit),
            fit=round(scored.fit, 4),
            breakdown=self.matcher.breakdown(occ, scored),
            have=self.matcher.matched(occ, prepared),
            missing=self.matcher.gains(occ, prepared, scored.fit),
            why=self.matcher.why(occ, prepared, scored),
            education_fields=self.matcher.education_fields(occ, prepared),
            legend=FIT_LEGEND,
        )

    def _occupation(self, text: str) -> Occupation:
        resolution = self.catalogue.resolve(text)
        if resolution.occupation is None:
            raise UnknownOccupationError(resolution)
        return resolution.occupation


@dataclass(frozen=True)
class _Understood:
    current: Occupation | None
    leaving: tuple[str, ...]
    unknown_leaving: tuple[str, ...]


def _ref(occ: Occupation) -> OccupationRef:
    return OccupationRef(id=occ.id, title=occ.title, soc_code=occ.soc_code)


_cache: dict[Path, KnowledgeBase] = {}
_cache_lock = threading.Lock()


def get_knowledge_base(data_dir: Path | str | None = None) -> KnowledgeBase:
    """The process-wide knowledge base for `data_dir` (default `data/`), loaded on first use."""
    key = Path(data_dir or DEFAULT_DATA_DIR).resolve()
    with _cache_lock:
        kb = _cache.get(key)
        if kb is None:
            kb = KnowledgeBase.load(key)
            _cache[key] = kb
        return kb


def clear_knowledge_base_cache() -> None:
    """Forget loaded knowledge bases (tests; reloading after a data upgrade)."""
    with _cache_lock:
        for kb in _cache.values():
            kb.close()
        _cache.clear()

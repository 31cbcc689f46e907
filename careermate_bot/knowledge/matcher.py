"""The explainable career matcher.

For a person with canonical skills U and an occupation O:

    idf(s)     = 1 + ln(N / df(s))       N occupations, df(s) = how many list s (core or nice)
    w_O(s)     = share(tier) * idf(s) / sum(idf over O's skills of that tier)
                 share = 0.75 for core skills, 0.25 for nice-to-have (1.0 core if O has no nice)
    coverage   = sum(w_O(s), s in U & O)                        share of the role's skills you have
    relevance  = sum(idf(s), s in U & O) / sum(idf(s), s in U)  share of your skills the role uses
    role_fit   = 1 for a target role, 0.5 for a role one step from a target (or same SOC), else 0
    exp_fit    = min(1, years / typical years for the role)  (1 when the role needs none)

    score = (0.55 coverage + 0.20 relevance + 0.15 role_fit + 0.10 exp_fit) / (sum of the
            weights of the parts we know)  -- no target roles or no experience: those parts drop out

Normalising per tier keeps a long nice-to-have list from diluting the core skills.

Rarer, specific skills weigh more than ubiquitous ones, so "Python + SQL" does not tie every IT
job at 100%. Adding one of O's skills never lowers O's score (both coverage and relevance rise);
adding a skill O doesn't list never raises it. Ties break by title, so results are deterministic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from careermate_bot.knowledge.catalogue import OccupationCatalogue
from careermate_bot.knowledge.taxonomy import SkillTaxonomy
from careermate_bot.knowledge.types import Occupation, ScoreBreakdown, SkillGain

CORE_SHARE = 0.75
NICE_SHARE = 0.25
WEIGHTS: dict[str, float] = {
    "skill_coverage": 0.55,
    "skill_relevance": 0.20,
    "role_fit": 0.15,
    "experience_fit": 0.10,
}
ADJACENT_ROLE_FIT = 0.5
FORMULA = (
    "match = 55% skill coverage (how much of the role's skill list you have: core skills make up "
    "75% of it and nice-to-have 25%, each skill weighted by rarity 1 + ln(N/df) so specific "
    "skills count more than common ones) + 20% relevance (the share of your skills the role "
    "uses) + 15% target-role fit + 10% experience fit; parts you haven't told me are left out "
    "and the rest rescaled."
)


@dataclass(frozen=True, slots=True)
class PreparedProfile:
    """A profile reduced to what scoring needs (canonical skills, resolved targets)."""

    skills: frozenset[str]
    known_idf: float  # sum of idf over the skills that appear anywhere in the catalogue
    targets: frozenset[str]
    experience_years: float | None


@dataclass(frozen=True, slots=True)
class _Req:
    weights: dict[str, float]  # skill -> tier * idf
    core: frozenset[str]
    total: float


class Matcher:
    def __init__(self, catalogue: OccupationCatalogue, taxonomy: SkillTaxonomy) -> None:
        self.catalogue = catalogue
        self.taxonomy = taxonomy
        n = len(catalogue)
        self.df: Counter[str] = Counter()
        for occ in catalogue:
            self.df.update(set(occ.core_skills) | set(occ.nice_skills))
        self.idf: dict[str, float] = {s: 1.0 + math.log(n / c) for s, c in self.df.items()}
        self._req: dict[str, _Req] = {}
        for occ in catalogue:
            core = list(occ.core_skills)
            nice = [s for s in occ.nice_skills if s not in occ.core_skills]
            core_share = CORE_SHARE if nice else 1.0
            core_idf = sum(self.idf[s] for s in core)
            nice_idf = sum(self.idf[s] for s in nice)
            weights = {s: (1.0 - core_share) * self.idf[s] / nice_idf for s in nice}
            weights.update({s: core_share * self.idf[s] / core_idf for s in core})
            self._req[occ.id] = _Req(weights, frozenset(core), sum(weights.values()))
        # Roles one step away from each role (either direction) and roles sharing a SOC code.
        leads_here: dict[str, set[str]] = {}
        for occ in catalogue:
            for nxt in occ.next_roles:
                leads_here.setdefault(nxt, set()).add(occ.id)
        self._adjacent: dict[str, frozenset[str]] = {}
        for occ in catalogue:
            near = set(occ.next_roles) | leads_here.get(occ.id, set())
            near |= {o.id for o in catalogue.by_soc[occ.soc_code]}
            near.discard(occ.id)
            self._adjacent[occ.id] = frozenset(near)

    # -- preparing --------------------------------------------------------------------------------
    def prepare(
        self, skills: Iterable[str], targets: Iterable[str] = (), experience: float | None = None
    ) -> PreparedProfile:
        skill_set = frozenset(skills)
        known = sum(self.idf.get(s, 0.0) for s in skill_set)
        return PreparedProfile(skill_set, known, frozenset(targets), experience)

    # -- scoring ----------------------------------------------------------------------------------
    def _raw(
        self, occ: Occupation, p: PreparedProfile, extra: str | None = None
    ) -> tuple[float, float, float, float | None, float | None]:
        """(score, coverage, relevance, role_fit, experience_fit) as plain floats."""
        req = self._req[occ.id]
        have = 0.0
        used = 0.0
        skills = p.skills
        for skill, weight in req.weights.items():
            if skill in skills or skill == extra:
                have += weight
                used += self.idf[skill]
        known = p.known_idf
        if extra is not None and extra not in skills:
            known += self.idf.get(extra, 0.0)
        coverage = have / req.total if req.total else 0.0
        relevance = used / known if known else 0.0
        score = WEIGHTS["skill_coverage"] * coverage + WEIGHTS["skill_relevance"] * relevance
        total_weight = WEIGHTS["skill_coverage"] + WEIGHTS["skill_relevance"]
        role_fit = exp_fit = None
        if p.targets:
            if occ.id in p.targets:
                role_fit = 1.0
            elif self._adjacent[occ.id] & p.targets:
                role_fit = ADJACENT_ROLE_FIT
            else:
                role_fit = 0.0
            score += WEIGHTS["role_fit"] * role_fit
            total_weight += WEIGHTS["role_fit"]
        if p.experience_years is not None:
            need = occ.experience_years
            exp_fit = 1.0 if need <= 0 else min(1.0, p.experience_years / need)
            score += WEIGHTS["experience_fit"] * exp_fit
            total_weight += WEIGHTS["experience_fit"]
        score = min(1.0, max(0.0, score / total_weight))
        return score, coverage, relevance, role_fit, exp_fit

    def score(self, occ: Occupation, p: PreparedProfile) -> tuple[float, ScoreBreakdown]:
        score, coverage, relevance, role_fit, exp_fit = self._raw(occ, p)
        keys = ["skill_coverage", "skill_relevance"]
        if role_fit is not None:
            keys.append("role_fit")
        if exp_fit is not None:
            keys.append("experience_fit")
        total = sum(WEIGHTS[k] for k in keys)
        breakdown = ScoreBreakdown(
            skill_coverage=round(coverage, 4),
            skill_relevance=round(relevance, 4),
            role_fit=role_fit,
            experience_fit=None if exp_fit is None else round(exp_fit, 4),
            weights={k: round(WEIGHTS[k] / total, 4) for k in keys},
        )
        return score, breakdown

    def rank(self, p: PreparedProfile, top: int | None = None) -> list[tuple[Occupation, float]]:
        """Occupations by score (then coverage, then title): deterministic."""
        scored = []
        for occ in self.catalogue:
            score, coverage, *_ = self._raw(occ, p)
            scored.append((-score, -coverage, occ.title, occ.id, occ))
        scored.sort(key=lambda t: t[:4])
        chosen = scored if top is None else scored[: max(0, top)]
        return [(t[4], -t[0]) for t in chosen]

    def matched(self, occ: Occupation, p: PreparedProfile) -> tuple[str, ...]:
        core = [s for s in occ.core_skills if s in p.skills]
        nice = [s for s in occ.nice_skills if s in p.skills and s not in occ.core_skills]
        return tuple(core + nice)

    def gains(self, occ: Occupation, p: PreparedProfile, base: float) -> tuple[SkillGain, ...]:
        """Every missing skill with the points it would add, biggest first."""
        out: list[SkillGain] = []
        req = self._req[occ.id]
        for skill in req.weights:
            if skill in p.skills:
                continue
            new = self._raw(occ, p, extra=skill)[0]
            out.append(
                SkillGain(
                    skill=skill,
                    category=self.taxonomy.category(skill),
                    core=skill in req.core,
                    gain_points=round((new - base) * 100, 1),
                )
            )
        out.sort(key=lambda g: (-g.gain_points, not g.core, g.skill.casefold()))
        return tuple(out)


def percent(score: float) -> int:
    """0..1 -> whole percent, rounding half up (deterministic, monotone)."""
    return math.floor(score * 100 + 0.5)

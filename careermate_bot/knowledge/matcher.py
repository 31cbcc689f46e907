"""The explainable career matcher: a readable fit percentage, and a ranking with a prior.

Two numbers per occupation O and person with canonical skills U, kept apart on purpose:

**Fit** (the percentage people see: "how much of this role's core you already have"):

    core  = |U & core(O)| / |core(O)|          nice = |U & nice(O)| / |nice(O)|
    curve = 1.5 * core                       for core <= 1/2   (half the core reads 75%)
          = 0.75 + 0.3 * (core - 1/2)        above             (all of the core reads 90%)
    fit   = curve + 0.10 * nice                (a role with no nice-to-have list: curve / 0.9)

Counting skills (not weights) keeps it readable ("4 of its 7 core skills"); adding a core or
nice-to-have skill of O never lowers it; degree fields ("Physics") count like any listed skill.

**Ranking score** (how strongly the whole profile points at O; used only for ordering):

    idf(s)    = 1 + ln(N / df(s))           N occupations, df(s) = how many list s
    c_O(s)    = tier(s) * central_O(s)       tier 1.0 core / 0.4 nice; central_O(s) in [0.25, 1]
                                            from O*NET importance (data/centrality.yaml)
    w_O(s)    = share(tier) * c_O(s) idf(s) / sum of c_O idf over O's skills of that tier
                share = 0.75 core, 0.25 nice (1.0 core when O lists no nice-to-have)
    coverage  = sum(w_O(s), s in U & O)                       how much of O's skill list you have
    relevance = E / (E + X + 2)                                how much of your profile O uses
                E = sum(c_O(s) idf(s), s in U & O); X = sum(idf(s)) over your skills that neither
                O nor a neighbouring role lists (next step either way, or the same SOC code);
                the + 2 (about one common skill) makes one thin match read as weaker evidence
    role_fit  = 1 target role; 0.5 one step from a target or from the current role (or same SOC)
    exp_fit   = min(1, years / the role's typical years)               (1 when it needs none)
    base      = (0.35 coverage + 0.40 relevance + 0.15 role_fit + 0.10 exp_fit) / weights present
    prior     = (log10(jobs) - 3) / 4 clipped to 0..1   jobs = BLS OEWS national employment of
                O's SOC code, split evenly between catalogue roles sharing it (0.5 if unknown)
    score     = base * (0.80 + 0.40 * prior)            the prior moves a score by at most 20%

With thin evidence (one or two skills) many roles use the skills about equally, and the prior
puts the common ones first; with rich evidence coverage and relevance dominate, and a rare role
that truly fits still wins. Adding one of O's skills never lowers its score; a skill that neither
O nor its neighbours list never raises it. When the person is leaving a role or field, paths in
that family rank below every other path that uses some of their skills (and are marked). Ties
break by the job count, then the fit, then the title, so results are deterministic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from careermate_bot.knowledge.catalogue import OccupationCatalogue
from careermate_bot.knowledge.taxonomy import SkillTaxonomy
from careermate_bot.knowledge.types import Family, Occupation, ScoreBreakdown, SkillGain

CORE_SHARE = 0.75
NICE_SHARE = 0.25
NICE_TIER = 0.4
WEIGHTS: dict[str, float] = {
    "skill_coverage": 0.35,
    "skill_relevance": 0.40,
    "role_fit": 0.15,
    "experience_fit": 0.10,
}
PRIOR_WEIGHT = 0.20  # the occupation-size prior scales the score by 1 - w .. 1 + w
PRIOR_FLOOR_LOG10 = 3.0  # 1,000 jobs and fewer: prior 0
PRIOR_SPAN_LOG10 = 4.0  # 10 million jobs: prior 1
EVIDENCE_SMOOTHING = 2.0  # in idf units: thin evidence reads as less relevant
ADJACENT_ROLE_FIT = 0.5
FIT_AT_HALF_CORE = 0.75
FIT_AT_FULL_CORE = 0.90
FIT_NICE_SHARE = 1.0 - FIT_AT_FULL_CORE

FIT_LEGEND = (
    "Match % = share of the role's core skills you have: half of them reads 75%, all of them "
    "90%; nice-to-have skills add the last 10%."
)
FORMULA = (
    "Match % is the share of the role's core skills you have (half of them reads 75%, all of them "
    "90%; nice-to-have skills add up to 10 points). Paths are ordered by a separate score: 35% "
    "how much of the role's skill list you cover (core over nice-to-have, each skill weighted by "
    "how central O*NET rates it for the role and by rarity), 40% how much of your profile the "
    "role uses, 15% target or current role, 10% experience (parts you haven't told me are left "
    "out), times 0.8-1.2 for the occupation's size (BLS employment), so common jobs that truly "
    "use your skills come before rare ones."
)


def fit_value(core_have: int, core_total: int, nice_have: int, nice_total: int) -> float:
    """The fit (0..1) from counts: the core share on the 75%-at-half / 90%-at-all curve plus up
    to 10 points for nice-to-have skills."""
    core = core_have / core_total if core_total else 0.0
    if core <= 0.5:
        curve = 2 * FIT_AT_HALF_CORE * core
    else:
        curve = FIT_AT_HALF_CORE + 2 * (FIT_AT_FULL_CORE - FIT_AT_HALF_CORE) * (core - 0.5)
    if not nice_total:
        return curve / FIT_AT_FULL_CORE if core_total else 0.0
    return curve + FIT_NICE_SHARE * nice_have / nice_total


def percent(value: float) -> int:
    """0..1 -> whole percent, rounding half up (deterministic, monotone)."""
    return math.floor(value * 100 + 0.5)


def prior_factor(prior: float) -> float:
    """The occupation-size multiplier: 0.8 for the smallest occupations, 1.2 for the largest."""
    return 1.0 - PRIOR_WEIGHT + 2 * PRIOR_WEIGHT * prior


def prior_from_jobs(jobs: float | None) -> float:
    """0..1 on a log scale: 1,000 jobs -> 0, 10 million -> 1; unknown -> 0.5 (neutral)."""
    if not jobs or jobs <= 0:
        return 0.5
    return min(1.0, max(0.0, (math.log10(jobs) - PRIOR_FLOOR_LOG10) / PRIOR_SPAN_LOG10))


@dataclass(frozen=True, slots=True)
class PreparedProfile:
    """A profile reduced to what scoring needs (canonical skills, resolved roles and fields)."""

    skills: frozenset[str]
    known_idf: float  # sum of idf over the skills that appear anywhere in the catalogue
    targets: frozenset[str]
    experience_years: float | None
    current: str | None = None  # occupation id of the current role
    leaving_ids: frozenset[str] = frozenset()
    leaving_families: frozenset[Family] = frozenset()

    @property
    def leaving(self) -> bool:
        return bool(self.leaving_ids or self.leaving_families)


@dataclass(frozen=True, slots=True)
class _Req:
    coverage: dict[str, float]  # skill -> w_O(s) (sums to 1)
    evidence: dict[str, float]  # skill -> c_O(s) * idf(s)
    core: frozenset[str]
    nice: frozenset[str]


@dataclass(frozen=True, slots=True)
class Scored:
    """Everything the ranking computed for one occupation."""

    score: float
    fit: float
    coverage: float
    relevance: float
    role_fit: float | None
    experience_fit: float | None
    prior: float
    core_have: int
    nice_have: int
    matched: int


class Matcher:
    def __init__(
        self,
        catalogue: OccupationCatalogue,
        taxonomy: SkillTaxonomy,
        centrality: Mapping[str, Mapping[str, float]] | None = None,
        employment: Mapping[str, int | None] | None = None,
    ) -> None:
        """`centrality`: occupation id -> skill -> factor in [0.25, 1] (missing = 1).
        `employment`: SOC code -> national employment (BLS OEWS); None/missing = no prior."""
        self.catalogue = catalogue
        self.taxonomy = taxonomy
        self.occupations: tuple[Occupation, ...] = tuple(catalogue)
        self._index: dict[str, int] = {o.id: i for i, o in enumerate(self.occupations)}
        n = len(self.occupations)
        self.df: Counter[str] = Counter()
        for occ in self.occupations:
            self.df.update(set(occ.core_skills) | set(occ.nice_skills))
        self.idf: dict[str, float] = {s: 1.0 + math.log(n / c) for s, c in self.df.items()}
        centrality = centrality or {}
        self.centrality: dict[str, dict[str, float]] = {}
        self._req: dict[str, _Req] = {}
        for occ in self.occupations:
            factors = centrality.get(occ.id, {})
            core = list(dict.fromkeys(occ.core_skills))
            nice = [s for s in dict.fromkeys(occ.nice_skills) if s not in occ.core_skills]
            central = {s: min(1.0, max(0.0, factors.get(s, 1.0))) for s in core + nice}
            self.centrality[occ.id] = central
            evidence = {s: central[s] * self.idf[s] for s in core}
            evidence.update({s: NICE_TIER * central[s] * self.idf[s] for s in nice})
            core_share = CORE_SHARE if nice else 1.0
            core_mass = sum(central[s] * self.idf[s] for s in core)
            nice_mass = sum(central[s] * self.idf[s] for s in nice)
            coverage = {s: core_share * central[s] * self.idf[s] / core_mass for s in core}
            if nice:
                coverage.update(
                    {s: (1 - core_share) * central[s] * self.idf[s] / nice_mass for s in nice}
                )
            self._req[occ.id] = _Req(coverage, evidence, frozenset(core), frozenset(nice))
        self._adjacent = self._neighbours(catalogue)
        self._norm = {
            oid: math.sqrt(sum(w * w for w in req.evidence.values()))
            for oid, req in self._req.items()
        }
        # Skill -> [(occupation index, coverage weight, evidence weight, listed, is core)]. A
        # skill this role doesn't list but a neighbouring role does (next step either way, or
        # the same SOC) is neutral: no evidence, but it doesn't count as unused either.
        self._postings: dict[str, list[tuple[int, float, float, bool, bool]]] = {}
        self._neutral: dict[str, frozenset[str]] = {}
        for index, occ in enumerate(self.occupations):
            req = self._req[occ.id]
            for skill, weight in req.coverage.items():
                self._postings.setdefault(skill, []).append(
                    (index, weight, req.evidence[skill], True, skill in req.core)
                )
            neutral = self._neutral_skills(occ, req)
            self._neutral[occ.id] = neutral
            for skill in neutral:
                self._postings.setdefault(skill, []).append((index, 0.0, 0.0, False, False))
        # The prior: national jobs of the SOC code, split between roles sharing it.
        employment = employment or {}
        sharing = self._sharing = Counter(o.soc_code for o in self.occupations)
        self.jobs: dict[str, int | None] = {}  # the role's share of its SOC's jobs
        self.soc_jobs: dict[str, int | None] = {}  # the SOC's national employment
        self._prior: list[float] = []
        for occ in self.occupations:
            total = employment.get(occ.soc_code)
            jobs = round(total / sharing[occ.soc_code]) if total else None
            self.jobs[occ.id] = jobs
            self.soc_jobs[occ.id] = total
            self._prior.append(prior_from_jobs(jobs))
        self._factor = [prior_factor(prior) for prior in self._prior]
        self._totals = [
            (len(self._req[o.id].core), len(self._req[o.id].nice)) for o in self.occupations
        ]

    def _neutral_skills(self, occ: Occupation, req: _Req) -> frozenset[str]:
        """Skills neighbouring roles list and this one doesn't."""
        out: set[str] = set()
        for other in self._adjacent[occ.id]:
            out.update(self._req[other].coverage)
        return frozenset(out - set(req.coverage))

    def _neighbours(self, catalogue: OccupationCatalogue) -> dict[str, frozenset[str]]:
        """Roles one step away from each role (either direction) and roles sharing a SOC code."""
        leads_here: dict[str, set[str]] = {}
        for occ in self.occupations:
            for nxt in occ.next_roles:
                leads_here.setdefault(nxt, set()).add(occ.id)
        adjacent: dict[str, frozenset[str]] = {}
        for occ in self.occupations:
            near = set(occ.next_roles) | leads_here.get(occ.id, set())
            near |= {o.id for o in catalogue.by_soc[occ.soc_code]}
            near.discard(occ.id)
            adjacent[occ.id] = frozenset(near)
        return adjacent

    # -- preparing --------------------------------------------------------------------------------
    def prepare(
        self,
        skills: Iterable[str],
        targets: Iterable[str] = (),
        experience: float | None = None,
        *,
        current: str | None = None,
        leaving_ids: Iterable[str] = (),
        leaving_families: Iterable[Family] = (),
    ) -> PreparedProfile:
        skill_set = frozenset(skills)
        known = sum(self.idf.get(s, 0.0) for s in skill_set)
        return PreparedProfile(
            skill_set,
            known,
            frozenset(targets),
            experience,
            current,
            frozenset(leaving_ids),
            frozenset(leaving_families),
        )

    def is_leaving(self, occ: Occupation, p: PreparedProfile) -> bool:
        """Is `occ` in the role or field the person is leaving?"""
        return occ.id in p.leaving_ids or occ.family in p.leaving_families

    def _pointer(self, p: PreparedProfile) -> str | None:
        """The current role, unless it is what the person is leaving (then it points nowhere)."""
        current = p.current
        if current is not None and (
            current in p.leaving_ids or self.catalogue.by_id[current].family in p.leaving_families
        ):
            return None
        return current

    def _role_fit(self, occ: Occupation, p: PreparedProfile, current: str | None) -> float | None:
        if not p.targets and current is None:
            return None
        if occ.id in p.targets:
            return 1.0
        near = self._adjacent[occ.id]
        if near & p.targets or occ.id == current or (current is not None and current in near):
            return ADJACENT_ROLE_FIT
        return 0.0

    # -- scoring ----------------------------------------------------------------------------------
    def _score(
        self,
        index: int,
        occ: Occupation,
        p: PreparedProfile,
        current: str | None,
        coverage: float,
        evidence: float,
        used_idf: float,
    ) -> tuple[float, float, float | None, float | None]:
        """(score, relevance, role_fit, experience_fit): the ranking formula, scalars only (it
        runs for every occupation on every match)."""
        unused = p.known_idf - used_idf
        if unused < 0.0:
            unused = 0.0
        relevance = evidence / (evidence + unused + EVIDENCE_SMOOTHING) if evidence > 0 else 0.0
        base = WEIGHTS["skill_coverage"] * coverage + WEIGHTS["skill_relevance"] * relevance
        total_weight = WEIGHTS["skill_coverage"] + WEIGHTS["skill_relevance"]
        role_fit = self._role_fit(occ, p, current)
        if role_fit is not None:
            base += WEIGHTS["role_fit"] * role_fit
            total_weight += WEIGHTS["role_fit"]
        exp_fit = None
        if p.experience_years is not None:
            need = occ.experience_years
            exp_fit = 1.0 if need <= 0 else min(1.0, p.experience_years / need)
            base += WEIGHTS["experience_fit"] * exp_fit
            total_weight += WEIGHTS["experience_fit"]
        score = base / total_weight * self._factor[index]
        return score, relevance, role_fit, exp_fit

    def _combine(
        self,
        index: int,
        occ: Occupation,
        p: PreparedProfile,
        coverage: float,
        evidence: float,
        used_idf: float,
        core_have: int,
        nice_have: int,
        matched: int,
    ) -> Scored:
        req = self._req[occ.id]
        score, relevance, role_fit, exp_fit = self._score(
            index, occ, p, self._pointer(p), coverage, evidence, used_idf
        )
        return Scored(
            score=score,
            fit=fit_value(core_have, len(req.core), nice_have, len(req.nice)),
            coverage=coverage,
            relevance=relevance,
            role_fit=role_fit,
            experience_fit=exp_fit,
            prior=self._prior[index],
            core_have=core_have,
            nice_have=nice_have,
            matched=matched,
        )

    def evaluate(self, occ: Occupation, p: PreparedProfile, extra: str | None = None) -> Scored:
        """Score one occupation (with `extra` added to the profile's skills, for skill gains)."""
        req = self._req[occ.id]
        coverage = evidence = used = 0.0
        core_have = nice_have = matched = 0
        for skill, weight in req.coverage.items():
            if skill in p.skills or skill == extra:
                coverage += weight
                evidence += req.evidence[skill]
                used += self.idf[skill]
                matched += 1
                if skill in req.core:
                    core_have += 1
                else:
                    nice_have += 1
        for skill in self._neutral[occ.id]:
            if skill in p.skills or skill == extra:
                used += self.idf[skill]
        if extra is not None and extra not in p.skills:
            p = PreparedProfile(
                p.skills | {extra},
                p.known_idf + self.idf.get(extra, 0.0),
                p.targets,
                p.experience_years,
                p.current,
                p.leaving_ids,
                p.leaving_families,
            )
        index = self._index[occ.id]
        return self._combine(index, occ, p, coverage, evidence, used, core_have, nice_have, matched)

    def score(self, occ: Occupation, p: PreparedProfile) -> tuple[float, ScoreBreakdown]:
        scored = self.evaluate(occ, p)
        return scored.score, self.breakdown(occ, scored)

    def breakdown(self, occ: Occupation, scored: Scored) -> ScoreBreakdown:
        keys = ["skill_coverage", "skill_relevance"]
        if scored.role_fit is not None:
            keys.append("role_fit")
        if scored.experience_fit is not None:
            keys.append("experience_fit")
        total = sum(WEIGHTS[k] for k in keys)
        weights = {k: round(WEIGHTS[k] / total, 4) for k in keys}
        req = self._req[occ.id]
        return ScoreBreakdown(
            skill_coverage=round(scored.coverage, 4),
            skill_relevance=round(scored.relevance, 4),
            role_fit=scored.role_fit,
            experience_fit=_rounded(scored.experience_fit),
            prior=round(scored.prior, 4),
            prior_factor=round(prior_factor(scored.prior), 4),
            weights=weights,
            core_have=scored.core_have,
            core_total=len(req.core),
            nice_have=scored.nice_have,
            nice_total=len(req.nice),
            employment=self.soc_jobs.get(occ.id),
        )

    def rank(self, p: PreparedProfile, top: int | None = None) -> list[tuple[Occupation, float]]:
        """Occupations by score (ties: roles whose neighbours use the person's skills, then the
        job count, the fit and the title): deterministic. When the person is
        leaving a role or field, paths there come after every other path that uses one of their
        skills (or is a target), and before paths with no evidence at all."""
        return [(occ, s.score) for occ, s in self.rank_scored(p, top)]

    def rank_scored(
        self, p: PreparedProfile, top: int | None = None
    ) -> list[tuple[Occupation, Scored]]:
        n = len(self.occupations)
        coverage = [0.0] * n
        evidence = [0.0] * n
        used = [0.0] * n
        nearby = [0.0] * n  # idf of the person's skills only neighbouring roles list
        core_have = [0] * n
        nice_have = [0] * n
        matched = [0] * n
        for skill in p.skills:
            postings = self._postings.get(skill)
            if not postings:
                continue
            idf = self.idf[skill]
            for index, weight, ev, listed, is_core in postings:
                evidence[index] += ev
                used[index] += idf
                if not listed:
                    nearby[index] += idf
                    continue
                coverage[index] += weight
                matched[index] += 1
                if is_core:
                    core_have[index] += 1
                else:
                    nice_have[index] += 1
        rows = []
        current = self._pointer(p)
        leaving = p.leaving
        for index, occ in enumerate(self.occupations):
            score, _, role_fit, _ = self._score(
                index, occ, p, current, coverage[index], evidence[index], used[index]
            )
            core_total, nice_total = self._totals[index]
            fit = fit_value(core_have[index], core_total, nice_have[index], nice_total)
            group = 0
            if leaving:
                if self.is_leaving(occ, p):
                    group = 1
                elif not matched[index] and not role_fit:
                    group = 2
            # Equal scores (mostly 0: no evidence at all) go to the roles next to the person's
            # skills first, then to the commoner roles.
            rows.append(
                (
                    group,
                    -score,
                    -round(nearby[index], 6),
                    -(self.jobs[occ.id] or 0),
                    -fit,
                    occ.title,
                    occ.id,
                    index,
                )
            )
        rows.sort(key=lambda t: t[:7])
        chosen = rows if top is None else rows[: max(0, top)]
        out = []
        for row in chosen:
            i = row[7]
            occ = self.occupations[i]
            scored = self._combine(
                i, occ, p, coverage[i], evidence[i], used[i], core_have[i], nice_have[i], matched[i]
            )
            out.append((occ, scored))
        return out

    # -- related roles ----------------------------------------------------------------------------
    def similarity(self, a: Occupation, b: Occupation) -> float:
        """Cosine of the two roles' skill vectors (tier x centrality x idf), 0..1."""
        ea, eb = self._req[a.id].evidence, self._req[b.id].evidence
        dot = sum(w * eb[s] for s, w in ea.items() if s in eb)
        norm = self._norm[a.id] * self._norm[b.id]
        return dot / norm if norm else 0.0

    def related(self, occ: Occupation, limit: int = 8) -> list[tuple[Occupation, float]]:
        """The nearest other roles: one step away (next step either way, same SOC) first when
        they share skills, then by skill similarity; ties by title."""
        near = self._adjacent[occ.id]
        scored = []
        for other in self.occupations:
            if other.id == occ.id:
                continue
            sim = self.similarity(occ, other)
            if sim <= 0 and other.id not in near:
                continue
            bonus = 0.25 if other.id in near else 0.0
            scored.append((-(sim + bonus), other.title, other, sim))
        scored.sort(key=lambda t: t[:2])
        return [(t[2], t[3]) for t in scored[: max(0, limit)]]

    # -- explaining -------------------------------------------------------------------------------
    def matched(self, occ: Occupation, p: PreparedProfile) -> tuple[str, ...]:
        """The person's skills this role lists: core first, in the catalogue's order."""
        return tuple(s for s in self._req[occ.id].coverage if s in p.skills)

    def _most_central(self, occ: Occupation, skills: Iterable[str]) -> list[str]:
        req = self._req[occ.id]
        return sorted(skills, key=lambda s: (s not in req.core, -req.evidence[s], s))

    def gains(self, occ: Occupation, p: PreparedProfile, base: float) -> tuple[SkillGain, ...]:
        """Every missing learnable skill with the fit points it would add, biggest first (degree
        fields are left out: see `education_fields`)."""
        req = self._req[occ.id]
        core_total, nice_total = len(req.core), len(req.nice)
        current = self.evaluate(occ, p)
        out: list[tuple[float, SkillGain]] = []
        for skill in req.coverage:
            if skill in p.skills or self.taxonomy.is_field_of_study(skill):
                continue
            is_core = skill in req.core
            core_have = current.core_have + int(is_core)
            nice_have = current.nice_have + int(not is_core)
            new = fit_value(core_have, core_total, nice_have, nice_total)
            gain = SkillGain(
                skill=skill,
                category=self.taxonomy.category(skill),
                core=is_core,
                gain_points=round((new - base) * 100, 1),
            )
            out.append((req.evidence[skill], gain))
        out.sort(key=lambda t: (-t[1].gain_points, not t[1].core, -t[0], t[1].skill.casefold()))
        return tuple(g for _, g in out)

    def education_fields(self, occ: Occupation, p: PreparedProfile) -> tuple[str, ...]:
        """Degree fields in the role's core that the person hasn't shown (shown as education)."""
        return tuple(
            s for s in occ.core_skills if self.taxonomy.is_field_of_study(s) and s not in p.skills
        )

    def transferable(self, occ: Occupation, p: PreparedProfile) -> tuple[str, ...]:
        """On a career change, the person's skills this role uses (most central first)."""
        if not p.leaving and p.current is None:
            return ()
        if self.is_leaving(occ, p) or occ.id == p.current:
            return ()
        if p.current is not None and not p.leaving:
            if self.catalogue.by_id[p.current].family == occ.family:
                return ()
        return tuple(self._most_central(occ, self.matched(occ, p)))

    def why(self, occ: Occupation, p: PreparedProfile, scored: Scored) -> str:
        """One deterministic line: the central skills you have, the fit counts, the occupation
        size (the prior) and, on a career change, the field note."""
        req = self._req[occ.id]
        parts: list[str] = []
        have = self._most_central(occ, self.matched(occ, p))
        core = [s for s in have if s in req.core]
        nice = [s for s in have if s not in req.core]
        if core:
            text = f"{_names(core[:3])} {'is' if len(core) == 1 else 'are'} core here"
            if nice:
                text += f" ({_names(nice[:2])} nice to have)"
            parts.append(text)
        elif nice:
            parts.append(f"{_names(nice[:3])}: nice to have here")
        elif scored.role_fit:
            parts.append("near your current or target role")
        parts.append(f"you have {scored.core_have} of its {len(req.core)} core skills")
        jobs, total = self.jobs.get(occ.id), self.soc_jobs.get(occ.id)
        if jobs and total:
            shared = self._sharing[occ.soc_code]
            where = "" if shared == 1 else f" as {occ.soc_title}, split over {shared} roles here"
            parts.append(f"{_size_word(jobs)} ({_compact(total)} U.S. jobs{where}; BLS)")
        if scored.role_fit == 1.0:
            parts.append("your target role")
        if self.is_leaving(occ, p):
            parts.append("same field as the one you're leaving, so ranked lower")
        return "; ".join(parts)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _size_word(jobs: int) -> str:
    if jobs >= 500_000:
        return "one of the most common jobs"
    if jobs >= 100_000:
        return "a common job"
    if jobs >= 25_000:
        return "a mid-sized field"
    return "a small field"


def _compact(jobs: int) -> str:
    if jobs >= 1_000_000:
        return f"{jobs / 1_000_000:.1f}M"
    if jobs >= 10_000:
        return f"{round(jobs / 1000):,}k"
    return f"{jobs:,}"

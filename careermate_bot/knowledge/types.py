"""Typed results of the knowledge layer: plain pydantic models, ready for embeds and terminal text.

Nothing here touches Discord, the ORM or the LLM. Every number in these models comes from the
shipped data files, the BLS OEWS database or deterministic code in this package.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SkillCategory = Literal["language", "framework", "tool", "domain", "soft"]
AreaKind = Literal["national", "state", "metro", "nonmetro"]
Family = Literal[
    "tech",
    "data",
    "design",
    "product",
    "business",
    "finance",
    "marketing",
    "sales",
    "healthcare",
    "education",
    "engineering",
    "science",
    "legal",
    "trades",
    "public service",
]
Percentile = Literal["p10", "p25", "median", "p75", "p90"]

SALARY_SOURCE = "BLS OEWS, May 2025"
SALARY_SOURCE_LONG = (
    "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics (OEWS), "
    "May 2025 estimates (public domain)"
)
SALARY_SOURCE_URL = "https://www.bls.gov/oes/tables.htm"
ONET_ATTRIBUTION = "O*NET 29.3 Database by USDOL/ETA, CC BY 4.0, modified"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- Skills --------------------------------------------------------------------------------------


class Skill(_Frozen):
    """A canonical skill from the taxonomy. `field_of_study` marks a degree field or broad
    discipline ("Computer science", "Physics"): shown as education, never as a skill to learn."""

    name: str
    category: SkillCategory
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    field_of_study: bool = False


class SkillMention(_Frozen):
    """One place a skill was found in free text (character offsets into the input)."""

    skill: str
    text: str
    start: int
    end: int


# --- Occupations ---------------------------------------------------------------------------------


class Occupation(_Frozen):
    """A curated catalogue entry. Several roles may share one SOC code (and so one wage series)."""

    id: str
    title: str
    soc_code: str = Field(pattern=r"^\d{2}-\d{4}$")
    soc_title: str
    family: Family
    aliases: tuple[str, ...] = ()
    description: str
    core_skills: tuple[str, ...]
    nice_skills: tuple[str, ...] = ()
    education: str
    experience_years: float = Field(ge=0, le=30)
    job_zone: int = Field(ge=1, le=5)
    next_roles: tuple[str, ...] = ()
    onet_code: str | None = None
    source: str = ONET_ATTRIBUTION

    @property
    def bls_code(self) -> str:
        """The 6-digit code the BLS series keys use (15-1252 -> 151252)."""
        return self.soc_code.replace("-", "")


class OccupationRef(_Frozen):
    id: str
    title: str
    soc_code: str


class OccupationHit(_Frozen):
    """An autocomplete / search hit."""

    occupation: Occupation
    score: float
    matched: str


ResolutionStatus = Literal["resolved", "ambiguous", "unknown"]


class OccupationResolution(_Frozen):
    """`resolve_occupation`: the best occupation, an ambiguous form's candidates, or a
    did-you-mean list.

    Ambiguous ("PM", "PT", "designer"): `occupation` is None, `options` holds the 2-3 candidates
    (also copied to `suggestions`), `other_meanings` the readings that are no occupation
    ("part-time"), and `message` is one short question to ask.
    """

    query: str
    occupation: Occupation | None = None
    suggestions: tuple[Occupation, ...] = ()
    message: str | None = None
    options: tuple[Occupation, ...] = ()
    other_meanings: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.occupation is not None

    @property
    def ambiguous(self) -> bool:
        return self.occupation is None and bool(self.options or self.other_meanings)

    @property
    def status(self) -> ResolutionStatus:
        if self.occupation is not None:
            return "resolved"
        return "ambiguous" if self.ambiguous else "unknown"


# --- Locations -----------------------------------------------------------------------------------


class Area(_Frozen):
    """A BLS OEWS area: the nation, a state (or territory) or a metropolitan area."""

    code: str
    name: str
    kind: AreaKind
    state_code: str

    @property
    def is_national(self) -> bool:
        return self.kind == "national"


class LocationResolution(_Frozen):
    """`resolve_location`: an area, a remote flag, or a did-you-mean list.

    For "remote"/"anywhere" the area is the national one (pay is shown at national level).
    """

    query: str
    area: Area | None = None
    remote: bool = False
    confidence: float = 0.0
    suggestions: tuple[Area, ...] = ()
    message: str | None = None

    @property
    def resolved(self) -> bool:
        return self.area is not None


# --- Wages ---------------------------------------------------------------------------------------


class WagePercentiles(_Frozen):
    """Percentile wages in dollars. None = not published; a name in `top_coded` means BLS only
    says the value is at or above its ceiling (`ceiling`)."""

    unit: Literal["year", "hour"] = "year"
    p10: float | None = None
    p25: float | None = None
    median: float | None = None
    p75: float | None = None
    p90: float | None = None
    top_coded: tuple[Percentile, ...] = ()
    ceiling: float | None = None

    def get(self, name: Percentile) -> float | None:
        value: float | None = getattr(self, name)
        return value

    def display(self, name: Percentile) -> str:
        """'$135,980' (annual), '$65.38' (hourly), '>= $239,200' (top-coded) or 'n/a'."""
        if name in self.top_coded and self.ceiling is not None:
            return f">= {self._money(self.ceiling)}"
        value = self.get(name)
        return "n/a" if value is None else self._money(value)

    def _money(self, value: float) -> str:
        return f"${value:,.2f}" if self.unit == "hour" else f"${value:,.0f}"

    @property
    def has_estimate(self) -> bool:
        """True when the median or the middle range is published (or top-coded)."""
        names: tuple[Percentile, ...] = ("p25", "median", "p75")
        return any(self.get(n) is not None or n in self.top_coded for n in names)


class SalaryInfo(_Frozen):
    """Wages for one occupation in one area, with the source to cite."""

    soc_code: str
    occupation_title: str
    area: Area
    requested_area: Area | None = None
    fallback: bool = False
    annual: WagePercentiles | None = None
    hourly: WagePercentiles | None = None
    annual_mean: float | None = None
    employment: int | None = None
    location_quotient: float | None = None
    notes: tuple[str, ...] = ()
    source: str = SALARY_SOURCE
    source_url: str = SALARY_SOURCE_URL

    @property
    def available(self) -> bool:
        return any(p is not None and p.has_estimate for p in (self.annual, self.hourly))

    def range_text(self) -> str:
        """'$105,210 - $171,980 (median $135,980)', hourly when only hourly is published."""
        for pct, unit in ((self.annual, ""), (self.hourly, "/hr")):
            if pct is not None and pct.has_estimate:
                if "p25" in pct.top_coded:
                    return f"{pct.display('p25')}{unit} (above the BLS reporting ceiling)"
                low, mid, high = pct.display("p25"), pct.display("median"), pct.display("p75")
                return f"{low}{unit} - {high}{unit} (median {mid}{unit})"
        return "no published estimate"

    def citation(self) -> str:
        return f"{self.source} ({self.area.name})"


# --- Profiles and matches ------------------------------------------------------------------------


class CareerProfile(BaseModel):
    """What the matcher needs to know about a person (not the ORM model).

    `current_role`: the job the person does now (title, alias or id). `leaving`: what they are
    moving away from: occupation ids/titles ("high school teacher") or fields ("teaching",
    "education", "tech"); paths in those families rank below the others and are marked.
    """

    model_config = ConfigDict(extra="ignore")

    skills: list[str] = Field(default_factory=list)
    experience_years: float | None = Field(default=None, ge=0, le=70)
    target_roles: list[str] = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)
    remote_ok: bool | None = None
    current_role: str | None = None
    leaving: list[str] = Field(default_factory=list)


class SkillGain(_Frozen):
    """A missing skill and how many percentage points adding it would add to the match."""

    skill: str
    category: SkillCategory
    core: bool
    gain_points: float


class ScoreBreakdown(_Frozen):
    """The parts of the ranking score (each 0..1), the weights they were combined with (summing
    to 1), the occupation-size prior (0..1) and the factor it scaled the score by
    (score = sum(weight * part) * prior_factor), plus the counts behind the fit percentage."""

    skill_coverage: float
    skill_relevance: float
    role_fit: float | None = None
    experience_fit: float | None = None
    prior: float = 0.5
    prior_factor: float = 1.0
    weights: dict[str, float]
    core_have: int = 0
    core_total: int = 0
    nice_have: int = 0
    nice_total: int = 0
    employment: int | None = None  # national jobs in the role's SOC code (BLS OEWS); the prior
    # uses this role's even share of it when several catalogue roles share the code

    def explain(self) -> str:
        parts = [
            f"skills covered {self.skill_coverage:.0%} (x{self.weights['skill_coverage']:.2f})",
            f"your skills used {self.skill_relevance:.0%} (x{self.weights['skill_relevance']:.2f})",
        ]
        if self.role_fit is not None:
            parts.append(f"target role fit {self.role_fit:.0%} (x{self.weights['role_fit']:.2f})")
        if self.experience_fit is not None:
            parts.append(
                f"experience fit {self.experience_fit:.0%} (x{self.weights['experience_fit']:.2f})"
            )
        text = ", ".join(parts)
        return f"({text}) x{self.prior_factor:.2f} for the occupation's size"


class CareerMatch(_Frozen):
    """One ranked path. `match_percent` is the fit percentage people see (coverage of the role's
    core skills, see `FIT_LEGEND`); `score` is the ranking score (how strongly the whole profile
    points here, with the occupation-size prior), used only for ordering."""

    occupation: Occupation
    score: float
    match_percent: int
    breakdown: ScoreBreakdown
    matched_skills: tuple[str, ...]
    missing_skills: tuple[SkillGain, ...]
    salary: SalaryInfo | None = None
    next_roles: tuple[OccupationRef, ...] = ()
    fit: float = 0.0  # 0..1, unrounded; match_percent = round(100 * fit)
    why: str = ""  # one line: the central skills you have, the prior, the field note
    education_fields: tuple[str, ...] = ()  # degree fields the role expects (shown as education)
    leaving_field: bool = False  # same family as what the person is leaving (ranked below)
    transferable_skills: tuple[str, ...] = ()  # career change: your skills this role uses


class MatchResult(_Frozen):
    """`match_careers`: ranked occupations plus what was understood from the profile."""

    skills: tuple[str, ...]
    unknown_skills: tuple[str, ...] = ()
    target_roles: tuple[OccupationRef, ...] = ()
    location: LocationResolution | None = None
    matches: tuple[CareerMatch, ...] = ()
    formula: str
    legend: str = ""  # one line for under the results: what the fit percentage means
    salary_source: str = SALARY_SOURCE
    current_role: OccupationRef | None = None
    leaving: tuple[str, ...] = ()  # what was understood: family names and/or occupation titles
    unknown_leaving: tuple[str, ...] = ()  # "leaving" items we could not place


class SkillGapReport(_Frozen):
    """`skill_gap`: what a person has and lacks for one occupation (`match_percent` is the fit
    percentage; `missing` holds learnable skills only, degree fields are in
    `education_fields`)."""

    occupation: Occupation
    score: float
    match_percent: int
    breakdown: ScoreBreakdown
    have: tuple[str, ...]
    missing: tuple[SkillGain, ...]
    fit: float = 0.0
    why: str = ""
    education_fields: tuple[str, ...] = ()
    legend: str = ""

"""The typed review every front end renders (Discord embed, terminal text)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from careermate_bot.services.resume.contact import ContactPresence


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class CheckResult(_Frozen):
    """One named check of the score: `points` of `max_points`, and why."""

    name: str  # stable id: "contact", "sections", "length", "action_verbs", ...
    label: str  # for people: "Contact details"
    points: float
    max_points: float
    detail: str

    @property
    def ratio(self) -> float:
        return self.points / self.max_points if self.max_points else 1.0


class Fix(_Frozen):
    """Something to change, with the score points it would recover and the line it is about."""

    check: str
    impact: float
    message: str
    quote: str | None = None


class MissingKeyword(_Frozen):
    skill: str
    core: bool
    gain_points: float  # match % points it would add (the /career gap formula)


class KeywordCoverage(_Frozen):
    occupation_id: str
    occupation_title: str
    matched: tuple[str, ...]
    missing: tuple[MissingKeyword, ...]
    total: int  # the role's core + nice-to-have skills
    percent: int  # matched / total
    match_percent: int  # the /career match % for this résumé's skills
    fit: float = 0.0  # the matcher's weighted coverage (core 75 %, rarer skills weigh more), 0..1


class FitSuggestion(_Frozen):
    occupation_id: str
    title: str
    match_percent: int


class ResumeStats(_Frozen):
    words: int
    pages: int | None = None
    bullets: int
    quantified: int
    action_verbs: int
    experience_years: float | None = None
    relevant_years: float | None = None  # years in roles that match the target role
    level: str  # "entry", "mid", "senior" (from the relevant years when there is a target)
    kind: str  # "pdf", "docx", "odt", "text", "paste"


class BulletSuggestion(_Frozen):
    """A deterministic rewrite suggestion for one weak bullet, built only from its own words:
    the verb to lead with, the duty phrase dropped, placeholders where a number belongs."""

    original: str
    text: str  # "Trained [N] new hires, [what changed] by [X%]"
    verb: str  # the verb it leads with ("Trained")
    dropped: str | None = None  # the duty phrase, first person or cliché removed
    number_hint: str | None = None  # where the number goes, in words


class ResumeReview(_Frozen):
    score: int = Field(ge=0, le=100)
    checks: tuple[CheckResult, ...]
    skills: list[str]  # canonical names, in order of first mention
    sections: tuple[str, ...]
    contact: ContactPresence  # presence only, never the values
    risks: tuple[str, ...] = ()
    stats: ResumeStats
    fixes: tuple[Fix, ...] = ()
    weak_bullets: tuple[str, ...] = ()  # the candidates for rewrites, weakest first
    suggestions: tuple[BulletSuggestion, ...] = ()  # model-free rewrites of the weak bullets
    target_role: str | None = None  # the occupation title reviewed against
    # Where the target came from: "given" (the user or their profile), "objective" (a stated
    # aim: "seeking an entry-level data analyst role"), "headline" (the title under the name),
    # "summary" (the summary's opening: "Registered nurse with 7 years..."); None = no target.
    target_source: str | None = None
    target_note: str | None = None  # e.g. did-you-mean when the role was not recognised
    coverage: KeywordCoverage | None = None
    best_fits: tuple[FitSuggestion, ...] = ()
    formula: str = ""

    def check(self, name: str) -> CheckResult | None:
        return next((c for c in self.checks if c.name == name), None)

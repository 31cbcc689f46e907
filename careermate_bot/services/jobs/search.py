"""/jobs: openings on this server's board that fit the user, then matching roles with BLS pay.

Discord-free. `search_jobs` returns a `JobSearch` with 5-7 items when enough exist: board
postings first (ranked by match %), then roles with the salary range for the location and
search links to the major job boards. A role/keyword query can be a job title ("data analyst"),
a skill ("python": roles that use it) or a field ("tech", "healthcare").
"""

from __future__ import annotations

import re
from typing import Literal, TypedDict

from pydantic import BaseModel, ConfigDict

from careermate_bot.common.salary_input import parse_salary
from careermate_bot.common.user_text import quote
from careermate_bot.errors import InvalidInput, UserFacingError
from careermate_bot.knowledge import (
    SALARY_SOURCE,
    CareerProfile,
    KnowledgeBase,
    LocationResolution,
    Occupation,
    SalaryInfo,
)
from careermate_bot.knowledge.strict import (
    did_you_mean_role,
    location_label,
    preferred_location,
    resolve_location_strict,
)
from careermate_bot.services import profile as profiles
from careermate_bot.services.jobs import board as job_board
from careermate_bot.services.jobs.board import PostingSnapshot
from careermate_bot.services.jobs.links import job_board_links, search_place
from careermate_bot.services.jobs.saved import SaveRequest, posting_key, role_key
from careermate_bot.services.profile import ProfileSnapshot
from models.jobs import SavedKind

MAX_RESULTS = 7
MIN_RESULTS = 5
MAX_POSTINGS = 5
STRONG_TITLE_HIT = 90.0
ROLE_QUERY_MAX = 100

FAMILY_WORDS: dict[str, str] = {
    "tech": "tech",
    "technology": "tech",
    "it": "tech",
    "software": "tech",
    "data": "data",
    "design": "design",
    "product": "product",
    "business": "business",
    "finance": "finance",
    "financial": "finance",
    "marketing": "marketing",
    "sales": "sales",
    "healthcare": "healthcare",
    "health": "healthcare",
    "medical": "healthcare",
    "education": "education",
    "teaching": "education",
    "engineering": "engineering",
    "science": "science",
    "legal": "legal",
    "law": "legal",
    "trades": "trades",
    "public service": "public service",
    "government": "public service",
}
_WORD = re.compile(r"[a-z0-9+#.]+")
_STOP = frozenset({"a", "an", "and", "the", "of", "for", "in", "jobs", "job", "role", "roles"})


class Link(BaseModel):
    model_config = ConfigDict(frozen=True)

    board: str
    url: str


class PostingHit(BaseModel):
    model_config = ConfigDict(frozen=True)

    posting: PostingSnapshot
    match_percent: int | None
    matched_skills: tuple[str, ...] = ()
    missing_skills: tuple[str, ...] = ()


class RoleHit(BaseModel):
    model_config = ConfigDict(frozen=True)

    occupation: Occupation
    salary: SalaryInfo | None
    match_percent: int | None
    matched_skills: tuple[str, ...] = ()
    missing_skills: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()


class JobItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: Literal["posting", "role"]
    posting: PostingHit | None = None
    role: RoleHit | None = None

    @property
    def title(self) -> str:
        if self.posting is not None:
            return self.posting.posting.title
        assert self.role is not None
        return self.role.occupation.title


class JobQuery(BaseModel):
    model_config = ConfigDict(frozen=True)

    user_id: int
    display_name: str | None = None
    guild_id: int | None = None
    role: str | None = None
    location: str | None = None
    min_salary: str | int | None = None
    remote: bool | None = None
    occupation_id: str | None = None  # "Find jobs for this path": this role first


class JobSearch(BaseModel):
    """The answer; `items` is what the pager shows, one per page."""

    model_config = ConfigDict(frozen=True)

    items: tuple[JobItem, ...]
    query: str | None
    location_label: str
    area_code: str | None
    area_name: str | None
    remote: bool
    min_salary: int | None
    in_guild: bool
    notes: tuple[str, ...] = ()
    salary_source: str = SALARY_SOURCE

    def filters_text(self) -> str:
        parts = [f"for {quote(self.query, 60)}" if self.query else "for your profile"]
        parts.append("remote" if self.remote else f"in {self.location_label}")
        if self.min_salary:
            parts.append(f"median pay ≥ ${self.min_salary:,}")
        return ", ".join(parts)


# -- query understanding ---------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 1}


def _family(text: str) -> str | None:
    return FAMILY_WORDS.get(" ".join(text.casefold().split()))


def _candidate_roles(kb: KnowledgeBase, text: str) -> list[Occupation]:
    """Occupations a role/keyword query means: a field, a skill, or titles."""
    family = _family(text)
    if family is not None:
        return [o for o in kb.occupations if o.family == family]
    hits = kb.search_occupations(text, limit=12)
    strong = [h.occupation for h in hits if h.score >= STRONG_TITLE_HIT]
    if strong:
        return strong
    skills, _ = kb.normalize_skills([text])
    if skills:
        wanted = set(skills)
        return [o for o in kb.occupations if wanted & (set(o.core_skills) | set(o.nice_skills))]
    resolution = kb.resolve_occupation(text)
    if resolution.occupation is not None:
        return [resolution.occupation]
    raise InvalidInput(did_you_mean_role(resolution))


def _place(
    kb: KnowledgeBase, query: JobQuery, profile: ProfileSnapshot
) -> tuple[LocationResolution | None, bool, list[str]]:
    """(location, remote wanted, notes) from the options, else the profile."""
    notes: list[str] = []
    remote = bool(query.remote)
    text = (query.location or "").strip()
    if text:
        if text.casefold() in job_board.REMOTE_WORDS:
            return kb.resolve_location("remote"), True, notes
        place = resolve_location_strict(kb, text)
        if place.message and not place.remote:
            notes.append(place.message)
        return place, remote or place.remote, notes
    if remote:
        return kb.resolve_location("remote"), True, notes
    saved, note = preferred_location(kb, profile.locations, profile.remote_ok)
    if note:
        notes.append(note)
    return saved, saved is not None and saved.remote, notes


# -- scoring --------------------------------------------------------------------------------------


def _posting_matches_query(
    posting: PostingSnapshot, words: set[str], roles: list[Occupation], kb: KnowledgeBase
) -> bool:
    text = " ".join([posting.title, posting.company, posting.description, *posting.skills])
    if words and words <= _words(text):
        return True
    if roles:
        found = kb.resolve_occupation(posting.title).occupation
        if found is not None and found.id in {r.id for r in roles}:
            return True
    return False


def _posting_in_place(
    kb: KnowledgeBase, posting: PostingSnapshot, place: LocationResolution | None, remote: bool
) -> bool:
    if remote:
        return posting.remote
    if place is None or place.area is None or place.area.is_national or posting.remote:
        return True
    where = kb.resolve_location(posting.location)
    if where.area is None:
        return False
    return where.area.code == place.area.code or (
        where.area.state_code == place.area.state_code and where.area.kind != "national"
    )


def _posting_hit(
    kb: KnowledgeBase, posting: PostingSnapshot, skills: list[str], career: CareerProfile
) -> PostingHit:
    have = {s.casefold() for s in skills}
    if posting.skills:
        matched = tuple(s for s in posting.skills if s.casefold() in have)
        missing = tuple(s for s in posting.skills if s.casefold() not in have)
        percent = round(100 * len(matched) / len(posting.skills))
        return PostingHit(
            posting=posting, match_percent=percent, matched_skills=matched, missing_skills=missing
        )
    occupation = kb.resolve_occupation(posting.title).occupation
    if occupation is None or not skills:
        return PostingHit(posting=posting, match_percent=None)
    gap = kb.skill_gap(career, occupation)
    return PostingHit(
        posting=posting,
        match_percent=gap.match_percent,
        matched_skills=gap.have,
        missing_skills=tuple(g.skill for g in gap.missing[:5]),
    )


def _meets_salary(salary: SalaryInfo | None, minimum: int | None) -> bool:
    if minimum is None:
        return True
    if salary is None or salary.annual is None:
        return False
    annual = salary.annual
    if "median" in annual.top_coded:
        return True
    return annual.median is not None and annual.median >= minimum


def _posting_meets_salary(posting: PostingSnapshot, minimum: int | None) -> bool:
    if minimum is None or posting.salary_min is None:
        return True  # unknown pay: keep it, the embed says the pay isn't given
    top = posting.salary_max if posting.salary_max is not None else posting.salary_min
    if posting.salary_max is None:  # "100k+": open at the top
        return True
    return top >= minimum


async def search_jobs(kb: KnowledgeBase, query: JobQuery) -> JobSearch:
    role_text = " ".join((query.role or "").split())
    if len(role_text) > ROLE_QUERY_MAX:
        raise InvalidInput(f"Please keep the role or keywords under {ROLE_QUERY_MAX} characters.")
    minimum = (
        query.min_salary
        if isinstance(query.min_salary, int) or query.min_salary is None
        else parse_salary(query.min_salary)
    )
    profile = await profiles.get_or_create(query.user_id, query.display_name)
    if minimum is None:
        minimum = profile.min_salary
    skills, _ = kb.normalize_skills(profile.skills) if profile.skills else ([], [])
    career = CareerProfile(
        skills=skills,
        experience_years=profile.experience_years,
        target_roles=list(profile.target_roles),
    )
    place, remote, notes = _place(kb, query, profile)
    used_query = role_text or None

    # Roles: one path, the query, else the saved target role, else the best career matches.
    roles: list[Occupation]
    primary: Occupation | None = None
    if query.occupation_id:
        primary = kb.get_occupation(query.occupation_id)
        if primary is None:
            raise InvalidInput("I don't know that role any more. Run /career paths again.")
        role_text = used_query = primary.title
        roles = [primary]
        roles += [o for o in (kb.get_occupation(r.id) for r in kb.next_roles(primary)) if o]
        roles += [
            h.occupation
            for h in kb.search_occupations(primary.title, limit=8)
            if h.score >= STRONG_TITLE_HIT
        ]
        roles += [o for o in kb.occupations if o.soc_code == primary.soc_code]
    elif role_text:
        roles = _candidate_roles(kb, role_text)
    elif profile.target_roles:
        used_query = profile.target_roles[0]
        try:
            roles = _candidate_roles(kb, used_query)
        except InvalidInput:
            roles = []
        if skills:
            roles += [m.occupation for m in kb.match_careers(career, top=10).matches]
    elif skills:
        roles = [m.occupation for m in kb.match_careers(career, top=12).matches]
    else:
        raise UserFacingError(
            "Tell me what to look for: `/jobs search role:Data Analyst` (or keywords like "
            "`python` or `healthcare`), or save your skills with `/career paths skills:...` "
            "and I'll match jobs to you.",
            detail="no role and no skills",
        )

    role_hits: list[RoleHit] = []
    seen: set[str] = set()
    area = place.area if place is not None else None
    board_place = search_place(area.name) if area is not None and not area.is_national else None
    for occupation in roles:
        if occupation.id in seen:
            continue
        seen.add(occupation.id)
        salary: SalaryInfo | None = kb.salary(occupation, place)
        if not _meets_salary(salary, minimum):
            continue
        matched: tuple[str, ...] = ()
        missing: tuple[str, ...] = ()
        percent: int | None = None
        if skills:
            gap = kb.skill_gap(career, occupation)
            percent, matched = gap.match_percent, gap.have
            missing = tuple(g.skill for g in gap.missing[:3])
        links = tuple(
            Link(board=link.board, url=link.url)
            for link in job_board_links(occupation.title, board_place, remote=remote)
        )
        role_hits.append(
            RoleHit(
                occupation=occupation,
                salary=salary,
                match_percent=percent,
                matched_skills=matched,
                missing_skills=missing,
                links=links,
            )
        )
    first = primary.id if primary is not None else None
    role_hits.sort(
        key=lambda h: (
            h.occupation.id != first,
            -(h.match_percent or 0) if skills else 0,
            h.occupation.title if skills else "",
        )
    )

    posting_hits: list[PostingHit] = []
    if query.guild_id is not None:
        words = _words(role_text)
        for posting in await job_board.open_postings(query.guild_id):
            if not _posting_in_place(kb, posting, place if query.location else None, remote):
                continue
            if not _posting_meets_salary(posting, minimum):
                continue
            if role_text and not _posting_matches_query(posting, words, roles, kb):
                continue
            hit = _posting_hit(kb, posting, skills, career)
            if not role_text and not hit.match_percent:
                continue  # no query: only openings that use some of the user's skills
            posting_hits.append(hit)
        posting_hits.sort(key=lambda h: (-(h.match_percent or 0), -h.posting.id))
    else:
        notes.append("Server job boards show up when you use /jobs inside a server.")

    items = [JobItem(kind="posting", posting=h) for h in posting_hits[:MAX_POSTINGS]]
    room = MAX_RESULTS - len(items)
    items += [JobItem(kind="role", role=h) for h in role_hits[:room]]
    if not items:
        raise UserFacingError(
            "Nothing matched those filters. Try a lower minimum salary, another location, or "
            "broader keywords.",
            detail=f"no results for {query!r}",
        )
    if role_hits and any(h.salary is not None and h.salary.fallback for h in role_hits[:room]):
        notes.append("Where BLS publishes no local figure, a role shows a wider area's pay.")
    return JobSearch(
        items=tuple(items),
        query=used_query,
        location_label=location_label(place),
        area_code=area.code if area is not None else None,
        area_name=area.name if area is not None else None,
        remote=remote,
        min_salary=minimum,
        in_guild=query.guild_id is not None,
        notes=tuple(notes),
    )


def save_request(item: JobItem, search: JobSearch) -> SaveRequest:
    """What the Save button stores for one result."""
    if item.posting is not None:
        posting = item.posting.posting
        pay = posting.salary_text() or "pay not given"
        return SaveRequest(
            kind=SavedKind.POSTING,
            key=posting_key(posting.id),
            title=posting.title,
            subtitle=f"{posting.company} · {posting.where()}",
            detail=pay,
            url=posting.url,
            posting_id=posting.id,
        )
    assert item.role is not None
    role = item.role
    salary = role.salary
    detail = (
        f"{salary.range_text()} in {salary.area.name} ({salary.source})"
        if salary is not None and salary.available
        else "no published pay figure"
    )
    first_link = role.links[0].url if role.links else None
    return SaveRequest(
        kind=SavedKind.ROLE,
        key=role_key(role.occupation.id, search.area_code),
        title=role.occupation.title,
        subtitle=f"Role · {'remote' if search.remote else search.location_label}",
        detail=detail,
        url=first_link,
        occupation_id=role.occupation.id,
        area_code=search.area_code,
    )


class LegacyFilters(TypedDict):
    """`JobQuery` fields read from a classic `!job_match` line."""

    remote: bool | None
    role: str | None
    location: str | None
    min_salary: str | None


def parse_legacy_filters(text: str, kb: KnowledgeBase) -> LegacyFilters:
    """`!job_match Remote, Tech, 90k+` -> {"remote": True, "role": "Tech", "min_salary": "90k+"}.

    Each comma-separated item is a remote word, a salary, a place BLS knows, or else keywords.
    """
    out = LegacyFilters(remote=None, role=None, location=None, min_salary=None)
    keywords: list[str] = []
    # Commas separate items, except a thousands separator ("$80,000").
    items = [" ".join(p.split()) for p in re.split(r"[;,](?!\d{3}(?:\D|$))", text or "")]
    for item in (i for i in items if i):
        lowered = item.casefold()
        if lowered in job_board.REMOTE_WORDS:
            out["remote"] = True
            continue
        if re.search(r"\d", item):
            try:
                parse_salary(item)
            except InvalidInput:
                pass
            else:
                out["min_salary"] = item
                continue
        if out["location"] is None and _family(item) is None:
            place = kb.resolve_location(item)
            if place.area is not None and place.confidence >= 95 and not place.remote:
                hits = kb.search_occupations(item, limit=1)
                if not hits or hits[0].score < STRONG_TITLE_HIT:
                    out["location"] = item
                    continue
        keywords.append(item)
    if keywords:
        out["role"] = " ".join(keywords)
    return out

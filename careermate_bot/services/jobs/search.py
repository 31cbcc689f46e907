"""/jobs: openings on this server's board that fit the user, then matching roles with BLS pay.

Discord-free. `search_jobs` returns a `JobSearch` with 5-7 items whenever the query has a
sensible answer: board postings first (ranked by fit %), then roles with the salary range for
the location and search links to the major job boards; a note says so when fewer than 5 fit the
filters. A role/keyword query can be a job title ("data analyst": that role first, then its
specialisations and nearest related roles, ranked by the user's fit), a skill ("python": roles
that use it) or a field ("tech", "healthcare"). Work words in it are understood and taken out:
remote / hybrid / on-site, part-time and schedule words ("weekends only", "evenings").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypedDict

from pydantic import BaseModel, ConfigDict

from careermate_bot.common.salary_input import parse_salary
from careermate_bot.common.user_text import quote
from careermate_bot.errors import InvalidInput, UserFacingError
from careermate_bot.knowledge import (
    FIT_LEGEND,
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
RELATED_POOL = 10  # a named role's nearest related roles considered (more if filters drop some)

Arrangement = Literal["remote", "hybrid", "on-site"]
Relation = Literal["named", "specialisation", "related", "match"]
_ARRANGEMENTS: tuple[tuple[Arrangement, re.Pattern[str]], ...] = (
    (
        "remote",
        re.compile(r"\b(?:fully\s+)?remote(?:ly)?\b|\bwork(?:ing)?\s+from\s+home\b|\bwfh\b"),
    ),
    ("hybrid", re.compile(r"\bhybrid\b")),
    ("on-site", re.compile(r"\bon[- ]?site\b|\bin[- ]person\b|\bin[- ]office\b")),
)
_PART_TIME = re.compile(r"\bpart[- ]?time\b")
_SCHEDULE = re.compile(
    r"\b(?:full[- ]?time|night\s+shifts?|overnight|flexible\s+(?:hours|schedule)"
    r"|school\s+hours|(?:weekends?|evenings?|nights?|mornings?|weekdays?|days)(?:\s+only)?)\b"
)
_EVENING_WEEKEND = re.compile(r"weekend|evening|night|overnight")
_JOB_WORDS = re.compile(
    r"^(?:(?:please|can you|could you|i need help|help me|i want to|i'd like to|i would like to)"
    r"\s+)*(?:(?:find|finding|show|get|search for|searching for|look for|looking for)"
    r"(?:\s+(?:me|us))?\s+)?(?:(?:a|an|some|any)\s+)?"
    r"|\s+(?:jobs?|roles?|positions?|openings?|work|opportunities)$"
)

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


@dataclass(frozen=True)
class WorkWishes:
    """Work words found in a role query ("part time barista, weekends only")."""

    arrangement: Arrangement | None = None
    part_time: bool = False
    schedule: tuple[str, ...] = ()  # other schedule words as written ("weekends only")

    @property
    def any_schedule(self) -> bool:
        return self.part_time or bool(self.schedule)

    def label(self) -> str:
        parts = ["part-time"] if self.part_time else []
        return ", ".join([*parts, *self.schedule])


def split_work_words(text: str) -> tuple[str, WorkWishes]:
    """('part time barista weekends only') -> ('barista', part-time + 'weekends only')."""
    rest = " " + text.casefold() + " "
    arrangement: Arrangement | None = None
    for name, pattern in _ARRANGEMENTS:
        if pattern.search(rest):
            arrangement = arrangement or name
            rest = pattern.sub(" ", rest)
    part_time = bool(_PART_TIME.search(rest))
    rest = _PART_TIME.sub(" ", rest)
    schedule = tuple(dict.fromkeys(" ".join(m.group().split()) for m in _SCHEDULE.finditer(rest)))
    rest = _SCHEDULE.sub(" ", rest)
    rest = re.sub(r"[,;/&]+|\b(?:and|or|with|only)\b", " ", rest)
    cleaned = " ".join(rest.split())
    cleaned = _JOB_WORDS.sub("", cleaned).strip()
    if cleaned == " ".join(text.casefold().split()):
        cleaned = " ".join(text.split())  # nothing taken out: keep the user's own spelling
    return cleaned, WorkWishes(arrangement, part_time, schedule)


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
    """A matching role. `match_percent` is the fit % (share of the role's core skills the user
    has, see `FIT_LEGEND`); `salary` is always for the search's pay area (national when the
    search is remote), so the card's place and pay agree."""

    model_config = ConfigDict(frozen=True)

    occupation: Occupation
    salary: SalaryInfo | None
    match_percent: int | None
    matched_skills: tuple[str, ...] = ()
    missing_skills: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    relation: Relation = "match"
    why: str = ""
    work_patterns: tuple[str, ...] = ()  # e.g. "part_time", when the catalogue says so


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
    arrangement: Arrangement | None = None  # remote / hybrid / on-site, when asked for
    schedule: str | None = None  # "part-time, weekends only", when asked for
    legend: str = FIT_LEGEND  # one line under the results: what the fit % means

    def filters_text(self) -> str:
        parts = [f"for {quote(self.query, 60)}" if self.query else "for your profile"]
        parts.append("remote" if self.remote else f"in {self.location_label}")
        if self.arrangement in ("hybrid", "on-site"):
            parts.append(self.arrangement)
        if self.schedule:
            parts.append(self.schedule)
        if self.min_salary:
            parts.append(f"median pay ≥ ${self.min_salary:,}")
        return ", ".join(parts)


# -- query understanding ---------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 1}


def _family(text: str) -> str | None:
    return FAMILY_WORDS.get(" ".join(text.casefold().split()))


@dataclass
class _Roles:
    """What a query means: roles in order of closeness, the named role (if one), and how each
    role relates to it."""

    roles: list[Occupation]
    primary: Occupation | None = None
    relation: dict[str, Relation] | None = None
    kind: Literal["title", "field", "skill", "profile"] = "title"
    skills: tuple[str, ...] = ()  # a skill query's skills
    note: str | None = None


def _candidate_roles(kb: KnowledgeBase, text: str) -> _Roles:
    """Occupations a role/keyword query means: a field, a title (with its specialisations and
    nearest related roles), or a skill."""
    family = _family(text)
    if family is not None:
        return _Roles([o for o in kb.occupations if o.family == family], kind="field")
    hits = kb.search_occupations(text, limit=12)
    strong = [h.occupation for h in hits if h.score >= STRONG_TITLE_HIT]
    if strong:
        resolution = kb.resolve_occupation(text)
        resolved = resolution.occupation
        if resolved is None and resolution.suggestions:
            # "teacher": several roles answer to it; those named so first, commonest first.
            words = _words(text)
            options = list(dict.fromkeys([*resolution.suggestions, *strong]))
            options.sort(key=lambda o: (not words & _words(o.title), -(kb.role_jobs(o) or 0)))
            found = _named_role(kb, options[0], options[1:])
            relation: dict[str, Relation] = dict(found.relation or {})
            relation.update({o.id: "specialisation" for o in options})
            return _Roles(
                found.roles,
                relation=relation,
                note=f"“{text}” covers several roles; those named so come first, commonest first.",
            )
        primary = resolved if resolved is not None and resolved in strong else strong[0]
        return _named_role(kb, primary, [o for o in strong if o.id != primary.id])
    skills, _ = kb.normalize_skills([text])
    if skills:
        wanted = set(skills)
        roles = [o for o in kb.occupations if wanted & (set(o.core_skills) | set(o.nice_skills))]
        return _Roles(roles, kind="skill", skills=tuple(skills))
    resolution = kb.resolve_occupation(text)
    if resolution.occupation is not None:
        return _named_role(kb, resolution.occupation, [])
    raise InvalidInput(did_you_mean_role(resolution))


def _named_role(
    kb: KnowledgeBase, primary: Occupation, titled: list[Occupation], pool: int = RELATED_POOL
) -> _Roles:
    """The role, its specialisations (roles sharing its SOC code, or whose title names the
    query) and its nearest related roles (next steps, then skill similarity)."""
    relation: dict[str, Relation] = {primary.id: "named"}
    roles = [primary]
    for occ in [*titled, *(o for o in kb.occupations if o.soc_code == primary.soc_code)]:
        if occ.id not in relation:
            relation[occ.id] = "specialisation"
            roles.append(occ)
    for occ in kb.related_occupations(primary, limit=pool):
        if occ.id not in relation:
            relation[occ.id] = "related"
            roles.append(occ)
    return _Roles(roles, primary=primary, relation=relation, kind="title")


def _place(
    kb: KnowledgeBase, query: JobQuery, profile: ProfileSnapshot, wishes: WorkWishes
) -> tuple[LocationResolution | None, bool, list[str]]:
    """(where pay is shown, remote wanted, notes) from the options, else the profile. Remote
    work is paid at national level, so a remote search always shows national pay."""
    notes: list[str] = []
    remote = bool(query.remote) or wishes.arrangement == "remote"
    text = (query.location or "").strip()
    if text and text.casefold() in job_board.REMOTE_WORDS:
        return kb.resolve_location("remote"), True, notes
    if remote:
        if text:
            place = resolve_location_strict(kb, text)
            notes.append(
                f"Remote work: pay is shown at U.S. national level, not for {place.area.name}."
                if place.area is not None and not place.area.is_national
                else "Remote work: pay is shown at U.S. national level."
            )
        return kb.resolve_location("remote"), True, notes
    if text:
        place = resolve_location_strict(kb, text)
        if place.message and not place.remote:
            notes.append(place.message)
        return place, place.remote, notes
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


def _posting_fits_wishes(posting: PostingSnapshot, wishes: WorkWishes, remote: bool) -> bool:
    """Hybrid, on-site and schedule wishes, as far as the posting's own text says."""
    text = " ".join([posting.title, posting.location, posting.description]).casefold()
    if wishes.arrangement == "hybrid" and "hybrid" not in text:
        return False
    if wishes.arrangement == "on-site" and posting.remote:
        return False
    if wishes.part_time and not _PART_TIME.search(text):
        return False
    for word in wishes.schedule:
        if word.startswith("full"):
            if not re.search(r"\bfull[- ]?time\b", text):
                return False
        elif not re.search(rf"\b{re.escape(word.split()[0].rstrip('s'))}", text):
            return False
    return True


def _schedule_notes(
    kb: KnowledgeBase, wishes: WorkWishes, hits: list[RoleHit], in_guild: bool
) -> list[str]:
    """Say plainly what could and couldn't be filtered; name roles only where the catalogue
    says they often work that way."""
    notes: list[str] = []
    if wishes.arrangement == "hybrid":
        notes.append(
            "Hybrid: I can only tell from a posting's own text"
            + (" (board postings shown say hybrid)" if in_guild else "")
            + "; roles below are occupations, so check hybrid options with the search links."
        )
    elif wishes.arrangement == "on-site" and in_guild:
        notes.append("On-site: remote-only board postings are left out.")
    if not wishes.any_schedule:
        return notes
    asked = wishes.label()
    text = f"I can't filter roles by schedule ({asked})"
    if in_guild:
        text += "; board postings shown mention it"
    wanted = []
    if wishes.part_time:
        wanted.append(("part_time", "part-time work"))
    if any(_EVENING_WEEKEND.search(w) for w in wishes.schedule):
        wanted.append(("evenings_weekends", "evening and weekend shifts"))
    named = []
    for pattern, words in wanted:
        titles = [h.occupation.title for h in hits if pattern in h.work_patterns]
        if titles:
            named.append(f"these roles often offer {words}: {', '.join(titles[:4])}")
    notes.append(text + ("; " + "; ".join(named) if named else "") + ".")
    return notes


def _role_hit(
    kb: KnowledgeBase,
    occupation: Occupation,
    career: CareerProfile,
    skills: list[str],
    place: LocationResolution | None,
    board_place: str | None,
    remote: bool,
    relation: Relation,
) -> RoleHit:
    salary: SalaryInfo | None = kb.salary(occupation, place)
    matched: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    percent: int | None = None
    why = ""
    if skills:
        gap = kb.skill_gap(career, occupation)
        percent, matched, why = gap.match_percent, gap.have, gap.why
        missing = tuple(g.skill for g in gap.missing[:3])
    links = tuple(
        Link(board=link.board, url=link.url)
        for link in job_board_links(occupation.title, board_place, remote=remote)
    )
    return RoleHit(
        occupation=occupation,
        salary=salary,
        match_percent=percent,
        matched_skills=matched,
        missing_skills=missing,
        links=links,
        relation=relation,
        why=why,
        work_patterns=tuple(sorted(kb.work_patterns(occupation))),
    )


async def search_jobs(kb: KnowledgeBase, query: JobQuery) -> JobSearch:
    typed = " ".join((query.role or "").split())
    if len(typed) > ROLE_QUERY_MAX:
        raise InvalidInput(f"Please keep the role or keywords under {ROLE_QUERY_MAX} characters.")
    role_text, wishes = split_work_words(typed)
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
    place, remote, notes = _place(kb, query, profile, wishes)
    used_query = role_text or None

    # Roles: one path, the query, else the saved target role, else the best career matches.
    found: _Roles
    if query.occupation_id:
        primary = kb.get_occupation(query.occupation_id)
        if primary is None:
            raise InvalidInput("I don't know that role any more. Run /career paths again.")
        role_text = used_query = primary.title
        found = _named_role(kb, primary, [])
    elif role_text:
        found = _candidate_roles(kb, role_text)
    elif profile.target_roles:
        used_query = profile.target_roles[0]
        try:
            found = _candidate_roles(kb, used_query)
        except InvalidInput:
            found = _Roles([], kind="profile")
        if skills:
            found.roles += [m.occupation for m in kb.match_careers(career, top=10).matches]
    elif skills:
        found = _Roles(
            [m.occupation for m in kb.match_careers(career, top=12).matches], kind="profile"
        )
    elif wishes.arrangement or wishes.any_schedule:
        raise UserFacingError(
            f"Tell me what kind of {wishes.label() or wishes.arrangement} work to look for: a "
            "role like `/jobs search role:cashier part-time`, or save your skills with "
            "`/career paths skills:...`.",
            detail="work words only",
        )
    else:
        raise UserFacingError(
            "Tell me what to look for: `/jobs search role:Data Analyst` (or keywords like "
            "`python` or `healthcare`), or save your skills with `/career paths skills:...` "
            "and I'll match jobs to you.",
            detail="no role and no skills",
        )

    area = place.area if place is not None else None
    board_place = (
        search_place(area.name)
        if area is not None and not area.is_national and not remote
        else None
    )
    relation = dict(found.relation or {})
    role_hits: list[RoleHit] = []
    order: dict[str, int] = {}
    by_title = found.kind == "title"
    # A named role's candidates come in closeness order (the closest that pass the filters are
    # kept, then ranked by fit); a field's or a skill's in the matcher's order for this user
    # (a skill query counts as one of their skills).
    candidates = found.roles
    if found.kind in ("field", "skill"):
        ranking = career.model_copy(update={"skills": [*skills, *found.skills]})
        candidates = kb.rank_occupations(ranking, found.roles)

    def add_roles(pool: list[Occupation], limit: int) -> None:
        for occupation in pool:
            if len(role_hits) >= limit:
                return
            if occupation.id in order:
                continue
            order[occupation.id] = len(order)
            hit = _role_hit(
                kb,
                occupation,
                career,
                skills,
                place,
                board_place,
                remote,
                relation.get(occupation.id, "match"),
            )
            if _meets_salary(hit.salary, minimum):
                role_hits.append(hit)

    add_roles(candidates, MAX_RESULTS if by_title else 3 * MAX_RESULTS)
    anchor = found.primary or (role_hits[0].occupation if role_hits else None)
    if anchor is None and candidates:
        anchor = candidates[0]
    if anchor is not None and len(role_hits) < MAX_RESULTS:
        # Too few (a rare skill, or filters dropped some): widen to the nearest related roles.
        for occ in kb.related_occupations(anchor, limit=4 * RELATED_POOL):
            relation.setdefault(occ.id, "related")
        add_roles(kb.related_occupations(anchor, limit=4 * RELATED_POOL), MAX_RESULTS)
    first = found.primary.id if found.primary is not None else None
    schedule_tag = "part_time" if wishes.part_time else None
    if wishes.schedule and any(_EVENING_WEEKEND.search(w) for w in wishes.schedule):
        schedule_tag = schedule_tag or "evenings_weekends"
    role_hits.sort(
        key=lambda h: (
            h.occupation.id != first,
            schedule_tag is not None and schedule_tag not in h.work_patterns,
            -(h.match_percent or 0) if skills and by_title else 0,
            order[h.occupation.id],
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
            if not _posting_fits_wishes(posting, wishes, remote):
                continue
            if role_text and not _posting_matches_query(posting, words, found.roles, kb):
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
    shown_roles = role_hits[:room]
    items += [JobItem(kind="role", role=h) for h in shown_roles]
    if not items:
        raise UserFacingError(
            "Nothing matched those filters. Try a lower minimum salary, another location, or "
            "broader keywords.",
            detail=f"no results for {query!r}",
        )
    if found.note:
        notes.append(found.note)
    if found.primary is not None and shown_roles and shown_roles[0].relation == "named":
        notes.append(
            f"{found.primary.title} first, then its specialisations and nearest related roles"
            + (", by your fit." if skills else ".")
        )
    notes += _schedule_notes(kb, wishes, shown_roles, query.guild_id is not None)
    if len(items) < MIN_RESULTS:
        notes.append(
            f"Only {len(items)} result{'s' if len(items) != 1 else ''} fit these filters"
            + (" (minimum pay)" if minimum else "")
            + "; loosen them for more."
        )
    if any(h.salary is not None and h.salary.fallback for h in shown_roles):
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
        arrangement=wishes.arrangement,
        schedule=wishes.label() or None,
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

"""A server's job board: members with the right permission post openings; they expire.

Discord-free: the cog decides who may post (`may_post`) from the member's permissions and roles,
hands the raw form text to `validate_draft`, and stores it with `create_posting`. Everything
returns `PostingSnapshot`s, never ORM rows.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict
from tortoise.transactions import in_transaction

from careermate_bot.common.salary_input import SalaryRange, parse_salary_range
from careermate_bot.common.user_text import (
    is_invisible,
    quote,
    visible_multiline,
    visible_text,
)
from careermate_bot.common.user_text import split_list as split_skills
from careermate_bot.errors import InvalidInput, UserFacingError
from models import JobPosting, UserProfile

TITLE_MAX = 100
COMPANY_MAX = 100
LOCATION_MAX = 100
SKILLS_TEXT_MAX = 400
MAX_SKILLS = 15
URL_MAX = 512
DESCRIPTION_MAX = 1000  # shown in an embed field (1,024 characters)
DEFAULT_DAYS = 30
MAX_DAYS = 90
MAX_OPEN_PER_GUILD = 200
REMOTE_WORDS = ("remote", "anywhere", "work from home", "wfh")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")

SkillNormaliser = Callable[[Iterable[str]], tuple[list[str], list[str]]]
"""(items) -> (canonical skills, items not recognised); `KnowledgeBase.normalize_skills`."""


class PostingSnapshot(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    guild_id: int
    poster_id: int  # Discord user id
    title: str
    company: str
    location: str
    remote: bool
    salary_min: int | None
    salary_max: int | None
    skills: tuple[str, ...]
    url: str | None
    description: str
    created_at: datetime
    expires_at: datetime
    closed_at: datetime | None

    @classmethod
    def of(cls, row: JobPosting, poster_id: int) -> PostingSnapshot:
        return cls(
            id=row.id,
            guild_id=row.guild_id,
            poster_id=poster_id,
            title=row.title,
            company=row.company,
            location=row.location,
            remote=row.remote,
            salary_min=row.salary_min,
            salary_max=row.salary_max,
            skills=tuple(row.skills or ()),
            url=row.url,
            description=row.description,
            created_at=row.created_at,
            expires_at=row.expires_at,
            closed_at=row.closed_at,
        )

    def is_open(self, now: datetime | None = None) -> bool:
        return self.closed_at is None and self.expires_at > (now or datetime.now(UTC))

    def salary_text(self) -> str | None:
        if self.salary_min is None:
            return None
        return SalaryRange(self.salary_min, self.salary_max).text()

    def where(self) -> str:
        if self.remote and self.location and self.location.casefold() != "remote":
            return f"{self.location} (remote OK)"
        return "Remote" if self.remote else self.location


class PostingDraft(BaseModel):
    """A validated posting, ready to store."""

    model_config = ConfigDict(frozen=True)

    title: str
    company: str
    location: str
    remote: bool
    salary: SalaryRange | None
    skills: tuple[str, ...]
    unknown_skills: tuple[str, ...]
    url: str | None
    description: str
    days: int


def may_post(*, manage_guild: bool, role_ids: Iterable[int], poster_role_id: int | None) -> bool:
    """Members with Manage Server, or with the role JOB_POSTER_ROLE_ID names, may post."""
    return manage_guild or (poster_role_id is not None and poster_role_id in set(role_ids))


def _one_line(text: str | None) -> str:
    return visible_text(text)


def _required(text: str | None, what: str, limit: int) -> str:
    value = _one_line(text)
    if not value:
        raise InvalidInput(f"Please fill in the {what}.")
    if len(value) > limit:
        raise InvalidInput(f"The {what} may be at most {limit} characters (it has {len(value)}).")
    return value


def _host_ascii(host: str) -> str:
    """The host in ASCII (IDNA for non-ASCII names), checked label by label; raises ValueError."""
    host = host.rstrip(".")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return str(address) if address.version == 4 else f"[{address}]"
    if not host or len(host) > 253:
        raise ValueError("bad length")
    labels = []
    for label in host.split("."):
        ascii_label = label.encode("idna").decode("ascii") if not label.isascii() else label
        if not _LABEL.fullmatch(ascii_label):
            raise ValueError(f"bad label {label!r}")
        labels.append(ascii_label.lower())
    if len(labels) < 2 and labels != ["localhost"]:
        raise ValueError("no domain")
    if labels[-1].isdigit():
        raise ValueError("numeric top-level domain")  # 999.1.1.1 is not an address or a name
    return ".".join(labels)


def validate_url(text: str | None) -> str | None:
    """An http(s) link to a real host name or address, or None for empty input.

    Parsed with `urllib.parse` and then checked the way a browser would need it: no control,
    invisible or space characters anywhere, no user:password@ part, a port from 1 to 65535, and
    a host that is an IP address or a name whose labels are letters, digits and hyphens (a
    non-ASCII name must survive IDNA encoding; the stored link carries its ASCII form).
    """
    value = (text or "").strip()
    if not value or not visible_text(value):
        return None
    if len(value) > URL_MAX:
        raise InvalidInput(f"The link may be at most {URL_MAX} characters.")
    if any(ch.isspace() for ch in value):
        raise InvalidInput("The link can't contain spaces. Paste one address, like https://...")
    if any(is_invisible(ch) or ch in '\\<>"`' for ch in value):
        raise InvalidInput(
            "The link contains hidden or control characters. Copy it again from the "
            "browser's address bar."
        )
    bad = InvalidInput(f"{quote(value, 40)} isn't a web link. It must start with https://.")
    try:
        parts = urlsplit(value)
        hostname = parts.hostname or ""
    except ValueError:
        raise bad from None
    try:
        port = parts.port
    except ValueError:  # not a number, or outside 0-65535
        raise InvalidInput(f"{quote(value, 40)} has an impossible port number.") from None
    if parts.scheme.lower() not in ("http", "https") or not hostname:
        raise bad
    if parts.username is not None or parts.password is not None:
        raise InvalidInput("The link can't contain a user name or password (the part before @).")
    if port is not None and not 1 <= port <= 65535:
        raise InvalidInput(f"{quote(value, 40)} has an impossible port number.")
    try:
        host = _host_ascii(hostname)
    except (ValueError, UnicodeError):
        raise InvalidInput(f"{quote(value, 40)} has no proper domain name.") from None
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))


def validate_draft(
    *,
    title: str | None,
    company: str | None,
    location: str | None,
    salary: str | None,
    skills: str | None,
    url: str | None,
    description: str | None,
    remote: bool | None = None,
    days: int | None = None,
    normalise_skills: SkillNormaliser | None = None,
) -> PostingDraft:
    """Check every field of a posting form; raise `InvalidInput` naming the first problem."""
    clean_title = _required(title, "job title", TITLE_MAX)
    clean_company = _required(company, "company", COMPANY_MAX)
    where = _one_line(location)
    if len(where) > LOCATION_MAX:
        raise InvalidInput(f"The location may be at most {LOCATION_MAX} characters.")
    is_remote = bool(remote) or any(word in where.casefold() for word in REMOTE_WORDS)
    if not where and not is_remote:
        raise InvalidInput("Please give a location (a city or state), or write Remote.")
    salary_range = parse_salary_range(salary)
    raw_skills = skills or ""
    if len(raw_skills) > SKILLS_TEXT_MAX:
        raise InvalidInput(f"The skills list may be at most {SKILLS_TEXT_MAX} characters.")
    items = split_skills(raw_skills)
    if normalise_skills is not None:
        known, unknown = normalise_skills(items)
    else:
        known, unknown = items, []
    known = list(dict.fromkeys(known))
    if len(known) + len(unknown) > MAX_SKILLS:
        raise InvalidInput(f"List at most {MAX_SKILLS} skills: the ones that matter most.")
    text = visible_multiline(description)
    if len(text) > DESCRIPTION_MAX:
        raise InvalidInput(
            f"The description may be at most {DESCRIPTION_MAX} characters (it has {len(text)})."
        )
    span = DEFAULT_DAYS if days is None else days
    if not 1 <= span <= MAX_DAYS:
        raise InvalidInput(f"A posting can stay up for 1 to {MAX_DAYS} days.")
    return PostingDraft(
        title=clean_title,
        company=clean_company,
        location=where or "Remote",
        remote=is_remote,
        salary=salary_range,
        skills=tuple(known),
        unknown_skills=tuple(unknown),
        url=validate_url(url),
        description=text,
        days=span,
    )


async def _profile_row(discord_id: int, display_name: str | None) -> UserProfile:
    row, _ = await UserProfile.get_or_create(
        discord_id=discord_id, defaults={"display_name": (display_name or "")[:100]}
    )
    return row


async def create_posting(
    guild_id: int,
    poster_id: int,
    draft: PostingDraft,
    *,
    poster_name: str | None = None,
    now: datetime | None = None,
) -> PostingSnapshot:
    now = now or datetime.now(UTC)
    open_count = await JobPosting.filter(
        guild_id=guild_id, closed_at__isnull=True, expires_at__gt=now
    ).count()
    if open_count >= MAX_OPEN_PER_GUILD:
        raise UserFacingError(
            f"This server's board already has {MAX_OPEN_PER_GUILD} open postings. "
            "Close some old ones first (`/jobs board`)."
        )
    poster = await _profile_row(poster_id, poster_name)
    row = await JobPosting.create(
        guild_id=guild_id,
        poster_id=poster.id,
        title=draft.title,
        company=draft.company,
        location=draft.location,
        remote=draft.remote,
        salary_min=draft.salary.low if draft.salary else None,
        salary_max=draft.salary.high if draft.salary else None,
        skills=list(draft.skills),
        url=draft.url,
        description=draft.description,
        expires_at=now + timedelta(days=draft.days),
    )
    return PostingSnapshot.of(row, poster_id)


async def _snapshots(rows: list[JobPosting]) -> list[PostingSnapshot]:
    ids = {row.poster_id for row in rows}  # type: ignore[attr-defined]
    owners = (
        dict(await UserProfile.filter(id__in=ids).values_list("id", "discord_id")) if ids else {}
    )
    return [PostingSnapshot.of(row, owners[row.poster_id]) for row in rows]  # type: ignore[attr-defined]


async def open_postings(guild_id: int, *, now: datetime | None = None) -> list[PostingSnapshot]:
    """Open (not closed, not expired) postings of one server, newest first."""
    now = now or datetime.now(UTC)
    rows = await JobPosting.filter(
        guild_id=guild_id, closed_at__isnull=True, expires_at__gt=now
    ).order_by("-created_at", "-id")
    return await _snapshots(list(rows))


async def close_posting(
    posting_id: int, *, guild_id: int, user_id: int, is_admin: bool
) -> PostingSnapshot:
    """Close a posting (its poster or a server admin). Raises `UserFacingError` otherwise."""
    async with in_transaction():
        row = await JobPosting.select_for_update().get_or_none(id=posting_id, guild_id=guild_id)
        if row is None:
            raise UserFacingError("That posting doesn't exist on this server any more.")
        poster = await UserProfile.get(id=row.poster_id)  # type: ignore[attr-defined]
        if poster.discord_id != user_id and not is_admin:
            raise UserFacingError(
                "Only the member who posted it, or someone with Manage Server, can close it."
            )
        if row.closed_at is None:
            row.closed_at = datetime.now(UTC)
            row.closed_by = user_id
            await row.save(update_fields=["closed_at", "closed_by"])
    return PostingSnapshot.of(row, poster.discord_id)

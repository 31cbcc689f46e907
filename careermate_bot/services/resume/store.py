"""Review summaries per user: save one, read the last, compare (the score delta).

Only the summary is stored (score, points per check, skills, role, coverage, word count), never
the file, its text or contact details. Rows hang off the user's profile with CASCADE, so
`/profile export` includes them and `/profile delete` removes them.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from careermate_bot.services import profile as profiles
from careermate_bot.services.resume.types import ResumeReview
from models import ResumeReviewSummary, UserProfile

KEEP = 20  # older summaries are pruned


class StoredReview(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    score: int
    checks: dict[str, float]
    skills: list[str]
    target_role: str | None
    coverage_percent: int | None
    words: int
    source: str
    created_at: datetime

    @classmethod
    def of(cls, row: ResumeReviewSummary) -> StoredReview:
        return cls(
            id=row.id,
            score=row.score,
            checks=dict(row.checks or {}),
            skills=list(row.skills or []),
            target_role=row.target_role,
            coverage_percent=row.coverage_percent,
            words=row.words,
            source=row.source,
            created_at=row.created_at,
        )


class Comparison(BaseModel):
    """This review against the previous one: the score delta and the checks that moved."""

    model_config = ConfigDict(frozen=True)

    previous_score: int
    delta: int
    previous_at: datetime
    changed: dict[str, float]  # check name -> points delta (only non-zero)

    def line(self) -> str:
        sign = "+" if self.delta > 0 else ""
        when = self.previous_at.strftime("%b %d, %Y")
        return f"{sign}{self.delta} vs your last review ({self.previous_score}/100 on {when})"


async def last_review(discord_id: int) -> StoredReview | None:
    profile = await UserProfile.get_or_none(discord_id=discord_id)
    if profile is None:
        return None
    row = await ResumeReviewSummary.filter(user_id=profile.id).order_by("-id").first()
    return StoredReview.of(row) if row is not None else None


async def get_review(discord_id: int, review_id: int) -> StoredReview | None:
    """One stored summary of this user (None: not theirs, or deleted)."""
    row = await ResumeReviewSummary.get_or_none(id=review_id, user__discord_id=discord_id)
    return StoredReview.of(row) if row is not None else None


def compare(current: ResumeReview, previous: StoredReview | None) -> Comparison | None:
    if previous is None:
        return None
    changed: dict[str, float] = {}
    for check in current.checks:
        before = previous.checks.get(check.name)
        if before is not None and round(check.points - before, 1):
            changed[check.name] = round(check.points - before, 1)
    return Comparison(
        previous_score=previous.score,
        delta=current.score - previous.score,
        previous_at=previous.created_at,
        changed=changed,
    )


async def save_review(
    discord_id: int, review: ResumeReview, display_name: str | None = None
) -> tuple[StoredReview, Comparison | None]:
    """Store the summary; return it with the comparison against the previous one (if any)."""
    previous = await last_review(discord_id)
    await profiles.get_or_create(discord_id, display_name)
    profile = await UserProfile.get(discord_id=discord_id)
    row = await ResumeReviewSummary.create(
        user_id=profile.id,
        score=review.score,
        checks={c.name: c.points for c in review.checks},
        skills=list(review.skills),
        target_role=(review.target_role or None) and review.target_role[:120],
        coverage_percent=review.coverage.percent if review.coverage else None,
        words=review.stats.words,
        source=review.stats.kind,
    )
    stale = (
        await ResumeReviewSummary.filter(user_id=profile.id)
        .order_by("-id")
        .offset(KEEP)
        .values_list("id", flat=True)
    )
    if stale:
        await ResumeReviewSummary.filter(id__in=list(stale)).delete()
    return StoredReview.of(row), compare(review, previous)

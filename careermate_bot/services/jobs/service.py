"""`JobsService`: the jobs feature's one façade (/jobs search, saved jobs, the server job board)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.services.jobs import board, saved, search
from careermate_bot.services.jobs.board import PostingDraft, PostingSnapshot
from careermate_bot.services.jobs.saved import SavedSnapshot, SaveRequest
from careermate_bot.services.jobs.search import JobItem, JobQuery, JobSearch, LegacyFilters


class JobsService:
    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge

    # -- search -----------------------------------------------------------------------------------
    async def search(self, query: JobQuery) -> JobSearch:
        """Board postings that fit first, then roles with BLS pay and job-board links."""
        return await search.search_jobs(self.knowledge, query)

    def read_filters(self, text: str) -> LegacyFilters:
        """`!job_match Remote, Tech, 90k+` -> the /jobs search options it means."""
        return search.parse_legacy_filters(text, self.knowledge)

    # -- saved jobs -------------------------------------------------------------------------------
    async def save(
        self, user_id: int, item: JobItem, found_in: JobSearch, *, display_name: str | None = None
    ) -> tuple[SavedSnapshot, bool]:
        """Save one result; (entry, True when new / False when it was saved already)."""
        request: SaveRequest = search.save_request(item, found_in)
        return await saved.save(user_id, request, display_name=display_name)

    async def saved(self, user_id: int) -> list[SavedSnapshot]:
        return await saved.list_saved(user_id)

    async def unsave(self, user_id: int, saved_id: int) -> bool:
        return await saved.remove(user_id, saved_id)

    # -- the server job board ---------------------------------------------------------------------
    def may_post(
        self, *, manage_guild: bool, role_ids: Iterable[int], poster_role_id: int | None
    ) -> bool:
        return board.may_post(
            manage_guild=manage_guild, role_ids=role_ids, poster_role_id=poster_role_id
        )

    def check_link(self, text: str | None) -> str | None:
        """A posting's link, checked (https, no credentials, no hidden characters)."""
        return board.validate_url(text)

    def check_posting(
        self,
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
    ) -> PostingDraft:
        """Every field of the posting form checked; `InvalidInput` names the first problem."""
        return board.validate_draft(
            title=title,
            company=company,
            location=location,
            salary=salary,
            skills=skills,
            url=url,
            description=description,
            remote=remote,
            days=days,
            normalise_skills=self.knowledge.normalize_skills,
        )

    async def post(
        self, guild_id: int, poster_id: int, draft: PostingDraft, *, poster_name: str | None
    ) -> PostingSnapshot:
        return await board.create_posting(guild_id, poster_id, draft, poster_name=poster_name)

    async def open_postings(
        self, guild_id: int, *, now: datetime | None = None
    ) -> list[PostingSnapshot]:
        return await board.open_postings(guild_id, now=now)

    async def close_posting(
        self, posting_id: int, *, guild_id: int, user_id: int, is_admin: bool
    ) -> PostingSnapshot:
        return await board.close_posting(
            posting_id, guild_id=guild_id, user_id=user_id, is_admin=is_admin
        )

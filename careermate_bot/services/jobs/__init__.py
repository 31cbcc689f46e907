"""The jobs feature: /jobs search (board postings that fit, then roles with BLS pay and links to
the job boards), saved jobs, and each server's own job board (Discord-free).

    jobs = JobsService(knowledge)                     # built once in the container
    found = await jobs.search(JobQuery(user_id=1, role="data analyst", location="Austin"))
"""

from careermate_bot.services.jobs.board import (
    COMPANY_MAX,
    DESCRIPTION_MAX,
    LOCATION_MAX,
    MAX_DAYS,
    SKILLS_TEXT_MAX,
    TITLE_MAX,
    PostingDraft,
    PostingSnapshot,
)
from careermate_bot.services.jobs.saved import MAX_SAVED, SavedSnapshot
from careermate_bot.services.jobs.search import (
    JobItem,
    JobQuery,
    JobSearch,
    LegacyFilters,
    Link,
    PostingHit,
    RoleHit,
)
from careermate_bot.services.jobs.service import JobsService

__all__ = [
    "COMPANY_MAX",
    "DESCRIPTION_MAX",
    "LOCATION_MAX",
    "MAX_DAYS",
    "MAX_SAVED",
    "SKILLS_TEXT_MAX",
    "TITLE_MAX",
    "JobItem",
    "JobQuery",
    "JobSearch",
    "JobsService",
    "LegacyFilters",
    "Link",
    "PostingDraft",
    "PostingHit",
    "PostingSnapshot",
    "RoleHit",
    "SavedSnapshot",
]

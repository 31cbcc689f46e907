"""The career guide's data and retrieval: occupation guide entries (O*NET-derived), a curated
certification table, the advice playbook, and a router from a free-text question to what to
answer. Discord-free and ORM-free; see docs/guide.md."""

from careermate_bot.knowledge.guide.index import TopicIndex
from careermate_bot.knowledge.guide.loading import (
    Guide,
    GuideDataError,
    clear_guide_cache,
    get_guide,
)
from careermate_bot.knowledge.guide.router import (
    CLARIFY_BELOW,
    Candidate,
    GuideRoute,
    GuideRouter,
    RouteKind,
)
from careermate_bot.knowledge.guide.types import (
    ACTIONS,
    HOOKS,
    Action,
    Certification,
    Education,
    GuideEntry,
    Hook,
    JobZone,
    Licensing,
    Step,
    Topic,
)

__all__ = [
    "ACTIONS",
    "CLARIFY_BELOW",
    "HOOKS",
    "Action",
    "Candidate",
    "Certification",
    "Education",
    "Guide",
    "GuideDataError",
    "GuideEntry",
    "GuideRoute",
    "GuideRouter",
    "Hook",
    "JobZone",
    "Licensing",
    "RouteKind",
    "Step",
    "Topic",
    "TopicIndex",
    "clear_guide_cache",
    "get_guide",
]

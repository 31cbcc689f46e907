"""Grounded career knowledge: occupations, a skills taxonomy, BLS wages by area, and a matcher.

Discord-free and ORM-free. Start from `KnowledgeBase.load(data_dir)` or the process-wide
`get_knowledge_base(data_dir)`; see docs/knowledge.md for the API.
"""

from careermate_bot.knowledge.base import (
    KnowledgeBase,
    UnknownOccupationError,
    clear_knowledge_base_cache,
    get_knowledge_base,
)
from careermate_bot.knowledge.matcher import FIT_LEGEND
from careermate_bot.knowledge.types import (
    ONET_ATTRIBUTION,
    SALARY_SOURCE,
    SALARY_SOURCE_LONG,
    Area,
    CareerMatch,
    CareerProfile,
    LocationResolution,
    MatchResult,
    Occupation,
    OccupationHit,
    OccupationRef,
    OccupationResolution,
    SalaryInfo,
    ScoreBreakdown,
    Skill,
    SkillGain,
    SkillGapReport,
    SkillMention,
    WagePercentiles,
)
from careermate_bot.knowledge.wages_db import WageDataError

__all__ = [
    "FIT_LEGEND",
    "ONET_ATTRIBUTION",
    "SALARY_SOURCE",
    "SALARY_SOURCE_LONG",
    "Area",
    "CareerMatch",
    "CareerProfile",
    "KnowledgeBase",
    "LocationResolution",
    "MatchResult",
    "Occupation",
    "OccupationHit",
    "OccupationRef",
    "OccupationResolution",
    "SalaryInfo",
    "ScoreBreakdown",
    "Skill",
    "SkillGain",
    "SkillGapReport",
    "SkillMention",
    "UnknownOccupationError",
    "WageDataError",
    "WagePercentiles",
    "clear_knowledge_base_cache",
    "get_knowledge_base",
]

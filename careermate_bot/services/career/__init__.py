"""The career feature: career paths with match %, pay and skills to learn; the skill gap for one
role; a chart; and a short model-written summary around the figures (Discord-free).

    career = CareerService(knowledge, profiles, llm)   # built once in the container
    result = await career.career_paths(CareerRequest(user_id=1, skills="Python, SQL"))
    gap = await career.skill_gap(1, "Data Scientist")
"""

from careermate_bot.services.career.chart import PathBar, render_match_chart
from careermate_bot.services.career.paths import (
    MAX_SKILLS_INPUT,
    MAX_YEARS,
    TOP_PATHS,
    CareerPaths,
    CareerRequest,
    NoSkillsGiven,
    PreparedCareer,
    SkillGap,
)
from careermate_bot.services.career.pay import PayFigure, pay_figure
from careermate_bot.services.career.service import CareerService
from careermate_bot.services.career.summary import unavailable_note

__all__ = [
    "MAX_SKILLS_INPUT",
    "MAX_YEARS",
    "TOP_PATHS",
    "CareerPaths",
    "CareerRequest",
    "CareerService",
    "NoSkillsGiven",
    "PathBar",
    "PayFigure",
    "PreparedCareer",
    "SkillGap",
    "pay_figure",
    "render_match_chart",
    "unavailable_note",
]

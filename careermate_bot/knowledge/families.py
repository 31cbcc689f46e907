"""Occupation families and the words people use for them ("teaching" -> education)."""

from __future__ import annotations

from typing import get_args

from careermate_bot.knowledge.text import norm_text
from careermate_bot.knowledge.types import Family

FAMILIES: tuple[Family, ...] = get_args(Family)

# Words for a field as people say it ("leaving teaching", "jobs in finance"); keys normalised.
FAMILY_WORDS: dict[str, Family] = {
    **{f: f for f in FAMILIES},
    "technology": "tech",
    "it": "tech",
    "software": "tech",
    "software engineering": "tech",
    "programming": "tech",
    "coding": "tech",
    "data science": "data",
    "analytics": "data",
    "designing": "design",
    "product management": "product",
    "management": "business",
    "operations": "business",
    "admin": "business",
    "hr": "business",
    "human resources": "business",
    "financial": "finance",
    "accounting": "finance",
    "banking": "finance",
    "advertising": "marketing",
    "media": "marketing",
    "journalism": "marketing",
    "retail": "sales",
    "selling": "sales",
    "health": "healthcare",
    "health care": "healthcare",
    "medical": "healthcare",
    "medicine": "healthcare",
    "nursing": "healthcare",
    "teaching": "education",
    "academia": "education",
    "schools": "education",
    "engineer": "engineering",
    "research": "science",
    "law": "legal",
    "the law": "legal",
    "a trade": "trades",
    "the trades": "trades",
    "construction": "trades",
    "manufacturing": "trades",
    "hospitality": "trades",
    "government": "public service",
    "public sector": "public service",
    "policing": "public service",
    "law enforcement": "public service",
    "social work": "public service",
}


def family_for(text: str) -> Family | None:
    """The family a field word names ("teaching" -> "education"), else None."""
    key = norm_text(text)
    found = FAMILY_WORDS.get(key)
    if found is None and key.startswith("the "):
        found = FAMILY_WORDS.get(key[4:])
    return found

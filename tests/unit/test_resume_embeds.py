"""The résumé embeds stay inside Discord's limits whatever the résumé, and escape its text."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from careermate_bot.discord_ui.fit import embed_size
from careermate_bot.discord_ui.limits import (
    EMBED_FIELD_VALUE_LIMIT,
    EMBED_FIELDS_LIMIT,
    EMBED_TOTAL_LIMIT,
)
from careermate_bot.knowledge import CareerProfile
from careermate_bot.services import resume
from careermate_bot.services.resume.rewrites import Rewrite
from careermate_bot.services.resume.store import Comparison
from cogs.resume.embeds import RewriteState, paths_embed, review_embed
from tests import resume_samples as S


def _huge() -> str:
    long_bullet = "• " + " ".join(["Coordinated"] + ["cross-functional **stakeholders**"] * 40)
    skills = ", ".join(
        ["Python", "SQL", "Tableau", "Excel", "Power BI", "Java", "Go", "Kubernetes", "AWS"] * 5
    )
    extra = "\n".join([long_bullet] * 30)
    return S.STRONG.replace("EDUCATION", extra + "\n\nEDUCATION") + f"\nSKILLS\n{skills}\n"


@pytest.mark.parametrize("role", [None, "Data Analyst"])
def test_review_embed_fits_discord_limits(career_kb: Any, role: str | None) -> None:
    result = resume.review(career_kb, _huge(), target_role=role)
    rewrites = RewriteState(
        items=[Rewrite(original="x " * 300, text="y " * 300) for _ in range(3)], note="n" * 500
    )
    when = datetime(2026, 1, 1, tzinfo=UTC)
    comparison = Comparison(
        previous_score=50, delta=result.score - 50, previous_at=when, changed={}
    )
    embed = review_embed(
        result, comparison=comparison, rewrites=rewrites, with_chart=True, source="a" * 300
    )
    assert embed_size(embed) <= EMBED_TOTAL_LIMIT
    assert len(embed.fields) <= EMBED_FIELDS_LIMIT
    assert all(len(f.value or "") <= EMBED_FIELD_VALUE_LIMIT for f in embed.fields)
    assert embed.title == f"Résumé review — {result.score}/100 (+{result.score - 50})"


def test_resume_text_is_escaped_in_quotes(career_kb: Any) -> None:
    text = S.WEAK.replace(
        "Responsible for stocking shelves", "Responsible for **stocking** shelves @everyone"
    )
    embed = review_embed(resume.review(career_kb, text))
    fixes = next(f.value for f in embed.fields if f.name.startswith("🔧"))
    assert "\\*\\*stocking\\*\\*" in fixes


def test_paths_embed_fits(career_kb: Any) -> None:
    skills = career_kb.extract_skills(S.STRONG)
    embed = paths_embed(career_kb.match_careers(CareerProfile(skills=skills)))
    assert embed_size(embed) <= EMBED_TOTAL_LIMIT and len(embed.fields) == 5

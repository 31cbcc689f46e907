"""Stored review summaries: only the summary, the score delta, export and deletion."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.services import profile as profiles
from careermate_bot.services import resume
from careermate_bot.services.resume import store
from careermate_bot.storage.database import close_db, init_db
from models import ResumeReviewSummary
from tests import resume_samples as S


@pytest.fixture
async def db(tmp_path: Path):
    settings: Settings = build_settings(
        _env_file=None, data_dir=tmp_path, database_url="", backup_dir=None
    )
    await init_db(settings)
    try:
        yield settings
    finally:
        await close_db()


async def test_save_compare_export_delete(db: Settings, career_kb: Any) -> None:
    weak = resume.review(career_kb, S.strong_without_metrics_and_contact())
    strong = resume.review(career_kb, S.STRONG, target_role="Data Analyst")

    saved, comparison = await store.save_review(7, weak, "Ada")
    assert comparison is None and saved.score == weak.score
    saved, comparison = await store.save_review(7, strong)
    assert comparison is not None
    assert comparison.delta == strong.score - weak.score > 0
    assert comparison.changed["quantified"] > 0
    assert f"+{comparison.delta} vs your last review ({weak.score}/100" in comparison.line()
    assert (await store.last_review(7)).score == strong.score  # type: ignore[union-attr]

    exported = await profiles.export_user_data(7)
    assert exported is not None
    rows = exported["resume_reviews"]
    assert [r["score"] for r in rows] == [weak.score, strong.score]
    assert rows[1]["target_role"] == strong.target_role and rows[1]["coverage_percent"]
    dumped = json.dumps(exported)
    # Only the summary: no résumé text, no contact details.
    assert "example.com" not in dumped and "555-0148" not in dumped
    assert "Lakeside" not in dumped and "Built a Tableau" not in dumped

    deleted = await profiles.delete_user_data(7)
    assert deleted["resume_reviews"] == 2
    assert await ResumeReviewSummary.all().count() == 0
    assert await store.last_review(7) is None


async def test_old_summaries_are_pruned(db: Settings, career_kb: Any) -> None:
    result = resume.review(career_kb, S.WEAK)
    for _ in range(store.KEEP + 3):
        await store.save_review(9, result)
    assert await ResumeReviewSummary.all().count() == store.KEEP

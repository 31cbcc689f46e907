"""Hostile résumé files and bursts through the real bot (tests/harness, real SQLite file): they
are refused without stopping anyone else's review or /career paths (issue 20)."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import discord.ext.test as dpytest
import pytest

from careermate_bot.config import Settings
from careermate_bot.services.container import AppServices
from models import ResumeReviewSummary
from tests import resume_samples as S
from tests.harness.bot import running_bot
from tests.harness.capture import iter_components
from tests.harness.driver import DiscordHarness, Upload

TOO_COMPLEX = "far more complex inside than any résumé"
CONTACT = "Jordan Rivera, jordan.rivera@example.com, (512) 555-0148"


@pytest.fixture
async def h(settings: Settings, career_kb: Any, tmp_path: Path) -> AsyncIterator[DiscordHarness]:
    # No language model: the review and /career paths are all deterministic.
    services = AppServices(settings, knowledge=career_kb, backups_enabled=False)
    async with running_bot(settings, services, tmp_path, members=4) as harness:
        yield harness
        assert not harness.errors.records, harness.errors.summary()  # type: ignore[attr-defined]


@pytest.fixture
async def busy_default_pool() -> AsyncIterator[None]:
    """Every thread of the event loop's default pool is stuck, as stuck parses once held them."""
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=1)
    loop.set_default_executor(pool)
    release = threading.Event()
    stuck = loop.run_in_executor(None, release.wait)
    yield
    release.set()
    await stuck


def _ids(message: dict[str, Any], prefix: str) -> list[str]:
    return [
        c["custom_id"]
        for c in iter_components(message)
        if c.get("custom_id", "").startswith(prefix)
    ]


async def test_hostile_pdfs_from_two_users_leave_anothers_review_and_career_paths_working(
    h: DiscordHarness,
) -> None:
    bomb = S.form_xobject_bomb_pdf()  # ~2 KB: one large form XObject drawn 30 times
    assert len(bomb) < 2_100
    attackers = [h.member_at(1), h.member_at(2)]
    victim = h.member_at(3)
    attacks = [
        h.slash("resume review", file=Upload(f"cv{i}.pdf", bomb), user=attackers[i % 2])
        for i in range(10)
    ]
    review = h.slash("resume review", file=Upload("cv.pdf", S.to_pdf(S.STRONG)), user=victim)
    paths = h.slash("career paths", skills="Python, SQL, Tableau", user=victim)
    *refused, reviewed, career = await asyncio.gather(*attacks, review, paths)

    assert reviewed.embeds and reviewed.embeds[0]["title"].startswith("Résumé review — ")
    assert "took too long" not in reviewed.text()
    assert career.embeds and re.match(r"1\. .+ — \d+% match", career.embeds[0]["fields"][0]["name"])
    for reply in refused:
        assert reply.ephemeral and TOO_COMPLEX in reply.text() and not reply.embeds
    stored = await ResumeReviewSummary.all().values_list("user__discord_id", flat=True)
    assert stored == [victim.id]


async def test_charts_are_drawn_while_the_default_thread_pool_is_stuck(
    h: DiscordHarness, busy_default_pool: None
) -> None:
    career = await h.slash("career paths", skills="Python, SQL, Tableau")
    assert career.files and career.files[0].filename.endswith(".png")
    review = await h.slash("resume review", file=Upload("cv.txt", S.STRONG.encode()))
    assert review.files and review.files[0].filename == "resume_breakdown.png"


async def test_a_damaged_pdf_is_logged_by_case_never_by_its_bytes(
    h: DiscordHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    reply = await h.slash("resume review", file=Upload("cv.pdf", S.damaged_pdf_around(CONTACT)))
    assert "seems damaged" in reply.text()
    assert "résumé not reviewed" in caplog.text and "corrupt" in caplog.text
    for secret in ("jordan.rivera@example.com", "555-0148", "Rivera"):
        assert secret not in caplog.text


async def test_the_paste_form_is_rate_limited_like_reviews(h: DiscordHarness) -> None:
    first = await h.slash("resume paste")
    reviewed = await h.submit_modal(first, {"resume": S.STRONG})
    recheck = _ids(reviewed.message, "cm:rpaste:")[0]
    opened = [first.modal]
    for _ in range(2):
        opened.append((await h.slash("resume paste")).modal)
    for _ in range(2):
        opened.append((await h.click(reviewed.message, recheck)).modal)
    assert all(modal is not None for modal in opened)  # 5 forms in a minute
    by_command = await h.slash("resume paste")
    by_button = await h.click(reviewed.message, recheck)
    for limited in (by_command, by_button):
        assert limited.modal is None
        assert limited.ephemeral and "Try again in" in limited.text()
    other = await h.slash("resume paste", user=h.member_at(1))
    assert other.modal is not None  # per user


async def test_bare_mentions_are_rate_limited_before_any_reply(h: DiscordHarness) -> None:
    bot_id = h.bot.user.id
    for _ in range(20):
        await dpytest.message(f"<@{bot_id}>", channel=h.channel, member=h.member)
        await h.settle()
    replies = []
    while not dpytest.sent_queue.empty():
        replies.append(dpytest.get_message().content)
    greetings = [r for r in replies if r.startswith("Hi! Ask me anything")]
    assert 1 <= len(greetings) <= 6  # the chat cog's 6 messages a minute
    assert sum("faster than I can think" in r for r in replies) == 1
    assert len(replies) == len(greetings) + 1

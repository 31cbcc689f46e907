"""/resume review, /resume paste, !resume_review, a DM with a document, every bad file, and the
buttons (also after a restart), through the interaction harness with a real SQLite file."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import discord.ext.test as dpytest
import discord.ext.test.runner as dpytest_runner
import pytest

from careermate_bot.config import Settings
from careermate_bot.knowledge import CareerProfile
from careermate_bot.llm import EngineUnreachable
from careermate_bot.llm.fake import fake_client
from careermate_bot.services import profile as profiles
from careermate_bot.services import resume
from careermate_bot.services.container import AppServices
from models import ResumeReviewSummary
from tests import resume_samples as S
from tests.harness.bot import running_bot
from tests.harness.capture import InteractionResult, embed_text
from tests.harness.driver import DiscordHarness, Upload

REWRITE = "Restocked shelves and helped [N] customers a shift find products quickly."
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _services(settings: Settings, kb: Any, llm: Any = None) -> AppServices:
    return AppServices(
        settings, llm=llm or fake_client([REWRITE]), knowledge=kb, backups_enabled=False
    )


@pytest.fixture
async def h(settings: Settings, career_kb: Any, tmp_path: Path) -> AsyncIterator[DiscordHarness]:
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as harness:
        yield harness
        assert not harness.errors.records, harness.errors.summary()  # type: ignore[attr-defined]


def _expected(kb: Any, data: bytes, name: str, role: str | None) -> resume.ResumeReview:
    return resume.review_document(kb, resume.read_document(data, name), role)


def _ids(message: dict[str, Any], prefix: str) -> list[str]:
    from tests.harness.capture import iter_components

    return [
        c["custom_id"]
        for c in iter_components(message)
        if c.get("custom_id", "").startswith(prefix)
    ]


def _field(embed: dict[str, Any], starts: str) -> str:
    return next(f["value"] for f in embed["fields"] if f["name"].startswith(starts))


async def _stored() -> int:
    return await ResumeReviewSummary.all().count()


@pytest.fixture
def sent_embeds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[discord.Embed]:
    """Embeds the bot sends as messages (dpytest drops embeds from messages with a file), and
    dpytest's copies of sent files go to tmp_path instead of the working directory."""
    monkeypatch.chdir(tmp_path)
    seen: list[discord.Embed] = []
    original = discord.abc.Messageable.send

    async def spy(self: Any, content: Any = None, **kwargs: Any) -> Any:
        if kwargs.get("embed") is not None:
            seen.append(kwargs["embed"])
        return await original(self, content, **kwargs)

    monkeypatch.setattr(discord.abc.Messageable, "send", spy)
    return seen


def _drain() -> list[discord.Message]:
    sent: list[discord.Message] = []
    while not dpytest_runner.sent_queue.empty():
        sent.append(dpytest_runner.sent_queue.get_nowait())
    return sent


# -- /resume review with an attachment -------------------------------------------------------------
async def test_slash_review_is_private_grounded_and_gets_rewrites(
    h: DiscordHarness, career_kb: Any
) -> None:
    data = S.to_docx(S.WEAK)
    reply = await h.slash(
        "resume review",
        file=Upload("cv.docx", data, DOCX_TYPE),
        target_role="retail-salesperson",
    )
    assert reply.deferred and reply.ephemeral
    expected = _expected(career_kb, data, "cv.docx", "Retail Salesperson")
    embed = reply.embeds[0]
    assert embed["title"] == f"Résumé review — {expected.score}/100"
    breakdown = _field(embed, "Score breakdown")
    for check in expected.checks:
        assert f"**{check.label}** {check.points:.1f}/{check.max_points:g}" in breakdown
    coverage = _field(embed, "🎯 Keywords for Retail Salesperson")
    assert f"{expected.coverage.percent}%" in coverage  # type: ignore[union-attr]
    fixes = _field(embed, "🔧 Top fixes")
    assert "> Responsible for stocking shelves and helping customers." in fixes
    assert embed["image"]["url"] == "attachment://resume_breakdown.png"
    assert reply.files and reply.files[0].filename == "resume_breakdown.png"
    rewrites = _field(embed, "✍️ Suggested rewrites")
    assert f"→ {REWRITE}" in rewrites  # streamed in after
    assert "Writing stronger versions" not in rewrites
    message = reply.message
    owner = h.member.id
    assert _ids(message, f"cm:rskills:{owner}:") and _ids(message, f"cm:rpaths:{owner}:")
    assert _ids(message, f"cm:rinterview:{owner}:retail-salesperson")
    assert _ids(message, f"cm:rpaste:{owner}:retail-salesperson")
    rows = await ResumeReviewSummary.all().values()
    assert len(rows) == 1 and rows[0]["score"] == expected.score
    assert "sam.lee" not in str(rows) and "stocking shelves" not in str(rows)


async def test_slash_review_in_a_dm_is_a_normal_message(h: DiscordHarness) -> None:
    reply = await h.slash("resume review", dm=True, file=Upload("cv.txt", S.STRONG.encode()))
    assert not reply.ephemeral
    assert reply.embeds[0]["title"].startswith("Résumé review — ")
    # No target role given: STRONG's summary ("Data analyst with 6 years...") names it (issue 18;
    # before, best-fitting roles were shown here).
    assert "🎯 Keywords for Data Analyst" in reply.text()


async def test_the_resumes_objective_sets_the_interview_role(h: DiscordHarness) -> None:
    # Issue 18: with no target role given, a retail résumé whose objective is "entry level data
    # analyst" was offered "Practice an interview for Warehouse Worker".
    reply = await h.slash("resume review", file=Upload("cv.txt", S.RETAIL_TO_ANALYST.encode()))
    assert "🎯 Keywords for Data Analyst" in reply.text()
    assert "Reviewed for **Data Analyst**" in reply.embeds[0]["description"]
    assert _ids(reply.message, f"cm:rinterview:{h.member.id}:data-analyst")


async def test_profile_target_role_is_the_default(h: DiscordHarness) -> None:
    await profiles.update_profile(h.member.id, target_roles=["Data Analyst"])
    reply = await h.slash("resume review", file=Upload("cv.txt", S.STRONG.encode()))
    assert "🎯 Keywords for Data Analyst" in reply.text()


async def test_unknown_role_and_location_are_answered_before_reading(h: DiscordHarness) -> None:
    reply = await h.slash(
        "resume review", file=Upload("cv.txt", S.STRONG.encode()), target_role="qwzx blorf"
    )
    assert reply.ephemeral and "role" in reply.text() and await _stored() == 0


async def test_model_down_gives_a_note_and_the_review_stands(
    settings: Settings, career_kb: Any, tmp_path: Path
) -> None:
    llm = fake_client([EngineUnreachable("down", fix="start it")])
    async with running_bot(settings, _services(settings, career_kb, llm), tmp_path) as h:
        reply = await h.slash("resume review", file=Upload("cv.txt", S.WEAK.encode()))
        rewrites = _field(reply.embeds[0], "✍️ Suggested rewrites")
        assert "Rewrites are unavailable right now" in rewrites
        assert reply.embeds[0]["title"].startswith("Résumé review — ")


# -- every bad file: its own message, nothing stored ----------------------------------------------
BAD = [
    ("big.pdf", lambda: b"%PDF-1.4\n" + b"0" * (resume.MAX_BYTES + 10), "the limit is 5 MB"),
    ("long.pdf", lambda: S.long_pdf(12), "12 pages"),
    ("scan.pdf", S.scanned_pdf, "looks scanned"),
    ("locked.pdf", lambda: S.to_pdf(S.STRONG, password="pw"), "password-protected"),
    ("broken.pdf", S.corrupt_pdf, "damaged"),
    ("bomb.docx", S.zip_bomb_docx, "unpacks to far more data"),
    ("blank.docx", S.empty_docx, "is empty"),
    ("blank.txt", lambda: b"", "is empty"),
    ("photo.pdf", lambda: S.PNG, "is actually a PNG image"),
    ("pie.txt", lambda: S.RECIPE.encode(), "doesn't look like a résumé"),
]


@pytest.mark.parametrize(("name", "make", "says"), BAD)
async def test_each_bad_file_gets_its_message_and_nothing_is_stored(
    h: DiscordHarness, name: str, make: Any, says: str
) -> None:
    reply = await h.slash("resume review", file=Upload(name, make()))
    assert reply.ephemeral
    assert says in reply.text(), reply.text()
    assert not reply.embeds
    assert await _stored() == 0


# -- /resume paste (the form) and Re-check ------------------------------------------------------
async def test_paste_form_reviews_text_and_recheck_shows_the_delta(h: DiscordHarness) -> None:
    shown = await h.slash("resume paste", target_role="data-analyst")
    assert shown.modal is not None
    first = await h.submit_modal(shown, {"resume": S.strong_without_metrics_and_contact()})
    assert first.ephemeral
    first_embed = first.embeds[0]
    assert "🎯 Keywords for Data Analyst" in embed_text(first_embed)
    recheck = _ids(first.message, "cm:rpaste:")[0]
    form = await h.click(first.message, recheck)
    assert form.modal is not None
    second = await h.submit_modal(form, {"resume": S.STRONG})
    title = second.embeds[0]["title"]
    assert "(+" in title and "vs your last review" in second.text()
    assert await _stored() == 2


async def test_paste_limit_is_discords_4000(h: DiscordHarness) -> None:
    shown = await h.slash("resume paste")
    with pytest.raises(AssertionError, match="length"):
        await h.submit_modal(shown, {"resume": "x" * 4001})


# -- buttons ---------------------------------------------------------------------------------------
async def _review_message(h: DiscordHarness) -> InteractionResult:
    return await h.slash(
        "resume review", file=Upload("cv.txt", S.STRONG.encode()), location="Austin, TX"
    )


async def test_save_skills_shows_then_saves(h: DiscordHarness, career_kb: Any) -> None:
    reply = await _review_message(h)
    await profiles.update_profile(h.member.id, skills=["Python"])
    preview = await h.click(reply.message, _ids(reply.message, "cm:rskills:")[0])
    assert preview.ephemeral and "I'll add these" in preview.text()
    assert "Python" not in preview.text().split("profile:")[1].split(".")[0]
    done = await h.click(preview.message, _ids(preview.message, "cm:rskillsok:")[0])
    assert "Saved" in done.text()
    profile = await profiles.get_profile(h.member.id)
    expected = career_kb.extract_skills(S.STRONG)
    assert profile is not None and set(expected) <= set(profile.skills)


async def test_career_paths_button_matches_the_knowledge_layer(
    h: DiscordHarness, career_kb: Any
) -> None:
    reply = await _review_message(h)
    paths = await h.click(reply.message, _ids(reply.message, "cm:rpaths:")[0])
    assert paths.ephemeral
    skills = career_kb.extract_skills(S.STRONG)
    area = career_kb.resolve_location("Austin, TX").area
    expected = career_kb.match_careers(CareerProfile(skills=skills), location=area)
    embed = paths.embeds[0]
    assert embed["title"] == "Career paths for this résumé"
    names = [f["name"] for f in embed["fields"]]
    assert names == [
        f"{i}. {m.occupation.title} — {m.match_percent}% match"
        for i, m in enumerate(expected.matches, 1)
    ]
    assert area.name in embed["description"]


async def test_interview_button_starts_the_interview_in_a_server(h: DiscordHarness) -> None:
    # More in tests/e2e/test_resume_interview.py (busy session, DM, no interview cog, restart).
    reply = await h.slash(
        "resume review", file=Upload("cv.txt", S.STRONG.encode()), target_role="data-analyst"
    )
    answer = await h.click(reply.message, _ids(reply.message, "cm:rinterview:")[0])
    assert answer.ephemeral and answer.embeds[0]["title"] == "Mock interview · Data Analyst"
    assert "Question 1 of 5" in answer.text()


async def test_someone_elses_buttons_are_refused(h: DiscordHarness) -> None:
    reply = await _review_message(h)
    other = h.member_at(1)
    refused = await h.click(reply.message, _ids(reply.message, "cm:rskills:")[0], user=other)
    assert refused.ephemeral and "someone else's résumé review" in refused.text()


async def test_buttons_work_after_a_restart_and_expire_after_delete(
    settings: Settings, career_kb: Any, tmp_path: Path
) -> None:
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as first:
        reply = await _review_message(first)
        message = reply.message
        uid = first.member.id
    (tmp_path / "b").mkdir()
    async with running_bot(settings, _services(settings, career_kb), tmp_path / "b") as second:
        me = SimpleNamespace(id=uid, name="returning-user", roles=[])
        paths = await second.click(message, _ids(message, "cm:rpaths:")[0], user=me)
        assert paths.embeds[0]["title"] == "Career paths for this résumé"
        preview = await second.click(message, _ids(message, "cm:rskills:")[0], user=me)
        assert "I'll add these" in preview.text()
        form = await second.click(message, _ids(message, "cm:rpaste:")[0], user=me)
        assert form.modal is not None
        other = await second.click(message, _ids(message, "cm:rpaths:")[0])
        assert "someone else's" in other.text()
        await profiles.delete_user_data(uid)
        gone = await second.click(message, _ids(message, "cm:rskills:")[0], user=me)
        assert "no longer stored" in gone.text()


# -- !resume_review and a DM with a document -------------------------------------------------------
def _file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


async def test_classic_command_in_a_server_answers_by_dm(
    h: DiscordHarness, tmp_path: Path, sent_embeds: list[discord.Embed]
) -> None:
    path = _file(tmp_path, "cv.docx", S.to_docx(S.STRONG))
    await dpytest.message("!resume_review Data Analyst", channel=h.channel, attachments=[path])
    await h.settle()
    sent = _drain()
    dm = [m for m in sent if m.guild is None]
    public = [m for m in sent if m.guild is not None]
    assert dm and dm[0].attachments[0].filename == "resume_breakdown.png"
    assert sent_embeds and sent_embeds[0].title.startswith("Résumé review — ")
    assert "🎯 Keywords for Data Analyst" in [f.name for f in sent_embeds[0].fields]
    assert all(not m.attachments for m in public)
    assert "answered in your DMs" in public[-1].content
    assert await _stored() == 1


async def test_classic_command_without_a_file_offers_the_paste_form(h: DiscordHarness) -> None:
    await dpytest.message("!resume_review", channel=h.channel)
    await h.settle()
    sent = _drain()
    assert "attach it to a message" in sent[-1].content
    assert await _stored() == 0


async def test_a_dm_with_a_document_is_reviewed(
    h: DiscordHarness, tmp_path: Path, sent_embeds: list[discord.Embed]
) -> None:
    path = _file(tmp_path, "my resume.pdf", S.to_pdf(S.STRONG))
    channel = await h.member.create_dm()
    await dpytest.message("", channel=channel, member=h.member, attachments=[path])
    await h.settle()
    _drain()
    assert sent_embeds and sent_embeds[0].title.startswith("Résumé review — ")
    assert await _stored() == 1


async def _dispatch(h: DiscordHarness, *args: Any) -> None:
    """Dispatch the event and wait for its listener (the harness waits for new tasks only)."""
    h.bot.dispatch("resume_request", *args)
    tasks = [t for t in asyncio.all_tasks() if "on_resume_request" in t.get_name()]
    await asyncio.gather(*tasks)
    await h.settle()


async def test_the_event_reviews_or_asks_for_a_file(
    h: DiscordHarness, tmp_path: Path, sent_embeds: list[discord.Embed]
) -> None:
    """`resume_request(message, attachment | None)` as another cog dispatches it (here for
    server messages the chat cog ignores: no mention)."""
    message = await dpytest.message("review my resume", channel=h.channel, member=h.member)
    await h.settle()
    _drain()
    await _dispatch(h, message, None)
    asked = _drain()
    assert any("attach it to a message" in m.content for m in asked)
    path = _file(tmp_path, "scan.pdf", S.scanned_pdf())
    bad = await dpytest.message("here", channel=h.channel, member=h.member, attachments=[path])
    await h.settle()
    _drain()
    await _dispatch(h, bad, bad.attachments[0])
    refused = _drain()
    assert any("looks scanned" in m.content for m in refused if m.guild is None)
    assert await _stored() == 0
    good_path = _file(tmp_path, "cv.md", S.STRONG.encode())
    good = await dpytest.message("", channel=h.channel, member=h.member, attachments=[good_path])
    await h.settle()
    _drain()
    await _dispatch(h, good, good.attachments[0])
    public = [m for m in _drain() if m.guild is not None]
    assert sent_embeds and sent_embeds[0].title.startswith("Résumé review — ")
    assert "answered in your DMs" in public[-1].content
    assert await _stored() == 1


async def test_reviews_are_rate_limited_per_user(h: DiscordHarness) -> None:
    for _ in range(5):
        reply = await h.slash("resume review", file=Upload("blank.txt", b""))
        assert "is empty" in reply.text()
    limited = await h.slash("resume review", file=Upload("blank.txt", b""))
    assert limited.ephemeral and "Try again in" in limited.text()
    other = await h.slash("resume review", file=Upload("blank.txt", b""), user=h.member_at(1))
    assert "is empty" in other.text()

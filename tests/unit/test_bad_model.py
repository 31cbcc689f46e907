"""A scripted bad model (services/model_eval.py `BAD_REPLIES`: it speaks as the user, signs,
offers to meet, claims a life, invents and contradicts) gets none of that to a user: not in
the evaluation, not through chat, the /career summary or the coach's comments."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from careermate_bot.cli.model_eval import (
    BAD_REPLIES,
    bad_model_client,
    career_paths_for,
    run_evaluation,
)
from careermate_bot.config import Settings, build_settings
from careermate_bot.llm.checks import check_persona, check_reply, language_check, sentences
from careermate_bot.llm.fake import fake_client
from careermate_bot.services.career import summary as career_summary
from careermate_bot.services.conversation.chat import ChatService
from careermate_bot.services.interview import InterviewService, shipped_knowledge
from careermate_bot.services.interview.comments import coach_comment
from careermate_bot.storage.database import close_db, init_db
from tests.interview_support import STRONG_STAR, tiny_bank


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Settings]:
    settings = build_settings(_env_file=None, data_dir=tmp_path, llm_provider="local")
    await init_db(settings)
    try:
        yield settings
    finally:
        await close_db()


def _bad_sentences() -> set[str]:
    return {s for replies in BAD_REPLIES.values() for line in replies for s in sentences(line)}


def _clean(text: str) -> bool:
    return (
        not any(bad in text for bad in _bad_sentences())
        and check_reply(text, [check_persona, language_check()]).ok
    )


async def test_the_evaluation_lets_no_bad_reply_through(career_kb: Any) -> None:
    evaluation, records = await run_evaluation(bad_model_client(), career_kb)
    wording = [r for r in records if r.task != "intent_fallback"]
    assert len(wording) == 80
    assert not [r for r in wording if r.passed], [r.shown for r in wording if r.passed]
    assert all(not result.ok for result in evaluation.results.values())
    reasons = {r.reason.split(":")[0] for r in wording}
    assert {"persona", "entities", "language"} <= reasons
    assert sum(result.drops.get("persona:speaks_as_user", 0) for result in
               evaluation.results.values()) >= 3  # fmt: skip


async def test_chat_shows_a_deterministic_line_instead_of_each_bad_reply(db: Settings) -> None:
    for number, bad in enumerate(BAD_REPLIES["small_talk"]):
        service = ChatService(fake_client([bad]))
        reply = await service.reply(100 + number, "SeekerA", "Hello! Are you working?", "dm")
        assert reply.text and _clean(reply.text), (bad, reply.text)
        assert "SeekerA" not in reply.text.replace("SeekerA!", "")  # no signature


def test_the_career_summary_drops_each_bad_summary(career_kb: Any) -> None:
    paths = career_paths_for(career_kb, ["Python", "SQL", "Git", "JavaScript"])
    for bad in BAD_REPLIES["career_summary"]:
        assert career_summary.ground_summary(bad, paths, "Sam", career_kb) == "", bad
    composed = career_summary.deterministic_summary(paths)
    assert _clean(composed) and paths.matches[0].occupation.title in composed


async def test_the_coach_shows_the_rubrics_comment_instead_of_each_bad_one(db: Settings) -> None:
    for number, bad in enumerate(BAD_REPLIES["interview_comment"]):
        user = 200 + number
        service = InterviewService(
            llm=fake_client([bad]), bank=tiny_bank(), scoring=shipped_knowledge()
        )
        view = await service.start(user, None, kind="behavioral", questions=3)
        view = await service.answer(view.id, user, STRONG_STAR)
        answer = view.last_answer
        assert answer is not None and answer.details is not None
        shown = await service.feedback(view.id, user, answer.index)
        assert _clean(shown), (bad, shown)
        assert "did not" not in shown and "weak answer" not in shown


async def test_without_the_capability_the_model_is_not_asked(db: Settings) -> None:
    from careermate_bot.llm.capability import Capabilities
    from careermate_bot.llm.fake import FakeBackend

    backend = FakeBackend(["I'm seeking a career counselor."])
    chat = ChatService(fake_client(backend), capabilities=Capabilities.nothing())
    reply = await chat.reply(300, "Ada", "hello", "dm")
    assert reply.text.startswith(("Hi", "Hello", "Hey")) and backend.calls == []
    interview = InterviewService(
        llm=fake_client(backend),
        bank=tiny_bank(),
        scoring=shipped_knowledge(),
        capabilities=Capabilities.nothing(),
    )
    view = await interview.start(301, None, kind="behavioral", questions=3)
    view = await interview.answer(view.id, 301, STRONG_STAR)
    answer = view.last_answer
    assert answer is not None and answer.details is not None
    text = await interview.feedback(view.id, 301, answer.index)
    question = view.questions[0]
    assert text == coach_comment(question, answer.details) and backend.calls == []
    assert (await interview.get(view.id)).answers[0].feedback == text

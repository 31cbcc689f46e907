"""The interview session service on a real SQLite file: life cycle, ownership, idle, report,
feedback grounding, export/delete."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.llm import EngineUnreachable
from careermate_bot.llm.fake import fake_client
from careermate_bot.services import profile as profiles
from careermate_bot.services.interview import (
    ActiveSession,
    InterviewService,
    NotYourSession,
    SessionClosed,
    UnknownRole,
    WrongPhase,
    score_answer,
    shipped_knowledge,
)
from careermate_bot.services.interview.bank import QuestionSnapshot
from careermate_bot.services.interview.feedback import contradicts, ground_feedback
from careermate_bot.storage.database import close_db, init_db
from tests.interview_support import (
    IDK,
    SQL_FOUR_OF_FIVE,
    STRONG_STAR,
    VAGUE,
    tiny_bank,
)

USER = 111
OTHER = 222


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 12, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


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


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_service(clock: Clock, llm=None) -> InterviewService:
    return InterviewService(llm=llm, bank=tiny_bank(), scoring=shipped_knowledge(), clock=clock)


async def test_full_session_answer_next_skip_and_report(db: Settings, clock: Clock) -> None:
    service = make_service(clock)
    view = await service.start(USER, None, kind="mixed", questions=4, display_name="Ada")
    assert view.total == 4 and view.awaiting_answer and view.role == "General"
    assert [q.kind for q in view.questions].count("behavioral") == 2
    assert await service.awaiting_answer(USER)

    view = await service.answer(view.id, USER, STRONG_STAR)
    assert view.phase == "feedback" and not await service.awaiting_answer(USER)
    assert view.last_answer is not None and view.last_answer.score is not None
    with pytest.raises(WrongPhase):
        await service.answer(view.id, USER, "again")  # a double submit
    view = await service.next(view.id, USER)
    assert view.current == 1 and view.awaiting_answer
    hint = await service.hint(view.id, USER)
    assert hint and (await service.get(view.id)).hint_shown
    view = await service.skip(view.id, USER)
    view = await service.answer(view.id, USER, VAGUE)
    view = await service.next(view.id, USER)
    view = await service.answer(view.id, USER, IDK)
    view = await service.next(view.id, USER)
    assert view.status == "completed" and view.question is None

    report = await service.report(view.id, USER)
    assert report.asked == 4 and report.answered == 3 and report.skipped == 1
    scores = [i.score for i in report.items]
    assert scores[1] is None and report.items[1].skipped
    assert report.overall == round(sum(s or 0 for s in scores) / 4)
    assert len(report.work_on) == 2 and report.areas and report.weakest_area
    assert (await service.history(USER))[0].overall == report.overall
    with pytest.raises(SessionClosed):
        await service.answer(view.id, USER, "late")


async def test_one_active_session_per_user(db: Settings, clock: Clock) -> None:
    service = make_service(clock)
    first = await service.start(USER, None, kind="behavioral", questions=3)
    with pytest.raises(ActiveSession) as caught:
        await service.start(USER, None)
    assert caught.value.session.id == first.id
    second = await service.start(USER, None, replace=True)
    assert (await service.get(first.id)).status == "abandoned"
    assert (await service.active(USER)).id == second.id  # type: ignore[union-attr]
    resumed = await service.active(USER)
    assert resumed is not None and resumed.id == second.id


async def test_the_database_itself_allows_one_active_session_per_user(
    db: Settings, clock: Clock
) -> None:
    from tortoise.exceptions import IntegrityError

    from models import InterviewSession, UserProfile

    service = make_service(clock)
    await service.start(USER, None, questions=3)
    profile = await UserProfile.get(discord_id=USER)
    with pytest.raises(IntegrityError):  # whoever writes it: the partial unique index refuses
        await InterviewSession.create(user_id=profile.id, role="General", last_activity_at=clock())
    # Two services (two processes' worth of in-process locks) starting at once: one session.
    other_a, other_b = make_service(clock), make_service(clock)
    results = await asyncio.gather(
        other_a.start(OTHER, None, questions=3),
        other_b.start(OTHER, None, questions=3),
        return_exceptions=True,
    )
    assert sorted(type(r).__name__ for r in results) == ["ActiveSession", "SessionView"]
    assert await InterviewSession.filter(user__discord_id=OTHER, status="active").count() == 1


async def test_other_users_are_refused(db: Settings, clock: Clock) -> None:
    service = make_service(clock)
    view = await service.start(USER, None, questions=3)
    for action in (service.skip, service.next, service.end, service.hint):
        with pytest.raises(NotYourSession):
            await action(view.id, OTHER)
    with pytest.raises(NotYourSession):
        await service.answer(view.id, OTHER, STRONG_STAR)
    assert (await service.get(view.id)).current == 0


async def test_idle_sessions_close_after_24_hours(db: Settings, clock: Clock) -> None:
    service = make_service(clock)
    view = await service.start(USER, None, questions=3)
    clock.now += timedelta(hours=23)
    assert await service.awaiting_answer(USER)
    clock.now += timedelta(hours=25)
    assert not await service.awaiting_answer(USER)
    assert (await service.get(view.id)).status == "expired"
    with pytest.raises(SessionClosed, match="24 hours"):
        await service.answer(view.id, USER, STRONG_STAR)
    other = await service.start(OTHER, None, questions=3)
    clock.now += timedelta(days=2)
    assert await service.expire_idle() == 1
    assert (await service.get(other.id)).status == "expired"


async def test_end_early_and_skip_all(db: Settings, clock: Clock) -> None:
    service = make_service(clock)
    view = await service.start(USER, None, questions=3)
    ended = await service.end(view.id, USER)
    assert ended.status == "abandoned"  # nothing answered
    view = await service.start(USER, None, questions=3)
    for _ in range(3):
        view = await service.skip(view.id, USER)
    assert view.status == "completed"
    report = await service.report(view.id, USER)
    assert report.overall == 0 and report.skipped == 3 and report.answered == 0
    assert "skip" in report.work_on[0].casefold()
    view = await service.start(USER, None, questions=5)
    view = await service.answer(view.id, USER, STRONG_STAR)
    view = await service.end(view.id, USER)
    report = await service.report(view.id, USER)
    assert view.status == "completed" and report.ended_early and report.asked == 1


async def test_roles_resolve_through_the_knowledge_base(
    db: Settings, clock: Clock, career_kb
) -> None:
    service = InterviewService.for_knowledge(career_kb, tiny_bank(), clock=clock)
    view = await service.start(USER, "data scientist", kind="technical", questions=3)
    assert view.role == "Data Scientist" and view.occupation_id
    assert all(q.kind != "behavioral" for q in view.questions)
    with pytest.raises(UnknownRole):
        await service.start(OTHER, "zzzz qqqq xxxx")
    assert "Data Scientist" in service.role_choices("data sci")
    view = await service.answer(view.id, USER, SQL_FOUR_OF_FIVE)
    assert view.last_answer is not None and view.last_answer.kind == "technical"


async def test_practice_weakest_area_focuses_questions(db: Settings, clock: Clock) -> None:
    service = make_service(clock)
    view = await service.start(USER, None, kind="behavioral", questions=3, focus="failure")
    assert view.questions[0].competency == "failure"


async def test_feedback_grounded_and_model_down(db: Settings, clock: Clock) -> None:
    good = (
        "You kept the answer calm and on topic. Next time, put a number on the result so the "
        "impact is easy to see. You scored 99 points overall."
    )
    llm = fake_client([good, EngineUnreachable("down")])
    service = make_service(clock, llm)
    view = await service.start(USER, None, kind="behavioral", questions=3)
    view = await service.answer(view.id, USER, VAGUE)
    text = await service.feedback(view.id, USER, 0)
    assert "99" not in text and "number" in text  # the invented figure is dropped
    assert (await service.get(view.id)).answers[0].feedback == text
    score_before = (await service.get(view.id)).answers[0].score
    view = await service.next(view.id, USER)
    view = await service.answer(view.id, USER, STRONG_STAR)
    note = await service.feedback(view.id, USER, 1)
    assert note.startswith("ℹ️") and "offline" in note
    assert (await service.get(view.id)).answers[0].score == score_before


def test_contradiction_check() -> None:
    q = "Tell me about a time you had a conflict with a coworker."
    weak = score_answer(q, VAGUE, bank=tiny_bank())
    assert "Result" in weak.missed
    assert contradicts("You clearly described the result of your actions.", weak)
    assert contradicts("This was an excellent answer.", weak)
    assert contradicts("You set the scene well.", weak)  # "scene" = the missed Situation
    assert contradicts("You said clearly what you did yourself.", weak)  # no "I" action
    assert "Teamwork" not in " ".join(weak.matched)  # a soft skill is not a named specific
    assert not contradicts("Add the result: what changed afterwards.", weak)
    strong = score_answer(q, STRONG_STAR, bank=tiny_bank())
    assert contradicts("You didn't describe the situation.", strong)
    snap = QuestionSnapshot(text=q, competency="conflict")
    text = (
        "You clearly said you are a team player and open to talking. This was an excellent "
        "answer. Next time, tell one real story and finish with what changed."
    )
    kept = ground_feedback(text, snap, weak, VAGUE)
    assert "excellent" not in kept and "real story" in kept


async def test_export_and_delete_cover_interviews(db: Settings, clock: Clock) -> None:
    service = make_service(clock)
    view = await service.start(USER, None, questions=3, display_name="Ada")
    await service.answer(view.id, USER, STRONG_STAR)
    data = await profiles.export_user_data(USER)
    assert data is not None
    assert data["interview_sessions"][0]["role"] == "General"
    assert data["interview_answers"][0]["answer"] == STRONG_STAR
    deleted = await profiles.delete_user_data(USER)
    assert deleted.get("interview_sessions") == 1 and deleted.get("interview_answers") == 1
    assert await service.active(USER) is None

"""Several bot processes on one PostgreSQL (run by scripts/test_postgres.sh; skipped on SQLite):
correctness comes from the database, not from per-process locks.

- At most one active interview per user: a partial unique index, row locks on the user's profile
  for a start and on the session for every change. Two processes starting at once for one user
  give one session and one `ActiveSession`; two answers to one question give one answer.
- One leader: `pg_try_advisory_xact_lock` held in an open transaction; `kill -9` of the leader
  hands over to another process; scheduled pg_dump backups are taken by the leader only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tortoise.exceptions import IntegrityError

from careermate_bot.config import Settings, build_settings
from careermate_bot.services import profile as profiles
from careermate_bot.services.interview import (
    ActiveSession,
    InterviewService,
    WrongPhase,
    shipped_knowledge,
)
from careermate_bot.storage import migrations
from careermate_bot.storage.backup import BackupScheduler
from careermate_bot.storage.database import close_db, get_connection, init_db
from careermate_bot.storage.leader import Leadership
from models import InterviewAnswer, InterviewSession, SessionStatus, UserProfile
from tests.interview_support import STRONG_STAR, tiny_bank
from tests.pg import database_url_for_test, postgres_only

pytestmark = postgres_only

PROJECT_ROOT = Path(__file__).resolve().parents[2]
USERS = list(range(7001, 7021))

# One "bot process": its own interpreter, connection pool and interview service; it starts an
# interview for every user at the same moment as the other process and reports what happened.
STARTER = """
import asyncio, json, sys
from pathlib import Path
from careermate_bot.config import build_settings
from careermate_bot.storage.database import close_db, init_db
from careermate_bot.services.interview import ActiveSession, InterviewService, shipped_knowledge
from tests.interview_support import tiny_bank

async def main(url, users, go):
    settings = build_settings(_env_file=None, data_dir=Path("."), database_url=url)
    await init_db(settings)
    service = InterviewService(bank=tiny_bank(), scoring=shipped_knowledge())
    while not Path(go).exists():
        await asyncio.sleep(0.01)
    async def one(user):
        try:
            view = await service.start(user, None, questions=3)
            return ["started", view.id]
        except ActiveSession as refused:
            return ["refused", refused.session.id]
    try:
        print(json.dumps(await asyncio.gather(*(one(u) for u in users))))
    finally:
        await close_db()

url, users, go = sys.argv[1:4]
asyncio.run(main(url, [int(u) for u in users.split(",")], go))
"""

# A process campaigning for leadership; prints its state whenever it changes.
CAMPAIGNER = """
import asyncio, sys
from pathlib import Path
from careermate_bot.config import build_settings
from careermate_bot.storage.leader import Leadership

async def main(url):
    settings = build_settings(_env_file=None, data_dir=Path("."), database_url=url)
    leader = Leadership(settings, retry_seconds=0.2, keepalive_seconds=0.2)
    await leader.start()
    shown = None
    while True:
        if leader.is_leader != shown:
            shown = leader.is_leader
            print("LEADER" if shown else "FOLLOWER", flush=True)
        await asyncio.sleep(0.05)

asyncio.run(main(sys.argv[1]))
"""


@pytest.fixture
def pg_settings(tmp_path: Path) -> Settings:
    return build_settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        database_url=database_url_for_test(),
        backup_dir=tmp_path / "backups",
    )


@pytest.fixture
async def db(pg_settings: Settings) -> AsyncIterator[Settings]:
    await init_db(pg_settings)
    try:
        yield pg_settings
    finally:
        await close_db()


def _service() -> InterviewService:
    return InterviewService(bank=tiny_bank(), scoring=shipped_knowledge())


async def _active_rows(user: int) -> int:
    return await InterviewSession.filter(user__discord_id=user, status=SessionStatus.ACTIVE).count()


async def test_the_database_refuses_a_second_active_interview(db: Settings) -> None:
    view = await _service().start(7000, None, questions=3)
    profile = await UserProfile.get(discord_id=7000)
    with pytest.raises(IntegrityError):
        await InterviewSession.create(
            user_id=profile.id, role="General", last_activity_at=datetime.now(UTC)
        )
    # Finished sessions are not limited: the index covers active rows only.
    await _service().end(view.id, 7000)
    await _service().start(7000, None, questions=3)
    assert await _active_rows(7000) == 1
    assert await InterviewSession.filter(user_id=profile.id).count() == 2


async def test_two_services_starting_at_once_give_one_session(db: Settings) -> None:
    # Two InterviewService objects = two processes' worth of asyncio locks: nothing in-process
    # serialises these starts, so only the database can.
    first, second = _service(), _service()
    results = await asyncio.gather(
        first.start(7100, None, questions=3),
        second.start(7100, None, questions=3),
        return_exceptions=True,
    )
    started = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, ActiveSession)]
    assert len(started) == 1 and len(refused) == 1, results
    assert refused[0].session.id == started[0].id
    assert await _active_rows(7100) == 1


async def test_two_processes_starting_interviews_for_the_same_users(
    pg_settings: Settings, tmp_path: Path
) -> None:
    await init_db(pg_settings)  # the schema exists before the two "bots" start
    await close_db()
    go = tmp_path / "go"
    starters = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            STARTER,
            pg_settings.database_url,
            ",".join(map(str, USERS)),
            str(go),
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    await asyncio.sleep(1.0)  # both connected and waiting
    go.touch()
    outputs = await asyncio.gather(*(s.communicate() for s in starters))
    results = []
    for starter, (out, err) in zip(starters, outputs, strict=True):
        assert starter.returncode == 0, err.decode()[-3000:]
        results.append(json.loads(out.decode().strip().splitlines()[-1]))

    await init_db(pg_settings)
    try:
        for index, user in enumerate(USERS):
            a, b = results[0][index], results[1][index]
            # Exactly one process started it; the other was told about that very session.
            assert sorted([a[0], b[0]]) == ["refused", "started"], (user, a, b)
            assert a[1] == b[1]
            assert await _active_rows(user) == 1
        assert await InterviewSession.all().count() == len(USERS)
    finally:
        await close_db()


async def test_two_answers_to_one_question_record_one(db: Settings) -> None:
    view = await _service().start(7200, None, questions=3)
    first, second = _service(), _service()
    results = await asyncio.gather(
        first.answer(view.id, 7200, STRONG_STAR),
        second.answer(view.id, 7200, STRONG_STAR),
        return_exceptions=True,
    )
    assert sum(isinstance(r, WrongPhase) for r in results) == 1, results
    assert await InterviewAnswer.filter(session_id=view.id).count() == 1
    # Two Next clicks from two processes move one question on, not two.
    await asyncio.gather(first.next(view.id, 7200), second.next(view.id, 7200))
    assert (await first.get(view.id)).current == 1


async def test_an_upgrade_keeps_the_newest_of_duplicate_active_sessions(
    pg_settings: Settings,
) -> None:
    await init_db(pg_settings)
    service = _service()
    first = await service.start(7300, None, questions=3)
    conn = get_connection()
    # The database as version 4 left it: no unique index, and two processes each started one.
    await conn.execute_query('DROP INDEX "uniq_interview_sessions_active_user"')
    await conn.execute_query(
        "INSERT INTO interview_sessions (user_id, role, occupation_id, kind, difficulty, status, "
        "phase, questions, current, hints_used, typed_answers, created_at, last_activity_at) "
        "SELECT user_id, role, occupation_id, kind, difficulty, status, phase, questions, current,"
        " hints_used, typed_answers, created_at, last_activity_at FROM interview_sessions"
    )
    await conn.execute_query("UPDATE schema_meta SET version = 4")
    assert await _active_rows(7300) == 2
    await close_db()

    await init_db(pg_settings)
    try:
        assert await migrations.read_version(get_connection()) == migrations.CURRENT_VERSION
        rows = await InterviewSession.filter(user__discord_id=7300).order_by("id")
        assert [str(r.status.value) for r in rows] == ["abandoned", "active"]
        assert rows[0].id == first.id and rows[0].ended_at == rows[0].last_activity_at
        with pytest.raises(IntegrityError):  # the index is back
            await InterviewSession.create(
                user_id=rows[0].user_id,  # type: ignore[attr-defined]
                role="General",
                last_activity_at=datetime.now(UTC),
            )
    finally:
        await close_db()


async def _read_state(process: asyncio.subprocess.Process) -> str:
    """The next state line a campaigner prints (within 15 s)."""
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), 15.0)
    if not line:
        assert process.stderr is not None
        raise AssertionError((await process.stderr.read()).decode()[-3000:])
    return line.decode().strip()


async def test_two_processes_elect_one_leader_and_a_killed_leader_is_replaced(
    db: Settings,
) -> None:
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            CAMPAIGNER,
            db.database_url,
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    try:
        # The first try of the first process wins; the other finds the lock held.
        states = [await _read_state(p) for p in processes]
        assert sorted(states) == ["FOLLOWER", "LEADER"], states
        leader_index = states.index("LEADER")
        follower = processes[1 - leader_index]

        # This test process is a third candidate: it cannot lead while the other one does.
        here = Leadership(db, retry_seconds=0.2, keepalive_seconds=0.2)
        assert await here.start() is False
        await here.stop()

        processes[leader_index].send_signal(signal.SIGKILL)
        await processes[leader_index].wait()
        assert await _read_state(follower) == "LEADER"  # took over after the kill
    finally:
        for process in processes:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


async def test_scheduled_backups_are_taken_by_the_leader_only(db: Settings) -> None:
    leader = Leadership(db, retry_seconds=0.2)
    follower = Leadership(db, retry_seconds=0.2)
    try:
        assert await leader.start() is True
        assert await follower.start() is False
        assert leader.mode == "postgres advisory lock"
        not_mine = BackupScheduler(db, interval_seconds=3600, is_leader=lambda: follower.is_leader)
        mine = BackupScheduler(db, interval_seconds=3600, is_leader=lambda: leader.is_leader)
        assert not_mine.enabled and mine.enabled
        assert await not_mine.run_once() is None
        assert not db.effective_backup_dir.exists() or not list(db.effective_backup_dir.iterdir())
        first = await mine.run_once()
        assert first is not None and first.suffix == ".dump" and mine.last_error is None
        assert await mine.run_once() is None  # nothing written since: skipped
        await profiles.update_profile(7400, skills=["SQL"])
        second = await mine.run_once()
        assert second is not None and second != first
    finally:
        await follower.stop()
        await leader.stop()


async def test_a_follower_takes_over_when_the_leader_stops_and_runs_its_jobs(
    db: Settings,
) -> None:
    first = Leadership(db, retry_seconds=0.1, keepalive_seconds=0.1)
    second = Leadership(db, retry_seconds=0.1, keepalive_seconds=0.1)
    elected = asyncio.Event()

    async def on_elected() -> None:  # e.g. the command sync a new leader runs
        elected.set()

    second.on_elected(on_elected)
    try:
        assert await first.start() and not await second.start()
        await asyncio.sleep(0.3)  # several tries: the follower stays a follower
        assert first.is_leader and not second.is_leader and not elected.is_set()
        await first.stop()  # a clean shutdown hands over at once
        await asyncio.wait_for(elected.wait(), 5.0)
        assert second.is_leader and not first.is_leader
    finally:
        await second.stop()
        await first.stop()

"""PostgreSQL for real (run by scripts/test_postgres.sh; skipped on SQLite).

Two bot processes sharing one database must not lose or duplicate profile updates, and an old
database on PostgreSQL is upgraded through every migration, transactionally.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.services import profile as profiles
from careermate_bot.storage import migrations
from careermate_bot.storage.database import DatabaseError, close_db, get_connection, init_db
from careermate_bot.storage.migrations import Migration, MigrationContext
from models import ChatMessage, UserProfile
from tests.pg import database_url_for_test, postgres_only

pytestmark = postgres_only

PROJECT_ROOT = Path(__file__).resolve().parents[2]
USERS = [9001, 9002, 9003, 9004, 9005, 9006]
ROUNDS = 30  # per process and user: 2 x 30 skills stays under the 100-skill cap

# One "bot process": its own interpreter, its own connection pool, the real profile service.
WRITER = """
import asyncio, sys
from pathlib import Path
from careermate_bot.config import build_settings
from careermate_bot.storage.database import close_db, init_db
from careermate_bot.services import profile as profiles

async def main(url, tag, users, rounds, go):
    settings = build_settings(_env_file=None, data_dir=Path("."), database_url=url)
    await init_db(settings)
    while not Path(go).exists():  # start together: the writes really interleave
        await asyncio.sleep(0.01)
    try:
        async def one_user(user):
            for r in range(rounds):
                item = f"{tag}-{r}"
                await profiles.update_profile(user, add_skills=[item], display_name=tag)
                await profiles.append_message(user, "user", item)
        await asyncio.gather(*(one_user(u) for u in users))
    finally:
        await close_db()

url, tag, users, rounds, go = sys.argv[1:6]
asyncio.run(main(url, tag, [int(u) for u in users.split(",")], int(rounds), go))
"""


@pytest.fixture
def pg_settings(tmp_path: Path) -> Settings:
    return build_settings(
        _env_file=None, data_dir=tmp_path, database_url=database_url_for_test(), backup_dir=None
    )


async def test_two_processes_sharing_one_database_lose_and_duplicate_nothing(
    pg_settings: Settings, tmp_path: Path
) -> None:
    await init_db(pg_settings)  # the schema exists before the two "bots" start
    await close_db()
    go = tmp_path / "go"
    writers = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            WRITER,
            pg_settings.database_url,
            tag,
            ",".join(map(str, USERS)),
            str(ROUNDS),
            str(go),
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for tag in ("bot-a", "bot-b")
    ]
    await asyncio.sleep(0.5)  # both connected and waiting
    go.touch()
    results = await asyncio.gather(*(w.communicate() for w in writers))
    for writer, (_out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err.decode()[-3000:]

    await init_db(pg_settings)
    try:
        # First contact raced in both processes: still one profile per user.
        assert await UserProfile.filter(discord_id__in=USERS).count() == len(USERS)
        expected = {f"{tag}-{r}" for tag in ("bot-a", "bot-b") for r in range(ROUNDS)}
        for user in USERS:
            profile = await profiles.get_profile(user)
            assert profile is not None
            assert len(profile.skills) == len(expected), "a skill was lost or duplicated"
            assert set(profile.skills) == expected
            # Each process's own additions stay in the order it made them.
            for tag in ("bot-a", "bot-b"):
                mine = [s for s in profile.skills if s.startswith(tag)]
                assert mine == [f"{tag}-{r}" for r in range(ROUNDS)]
            rows = await ChatMessage.filter(user__discord_id=user).values_list("content", flat=True)
            assert sorted(rows) == sorted(expected)  # every message once, none lost
    finally:
        await close_db()


async def _make_version_1(settings: Settings) -> None:
    """Turn a fresh database into one as the first release left it, with data in it."""
    await init_db(settings)
    conn = get_connection()
    for table in sorted(await migrations.table_names(conn)):
        if table not in migrations.CORE_TABLES:
            await conn.execute_query(f'DROP TABLE "{table}" CASCADE')
    await conn.execute_query('DROP INDEX IF EXISTS "idx_chat_messages_user_history"')
    await profiles.update_profile(
        1001, display_name="Ada", skills=["Python", "SQL"], min_salary=90000
    )
    for i in range(20):
        await profiles.append_message(1001, "user" if i % 2 == 0 else "assistant", f"m{i}")
    await close_db()


async def test_an_old_database_is_upgraded_on_postgres_and_keeps_its_data(
    pg_settings: Settings,
) -> None:
    await _make_version_1(pg_settings)
    try:
        report = await init_db(pg_settings)
        assert report.from_version == migrations.BASELINE_VERSION
        assert [m.version for m in report.applied] == list(range(2, migrations.CURRENT_VERSION + 1))
        conn = get_connection()
        assert await migrations.read_version(conn) == migrations.CURRENT_VERSION
        assert await migrations.check_schema(conn) == []
        profile = await profiles.get_profile(1001)
        assert profile is not None and profile.skills == ["Python", "SQL"]
        assert profile.min_salary == 90000
        assert await profiles.count_messages(1001) == 20
        exported = await profiles.export_user_data(1001)
        assert exported is not None
        json.dumps(exported)  # every table the upgrade created can be exported
    finally:
        await close_db()


async def test_a_failing_migration_rolls_back_on_postgres(pg_settings: Settings) -> None:
    await _make_version_1(pg_settings)

    async def broken(ctx: MigrationContext) -> None:
        await ctx.add_column("user_profiles", "nickname", "VARCHAR(50)")
        await ctx.execute("UPDATE user_profiles SET nickname = 'half-done'")
        raise RuntimeError("boom")

    steps = [*migrations.MIGRATIONS, Migration(migrations.CURRENT_VERSION + 1, "broken", broken)]
    with pytest.raises(DatabaseError, match=r"failed and was rolled back.*boom"):
        await init_db(pg_settings, migration_list=steps)
    await init_db(pg_settings)
    try:
        conn = get_connection()
        assert await migrations.read_version(conn) == migrations.CURRENT_VERSION
        assert "nickname" not in await migrations.column_names(conn, "user_profiles")
        assert await profiles.count_messages(1001) == 20
    finally:
        await close_db()


async def test_postgres_after_sqlite_in_one_process(pg_settings: Settings, tmp_path: Path) -> None:
    """Tortoise caches model SQL per connection name: a SQLite database first must not leave
    `skills=?` statements behind for PostgreSQL (the clean-clone CI run hit exactly that)."""
    sqlite_settings = build_settings(_env_file=None, data_dir=tmp_path / "sqlite", database_url="")
    await init_db(sqlite_settings)
    await profiles.add_skills(7, ["Python"])
    await close_db()
    await init_db(pg_settings)
    try:
        saved = await profiles.add_skills(7, ["Python", "SQL"])
        assert saved.skills == ["Python", "SQL"]
    finally:
        await close_db()


async def test_schema_set_up_retries_a_race_with_another_process(
    pg_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes creating the same tables can deadlock; the loser retries and succeeds."""
    from tortoise import Tortoise
    from tortoise.exceptions import OperationalError

    real = Tortoise.generate_schemas
    calls = 0

    async def racing(*args: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OperationalError("deadlock detected")
        await real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Tortoise, "generate_schemas", racing)
    await init_db(pg_settings)
    try:
        assert calls == 2
        assert (await profiles.add_skills(8, ["SQL"])).skills == ["SQL"]
    finally:
        await close_db()


# A bot process starting: only `init_db`, at the same moment as the others.
STARTING = """
import asyncio, sys, time
from pathlib import Path
from careermate_bot.config import build_settings
from careermate_bot.storage.database import close_db, init_db

async def main(url, go):
    settings = build_settings(_env_file=None, data_dir=Path("."), database_url=url)
    while not Path(go).exists():
        await asyncio.sleep(0.005)
    await init_db(settings)
    await close_db()

asyncio.run(main(*sys.argv[1:3]))
"""


@pytest.mark.parametrize("schema_exists", [False, True])
async def test_processes_starting_together_all_set_up_the_schema(
    pg_settings: Settings, tmp_path: Path, schema_exists: bool
) -> None:
    """Four processes calling `init_db` at once, on a new database and on one that exists: none
    fails (without the schema lock two of them deadlocked in `COMMENT ON`, as CI once saw)."""
    if schema_exists:
        await init_db(pg_settings)
        await close_db()
    go = tmp_path / "go"
    starting = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            STARTING,
            pg_settings.database_url,
            str(go),
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    await asyncio.sleep(1.0)
    go.touch()
    outputs = await asyncio.gather(*(p.communicate() for p in starting))
    for process, (_, err) in zip(starting, outputs, strict=True):
        assert process.returncode == 0, err.decode()[-3000:]
    await init_db(pg_settings)
    try:
        assert (await profiles.add_skills(9, ["SQL"])).skills == ["SQL"]
    finally:
        await close_db()


async def test_schema_set_up_waits_for_the_schema_lock(pg_settings: Settings) -> None:
    """While another process holds the schema lock, `init_db` waits; it finishes once freed."""
    from careermate_bot.storage.database import connection_config
    from careermate_bot.storage.own_connection import schema_lock

    credentials = connection_config(pg_settings)["credentials"]
    released = asyncio.Event()

    async def other_process() -> None:
        async with schema_lock(credentials):
            await released.wait()

    holder = asyncio.create_task(other_process())
    await asyncio.sleep(0.5)
    starting = asyncio.create_task(init_db(pg_settings))
    await asyncio.sleep(1.0)
    assert not starting.done()
    released.set()
    await asyncio.wait_for(starting, 30)
    await holder
    try:
        assert (await profiles.add_skills(10, ["SQL"])).skills == ["SQL"]
    finally:
        await close_db()

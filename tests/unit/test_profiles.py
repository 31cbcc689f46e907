"""The profile service: profiles, history, export, deletion, and survival across a restart."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from careermate_bot.config import Settings, build_settings
from careermate_bot.services import profile as profiles
from careermate_bot.services.profile.store import ProfileError, ProfileSnapshot
from careermate_bot.storage.database import close_db, init_db
from models import ChatMessage, MessageRole, MessageSource, UserProfile
from tests.pg import database_url_for_test

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def make_settings(tmp_path: Path) -> Settings:
    # SQLite under tmp_path, or a fresh PostgreSQL database in the PostgreSQL pass (tests/pg.py).
    return build_settings(
        _env_file=None, data_dir=tmp_path, database_url=database_url_for_test(), backup_dir=None
    )


@pytest.fixture
async def db(tmp_path: Path):
    settings = make_settings(tmp_path)
    await init_db(settings)
    try:
        yield settings
    finally:
        await close_db()


async def test_get_or_create_creates_once_and_follows_renames(db: Settings) -> None:
    first = await profiles.get_or_create(1, "Ada")
    again = await profiles.get_or_create(1, "Ada")
    assert first.discord_id == 1 and first.display_name == "Ada" and first.is_empty
    assert again.created_at == first.created_at
    assert (await profiles.get_or_create(1, "Ada L.")).display_name == "Ada L."
    assert (await profiles.get_or_create(1)).display_name == "Ada L."  # None keeps the name
    assert await UserProfile.all().count() == 1
    assert await profiles.get_profile(2) is None


async def test_concurrent_first_contact_makes_one_profile(db: Settings) -> None:
    results = await asyncio.gather(*(profiles.get_or_create(5, "x") for _ in range(10)))
    assert {r.discord_id for r in results} == {5}
    assert await UserProfile.filter(discord_id=5).count() == 1


async def test_skills_merge_in_order_and_dedupe_ignoring_case(db: Settings) -> None:
    await profiles.update_profile(1, skills=["Python", "  SQL ", "python"])
    snap = await profiles.add_skills(1, ["sql", "Docker", "PYTHON", "  machine   learning "])
    assert snap.skills == ["Python", "SQL", "Docker", "machine learning"]
    snap = await profiles.update_profile(1, remove_skills=["docker"], add_skills=["Go"])
    assert snap.skills == ["Python", "SQL", "machine learning", "Go"]
    snap = await profiles.update_profile(1, skills=["Rust"])  # replace
    assert snap.skills == ["Rust"]
    assert (await profiles.update_profile(1, skills="Kotlin")).skills == ["Kotlin"]


async def test_concurrent_skill_merges_lose_nothing(db: Settings) -> None:
    await asyncio.gather(*(profiles.add_skills(3, [f"skill {i}"]) for i in range(20)))
    snap = await profiles.get_profile(3)
    assert snap is not None and sorted(snap.skills) == sorted(f"skill {i}" for i in range(20))


async def test_update_all_fields_and_clear_with_none(db: Settings) -> None:
    snap = await profiles.update_profile(
        7,
        display_name="Grace",
        locations=["Berlin", "berlin", "Remote EU"],
        remote_ok=True,
        min_salary=85000,
        experience_years=3.5,
        target_roles=["Data Engineer"],
        add_target_roles=["ML Engineer", "data engineer"],
        preferences={"tone": "brief", "language": "en"},
    )
    assert snap.display_name == "Grace"
    assert snap.locations == ["Berlin", "Remote EU"]
    assert snap.remote_ok is True and snap.min_salary == 85000 and snap.experience_years == 3.5
    assert snap.target_roles == ["Data Engineer", "ML Engineer"]
    assert snap.preferences == {"tone": "brief", "language": "en"}
    assert not snap.is_empty

    snap = await profiles.update_profile(
        7, remote_ok=None, min_salary=None, preferences={"tone": None, "units": "metric"}
    )
    assert snap.remote_ok is None and snap.min_salary is None
    assert snap.experience_years == 3.5  # untouched
    assert snap.preferences == {"language": "en", "units": "metric"}
    assert snap.updated_at >= snap.created_at


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"min_salary": -1}, "minimum salary"),
        ({"min_salary": 1.5}, "whole number"),
        ({"experience_years": 200}, "years of experience"),
        ({"experience_years": float("nan")}, "years of experience"),
        ({"remote_ok": "yes"}, "remote_ok"),
        ({"add_skills": ["x" * 101]}, "at most 100 characters"),
        ({"add_skills": [f"s{i}" for i in range(101)]}, "at most 100 skills"),
        ({"add_locations": [3]}, "must be text"),
        ({"preferences": {"big": "x" * 20_000}}, "at most"),
        ({"preferences": {"when": object()}}, "plain JSON"),
    ],
)
async def test_invalid_values_are_refused_and_nothing_is_written(
    db: Settings, changes: dict, message: str
) -> None:
    await profiles.update_profile(9, add_skills=["Python"], min_salary=1000)
    with pytest.raises(ProfileError, match=message):
        await profiles.update_profile(9, display_name="changed", **changes)
    snap = await profiles.get_profile(9)
    assert snap is not None
    assert snap.display_name == "" and snap.skills == ["Python"] and snap.min_salary == 1000


async def test_history_is_chronological_and_limited(db: Settings) -> None:
    for i in range(30):
        role = MessageRole.USER if i % 2 == 0 else MessageRole.ASSISTANT
        await profiles.append_message(11, role, f"m{i}", intent="chat" if i % 2 == 0 else None)
    await profiles.append_message(12, "user", "someone else", source=MessageSource.GUILD)

    history = await profiles.recent_history(11, limit=5)
    assert [m.content for m in history] == ["m25", "m26", "m27", "m28", "m29"]
    assert history[0].role is MessageRole.ASSISTANT and history[1].intent == "chat"
    assert all(m.source is MessageSource.DM for m in history)
    assert await profiles.recent_history(11, limit=0) == []
    assert len(await profiles.recent_history(11, limit=10_000)) == 30
    assert await profiles.recent_history(404) == []
    other = await profiles.recent_history(12)
    assert [(m.content, m.source) for m in other] == [("someone else", MessageSource.GUILD)]
    assert await profiles.count_messages(11) == 30


async def test_append_message_creates_the_profile_and_rejects_bad_roles(db: Settings) -> None:
    msg = await profiles.append_message(21, "user", "hi", source="cli", display_name="Lin")
    assert msg.source is MessageSource.CLI
    assert (await profiles.get_profile(21)).display_name == "Lin"  # type: ignore[union-attr]
    with pytest.raises(ProfileError):
        await profiles.append_message(21, "wizard", "hi")
    with pytest.raises(ProfileError):
        await profiles.append_message(21, "user", "hi", source="email")


async def test_clear_history_keeps_the_profile(db: Settings) -> None:
    await profiles.update_profile(31, add_skills=["SQL"])
    for i in range(3):
        await profiles.append_message(31, "user", str(i))
    assert await profiles.clear_history(31) == 3
    assert await profiles.recent_history(31) == []
    assert (await profiles.get_profile(31)).skills == ["SQL"]  # type: ignore[union-attr]
    assert await profiles.clear_history(999) == 0


async def test_export_contains_everything_and_is_json(db: Settings) -> None:
    await profiles.update_profile(41, display_name="Kim", add_skills=["Go"], min_salary=5)
    await profiles.append_message(41, "user", "hello", intent="greeting")
    await profiles.append_message(41, "assistant", "hi Kim")
    await profiles.append_message(42, "user", "not Kim's")

    data = await profiles.export_user_data(41)
    assert data is not None
    json.dumps(data)  # serialisable as is
    assert data["format"] == "careermate-user-export" and data["version"] == 1
    assert data["profile"]["discord_id"] == 41 and data["profile"]["skills"] == ["Go"]
    assert [(m["role"], m["content"], m["intent"]) for m in data["messages"]] == [
        ("user", "hello", "greeting"),
        ("assistant", "hi Kim", None),
    ]
    assert "user_id" not in data["messages"][0]
    assert await profiles.export_user_data(4040) is None


async def test_delete_removes_the_user_completely_and_only_them(db: Settings) -> None:
    await profiles.update_profile(51, add_skills=["Go"])
    for i in range(4):
        await profiles.append_message(51, "user", str(i))
    await profiles.append_message(52, "user", "stay")

    assert await profiles.delete_user_data(51) == {"chat_messages": 4, "user_profiles": 1}
    assert await profiles.get_profile(51) is None
    assert await profiles.export_user_data(51) is None
    assert await ChatMessage.all().count() == 1
    assert await profiles.recent_history(52) != []
    assert await profiles.delete_user_data(51) == {}
    # A later message starts a fresh, empty profile.
    await profiles.append_message(51, "user", "back again")
    assert (await profiles.get_profile(51)).is_empty  # type: ignore[union-attr]


READ_BACK = """
import asyncio, json, sys
from pathlib import Path
from careermate_bot.config import build_settings
from careermate_bot.storage.database import close_db, init_db
from careermate_bot.services import profile as profiles

async def main():
    settings = build_settings(_env_file=None, data_dir=Path(sys.argv[1]),
                              database_url=sys.argv[3], backup_dir=None)
    await init_db(settings)
    try:
        profile = await profiles.get_profile(int(sys.argv[2]))
        history = await profiles.recent_history(int(sys.argv[2]), limit=50)
        print(json.dumps({
            "profile": profile.model_dump(mode="json"),
            "history": [m.model_dump(mode="json") for m in history],
        }))
        await profiles.append_message(int(sys.argv[2]), "assistant", "written by process 2")
    finally:
        await close_db()

asyncio.run(main())
"""


async def test_profile_survives_a_process_restart(tmp_path: Path) -> None:
    """Written here, the connection closed, read back by a brand-new Python process."""
    settings = make_settings(tmp_path)
    await init_db(settings)
    try:
        await profiles.get_or_create(777, "Restart Tester")
        written = await profiles.update_profile(
            777,
            add_skills=["Python", "SQL", "python"],
            locations=["Lisbon"],
            remote_ok=False,
            min_salary=60000,
            experience_years=2.0,
            target_roles=["Backend Developer"],
            preferences={"tone": "friendly", "nested": {"a": [1, 2]}},
        )
        sent = [await profiles.append_message(777, "user", f"question {i}") for i in range(3)]
    finally:
        await close_db()

    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        READ_BACK,
        str(tmp_path),
        "777",
        settings.database_url,
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    seen = json.loads(out.decode().strip().splitlines()[-1])

    assert ProfileSnapshot.model_validate(seen["profile"]) == written
    assert seen["history"] == [m.model_dump(mode="json") for m in sent]

    # And what the other process wrote is visible here after re-opening.
    await init_db(settings)
    try:
        last = await profiles.recent_history(777, limit=1)
        assert [m.content for m in last] == ["written by process 2"]
    finally:
        await close_db()


async def test_export_covers_every_model_that_points_at_the_profile(db: Settings) -> None:
    """Features that store per-user rows with a ForeignKey to UserProfile are exported (and
    deleted, when the key cascades) without changes to the profile service."""
    meta = UserProfile._meta
    related = meta.backward_fk_fields | meta.backward_o2o_fields
    assert "messages" in related
    await profiles.append_message(61, "user", "x")
    data = await profiles.export_user_data(61)
    assert data is not None and related <= data.keys()

"""/profile through discord.py's real dispatch: buttons, the form (modal), export and delete."""

import json
from pathlib import Path
from types import SimpleNamespace

from careermate_bot.config import Settings
from careermate_bot.services import profile as profiles
from careermate_bot.services.container import AppServices
from tests.harness.bot import running_bot
from tests.harness.driver import DiscordHarness
from tests.pg import sqlite_only


async def _open_form(harness: DiscordHarness, user=None):
    shown = await harness.slash("profile show", user=user)
    uid = (user or harness.member).id
    return shown, await harness.click(shown.message, f"cm:profile:edit:{uid}", user=user)


async def test_edit_button_opens_the_form_and_submitting_saves_the_profile(
    harness: DiscordHarness,
) -> None:
    shown, form = await _open_form(harness)
    assert shown.ephemeral and "Nothing saved yet" in shown.text()
    assert form.modal is not None and form.modal["title"] == "Your career profile"
    saved = await harness.submit_modal(
        form,
        {
            "skills": "python, sql\nTableau",
            "locations": "Austin TX; remote",
            "target_roles": "Data Scientist",
            "experience": "4.5",
            "min_salary": "$95,000",
        },
    )
    assert saved.ephemeral
    text = saved.text()
    assert "Saved." in text and "Austin TX, remote" in text and "$95,000/yr" in text
    stored = await profiles.get_profile(harness.member.id)
    assert stored is not None
    assert stored.skills[-1] == "Tableau" and len(stored.skills) == 3
    assert stored.experience_years == 4.5 and stored.min_salary == 95_000
    assert stored.target_roles == ["Data Scientist"]
    # The form opens pre-filled with what is saved now.
    _, again = await _open_form(harness)
    prefilled = json.dumps(again.modal)
    assert "Austin TX, remote" in prefilled and "95,000" in prefilled


async def test_bad_form_input_gets_a_friendly_answer_and_saves_nothing(
    harness: DiscordHarness,
) -> None:
    _, form = await _open_form(harness)
    reply = await harness.submit_modal(form, {"skills": "Excel", "experience": "lots"})
    assert reply.ephemeral
    assert "isn't a number of years" in reply.text()
    stored = await profiles.get_profile(harness.member.id)
    assert stored is not None and stored.skills == []


async def test_someone_elses_profile_buttons_are_refused(harness: DiscordHarness) -> None:
    shown = await harness.slash("profile show")
    intruder = harness.member_at(1)
    reply = await harness.click(
        shown.message, f"cm:profile:edit:{harness.member.id}", user=intruder
    )
    assert reply.modal is None and reply.ephemeral
    assert "someone else's profile" in reply.text()


async def test_export_then_delete_everything(harness: DiscordHarness) -> None:
    await profiles.update_profile(harness.member.id, skills=["Rust"], locations=["Berlin"])
    await profiles.append_message(harness.member.id, "user", "hello there")
    exported = await harness.slash("profile export")
    assert exported.ephemeral and exported.files
    exported.files[0].fp.seek(0)
    data = json.loads(exported.files[0].fp.read())
    assert data["profile"]["skills"] == ["Rust"]
    assert [m["content"] for m in data["messages"]] == ["hello there"]

    asked = await harness.slash("profile delete")
    assert "can't be undone" in asked.text()
    done = await harness.click(asked.message, f"cm:profile:confirm-delete:{harness.member.id}")
    assert "I deleted everything" in done.text()
    assert await profiles.get_profile(harness.member.id) is None


async def test_profile_buttons_still_work_after_a_restart(
    settings: Settings, tmp_path: Path
) -> None:
    async with running_bot(settings, AppServices(settings, backups_enabled=False), tmp_path) as h:
        shown = await h.slash("profile show")
        old_message, uid = shown.message, h.member.id
    # A new process: new bot, same database file. The old message's button still answers.
    async with running_bot(settings, AppServices(settings, backups_enabled=False), tmp_path) as h:
        same_person = SimpleNamespace(id=uid, name="returning-user", roles=[])
        form = await h.click(old_message, f"cm:profile:edit:{uid}", user=same_person)
        assert form.modal is not None
        await h.submit_modal(form, {"skills": "Go"}, user=same_person)
        stored = await profiles.get_profile(uid)
        assert stored is not None and stored.skills == ["Go"]
        assert not h.errors.records


async def test_typed_skills_are_saved_under_their_canonical_names(
    settings: Settings, tmp_path: Path
) -> None:
    from careermate_bot.knowledge import get_knowledge_base

    services = AppServices(
        settings, knowledge=get_knowledge_base(settings.data_dir), backups_enabled=False
    )
    async with running_bot(settings, services, tmp_path) as h:
        _, form = await _open_form(h)
        await h.submit_modal(form, {"skills": "js, postgres, k8s, basket weaving"})
        stored = await profiles.get_profile(h.member.id)
        assert stored is not None
        assert stored.skills == ["JavaScript", "PostgreSQL", "Kubernetes", "basket weaving"]


@sqlite_only  # a SQLite file and its lock (PostgreSQL: tests/load)
async def test_a_locked_database_gets_a_friendly_retry_line_and_the_bot_recovers(
    harness: DiscordHarness, settings: Settings
) -> None:
    import sqlite3

    from careermate_bot.discord_ui.errors import DATABASE_BUSY

    await profiles.get_or_create(harness.member.id, "Ada")
    _, form = await _open_form(harness)
    blocker = sqlite3.connect(settings.sqlite_path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the busy timeout
    try:
        reply = await harness.submit_modal(form, {"skills": "Rust"})
    finally:
        blocker.rollback()
        blocker.close()
    assert reply.ephemeral and reply.text().startswith(DATABASE_BUSY)
    assert "nothing is lost" in reply.text() and "Rust" in reply.text()  # the form's text back
    assert harness.errors.records  # the details went to the log
    harness.errors.records.clear()
    # Nothing is wedged: the same form goes through once the lock is gone.
    _, form = await _open_form(harness)
    await harness.submit_modal(form, {"skills": "Rust"})
    stored = await profiles.get_profile(harness.member.id)
    assert stored is not None and stored.skills == ["Rust"]

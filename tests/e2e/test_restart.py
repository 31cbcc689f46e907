"""Every persistent component answers after a restart: a fresh bot on the same database file.

The first bot leaves messages with every kind of component on them; a second bot (a new process
in all but name: new connection state, cogs reloaded, nothing in memory) gets the clicks. Each
click is answered: it works (state is in the custom id or the database), or it says it expired.
A database locked past its busy timeout inside a button gives the one-line "try again" reply.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import discord.ext.test as dpytest
import pytest

from careermate_bot.config import Settings
from careermate_bot.discord_ui.errors import DATABASE_BUSY
from careermate_bot.discord_ui.items import PersistentItem
from careermate_bot.llm.fake import FakeBackend, FakeReply, fake_client
from careermate_bot.services import profile as profiles
from careermate_bot.services.container import AppServices
from careermate_bot.services.jobs import saved as saved_jobs
from careermate_bot.services.jobs.saved import SaveRequest, role_key
from models import ChatMessage, MessageRole
from models.jobs import SavedKind
from tests.harness.bot import running_bot
from tests.harness.capture import InteractionResult, iter_components
from tests.harness.driver import DiscordHarness
from tests.pg import sqlite_only

ADMIN = discord.Permissions(
    send_messages=True, read_messages=True, use_application_commands=True, manage_guild=True
)
POSTING = {
    "title": "Junior Data Analyst",
    "company": "Acme Analytics",
    "location": "Austin, TX",
    "skills": "SQL, Tableau, Excel",
    "description": "Dashboards and ad-hoc analysis for our sales team.",
}
ITEMS_HERE = {  # career, jobs, profile, chat (Stop) and the shared expired-list catcher
    "GapSelect",
    "FindJobsButton",
    "SavedRemoveButton",
    "SavedPageButton",
    "ClosePostingSelect",
    "EditPostingButton",
    "ProfileAction",
    "ConfirmDeleteButton",
    "StopButton",
    "JobsExpired",
    "SavedExpired",
    "BoardExpired",
    "CareerExpired",
}
ROLES = ("data-analyst", "data-scientist", "database-administrator", "statistician")


def _services(settings: Settings, kb: Any, llm: Any = None) -> AppServices:
    return AppServices(
        settings, llm=llm or fake_client(["ok"]), knowledge=kb, backups_enabled=False
    )


def _answered(result: InteractionResult) -> None:
    assert result.callback is not None, f"the click got no answer; calls: {result.calls}"


def _ids(message: dict[str, Any], prefix: str) -> list[str]:
    return [
        c["custom_id"]
        for c in iter_components(message)
        if c.get("custom_id", "").startswith(prefix) and not c.get("disabled")
    ]


def _first_option(message: dict[str, Any], custom_id: str) -> str:
    select = next(c for c in iter_components(message) if c.get("custom_id") == custom_id)
    return str(select["options"][0]["value"])


async def _stop_message(h: DiscordHarness, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A DM answer while it streams: the message with its Stop button, as Discord keeps it."""
    shown: list[list[dict[str, Any]]] = []
    original = discord.Message.reply

    async def spy(message: discord.Message, content: str | None = None, **kwargs: Any) -> Any:
        sent = await original(message, content, **kwargs)
        if kwargs.get("view") is not None:
            shown.append(kwargs["view"].to_components())
            shown.append([{"id": sent.id, "channel_id": sent.channel.id}])
        return sent

    monkeypatch.setattr(discord.Message, "reply", spy)
    channel = await h.member.create_dm()
    await dpytest.message("hello", channel=channel, member=h.member)
    await h.settle()
    monkeypatch.undo()
    components, [where] = shown
    assert any(
        c.get("custom_id", "").startswith("cm:stop:")
        for c in iter_components({"components": components})
    )
    return h.capture.message_payload(where["id"], where["channel_id"], components, "*Thinking…*")


async def _old_messages(
    h: DiscordHarness, monkeypatch: pytest.MonkeyPatch
) -> dict[str, dict[str, Any]]:
    """Run every feature once and keep the messages its components sit on."""
    uid = h.member.id
    old: dict[str, dict[str, Any]] = {}
    paths = await h.slash("career paths", skills="Python, SQL")
    old["career"] = paths.message
    [gap_id] = _ids(paths.message, "cm:gap:")
    gap = await h.select(paths.message, gap_id, [_first_option(paths.message, gap_id)])
    old["gap"] = gap.message
    old["jobs"] = (await h.slash("jobs search", role="analyst", location="Austin, TX")).message
    for occupation in ROLES * 2:  # more than one page of saved entries
        await saved_jobs.save(
            uid,
            SaveRequest(
                kind=SavedKind("role"),
                key=role_key(occupation, str(len(old))),
                title=occupation,
            ),
        )
        old[f"pad-{occupation}-{len(old)}"] = {}
    old["saved"] = (await h.slash("jobs saved")).message
    form = await h.slash("jobs post", permissions=ADMIN)
    rejected = await h.submit_modal(form, {**POSTING, "title": "   "}, permissions=ADMIN)
    old["repost"] = rejected.message
    await h.submit_modal(await h.slash("jobs post", permissions=ADMIN), POSTING, permissions=ADMIN)
    old["board"] = (await h.slash("jobs board")).message
    old["profile"] = (await h.slash("profile show")).message
    old["delete"] = (await h.slash("profile delete")).message
    old["stop"] = await _stop_message(h, monkeypatch)
    return {k: v for k, v in old.items() if v}


async def test_every_persistent_component_answers_after_a_restart(
    settings: Settings, career_kb: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as h:
        uid = h.member.id
        await profiles.update_profile(uid, skills=["SQL", "Excel", "Tableau"])
        old = await _old_messages(h, monkeypatch)
        assert not h.errors.records, h.errors.summary()  # type: ignore[attr-defined]

    async with running_bot(settings, _services(settings, career_kb), tmp_path) as h:
        me = SimpleNamespace(id=uid, name="returning-user", roles=[])
        store = h.bot._connection._view_store
        registered = set(store._dynamic_items.values())
        assert all(issubclass(cls, PersistentItem) for cls in registered), registered
        clicked: set[str] = set()

        async def click(key: str, prefix: str, **kw: Any) -> InteractionResult:
            [custom_id, *_] = _ids(old[key], prefix)
            clicked.add(custom_id)
            result = await h.click(old[key], custom_id, user=me, **kw)
            _answered(result)
            return result

        async def select(key: str, prefix: str) -> InteractionResult:
            [custom_id] = _ids(old[key], prefix)
            clicked.add(custom_id)
            result = await h.select(
                old[key], custom_id, [_first_option(old[key], custom_id)], user=me
            )
            _answered(result)
            return result

        # Works: the state is in the custom id or in the database.
        gap = await select("career", "cm:gap:")
        assert gap.ephemeral and "% match" in gap.embeds[0]["title"]
        jobs = await click("gap", "cm:findjobs:")
        assert jobs.ephemeral and "Page 1/" in jobs.embeds[0]["footer"]["text"]
        page = await click("saved", "cm:savedpg:")
        assert "Page 2/2" in page.embeds[0]["footer"]["text"]
        removed = await click("saved", "cm:unsave:")
        assert "Your saved jobs" in removed.text()
        assert len(await saved_jobs.list_saved(uid)) == 2 * len(ROLES) - 1
        closed = await select("board", "cm:closepost:")
        # dpytest gives the new bot a new guild id: the menu answers that it belongs elsewhere.
        assert "Closed" in closed.text() or "server whose board" in closed.text()
        for action in ("export", "edit", "delete"):
            result = await click("profile", f"cm:profile:{action}:")
            assert result.modal is not None or result.ephemeral
        deleted = await click("delete", "cm:profile:confirm-delete:")
        assert "I deleted everything" in deleted.text()

        # Expired: their state was in the old process's memory.
        pager = await click("jobs", "cm:jobs:")
        assert pager.ephemeral and "expired" in pager.text() and "/jobs search" in pager.text()
        # Lists an earlier version left in channels (before /career, saved and board results
        # survived restarts) say which command to run again.
        for kind, command in (
            ("career", "/career paths"),
            ("saved", "/jobs saved"),
            ("board", "/jobs board"),
        ):
            legacy = json.loads(json.dumps(old["jobs"]).replace('"cm:jobs:', f'"cm:{kind}:'))
            old[kind + "-legacy"] = legacy
            result = await click(kind + "-legacy", f"cm:{kind}:")
            assert result.ephemeral and "expired" in result.text() and command in result.text()
        repost = await click("repost", "cm:repost:")
        assert repost.modal is None and "expired" in repost.text()
        stop = await click("stop", "cm:stop:", dm=True)
        assert stop.ephemeral and "already finished" in stop.text()

        answered = {
            cls
            for cls in registered
            for custom_id in clicked
            if cls.__discord_ui_compiled_template__.fullmatch(custom_id)
        }
        # Every item of these features was clicked; other features (résumé, interview) test
        # their own restart clicks, and all items share the PersistentItem answers (above).
        mine = {cls for cls in registered if cls.__name__ in ITEMS_HERE}
        assert {cls.__name__ for cls in mine} == ITEMS_HERE
        assert mine <= answered, f"never clicked after a restart: {mine - answered}"
        assert not h.errors.records, h.errors.summary()  # type: ignore[attr-defined]


async def test_defect07_stop_after_a_restart_says_the_answer_finished(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = AppServices(settings, llm=fake_client(["Hello there."]), backups_enabled=False)
    async with running_bot(settings, services, tmp_path) as h:
        uid = h.member.id
        old = await _stop_message(h, monkeypatch)
    services = AppServices(settings, llm=fake_client(["Hello."]), backups_enabled=False)
    async with running_bot(settings, services, tmp_path) as h:
        me = SimpleNamespace(id=uid, name="returning-user", roles=[])
        reply = await h.click(old, f"cm:stop:{uid}", user=me, dm=True)
        assert reply.ephemeral and reply.text() == (
            "That answer already finished, so there's nothing to stop."
        )
        other = await h.click(old, f"cm:stop:{uid}", user=h.member_at(1), dm=True)
        assert other.ephemeral and "Only the person I'm answering" in other.text()


async def test_stop_while_streaming_stops_the_answer(settings: Settings, tmp_path: Path) -> None:
    slow = FakeBackend([FakeReply(["One ", "two ", "three ", "four ", "five."], delay=0.3)])
    services = AppServices(settings, llm=fake_client(slow), backups_enabled=False)
    async with running_bot(settings, services, tmp_path) as h:
        uid = h.member.id
        channel = await h.member.create_dm()
        await dpytest.message("count", channel=channel, member=h.member)
        for _ in range(100):  # until the answer streams
            if slow.active:
                break
            await asyncio.sleep(0.02)
        stop = {"type": 2, "style": 2, "label": "Stop", "custom_id": f"cm:stop:{uid}"}
        old = h.capture.message_payload(1, channel.id, [{"type": 1, "components": [stop]}])
        reply = await h.click(old, f"cm:stop:{uid}", dm=True)
        assert reply.deferred and not reply.text()  # acknowledged silently
        await h.settle()
        assert slow.cancelled == 1
        rows = await ChatMessage.filter(role=MessageRole.ASSISTANT).values_list(
            "content", flat=True
        )
        assert rows and "five" not in rows[-1]


async def test_defect08_edit_and_resubmit_after_a_restart_says_the_form_expired(
    settings: Settings, career_kb: Any, tmp_path: Path
) -> None:
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as h:
        uid = h.member.id
        form = await h.slash("jobs post", permissions=ADMIN)
        rejected = await h.submit_modal(form, {**POSTING, "title": "   "}, permissions=ADMIN)
        [retry] = rejected.custom_ids()
        assert retry.startswith("cm:repost:")
        reopened = await h.click(rejected.message, retry, permissions=ADMIN)
        assert reopened.modal is not None and "Acme Analytics" in str(reopened.modal)
    async with running_bot(settings, _services(settings, career_kb), tmp_path) as h:
        me = SimpleNamespace(id=uid, name="returning-user", roles=[])
        reply = await h.click(rejected.message, retry, user=me)
        assert reply.modal is None and reply.ephemeral
        assert "expired" in reply.text() and "/jobs post" in reply.text()
        other = await h.click(rejected.message, retry, user=h.member_at(1))
        assert other.ephemeral and "someone else" in other.text()


@sqlite_only  # holds the SQLite file's write lock
@pytest.mark.parametrize("component", ["confirm-delete", "unsave", "closepost"])
async def test_a_locked_database_inside_a_button_gives_the_try_again_line(
    career_harness: DiscordHarness, settings: Settings, component: str
) -> None:
    h = career_harness
    uid = h.member.id
    await profiles.update_profile(uid, skills=["SQL"])
    if component == "confirm-delete":
        message = (await h.slash("profile delete")).message
    elif component == "unsave":
        await saved_jobs.save(
            uid, SaveRequest(kind=SavedKind("role"), key=role_key("data-analyst", None), title="x")
        )
        message = (await h.slash("jobs saved")).message
    else:
        await h.submit_modal(
            await h.slash("jobs post", permissions=ADMIN), POSTING, permissions=ADMIN
        )
        message = (await h.slash("jobs board")).message
    [custom_id] = _ids(message, f"cm:{component}") or _ids(message, f"cm:profile:{component}")
    blocker = sqlite3.connect(settings.sqlite_path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock past the busy timeout
    try:
        if component == "closepost":
            reply = await h.select(message, custom_id, [_first_option(message, custom_id)])
        else:
            reply = await h.click(message, custom_id)
    finally:
        blocker.rollback()
        blocker.close()
    assert reply.ephemeral and reply.text() == DATABASE_BUSY
    assert h.errors.records  # the details went to the log
    h.allow_errors = True  # type: ignore[attr-defined]

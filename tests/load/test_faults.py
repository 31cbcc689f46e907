"""Faults injected while other users keep chatting: the model engine crashes, drops the
connection, stalls, sends garbage or an HTTP 500, or is down; the database is locked for 10 s;
Discord answers 429 and 500 to interaction edits. Each time the user gets a short readable line
(never silence, never a traceback), the next request is served normally, and the data are intact.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import discord.ext.test as dpytest
import pytest

from careermate_bot.llm import Busy, EngineError, LLMTimeout
from careermate_bot.services import profile as profiles
from models import ChatMessage, MessageRole
from tests.load import driver
from tests.load.conftest import USERS, LoadBot
from tests.load.fake_llm import Fault, reply_for
from tests.pg import on_postgres, pg_url

BACKGROUND_USERS = min(20, USERS - 1)  # member 0 is the probe
THINKING = "*Thinking…*"
BUSY = Busy("").user_message
ENGINE_ERROR = EngineError("").user_message
TOO_SLOW = LLMTimeout("", phase="stall").user_message
CANT_REACH = "can't reach"
DATABASE_BUSY = "try again in a few seconds"


class Probe:
    """One user who runs into each fault and then checks the bot recovered."""

    def __init__(self, load: LoadBot) -> None:
        self.load = load
        self.member = load.harness.config.members[0]
        self.sent: list[tuple[Any, str]] = []
        self.answered: list[str] = []

    async def dm(self, label: str) -> str:
        tag = f"u0m{len(self.sent)}"
        text = f"{tag} {label}: thanks! what else should I keep in mind?"
        channel = await self.member.create_dm()
        message = await dpytest.message(text, channel=channel, member=self.member)
        self.sent.append((message, text))
        await driver.wait_for_reply_task(self.load.harness.bot, message.id)
        shown = "\n".join(self.load.screen.replies(message))
        if shown.startswith(reply_for(text)) and "*" not in shown:
            self.answered.append(reply_for(text))
        return shown

    async def recovers(self, after: str) -> None:
        shown = await self.dm(f"after {after}")
        expected = reply_for(self.sent[-1][1])
        assert shown == expected, f"after {after} the next DM got {shown!r}"

    async def history_is_intact(self) -> None:
        rows = await ChatMessage.filter(user__discord_id=self.member.id).order_by("id")
        answers = [r.content for r in rows if r.role == MessageRole.ASSISTANT]
        texts = [r.content for r in rows if r.role == MessageRole.USER]
        # Every answer the user saw is stored once, in order; no half answer is stored.
        assert [a for a in answers if a.startswith("Answer ")] == self.answered
        assert all(a in self.answered for a in answers if a.startswith("Answer "))
        # Every message the bot accepted is stored, in order.
        assert texts == [t for _, t in self.sent if t in texts]
        assert len(set(texts)) == len(texts)


async def background_chatter(load: LoadBot, stop: asyncio.Event) -> dict[str, int]:
    """BACKGROUND_USERS users chatting the whole time; every DM gets a visible answer."""
    outcomes: dict[str, int] = {}
    bot = load.harness.bot

    async def one(index: int) -> None:
        member = load.harness.config.members[index]
        channel = await member.create_dm()
        count = 0
        while not stop.is_set():
            text = f"u{index}m{count} thanks! what else should I keep in mind?"
            message = await dpytest.message(text, channel=channel, member=member)
            count += 1
            await driver.wait_for_reply_task(bot, message.id)
            shown = "\n".join(load.screen.replies(message))
            if shown.startswith(reply_for(text)):
                kind = "answered"
            elif BUSY in shown:
                kind = "busy"
            elif DATABASE_BUSY in shown:
                kind = "database busy"
            elif shown.strip() and shown.strip() != THINKING:
                kind = "note"
            else:
                raise AssertionError(f"background DM {text!r} got {shown!r}")
            outcomes[kind] = outcomes.get(kind, 0) + 1
            await asyncio.sleep(0.2)

    await asyncio.gather(*(one(i) for i in range(1, BACKGROUND_USERS + 1)))
    return outcomes


@asynccontextmanager
async def database_locked(load: LoadBot, seconds: float) -> AsyncIterator[None]:
    """Another client holds the database's write lock (SQLite) or an exclusive lock on the
    bot's tables (PostgreSQL) for `seconds`, from its own thread."""
    ready = threading.Event()
    errors: list[BaseException] = []

    def hold_sqlite() -> None:
        try:
            path = load.settings.sqlite_path
            assert path is not None
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            conn.execute("BEGIN EXCLUSIVE")
            ready.set()
            time.sleep(seconds)
            conn.execute("ROLLBACK")
            conn.close()
        except BaseException as error:
            errors.append(error)
            ready.set()

    def hold_postgres() -> None:
        import asyncpg

        async def run() -> None:
            conn = await asyncpg.connect(load.settings.database_url)
            try:
                async with conn.transaction():
                    await conn.execute(
                        "LOCK TABLE chat_messages, user_profiles IN ACCESS EXCLUSIVE MODE"
                    )
                    ready.set()
                    await asyncio.sleep(seconds)
            finally:
                await conn.close()

        try:
            asyncio.run(run())
        except BaseException as error:
            errors.append(error)
            ready.set()

    assert pg_url() is None or load.settings.sqlite_path is None
    worker = threading.Thread(target=hold_postgres if on_postgres() else hold_sqlite)
    worker.start()
    await asyncio.to_thread(ready.wait, 30)
    try:
        yield
    finally:
        await asyncio.to_thread(worker.join, seconds + 30)
        assert not errors, errors


async def timed(what: str, action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = await action()
    driver.report(f"  {what}: {time.perf_counter() - started:.2f} s")
    return result


@pytest.mark.timeout(900)  # generous: a busy machine (the suite's own timeout is 300 s)
async def test_faults_mid_run_leave_the_bot_serving_and_the_data_intact(
    load_bot: LoadBot,
) -> None:
    h, server = load_bot.harness, load_bot.server
    driver.set_dm_rate_limit(h.bot, 1000)  # the probe sends ~20 DMs in a minute
    probe = Probe(load_bot)
    backend = "PostgreSQL" if on_postgres() else "SQLite"
    driver.report(f"faults ({backend}), with {BACKGROUND_USERS} users chatting meanwhile:")
    stop = asyncio.Event()
    chatter = asyncio.create_task(background_chatter(load_bot, stop))
    lag = driver.LoopLag()
    lag.start()
    try:
        assert await probe.dm("warm-up") == reply_for(probe.sent[-1][1])

        # -- the model engine -------------------------------------------------------------
        for kind, note in [
            ("die", ENGINE_ERROR),  # the connection is cut mid-answer
            ("garbage", ENGINE_ERROR),  # a malformed stream event
            ("http500", ENGINE_ERROR),
            ("stall", TOO_SLOW),  # silent for longer than the stall timeout
        ]:
            server.inject(Fault(kind, match=f"u0m{len(probe.sent)} ", stall_seconds=4.0))
            shown = await timed(f"engine {kind}: faulty reply", lambda k=kind: probe.dm(k))
            assert note in shown and THINKING not in shown, f"{kind}: {shown!r}"
            await probe.recovers(kind)

        # The engine process crashes mid-answer, is down for a request, then comes back.
        server.inject(Fault("exit", match=f"u0m{len(probe.sent)} "))
        shown = await timed("engine process crash: faulty reply", lambda: probe.dm("crash"))
        assert ENGINE_ERROR in shown or CANT_REACH in shown, shown
        await asyncio.to_thread(server.stop)
        shown = await probe.dm("engine down")
        assert CANT_REACH in shown, shown
        await asyncio.to_thread(server.start)
        await probe.recovers("the engine restarted")

        # -- the database locked for 10 s ---------------------------------------------------
        async with database_locked(load_bot, 10.0):
            shown = await timed("database locked 10 s: reply", lambda: probe.dm("locked"))
            if on_postgres():  # PostgreSQL waits for the lock: a late but normal answer
                assert shown == reply_for(probe.sent[-1][1]), shown
            else:  # SQLite gives up after its 5 s busy timeout: "try again in a few seconds"
                assert DATABASE_BUSY in shown or shown == reply_for(probe.sent[-1][1]), shown
        await probe.recovers("the database lock")

        # -- Discord answering 429 and 500 to interaction edits ------------------------------
        flaky = driver.FlakyDiscord(h.capture.handle)
        flaky.install(h.capture._original_request)
        try:
            skills = {"skills": "Python, SQL", "location": "Austin, TX"}
            flaky.fail_next("PATCH", 429, times=3)
            result = await timed(
                "Discord 429 x3 on edits: /career paths",
                lambda: h.slash("career paths", user=probe.member, **skills),
            )
            assert "Your top 5 career paths" in result.text() and flaky.answered[429] == 3
            flaky.fail_next("PATCH", 500, times=2)
            result = await timed(
                "Discord 500 x2 on edits: /career paths",
                lambda: h.slash("career paths", user=probe.member, **skills),
            )
            assert "Your top 5 career paths" in result.text() and flaky.answered[500] == 2
            result = await h.slash("career paths", user=probe.member, **skills)
            assert "Your top 5 career paths" in result.text()
        finally:
            flaky.uninstall()
            h.capture.install()
        profile = await profiles.get_profile(probe.member.id)
        assert profile is not None and {"Python", "SQL"} <= set(profile.skills)
        await probe.recovers("Discord's 429 and 500")
    finally:
        stop.set()
        outcomes = await chatter
        await lag.stop()

    await driver.drain(h.bot)
    assert not driver.leftover_tasks(), driver.leftover_tasks()
    await probe.history_is_intact()
    if not on_postgres():
        path = load_bot.settings.sqlite_path
        assert path is not None
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # Only the database lock may log errors (with its traceback, for the operator).
    unexpected = [
        r
        for r in h.errors.records  # type: ignore[attr-defined]
        if "locked" not in f"{r.getMessage()} {r.exc_text or ''} {r.exc_info}"
    ]
    assert not unexpected, "\n".join(r.getMessage() for r in unexpected)
    driver.report(f"  background DMs meanwhile: {outcomes}")
    driver.report(f"  event-loop lag during the faults: {lag.summary()}")

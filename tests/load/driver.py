"""Load-test plumbing: many users at once through the real bot under the harness.

- `DmScreen`: the final text of every bot reply in DMs (dpytest's send/edit callbacks), keyed
  by the user message it answers.
- `LoopLag`: how late the event loop wakes up while the load runs (p50/p99/max).
- `own_settle`: a harness `_settle` that waits only for the interaction's own dispatch tasks
  (the default also waits for every in-flight bot task, which never empties under load).
- `FlakyDiscord`: Discord answering 429 or 500 to interaction edits, injected below
  discord.py's real webhook adapter (its own retry logic runs) and above the harness capture.
- `figures`: lines the load suite reports in pytest's terminal summary and in a file.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import tempfile
import types
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
from discord.ext.test import callbacks
from discord.webhook.async_ import AsyncWebhookAdapter
from multidict import CIMultiDict

from careermate_bot.shared import LocalRateLimiter
from tests.harness.driver import DISPATCH_PREFIXES, DiscordHarness

FIGURES_FILE = Path(tempfile.gettempdir()) / "careermate-load-figures.txt"
figures: list[str] = []


def report(line: str) -> None:
    """A figure for the terminal summary (shown with or without -s) and FIGURES_FILE."""
    first = not figures  # this test run's figures only
    figures.append(line)
    with FIGURES_FILE.open("w" if first else "a", encoding="utf-8") as out:
        out.write(line + "\n")


# -- DM replies -------------------------------------------------------------------------------


class DmScreen:
    """What the bot shows in DMs, text after edits. dpytest drops a reply's message reference,
    so a user message's reply is the bot's first message after it in that channel (each test
    user waits for one reply before sending the next message)."""

    def __init__(self) -> None:
        self.sent: dict[int, list[int]] = {}  # channel id -> bot message ids, in order
        self.text: dict[int, str] = {}  # bot message id -> current content
        self._saved: dict[str, Any] = {}

    def install(self) -> None:
        for event in ("send_message", "edit_message"):
            self._saved[event] = callbacks._callbacks.get(event)
        callbacks.set_callback(self._on_send, "send_message")
        callbacks.set_callback(self._on_edit, "edit_message")

    def uninstall(self) -> None:
        for event, previous in self._saved.items():
            if previous is None:
                callbacks._callbacks.pop(event, None)
            else:
                callbacks.set_callback(previous, event)

    async def _on_send(self, message: discord.Message) -> None:
        self.text[message.id] = message.content or ""
        self.sent.setdefault(message.channel.id, []).append(message.id)

    async def _on_edit(self, _channel: object, message: discord.Message, fields: dict) -> None:
        params = fields.get("params")
        payload = (params.payload if params is not None else fields) or {}
        if payload.get("content") is not None:
            self.text[message.id] = payload["content"]

    def reply(self, user_message: discord.Message) -> str | None:
        later = [i for i in self.sent.get(user_message.channel.id, []) if i > user_message.id]
        return self.text.get(later[0]) if later else None

    def replies(self, user_message: discord.Message, until_id: int | None = None) -> list[str]:
        """Every bot message after `user_message` (and before message `until_id`)."""
        return [
            self.text.get(i, "")
            for i in self.sent.get(user_message.channel.id, [])
            if i > user_message.id and (until_id is None or i < until_id)
        ]


async def wait_for_reply_task(bot: Any, message_id: int, seconds: float = 120.0) -> None:
    """Wait for the bot's streamed reply to one user message (if it is still running)."""
    name = f"chat-reply-{message_id}"
    tasks = [t for t in list(bot._inflight) if t.get_name() == name]
    if tasks:
        await asyncio.wait(tasks, timeout=seconds)


def _bot_tasks(bot: Any) -> list[asyncio.Task[Any]]:
    """Tracked work (streamed replies, summaries) and events one cog dispatched to another."""
    events = [t for t in asyncio.all_tasks() if t.get_name().startswith("discord.py: on_")]
    return [t for t in [*list(bot._inflight), *events] if not t.done()]


async def drain(bot: Any, seconds: float = 120.0) -> None:
    """Wait for every task the bot tracks and every cog-to-cog event it dispatched."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while pending := _bot_tasks(bot):
        left = deadline - loop.time()
        if left <= 0:
            raise AssertionError(f"bot tasks still running after {seconds}s: {pending[:5]}")
        await asyncio.wait(pending, timeout=left)


def leftover_tasks() -> list[asyncio.Task[Any]]:
    """Tasks of the bot's request path still alive (there should be none after a drain)."""
    names = ("chat-reply-", "career-summary-", "llm-engine", "discord.py: on_", *DISPATCH_PREFIXES)
    current = asyncio.current_task()
    return [
        t
        for t in asyncio.all_tasks()
        if t is not current and not t.done() and t.get_name().startswith(names)
    ]


def set_dm_rate_limit(bot: Any, per_minute: int) -> None:
    """The chat cog allows 6 DMs a minute per user (tested in tests/e2e). The load and fault
    suites measure other things, so they set their own per-user rate."""
    for cog in bot.cogs.values():
        if hasattr(cog, "limiter"):
            cog.limiter = LocalRateLimiter("chat", per_minute, 60.0)


# -- Slash commands under load ------------------------------------------------------------------


async def _settle_own(self: DiscordHarness, before: set[asyncio.Task[Any]]) -> None:
    """The dispatch tasks an interaction created (synchronously, inside parse) and no others."""
    own = [
        t
        for t in asyncio.all_tasks()
        if t not in before and t.get_name().startswith(DISPATCH_PREFIXES)
    ]
    if own:
        _done, pending = await asyncio.wait(own, timeout=120)
        if pending:
            raise AssertionError(f"interaction did not finish in 120s: {pending}")


def own_settle(harness: DiscordHarness) -> None:
    harness._settle = types.MethodType(_settle_own, harness)  # type: ignore[method-assign]


# -- Event-loop lag -----------------------------------------------------------------------------


@dataclass
class LoopLag:
    interval: float = 0.01
    samples: list[float] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="load-loop-lag")

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            before = loop.time()
            await asyncio.sleep(self.interval)
            self.samples.append(max(0.0, loop.time() - before - self.interval))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    def percentile(self, q: float) -> float:
        ordered = sorted(self.samples) or [0.0]
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))]

    def summary(self) -> str:
        if not self.samples:
            return "no samples"
        return (
            f"p50 {statistics.median(self.samples) * 1000:.1f} ms, "
            f"p99 {self.percentile(0.99) * 1000:.1f} ms, max {max(self.samples) * 1000:.1f} ms "
            f"({len(self.samples)} ticks of {self.interval * 1000:.0f} ms)"
        )


# -- Discord answering 429 / 500 ----------------------------------------------------------------


class _FakeResponse:
    def __init__(self, status: int, body: Any, headers: dict[str, str]) -> None:
        self.status = status
        self.reason = {429: "Too Many Requests", 500: "Internal Server Error"}.get(status, "OK")
        self.headers = CIMultiDict({"Content-Type": "application/json", **headers})
        self._body = json.dumps(body)

    async def text(self, encoding: str = "utf-8") -> str:
        return self._body

    async def __aenter__(self) -> _FakeResponse:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


class _FakeSession:
    """What discord.py's webhook adapter talks to: injected failures first, then the capture."""

    def __init__(self, flaky: FlakyDiscord, route: Any, kwargs: dict[str, Any]) -> None:
        self.flaky = flaky
        self.route = route
        self.kwargs = kwargs

    def request(self, method: str, url: str, **_ignored: Any) -> _FakeResponse:
        failure = self.flaky.take(method)
        if failure == 429:
            self.flaky.answered[429] += 1
            # "Via" marks Discord's own rate limiter: discord.py waits retry_after and retries.
            body = {"message": "You are being rate limited.", "retry_after": 0.05, "global": False}
            return _FakeResponse(429, body, {"Via": "1.1 google", "Retry-After": "0.05"})
        if failure == 500:
            self.flaky.answered[500] += 1
            return _FakeResponse(500, {"message": "500: Internal Server Error", "code": 0}, {})
        data = self.flaky.capture_handle(method, url, self.kwargs)
        return _FakeResponse(200, data, {})


class FlakyDiscord:
    """Replaces the harness capture's patch of `AsyncWebhookAdapter.request` with discord.py's
    real one over a fake session, so injected 429/500 answers go through its retry logic."""

    def __init__(self, capture_handle: Callable[[str, str, dict[str, Any]], Any]) -> None:
        self.capture_handle = capture_handle
        self.failures: list[tuple[str, int]] = []  # (HTTP method, status), in order
        self.answered = {429: 0, 500: 0}
        self._patched: Any = None

    def take(self, method: str) -> int | None:
        for index, (wanted, status) in enumerate(self.failures):
            if wanted == method:
                del self.failures[index]
                return status
        return None

    def fail_next(self, method: str, status: int, times: int = 1) -> None:
        self.failures += [(method, status)] * times

    def install(self, original: Callable[..., Awaitable[Any]]) -> None:
        flaky = self

        async def request(adapter: AsyncWebhookAdapter, route: Any, session: Any, **kw: Any) -> Any:
            return await original(adapter, route, _FakeSession(flaky, route, kw), **kw)

        self._patched = AsyncWebhookAdapter.request
        AsyncWebhookAdapter.request = request  # type: ignore[method-assign]

    def uninstall(self) -> None:
        if self._patched is not None:
            AsyncWebhookAdapter.request = self._patched  # type: ignore[method-assign]
            self._patched = None

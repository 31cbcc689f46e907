"""Measurements that need a task or a query: event-loop lag, the database round trip, and a
logging handler that counts errors by where they were logged."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable

from careermate_bot.storage.database import get_connection

LAG_INTERVAL = 0.5  # seconds between two lag measurements
LAG_WINDOW = 60.0  # "max over the last minute"
DB_TIMEOUT = 2.0


class LoopLagMonitor:
    """Sleeps `interval` again and again and records how late it woke up: the time the event loop
    spent on something else (a blocking call, a long CPU burst) shows up as lag."""

    def __init__(self, observe: Callable[[float], None], *, interval: float = LAG_INTERVAL) -> None:
        self.observe = observe
        self.interval = interval
        self.latest = 0.0
        self._recent: deque[tuple[float, float]] = deque()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="loop-lag")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    @property
    def worst_recent(self) -> float:
        """The largest lag measured in the last LAG_WINDOW seconds."""
        cutoff = time.monotonic() - LAG_WINDOW
        return max((lag for at, lag in self._recent if at >= cutoff), default=self.latest)

    def record(self, lag: float) -> None:
        now = time.monotonic()
        self.latest = lag
        self._recent.append((now, lag))
        while self._recent and self._recent[0][0] < now - LAG_WINDOW:
            self._recent.popleft()
        self.observe(lag)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            started = loop.time()
            await asyncio.sleep(self.interval)
            self.record(max(0.0, loop.time() - started - self.interval))


async def ping_database() -> float:
    """Seconds for `SELECT 1` on the ORM's connection. Raises when the database is unreachable
    (no connection, server down, no answer within DB_TIMEOUT)."""
    started = time.perf_counter()
    async with asyncio.timeout(DB_TIMEOUT):
        await get_connection().execute_query("SELECT 1")
    return time.perf_counter() - started


def error_source(name: str) -> str:
    """Where an error was logged, two levels deep: "cogs.resume", "discord.client"."""
    return ".".join(name.split(".")[:2]) or "root"


class ErrorCounter(logging.Handler):
    """Counts records at ERROR and above by `error_source` of their logger."""

    def __init__(self, count: Callable[[str], None]) -> None:
        super().__init__(level=logging.ERROR)
        self.count = count

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.count(error_source(record.name))
        except Exception:  # a metrics problem must never break logging
            self.handleError(record)

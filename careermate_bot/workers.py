"""Bounded thread pools, one per kind of blocking work, so one kind cannot starve another.

`asyncio.to_thread` shares one default pool between everything: a burst of slow résumé reviews
used to hold every thread while `/career paths` waited for its chart. Here each kind of work has
its own small pool with a fixed number of threads:

    png = await run_in(Work.CHARTS, render_match_chart, bars)

- `Work.PARSING`: the review of an extracted résumé and starting parse worker processes (the
  untrusted file itself is read in a worker process that can be killed: services.resume.sandbox)
- `Work.CHARTS`: matplotlib renders (serialised by a lock anyway, so one thread)
- `Work.BACKUPS`: database backups and the file checks around them (one at a time)

A pool's queue is unbounded, but its threads are not: a queued job waits for its own kind only.
Context variables are copied into the job, like `asyncio.to_thread` does.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class Work(StrEnum):
    PARSING = "parsing"
    CHARTS = "charts"
    BACKUPS = "backups"


THREADS: dict[Work, int] = {Work.PARSING: 2, Work.CHARTS: 1, Work.BACKUPS: 1}


@functools.cache
def executor(kind: Work) -> ThreadPoolExecutor:
    """The pool for `kind` (created on first use; threads are named `cm-<kind>_N`)."""
    return ThreadPoolExecutor(max_workers=THREADS[kind], thread_name_prefix=f"cm-{kind}")


async def run_in(kind: Work, func: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """`func(*args, **kwargs)` in the `kind` pool, awaited without blocking the event loop."""
    loop = asyncio.get_running_loop()
    call = functools.partial(contextvars.copy_context().run, func, *args, **kwargs)
    return await loop.run_in_executor(executor(kind), call)


def shutdown(*, wait: bool = False) -> None:
    """Stop every pool (queued jobs are dropped; running ones finish unless `wait` is False and
    the process exits). A later `run_in` starts a fresh pool."""
    started = executor.cache_info().currsize > 0
    pools = [executor(kind) for kind in Work] if started else []
    executor.cache_clear()
    for pool in pools:
        pool.shutdown(wait=wait, cancel_futures=True)

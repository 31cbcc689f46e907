"""`careermate cluster --processes N`: run and watch N `careermate run` processes on one host.

The launcher only starts, watches and stops processes; each process is an ordinary
`careermate run` with its own environment:

- `SHARD_COUNT` (from the environment, `--shard-count`, or N) and its `SHARD_IDS` range, from
  `cluster_layout`: shard 0, where every DM lands, alone in process 0; the other shards split
  into contiguous ranges over the others;
- `DATA_DIR=<DATA_DIR>/process-<i>` and `LOG_DIR=<LOG_DIR>/process-<i>`: one run lock, log set and
  knowledge cache per process (the user data is in the shared PostgreSQL database); a measured
  model result (`model_eval.json`) is copied into each.

A process that exits is started again (after 1 s, doubling to 30 s while it keeps failing
quickly); one that exits with code 2 (a configuration problem, a rejected token) stops the
cluster instead, since a restart cannot fix it. SIGTERM or SIGINT is forwarded to every process
as SIGTERM; those still running after the grace period are killed.

More than one process needs the shared state: `REDIS_URL` (leases, limits, the LLM gate) and a
PostgreSQL `DATABASE_URL` (SQLite is one process's file).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from careermate_bot.config import Settings
from careermate_bot.llm.capability import EVAL_FILE
from careermate_bot.sharding.plan import cluster_layout, format_shard_ids

CONFIG_EXIT = 2  # `careermate run`: bad configuration, token or intents; a restart won't help
RESTART_DELAY = 1.0
MAX_RESTART_DELAY = 30.0
HEALTHY_AFTER = 60.0  # a process that ran this long before exiting starts over at RESTART_DELAY
STOP_GRACE = 40.0  # the bot's own shutdown grace (20 s) plus time to back up and disconnect
POLL = 0.2


@dataclass
class ChildSpec:
    index: int
    shards: list[int]
    env: dict[str, str]

    @property
    def name(self) -> str:
        return f"process {self.index} (shards {format_shard_ids(self.shards)})"


def cluster_problems(settings: Settings, processes: int) -> list[str]:
    """Why this configuration cannot run as a cluster (one line each); [] when it can."""
    problems = []
    if settings.discord_bot_token is None:
        problems.append("DISCORD_BOT_TOKEN is not set (see .env.example)")
    if processes > 1 and not settings.redis_url:
        problems.append(
            "REDIS_URL is not set: the processes share shard leases, rate limits and the LLM "
            "queue through Redis (e.g. REDIS_URL=redis://127.0.0.1:6379/0)"
        )
    if processes > 1 and settings.sqlite_path is not None:
        problems.append(
            "DATABASE_URL is SQLite: several processes need one PostgreSQL database "
            "(e.g. DATABASE_URL=postgres://careermate:secret@127.0.0.1:5432/careermate)"
        )
    if settings.shard_ids:
        problems.append(
            "SHARD_IDS is set: the launcher gives each process its range; unset it (keep "
            "SHARD_COUNT if you want a shard count other than the number of processes)"
        )
    return problems


def plan_children(
    settings: Settings, processes: int, shard_count: int | None = None
) -> list[ChildSpec]:
    count = shard_count or settings.shard_count or processes
    specs = []
    for index, shards in enumerate(cluster_layout(count, processes)):
        env = dict(os.environ)
        env.update(
            SHARD_COUNT=str(count),
            SHARD_IDS=format_shard_ids(shards),
            DATA_DIR=str(settings.data_dir / f"process-{index}"),
            LOG_DIR=str(settings.log_dir / f"process-{index}"),
        )
        specs.append(ChildSpec(index=index, shards=shards, env=env))
    return specs


def share_model_result(settings: Settings, specs: Sequence[ChildSpec]) -> None:
    """Copy DATA_DIR/model_eval.json (what `doctor --eval` measured) into each process's
    data folder, so every process uses the model for the same tasks."""
    source = settings.data_dir / EVAL_FILE
    if not source.is_file():
        return
    for spec in specs:
        target = Path(spec.env["DATA_DIR"]) / EVAL_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


@dataclass
class Child:
    spec: ChildSpec
    process: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    failures: int = 0
    restart_at: float | None = None
    restarts: int = 0


@dataclass
class Supervisor:
    """Starts every child, restarts the ones that die, stops them all on a signal."""

    specs: Sequence[ChildSpec]
    command: Sequence[str] = field(
        default_factory=lambda: [sys.executable, "-m", "careermate_bot.cli", "run"]
    )
    say: Callable[[str], None] = field(default=lambda line: print(line, flush=True))
    restart_delay: float = RESTART_DELAY
    stop_grace: float = STOP_GRACE
    clock: Callable[[], float] = time.monotonic
    children: list[Child] = field(default_factory=list)
    _stopping: bool = False
    _exit_code: int = 0

    def request_stop(self, signum: int = signal.SIGTERM, _frame: FrameType | None = None) -> None:
        self._stopping = True

    def run(self) -> int:
        self.children = [Child(spec) for spec in self.specs]
        for child in self.children:
            self._start(child)
        while not self._stopping:
            self._watch()
            time.sleep(POLL)
        self._stop_all()
        return self._exit_code

    def _start(self, child: Child) -> None:
        child.process = subprocess.Popen(
            list(self.command), env=child.spec.env, preexec_fn=_stop_with_parent
        )
        child.started = self.clock()
        child.restart_at = None
        self.say(f"careermate cluster: {child.spec.name} started, pid {child.process.pid}")

    def _watch(self) -> None:
        now = self.clock()
        for child in self.children:
            if child.process is None:
                if child.restart_at is not None and now >= child.restart_at:
                    child.restarts += 1
                    self._start(child)
                continue
            code = child.process.poll()
            if code is None:
                continue
            child.process = None
            if code == CONFIG_EXIT:
                self.say(
                    f"careermate cluster: {child.spec.name} stopped with a configuration "
                    "problem (see its message above); stopping the cluster"
                )
                self._exit_code = CONFIG_EXIT
                self._stopping = True
                return
            ran = now - child.started
            child.failures = 0 if ran >= HEALTHY_AFTER else child.failures + 1
            delay = min(MAX_RESTART_DELAY, self.restart_delay * 2 ** max(0, child.failures - 1))
            child.restart_at = now + delay
            self.say(
                f"careermate cluster: {child.spec.name} exited with code {code} after "
                f"{ran:.0f}s; starting it again in {delay:.0f}s"
            )

    def _stop_all(self) -> None:
        running = [c.process for c in self.children if c.process is not None]
        self.say(f"careermate cluster: stopping {len(running)} process(es)")
        for process in running:
            _signal(process, signal.SIGTERM)
        deadline = self.clock() + self.stop_grace
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - self.clock()))
            except subprocess.TimeoutExpired:
                self.say(f"careermate cluster: pid {process.pid} did not stop in time; killing")
                _signal(process, signal.SIGKILL)
                process.wait()


def _stop_with_parent() -> None:
    """In the child, before it runs: on Linux, get SIGTERM when the launcher dies (even by
    SIGKILL), so no bot process outlives its launcher unwatched."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _signal(process: subprocess.Popen[bytes], signum: int) -> None:
    try:
        process.send_signal(signum)
    except ProcessLookupError:
        pass


def run_cluster(settings: Settings, processes: int, shard_count: int | None = None) -> int:
    """The `careermate cluster` command: check, plan, start, watch; an exit code."""
    problems = cluster_problems(settings, processes)
    count = shard_count or settings.shard_count or processes
    try:
        specs = plan_children(settings, processes, shard_count)
    except ValueError as error:
        problems.append(f"SHARD_COUNT={count}: {error}")
        specs = []
    if problems:
        print("careermate cluster cannot start:", file=sys.stderr)
        for line in problems:
            print(f"  - {line}", file=sys.stderr)
        return CONFIG_EXIT
    share_model_result(settings, specs)
    for spec in specs:
        print(f"careermate cluster: {spec.name}, data in {spec.env['DATA_DIR']}", flush=True)
    supervisor = Supervisor(specs)
    signal.signal(signal.SIGTERM, supervisor.request_stop)
    signal.signal(signal.SIGINT, supervisor.request_stop)
    return supervisor.run()

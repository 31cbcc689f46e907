"""The CareerMate processes of the cluster test: `careermate cluster --processes N` (the real
launcher, which starts and restarts `careermate run` processes), plus any extra
`careermate run` the test starts itself (a second process claiming a held shard).

Every process imports `tests/cluster/fake_discord/boot/sitecustomize.py` (PYTHONPATH), which
points discord.py at the fake Discord; nothing else differs from production.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BOOT = Path(__file__).resolve().parent / "fake_discord" / "boot"


def proc_children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def proc_env(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
    return {k.decode(errors="replace"): v.decode(errors="replace") for k, v in pairs}


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class BotFleet:
    def __init__(self, workdir: Path, env: dict[str, str], processes: int) -> None:
        self.workdir = workdir
        self.processes = processes
        self.env = {
            **os.environ,
            **env,
            "PYTHONPATH": os.pathsep.join([str(BOOT), str(PROJECT_ROOT)]),
            "DATA_DIR": str(workdir / "data"),
            "LOG_DIR": str(workdir / "logs"),
        }
        self.launcher: subprocess.Popen[bytes] | None = None
        self.extras: dict[str, subprocess.Popen[bytes]] = {}

    # -- the launcher ------------------------------------------------------------------------
    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        out = open(self.workdir / "launcher.log", "ab")
        command = [sys.executable, "-m", "careermate_bot.cli", "cluster"]
        command += ["--processes", str(self.processes)]
        self.launcher = subprocess.Popen(
            command, env=self.env, cwd=self.workdir, stdout=out, stderr=subprocess.STDOUT
        )
        out.close()

    def children(self) -> dict[int, int]:
        """Process index (from its DATA_DIR, `.../process-<i>`) -> pid, for the live children."""
        found: dict[int, int] = {}
        if self.launcher is None:
            return found
        for pid in proc_children(self.launcher.pid):
            data_dir = proc_env(pid).get("DATA_DIR", "")
            if "process-" in data_dir:
                found[int(data_dir.rsplit("process-", 1)[1])] = pid
        return found

    def kill9(self, index: int) -> int:
        pid = self.children()[index]
        os.kill(pid, signal.SIGKILL)
        return pid

    def launcher_log(self) -> str:
        return (self.workdir / "launcher.log").read_text(errors="replace")

    def log(self, index: int | str) -> str:
        name = f"process-{index}" if isinstance(index, int) else index
        path = self.workdir / "logs" / name / "careermate.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # -- extra processes -----------------------------------------------------------------------
    def start_extra(self, name: str, **settings: str) -> subprocess.Popen[bytes]:
        """A `careermate run` of the test's own, e.g. SHARD_COUNT=4, SHARD_IDS=0."""
        env = {
            **self.env,
            **settings,
            "DATA_DIR": str(self.workdir / "data" / name),
            "LOG_DIR": str(self.workdir / "logs" / name),
        }
        eval_file = self.workdir / "data" / "model_eval.json"
        if eval_file.exists():
            (self.workdir / "data" / name).mkdir(parents=True, exist_ok=True)
            (self.workdir / "data" / name / "model_eval.json").write_bytes(eval_file.read_bytes())
        out = open(self.workdir / f"{name}.out", "ab")
        process = subprocess.Popen(
            [sys.executable, "-m", "careermate_bot.cli", "run"],
            env=env,
            cwd=self.workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        out.close()
        self.extras[name] = process
        return process

    # -- figures -------------------------------------------------------------------------------
    def memory(self) -> dict[str, float]:
        found = {f"process {i}": rss_mib(pid) for i, pid in sorted(self.children().items())}
        found.update({name: rss_mib(p.pid) for name, p in self.extras.items() if p.poll() is None})
        return {name: mib for name, mib in found.items() if mib is not None}

    # -- stop ----------------------------------------------------------------------------------
    def stop(self) -> None:
        for process in self.extras.values():
            if process.poll() is None:
                process.terminate()
        if self.launcher is not None and self.launcher.poll() is None:
            self.launcher.send_signal(signal.SIGTERM)
            try:
                self.launcher.wait(60)
            except subprocess.TimeoutExpired:
                for pid in self.children().values():
                    os.kill(pid, signal.SIGKILL)
                self.launcher.kill()
        deadline = time.monotonic() + 30
        for process in self.extras.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()

"""`careermate cluster`: the plan (shard ranges, one data folder per process), the refusals,
and the supervisor (restarts a dead process, forwards SIGTERM, stops on a configuration error),
with small stand-in processes instead of bots."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from careermate_bot.cli.cluster import (
    CONFIG_EXIT,
    Supervisor,
    cluster_problems,
    plan_children,
    share_model_result,
)
from careermate_bot.cli.main import build_parser
from careermate_bot.config import Settings, build_settings

PG = "postgres://careermate@127.0.0.1:5432/careermate"


def cluster_settings(tmp_path: Path, **values: object) -> Settings:
    base: dict[str, object] = {
        "discord_bot_token": "token",
        "redis_url": "redis://127.0.0.1:6379/0",
        "database_url": PG,
        "data_dir": tmp_path / "data",
        "log_dir": tmp_path / "logs",
    }
    return build_settings(_env_file=None, **{**base, **values})


def test_the_command_is_there() -> None:
    args = build_parser().parse_args(["cluster", "--processes", "4", "--shard-count", "16"])
    assert (args.command, args.processes, args.shard_count) == ("cluster", 4, 16)


def test_plan_gives_shard_0_its_own_process_and_each_process_its_folders(tmp_path: Path) -> None:
    specs = plan_children(cluster_settings(tmp_path), 4, 10)
    assert [spec.env["SHARD_IDS"] for spec in specs] == ["0", "1-3", "4-6", "7-9"]
    assert {spec.env["SHARD_COUNT"] for spec in specs} == {"10"}
    assert [Path(spec.env["DATA_DIR"]).name for spec in specs] == [f"process-{i}" for i in range(4)]
    assert len({spec.env["LOG_DIR"] for spec in specs}) == 4


def test_shard_count_defaults_to_the_process_count(tmp_path: Path) -> None:
    specs = plan_children(cluster_settings(tmp_path), 3)
    assert [spec.shards for spec in specs] == [[0], [1], [2]]


def test_measured_model_result_reaches_every_process(tmp_path: Path) -> None:
    settings = cluster_settings(tmp_path)
    settings.data_dir.mkdir(parents=True)
    (settings.data_dir / "model_eval.json").write_text('{"version": 1}')
    specs = plan_children(settings, 2)
    share_model_result(settings, specs)
    for spec in specs:
        assert (Path(spec.env["DATA_DIR"]) / "model_eval.json").read_text() == '{"version": 1}'


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"redis_url": ""}, "REDIS_URL is not set"),
        ({"database_url": ""}, "DATABASE_URL is SQLite"),
        ({"discord_bot_token": None}, "DISCORD_BOT_TOKEN is not set"),
        ({"shard_count": 4, "shard_ids": "0"}, "SHARD_IDS is set"),
    ],
)
def test_a_cluster_needs_shared_state(tmp_path: Path, values: dict[str, object], says: str) -> None:
    problems = cluster_problems(cluster_settings(tmp_path, **values), 4)
    assert any(p.startswith(says) for p in problems), problems


def test_one_process_needs_no_shared_state(tmp_path: Path) -> None:
    assert cluster_problems(cluster_settings(tmp_path, redis_url="", database_url=""), 1) == []


# -- the supervisor -------------------------------------------------------------------------------
CHILD = """
import os, signal, sys, time
folder = os.environ["DATA_DIR"]
os.makedirs(folder, exist_ok=True)
def stop(*_):
    with open(os.path.join(folder, "stopped"), "a") as f:
        f.write("SIGTERM\\n")
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
with open(os.path.join(folder, "pids"), "a") as f:
    f.write(f"{os.getpid()}\\n")
if os.environ.get("EXIT_CODE"):
    time.sleep(1.0)  # the other processes are up by then
    sys.exit(int(os.environ["EXIT_CODE"]))
while True:
    time.sleep(0.05)
"""


def pids(folder: str) -> list[int]:
    path = Path(folder) / "pids"
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def wait_until(check: object, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_supervisor_restarts_a_killed_process_and_forwards_sigterm(tmp_path: Path) -> None:
    specs = plan_children(cluster_settings(tmp_path), 3)
    lines: list[str] = []
    supervisor = Supervisor(
        specs, command=[sys.executable, "-c", CHILD], say=lines.append, restart_delay=0.1
    )
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(supervisor.run()))
    thread.start()
    try:
        folders = [spec.env["DATA_DIR"] for spec in specs]
        wait_until(lambda: all(pids(f) for f in folders))
        victim = pids(folders[1])[0]
        os.kill(victim, signal.SIGKILL)
        wait_until(lambda: len(pids(folders[1])) == 2)  # started again
        assert pids(folders[0]) == pids(folders[0])[:1]  # the others untouched
    finally:
        supervisor.request_stop()
        thread.join(30)
    assert result == [0]
    for folder in folders:
        assert (Path(folder) / "stopped").read_text() == "SIGTERM\n"
    assert any("exited with code -9" in line for line in lines), lines


def test_supervisor_stops_the_cluster_on_a_configuration_error(tmp_path: Path) -> None:
    specs = plan_children(cluster_settings(tmp_path), 2)
    specs[1].env["EXIT_CODE"] = str(CONFIG_EXIT)
    lines: list[str] = []
    supervisor = Supervisor(
        specs, command=[sys.executable, "-c", CHILD], say=lines.append, restart_delay=0.1
    )
    assert supervisor.run() == CONFIG_EXIT
    assert len(pids(specs[1].env["DATA_DIR"])) == 1  # not restarted
    assert (Path(specs[0].env["DATA_DIR"]) / "stopped").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_processes_stop_when_the_launcher_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "process-0"
    launcher = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
from careermate_bot.cli.cluster import ChildSpec, Supervisor
spec = ChildSpec(0, [0], dict(os.environ, DATA_DIR={str(folder)!r}))
Supervisor([spec], command=[sys.executable, "-c", {CHILD!r}], say=lambda line: None).run()
"""
    process = subprocess.Popen([sys.executable, "-c", launcher])
    try:
        wait_until(lambda: pids(str(folder)))
        process.kill()  # the launcher dies without a chance to stop anything
        process.wait(10)
        wait_until(lambda: (folder / "stopped").exists())
    finally:
        if process.poll() is None:
            process.kill()
    assert (folder / "stopped").read_text() == "SIGTERM\n"

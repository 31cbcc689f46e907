"""The wheel works on its own: built from a copy of the sources, installed into an empty folder,
and used from a directory outside the source tree (see docs/packaging.md).

The build runs on a copy so it never writes `build/` or `*.egg-info` into the working tree. It
needs setuptools and wheel from the package index (pip's isolated build); with no index
reachable the test is skipped, saying so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOP_LEVEL = {"careermate_bot", "cogs", "models", "prompts"}
SOURCES = ["pyproject.toml", "README.md", *sorted(TOP_LEVEL)]
DATA_FILES = {"skills.yaml", "occupations.yaml", "locations.yaml", "interview_questions.yaml"}
NO_INDEX = ("Could not find a version", "No matching distribution", "Failed to establish")


def _pip(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the folder it was installed into with --target)."""
    base = tmp_path_factory.mktemp("packaging")
    src = base / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    dist = base / "dist"
    built = _pip("wheel", "--no-deps", "--wheel-dir", str(dist), str(src), cwd=base)
    if built.returncode != 0:
        if any(marker in built.stdout + built.stderr for marker in NO_INDEX):
            pytest.skip("no package index for the isolated build (setuptools, wheel)")
        pytest.fail(f"pip wheel failed:\n{built.stdout}\n{built.stderr}")
    (wheel,) = dist.glob("careermate-*.whl")
    target = base / "site"
    done = _pip("install", "--no-deps", "--target", str(target), str(wheel), cwd=base)
    assert done.returncode == 0, done.stderr
    return wheel, target


def _env(target: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DISCORD_BOT_TOKEN")}
    env["PYTHONPATH"] = os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]])
    return env


def test_wheel_contents(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
        top_level_txt = next(n for n in names if n.endswith(".dist-info/top_level.txt"))
        declared = set(zf.read(top_level_txt).decode().split())
    assert tops == TOP_LEVEL == declared  # nothing else (tests, bench, scripts) at the top
    data = {n.rsplit("/", 1)[1] for n in names if n.startswith("careermate_bot/knowledge/data/")}
    assert DATA_FILES <= data
    # The embedded model's measured capabilities: a fresh install needs no `doctor --eval`.
    assert "careermate_bot/llm/data/model_eval.json" in names
    prompts = {n for n in names if n.startswith("prompts/") and n.endswith(".md")}
    assert "prompts/chat_system.md" in prompts and len(prompts) >= 5
    cogs = {n.split("/")[1] for n in names if n.startswith("cogs/") and n.count("/") == 2}
    assert {"career", "jobs", "profile", "conversation"} <= cogs  # the feature packages


def test_everything_imports_from_the_installed_copy(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = installed
    script = textwrap.dedent(
        f"""
        import importlib, pkgutil, random
        from pathlib import Path
        site = Path({str(target)!r}).resolve()

        def inside(module):
            return Path(module.__file__).resolve().is_relative_to(site)

        count = 0
        for top in {sorted(TOP_LEVEL)!r}:
            package = importlib.import_module(top)
            assert inside(package), (top, package.__file__)
            for info in pkgutil.walk_packages(package.__path__, top + "."):
                if info.name.endswith(".__main__"):
                    continue  # running it is the command itself
                module = importlib.import_module(info.name)
                assert inside(module), (info.name, module.__file__)
                count += 1

        from careermate_bot.bot import cog_modules
        cogs = cog_modules()
        expected = {{"cogs.career", "cogs.jobs", "cogs.profile", "cogs.conversation"}}
        assert expected <= set(cogs), cogs
        for name in cogs:
            assert callable(importlib.import_module(name).setup), name

        from careermate_bot.llm.prompts import PROMPTS_DIR, load_prompt
        assert PROMPTS_DIR.is_relative_to(site) and load_prompt("chat_system").strip()

        from careermate_bot.knowledge.loading import package_data_dir
        from careermate_bot.knowledge.catalogue import OccupationCatalogue
        from careermate_bot.knowledge.questions import load_question_bank
        data = package_data_dir()
        assert data.is_relative_to(site), data
        assert len(OccupationCatalogue.from_yaml(data / "occupations.yaml")) > 200
        bank = load_question_bank()
        assert bank.for_role("nurse", "mixed", None, 4, random.Random(1))
        print("imported", count, "modules;", len(cogs), "cogs")
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,  # outside the source tree
        env=_env(target),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "imported" in run.stdout


def test_careermate_command_runs_from_the_wheel(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, target = installed
    command = target / "bin" / "careermate"
    assert command.is_file()
    run = subprocess.run(
        [sys.executable, str(command), "--help"],
        cwd=tmp_path,
        env=_env(target),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "usage: careermate" in run.stdout
    for subcommand in ("run", "chat", "doctor"):
        assert subcommand in run.stdout

"""Latency of /career and /jobs: services, chart, embeds, and whole interactions under the harness.

    .venv/bin/python bench/discord_render.py               # 30 rounds each
    .venv/bin/python bench/discord_render.py --rounds 100

Prints median and p95 in milliseconds. The whole-interaction figures drive the real cogs through
the test harness (dpytest + the interaction capture, a fresh SQLite file, the fake LLM replying at
once), so they include discord.py's dispatch, the database and rendering, not Discord's network.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careermate_bot.config import build_settings  # noqa: E402
from careermate_bot.knowledge import KnowledgeBase  # noqa: E402
from careermate_bot.llm.fake import fake_client  # noqa: E402
from careermate_bot.services import profile as profiles  # noqa: E402
from careermate_bot.services.career import CareerRequest, CareerService  # noqa: E402
from careermate_bot.services.career.chart import PathBar, render_match_chart  # noqa: E402
from careermate_bot.services.container import AppServices  # noqa: E402
from careermate_bot.services.jobs import JobQuery, JobsService  # noqa: E402
from careermate_bot.services.profile import ProfileService  # noqa: E402
from careermate_bot.storage.database import database  # noqa: E402
from cogs.career.embeds import career_embed  # noqa: E402
from cogs.jobs.embeds import job_page  # noqa: E402


def _line(name: str, samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"{name:<44} median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms"


async def _time(rounds: int, fn: Callable[[], Awaitable[Any]]) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        await fn()
        samples.append(time.perf_counter() - started)
    return samples


async def main(rounds: int) -> None:
    print(f"python {platform.python_version()} on {platform.machine()}, {rounds} rounds each")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        settings = build_settings(
            _env_file=None,
            data_dir=tmp_path / "data",
            log_dir=tmp_path / "logs",
            discord_bot_token=None,
            llm_provider="local",
        )
        kb = KnowledgeBase.load(tmp_path / "knowledge")
        async with database(settings):
            await profiles.update_profile(1, skills=["Python", "SQL", "Tableau"])
            request = CareerRequest(user_id=1, location="Austin, TX")
            career = CareerService(kb, ProfileService(kb))
            paths = await career.career_paths(request)
            print(
                _line(
                    "career_paths service (profile + match)",
                    await _time(rounds, lambda: career.career_paths(request)),
                )
            )
            bars = [
                PathBar(
                    m.occupation.title,
                    m.match_percent,
                    len(m.matched_skills),
                    len(m.missing_skills),
                )
                for m in paths.matches
            ]
            print(
                _line(
                    "chart render (5 paths, PNG)",
                    await _time(rounds, lambda: asyncio.to_thread(render_match_chart, bars)),
                )
            )

            async def embed() -> None:
                career_embed(paths)

            print(_line("career embed build + fit", await _time(rounds, embed)))
            query = JobQuery(user_id=1, role="analyst", location="Austin, TX", guild_id=5)
            search = await JobsService(kb).search(query)
            print(
                _line(
                    "search_jobs service (7 results)",
                    await _time(rounds, lambda: JobsService(kb).search(query)),
                )
            )

            async def pages() -> None:
                for index in range(len(search.items)):
                    job_page(search, index)

            print(_line(f"job page embeds ({len(search.items)} pages)", await _time(rounds, pages)))

        from tests.harness.bot import running_bot

        services = AppServices(
            settings,
            llm=fake_client(["Keep going: learn pandas next."]),
            knowledge=kb,
            backups_enabled=False,
        )
        async with running_bot(settings, services, tmp_path) as h:
            await h.slash("career paths", skills="Python, SQL")  # warm-up

            async def career() -> None:
                await h.slash("career paths", location="Austin, TX")

            async def jobs() -> None:
                await h.slash("jobs search", role="analyst")

            print(_line("/career paths interaction (to last edit)", await _time(rounds, career)))
            print(_line("/jobs search interaction", await _time(rounds, jobs)))
            first = await h.slash("jobs search", role="analyst")
            next_id = next(i for i in first.custom_ids() if i.endswith(":next"))
            first_id = next(i for i in first.custom_ids() if i.endswith(":first"))
            flip = [next_id, first_id]

            async def page() -> None:
                flip.reverse()
                await h.click(first.message, flip[1])

            print(_line("/jobs pager click", await _time(rounds, page)))
        kb.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    asyncio.run(main(parser.parse_args().rounds))

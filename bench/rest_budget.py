"""Discord REST calls per streamed DM reply, through the real chat cog under the test harness.

    .venv/bin/python bench/rest_budget.py                   # this checkout
    .venv/bin/python bench/rest_budget.py --tree /work/main # another checkout (e.g. before)

A scripted model streams distinct sentences over 0.5 s, 5 s and 12 s; three users are answered
at once and every channel-message call (post or edit) the bot makes for each reply is counted
(dpytest's HTTP, so no network: the counts are exact, the timings are the fake model's). Each
pacing is a set of settings; a checkout without them runs its own behaviour under every row.
Discord allows about 50 calls/s per bot (all processes), so "replies/s" = 50 / calls per reply.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

DISCORD_BUDGET = 50  # requests per second per bot, interaction responses aside
SENTENCES = [
    "Start with the job you have now.",
    "List what you enjoy in it.",
    "Ask a colleague what they see you doing well.",
    "Pick one skill to grow this month.",
    "Read about two roles that use it.",
    "Talk to someone who works in one of them.",
    "Write down what surprised you.",
    "Then decide on a small next step.",
    "Block an hour a week for it.",
    "Keep notes on what you learn.",
    "Share one of them with your manager.",
    "Look at a posting for the role you want.",
    "Mark the skills it lists that you have.",
    "Circle the ones you still need.",
    "Choose a course for the first of those.",
    "Finish one small project with it.",
    "Put that project on your résumé.",
    "Practise telling its story out loud.",
    "Apply to two openings next month.",
    "Come back and tell me how it went.",
]
PACINGS: list[tuple[str, dict[str, Any]]] = [
    ("interval 1 s (today's cadence)", {"stream_edit_interval": 1.0}),
    ("defaults (interval 2.5 s)", {}),
    ("interval 2.5 s + grace 1 s", {"stream_grace_seconds": 1.0}),
]
DURATIONS = [0.5, 5.0, 12.0]
USERS = 3


def _reply(seconds: float) -> Any:
    from careermate_bot.llm.fake import FakeReply

    count = max(2, min(len(SENTENCES), int(seconds * 1.5)))
    chunks = [sentence + " " for sentence in SENTENCES[:count]]
    return FakeReply(chunks, delay=seconds / count, first_delay=seconds / count)


class Counter:
    """Channel-message calls per channel (wraps dpytest's fake HTTP like the harness does)."""

    def __init__(self, http: Any) -> None:
        self.calls: dict[int, list[str]] = {}
        send, edit = http.send_message, http.edit_message

        def send_message(channel_id: int, *, params: Any) -> Any:
            self.calls.setdefault(channel_id, []).append("post")
            return send(channel_id, params=params)

        def edit_message(channel_id: int, message_id: int, **fields: Any) -> Any:
            self.calls.setdefault(channel_id, []).append("edit")
            return edit(channel_id, message_id, **fields)

        http.send_message, http.edit_message = send_message, edit_message


async def measure(pacing: dict[str, Any], seconds: float, tmp: Path) -> list[list[str]]:
    import discord.ext.test as dpytest

    from careermate_bot.config import build_settings
    from careermate_bot.llm.fake import FakeBackend, fake_client
    from careermate_bot.services.container import AppServices
    from tests.harness.bot import running_bot

    settings = build_settings(
        _env_file=None,
        data_dir=tmp / "data",
        log_dir=tmp / "logs",
        discord_bot_token=None,
        llm_provider="local",
        **pacing,
    )
    llm = fake_client(FakeBackend([_reply(seconds)]), max_concurrency=USERS)
    services = AppServices(settings, llm=llm, backups_enabled=False)
    async with running_bot(settings, services, tmp, members=USERS) as harness:
        counter = Counter(harness.bot._connection.http)
        members = harness.config.members[:USERS]
        channels = [await member.create_dm() for member in members]
        for member, channel in zip(members, channels, strict=True):
            await dpytest.message("hey, how are you today?", channel=channel, member=member)
        await harness.settle()
        return [counter.calls.get(channel.id, []) for channel in channels]


async def main(tree: Path) -> None:
    import careermate_bot

    print(f"code: {Path(careermate_bot.__file__).parent}")
    print(f"{USERS} users answered at once per row; calls per reply (posts + edits)\n")
    header = f"{'pacing':<32}" + "".join(f"{f'{d:g} s reply':>22}" for d in DURATIONS)
    print(header)
    for name, pacing in PACINGS:
        cells = []
        for seconds in DURATIONS:
            with tempfile.TemporaryDirectory() as tmp:
                replies = await measure(pacing, seconds, Path(tmp))
            calls = sum(len(r) for r in replies) / len(replies)
            posts = sum(r.count("post") for r in replies) / len(replies)
            per_second = DISCORD_BUDGET / calls
            cells.append(f"{calls:.1f} ({posts:.0f}+{calls - posts:.1f}) {per_second:4.1f}/s")
        print(f"{name:<32}" + "".join(f"{cell:>22}" for cell in cells))
    print("\ncell: calls per reply (posts+edits), then streamed replies/s that fit in 50 calls/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    asyncio.run(main(args.tree))

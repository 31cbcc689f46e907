"""Scripted users for the cluster test, talking to CareerMate through the fake Discord, and the
outcome checks: what each user sent, what the bot answered, how long the answer took to start.

A user's DM carries a tag (`u12m3`); the fake model answers "Answer u12m3: ..." (see
tests/load/fake_llm.py), so a reply can be matched to its message by content as well as by
Discord's message reference.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field

from tests.cluster.fake_discord import FakeDiscord, Sent
from tests.cluster.fake_discord.model import Message, User

THINKING = "*Thinking…*"
SMALL_TALK = "thanks! what else should I keep in mind?"
ANSWER_STARTS = ("Answer ", THINKING, "*You're #")


@dataclass
class DmRecord:
    user: User
    tag: str
    sent: Sent
    at: float = field(default_factory=time.monotonic)
    phase: str = ""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Workload:
    """Users, their messages, and what came back."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.dms: list[DmRecord] = []
        self._counts: Counter[int] = Counter()

    # -- sending -------------------------------------------------------------------------------
    async def dm(
        self, number: int, phase: str, words: str = "thanks! what else should I keep in mind?"
    ) -> DmRecord:
        user = self.fake.user(number)
        self._counts[number] += 1
        tag = f"u{number}m{self._counts[number]}"
        sent = await self.fake.send_dm(user, f"{tag} {words}")
        record = DmRecord(user=user, tag=tag, sent=sent, phase=phase)
        self.dms.append(record)
        return record

    async def wave(self, users: range, phase: str, *, per_second: float = 10.0) -> list[DmRecord]:
        """Each user in `users` sends one DM, paced at `per_second`."""
        records = []
        for number in users:
            records.append(await self.dm(number, phase))
            await asyncio.sleep(1 / per_second)
        return records

    # -- outcomes ------------------------------------------------------------------------------
    def replies(self, record: DmRecord) -> list[Message]:
        return self.fake.replies_to(record.sent.message.id)

    def answers(self, record: DmRecord) -> list[Message]:
        """The replies that are the bot's answer to the message (the reply a process posts when
        it takes the message on: "Thinking…", a queue position, then the answer), as opposed
        to a note the same process adds when something failed. Two answers = two processes
        (or one process twice) took the same message on."""
        return [m for m in self.replies(record) if m.content.startswith(ANSWER_STARTS)]

    def answered(self, record: DmRecord) -> bool:
        """Answered in full: one answer, and it is the model's text for this message."""
        answers = self.answers(record)
        return bool(answers) and all(m.content.startswith("Answer ") for m in answers)

    def failed(self, records: list[DmRecord]) -> list[tuple[str, str]]:
        """Records with a note beside (or instead of) the answer: what the user saw."""
        return [
            (r.tag, m.content[:100])
            for r in records
            for m in self.replies(r)
            if not m.content.startswith(ANSWER_STARTS)
        ]

    async def wait_answered(self, records: list[DmRecord], within: float) -> list[DmRecord]:
        """Wait until every delivered record is answered (or `within` passes); the unanswered."""
        delivered = [r for r in records if r.sent.delivered]
        try:
            await self.fake.wait_for(
                lambda: all(self.answered(r) for r in delivered), within=within
            )
        except TimeoutError:
            pass
        return [r for r in delivered if not self.answered(r)]

    def doubled(self, records: list[DmRecord]) -> list[tuple[str, int]]:
        """Records that got more than one reply (two processes answered the same DM)."""
        return [(r.tag, n) for r in records if (n := len(self.answers(r))) > 1]

    def wrong_answers(self, records: list[DmRecord]) -> list[tuple[str, str]]:
        """Answered records whose reply is not for that message (cross-talk between users)."""
        wrong = []
        for record in records:
            for reply in self.replies(record):
                if reply.content.startswith("Answer ") and record.tag not in reply.content:
                    wrong.append((record.tag, reply.content[:80]))
        return wrong

    def reply_start_seconds(self, records: list[DmRecord]) -> list[float]:
        """From the DM to the bot's first message answering it."""
        starts = []
        for record in records:
            replies = self.replies(record)
            if replies:
                starts.append(min(m.created for m in replies) - record.sent.message.created)
        return starts

    @staticmethod
    def latency_line(samples: list[float]) -> str:
        if not samples:
            return "no replies"
        return (
            f"p50 {statistics.median(samples) * 1000:.0f} ms, "
            f"p99 {percentile(samples, 0.99) * 1000:.0f} ms over {len(samples)} replies"
        )

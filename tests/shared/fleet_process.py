"""A second bot process for the Redis integration tests (run with `python -m`).

    python -m tests.shared.fleet_process hold URL PREFIX        # hold an LLM slot forever
    python -m tests.shared.fleet_process generate URL PREFIX    # stream for user 5 until stopped

It prints one line when it holds the slot / is generating ("HOLDING", "RUNNING"), and for
`generate` one more when the generation ends ("CANCELLED" after a Stop from elsewhere).
"""

from __future__ import annotations

import asyncio
import sys

from careermate_bot.llm import LLMCancelled, message
from careermate_bot.llm.client import LLMClient
from careermate_bot.llm.fake import FakeBackend, FakeReply
from careermate_bot.llm.scheduler import FairScheduler
from careermate_bot.shared import (
    FleetScheduler,
    GateConfig,
    RedisGate,
    RedisLink,
    RedisStopBus,
    SharedLLMLink,
)

LEASE = 2.0


async def hold(link: RedisLink) -> None:
    config = GateConfig(capacity=1, queue_size=10, lease=LEASE, grace=0.0)
    scheduler = FleetScheduler(RedisGate(link, config), FairScheduler(1, 10))
    await link.start()
    async with scheduler.slot(99):
        print("HOLDING", flush=True)
        await asyncio.sleep(3600)


async def generate(link: RedisLink) -> None:
    backend = FakeBackend([FakeReply(["partial "], hang=True)])
    client = LLMClient(
        backend,
        max_concurrency=1,
        cluster=SharedLLMLink(RedisStopBus(link), link, capacity=4, lease=LEASE, grace=0.0),
    )
    await link.start()
    try:
        async with client.stream([message("user", "hi")], user_id=5) as reply:
            async for _ in reply:
                print("RUNNING", flush=True)
    except LLMCancelled as stopped:
        print(f"CANCELLED {stopped.partial!r}", flush=True)


def main() -> None:
    mode, url, prefix = sys.argv[1:4]
    link = RedisLink(url, prefix=prefix)
    asyncio.run(hold(link) if mode == "hold" else generate(link))


if __name__ == "__main__":
    main()

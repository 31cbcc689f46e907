"""Shard ownership leases: no lease, no connection.

The `LeaseKeeper` runs in each bot process. Every `ttl / 3` seconds it renews the leases it
holds and tries to claim the ones it wants but does not hold:

- a lease it claims -> `on_acquired(shard)`: the bot connects that shard;
- a lease another owner now holds -> `on_lost(shard)`: the bot disconnects it at once;
- a lease it cannot renew (the store is unreachable) is dropped before it could have expired
  (fail closed): `on_lost(shard)` runs while the lease is still ours, so the shard is closed
  before anyone else may claim it. Once the store answers again the keeper claims it back.

A second process given the same shards therefore never connects them while the first one is
alive; when the first dies (even `kill -9`) its leases expire and the second takes over.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

from careermate_bot.sharding.coordinator import ShardCoordinator

log = logging.getLogger(__name__)

ShardCallback = Callable[[int], Awaitable[None]]
T = TypeVar("T")


class LeaseKeeper:
    """Claims, renews and drops the leases of `shards` (of `count`) for `owner`."""

    def __init__(
        self,
        coordinator: ShardCoordinator,
        *,
        shards: Iterable[int],
        count: int,
        owner: str,
        ttl: float,
        on_acquired: ShardCallback,
        on_lost: ShardCallback,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.coordinator = coordinator
        self.shards = sorted(set(shards))
        self.count = count
        self.owner = owner
        self.ttl = ttl
        self.interval = ttl / 3
        self._on_acquired = on_acquired
        self._on_lost = on_lost
        self._clock = clock
        self._valid_until: dict[int, float] = {}  # held shard -> when our lease may expire
        self._held_events = {shard: asyncio.Event() for shard in self.shards}
        self._waiting_logged: set[int] = set()
        self._stopped = False

    # -- what we hold ------------------------------------------------------------------------
    def holds(self, shard: int) -> bool:
        return shard in self._valid_until

    @property
    def held(self) -> list[int]:
        return sorted(self._valid_until)

    async def wait_held(self, shard: int) -> None:
        """Return once this process holds `shard`'s lease."""
        await self._held_events[shard].wait()

    # -- one round ----------------------------------------------------------------------------
    async def tick(self) -> None:
        for shard in self.shards:
            if self._stopped:
                return
            if self.holds(shard):
                await self._renew(shard)
            else:
                await self._try_claim(shard)

    async def _renew(self, shard: int) -> None:
        sent = self._clock()
        try:
            ours = await self._call(self.coordinator.renew(shard, self.count, self.owner, self.ttl))
        except Exception as error:
            # The store's own clock starts the lease no earlier than `sent`, so we stop first.
            if self._clock() + self.interval >= self._valid_until[shard]:
                log.warning(
                    "shard %d: cannot renew its lease (%s); disconnecting it before the lease "
                    "could expire (no lease, no connection)",
                    shard,
                    _reason(error),
                )
                await self._drop(shard)
            else:
                log.warning("shard %d: lease renewal failed (%s); retrying", shard, _reason(error))
            return
        if ours:
            self._valid_until[shard] = sent + self.ttl
            return
        log.warning("shard %d: another process holds its lease now; disconnecting it", shard)
        await self._drop(shard)

    async def _try_claim(self, shard: int) -> None:
        started = self._clock()
        try:
            view = await self._call(self.coordinator.observe(shard, self.count))
            if view.holder == self.owner:  # ours in the store (we dropped it on a failed renewal)
                claimed = await self._call(
                    self.coordinator.renew(shard, self.count, self.owner, self.ttl)
                )
            elif view.claimable:
                claimed = await self._call(
                    self.coordinator.claim(shard, self.count, self.owner, self.ttl)
                )
            else:
                claimed = False
                if shard not in self._waiting_logged:
                    self._waiting_logged.add(shard)
                    log.info(
                        "shard %d: waiting for its lease (held by %s, %.1fs left)",
                        shard,
                        view.holder or "a process the lease store may have forgotten",
                        view.remaining,
                    )
        except Exception as error:
            log.warning("shard %d: cannot reach the lease store (%s)", shard, _reason(error))
            return
        if not claimed or self._stopped:
            return
        self._waiting_logged.discard(shard)
        self._valid_until[shard] = started + self.ttl
        self._held_events[shard].set()
        log.info("shard %d: lease acquired by %s", shard, self.owner)
        await self._on_acquired(shard)

    async def _drop(self, shard: int) -> None:
        self._valid_until.pop(shard, None)
        self._held_events[shard].clear()
        await self._on_lost(shard)

    async def _call(self, call: Awaitable[T]) -> T:
        # A store that hangs must not stall the schedule: a round never waits longer than this.
        return await asyncio.wait_for(call, timeout=max(0.5, self.interval / 2))

    # -- the loop -----------------------------------------------------------------------------
    async def run(self) -> None:
        """Tick every `ttl / 3` seconds until cancelled."""
        while not self._stopped:
            started = self._clock()
            try:
                await self.tick()
            except Exception:  # a callback's bug must not end the leases' upkeep
                log.exception("lease keeper round failed")
            await asyncio.sleep(max(0.05, self.interval - (self._clock() - started)))

    async def release_all(self) -> None:
        """Stop, and give up every lease held (after the shards were closed)."""
        self._stopped = True
        for shard in self.held:
            self._valid_until.pop(shard, None)
            try:
                await self._call(self.coordinator.release(shard, self.count, self.owner))
            except Exception as error:
                log.warning("shard %d: could not release its lease (%s)", shard, _reason(error))


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__

"""Connect this process's shards only while it holds their leases, and space every IDENTIFY
across the fleet by Discord's `max_concurrency` buckets.

`CareerMateBot` hands two discord.py hooks to a `ShardRunner` when sharding is coordinated
(`SHARD_COUNT` or `REDIS_URL` is set):

- `launch_shards`: instead of connecting every shard in turn, start a `LeaseKeeper`; a shard is
  connected when its lease is acquired and disconnected when the lease is lost;
- `before_identify_hook`: wait for the shard's lease, then for its bucket's identify slot
  (`shard_id % max_concurrency`, one IDENTIFY per bucket per 5 seconds, fleet-wide through the
  coordinator), so Discord never answers an early IDENTIFY with "Invalid Session".

With neither setting the bot keeps discord.py's own behaviour (automatic sharding, a 5 s sleep
between identifies in this process): one process with no extra settings behaves as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Callable

import discord
import yarl
from discord.gateway import DiscordWebSocket

from careermate_bot.config import Settings
from careermate_bot.sharding.coordinator import LocalCoordinator, ShardCoordinator
from careermate_bot.sharding.leases import LeaseKeeper

log = logging.getLogger(__name__)

# Discord: `max_concurrency` IDENTIFYs per 5 seconds, one per bucket (shard_id % max_concurrency).
IDENTIFY_INTERVAL = 5.0
# Our slot lasts a second longer than Discord's window: two IDENTIFYs sent 5.0 s apart can
# arrive closer together than that (network and event-loop jitter).
IDENTIFY_MARGIN = 1.0

CoordinatorFactory = Callable[[str], ShardCoordinator]


def process_owner_id() -> str:
    """Who holds a lease: host, pid and a random part (a reused pid is another owner)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def coordinated(settings: Settings) -> bool:
    """Whether shards go through leases and fleet-wide identify slots."""
    return settings.shard_count is not None or bool(settings.redis_url)


class ShardRunner:
    """Leases and identify spacing for one `discord.AutoShardedClient`."""

    def __init__(
        self,
        client: discord.AutoShardedClient,
        settings: Settings,
        *,
        coordinator_factory: CoordinatorFactory | None = None,
    ) -> None:
        self.client = client
        self.settings = settings
        self.coordinated = coordinated(settings)
        self.owner = process_owner_id()
        self.keeper: LeaseKeeper | None = None
        self.coordinator: ShardCoordinator | None = None
        self._factory = coordinator_factory or self._default_coordinator
        self._gateway: yarl.URL = DiscordWebSocket.DEFAULT_GATEWAY
        self._max_concurrency: int | None = None
        self._keeper_task: asyncio.Task[None] | None = None
        self._connecting: dict[int, asyncio.Task[None]] = {}

    def _default_coordinator(self, namespace: str) -> ShardCoordinator:
        if self.settings.redis_url:
            from careermate_bot.sharding.redis_coordinator import RedisCoordinator

            return RedisCoordinator.from_url(
                self.settings.redis_url,
                prefix=f"{self.settings.redis_key_prefix}:discord:{namespace}",
                lease_ttl=self.settings.shard_lease_seconds,
            )
        return LocalCoordinator()

    # -- launch_shards ---------------------------------------------------------------------------
    async def launch(self) -> None:
        client = self.client
        if client.shard_count is None:
            count, url, limits = await client.http.get_bot_gateway()
            client.shard_count = count
            self._gateway = yarl.URL(url)
            self._max_concurrency = int(limits["max_concurrency"])
        count = client.shard_count
        shard_ids = list(client.shard_ids or range(count))
        client._connection.shard_count = count
        client._connection.shard_ids = shard_ids
        namespace = str(client.user.id) if client.user is not None else "bot"
        self.coordinator = self._factory(namespace)
        if not self.settings.redis_url and self.settings.shard_ids:
            log.warning(
                "SHARD_IDS without REDIS_URL: shard leases are this process's own, so nothing "
                "stops another process from connecting the same shards"
            )
        self.keeper = LeaseKeeper(
            self.coordinator,
            shards=shard_ids,
            count=count,
            owner=self.owner,
            ttl=self.settings.shard_lease_seconds,
            on_acquired=self._connect,
            on_lost=self._disconnect,
        )
        log.info(
            "shards %s of %d for this process (owner %s); connecting those whose lease it holds",
            shard_ids,
            count,
            self.owner,
        )
        await self.keeper.tick()
        self._keeper_task = asyncio.create_task(self.keeper.run(), name="careermate-shard-leases")

    async def _connect(self, shard_id: int) -> None:
        running = self._connecting.get(shard_id)
        if running is not None and not running.done():
            return
        task = asyncio.create_task(self._open(shard_id), name=f"careermate-shard-{shard_id}")
        self._connecting[shard_id] = task

    async def _open(self, shard_id: int) -> None:
        shard = self.client.get_shard(shard_id)
        if shard is None:
            await self.client.launch_shard(self._gateway, shard_id)
        else:
            await shard.connect()  # a shard closed when its lease was lost: connect it again

    async def _disconnect(self, shard_id: int) -> None:
        task = self._connecting.pop(shard_id, None)
        if task is not None:
            task.cancel()
        shard = self.client.get_shard(shard_id)
        if shard is not None:
            await shard.disconnect()
        log.info("shard %d disconnected: this process no longer holds its lease", shard_id)

    # -- before_identify_hook ----------------------------------------------------------------
    async def before_identify(self, shard_id: int | None) -> None:
        shard = shard_id or 0
        if self.keeper is not None and not self.keeper.holds(shard):
            log.info("shard %d: waiting for its lease before identifying", shard)
            await self.keeper.wait_held(shard)
        bucket = shard % await self.max_concurrency()
        coordinator = self.coordinator or LocalCoordinator()
        slot = IDENTIFY_INTERVAL + IDENTIFY_MARGIN
        while True:
            try:
                wait = await coordinator.try_identify(bucket, self.owner, slot)
            except Exception as error:
                # No shared slot: a plain wait keeps this process's own identifies apart; an
                # early one elsewhere costs an "Invalid Session" and a retry, not a failure.
                log.warning("identify slot unavailable (%s); waiting %.1fs", error, slot)
                await asyncio.sleep(slot)
                return
            if wait <= 0:
                log.debug("shard %d: identify slot of bucket %d taken", shard, bucket)
                return
            await asyncio.sleep(wait)

    async def max_concurrency(self) -> int:
        if self._max_concurrency is None:
            try:
                limits = await self.client.fetch_session_start_limits()
                self._max_concurrency = max(1, limits.max_concurrency)
            except Exception as error:
                log.warning("cannot read max_concurrency (%s); assuming 1", error)
                return 1
        return self._max_concurrency

    # -- close -------------------------------------------------------------------------------------
    def halt(self) -> None:
        """Before the shards are closed: claim and connect nothing more (leases still held)."""
        for task in [self._keeper_task, *self._connecting.values()]:
            if task is not None:
                task.cancel()
        self._keeper_task = None
        self._connecting.clear()

    async def stop(self) -> None:
        """After the shards are closed: give the leases back, so another process may take
        them at once."""
        self.halt()
        if self.keeper is not None:
            await self.keeper.release_all()
        if self.coordinator is not None:
            with contextlib.suppress(Exception):
                await self.coordinator.aclose()
            self.coordinator = None

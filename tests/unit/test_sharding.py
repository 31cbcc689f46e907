"""Sharding: shard ranges, the cluster layout, the settings, shard leases (no lease, no
connection; a dead holder's lease is taken over; a store that cannot be reached fails closed)
and the identify slots. The Redis coordinator runs against a real `redis-server` when one is
installed (scripts/test_cluster.sh installs it); the end-to-end proof is tests/cluster."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator

import pytest

from careermate_bot.config import ConfigError, build_settings
from careermate_bot.sharding import (
    LeaseKeeper,
    LocalCoordinator,
    cluster_layout,
    format_shard_ids,
    parse_shard_ids,
    shard_for_guild,
)


# -- ranges and layouts ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ids"),
    [("0", [0]), ("1-3", [1, 2, 3]), ("0,4-7", [0, 4, 5, 6, 7]), (" 2 , 0-1 ,2", [0, 1, 2])],
)
def test_shard_ranges_parse(text: str, ids: list[int]) -> None:
    assert parse_shard_ids(text) == ids
    assert parse_shard_ids(format_shard_ids(ids)) == ids


@pytest.mark.parametrize("text", ["a", "1-", "-1", "3-1", "1.5", "٣", "0-70000"])
def test_bad_shard_ranges_say_which_part(text: str) -> None:
    with pytest.raises(ValueError, match=r"range|shard id|beyond"):
        parse_shard_ids(text)


def test_format_shard_ids_folds_runs() -> None:
    assert format_shard_ids([5, 0, 1, 2, 7, 6, 9]) == "0-2,5-7,9"


def test_shard_formula_is_discords() -> None:
    guild_id = 81384788765712384  # Discord's own documentation example
    assert shard_for_guild(guild_id, 16) == (guild_id >> 22) % 16


@pytest.mark.parametrize(("shards", "processes"), [(4, 4), (16, 4), (7, 3), (2, 2), (10, 1)])
def test_cluster_layout_puts_shard_0_alone_and_covers_every_shard_once(
    shards: int, processes: int
) -> None:
    layout = cluster_layout(shards, processes)
    assert len(layout) == processes
    flat = [shard for ranges in layout for shard in ranges]
    assert sorted(flat) == list(range(shards))
    if processes > 1:
        assert layout[0] == [0]
        sizes = [len(r) for r in layout[1:]]
        assert max(sizes) - min(sizes) <= 1
        assert all(r == list(range(r[0], r[-1] + 1)) for r in layout)  # contiguous ranges


def test_cluster_layout_needs_a_shard_per_process() -> None:
    with pytest.raises(ValueError, match="at least 4 shards"):
        cluster_layout(3, 4)


# -- settings -------------------------------------------------------------------------------------
def test_no_sharding_settings_by_default() -> None:
    settings = build_settings(_env_file=None)
    assert settings.shard_count is None
    assert settings.shard_ids == []
    assert settings.redis_url == ""


def test_shard_settings_read_ranges() -> None:
    settings = build_settings(_env_file=None, shard_count=8, shard_ids="0,4-7")
    assert settings.shard_ids == [0, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"shard_ids": "1-3"}, "SHARD_IDS: needs SHARD_COUNT"),
        ({"shard_count": 2, "shard_ids": "1-3"}, "SHARD_IDS: shards 2-3 are not below"),
        ({"shard_count": 0}, "SHARD_COUNT"),
        ({"redis_url": "http://x"}, "REDIS_URL: must start with redis://"),
    ],
)
def test_bad_shard_settings_are_one_readable_line(values: dict[str, object], says: str) -> None:
    with pytest.raises(ConfigError) as caught:
        build_settings(_env_file=None, **values)
    assert any(line.startswith(says) for line in caught.value.lines), caught.value.lines


def test_a_redis_password_is_a_secret() -> None:
    settings = build_settings(_env_file=None, redis_url="redis://:hunter2@127.0.0.1:6379/0")
    assert "hunter2" in settings.secrets()


# -- leases ---------------------------------------------------------------------------------------
class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Shards:
    """What a bot does with its shards: connect on acquire, disconnect on loss."""

    def __init__(self) -> None:
        self.connected: set[int] = set()
        self.events: list[str] = []

    async def acquired(self, shard: int) -> None:
        self.connected.add(shard)
        self.events.append(f"+{shard}")

    async def lost(self, shard: int) -> None:
        self.connected.discard(shard)
        self.events.append(f"-{shard}")


def keeper(
    coordinator: object, owner: str, shards: Shards, clock: Clock, ttl: float = 9.0
) -> LeaseKeeper:
    return LeaseKeeper(
        coordinator,  # type: ignore[arg-type]
        shards=[0, 1],
        count=2,
        owner=owner,
        ttl=ttl,
        on_acquired=shards.acquired,
        on_lost=shards.lost,
        clock=clock,
    )


async def test_a_second_process_never_connects_a_held_shard_then_takes_it_when_it_expires() -> None:
    clock = Clock()
    store = LocalCoordinator(clock=clock)
    first, second = Shards(), Shards()
    a, b = keeper(store, "a", first, clock), keeper(store, "b", second, clock)
    await a.tick()
    await b.tick()
    assert first.connected == {0, 1}
    assert second.connected == set()
    for _ in range(5):  # a renews every third of the lease; b keeps waiting
        clock.now += 3
        await a.tick()
        await b.tick()
    assert second.connected == set()
    # a dies (kill -9: no more renewals): its leases expire, b takes both shards.
    clock.now += 9.5
    await b.tick()
    assert second.connected == {0, 1}
    # a was only frozen, not dead: its next round finds the leases gone and disconnects.
    await a.tick()
    assert first.connected == set()
    assert first.events[-2:] == ["-0", "-1"]


class Unreachable(LocalCoordinator):
    """A store that stops answering (Redis down or partitioned away)."""

    def __init__(self, clock: Clock) -> None:
        super().__init__(clock=clock)
        self.down = False

    async def renew(self, shard: int, count: int, owner: str, ttl: float) -> bool:
        if self.down:
            raise ConnectionError("Redis is unreachable")
        return await super().renew(shard, count, owner, ttl)


async def test_leases_fail_closed_before_they_could_expire() -> None:
    clock = Clock()
    store = Unreachable(clock)
    shards = Shards()
    holder = keeper(store, "a", shards, clock)
    await holder.tick()
    renewed_at = clock.now
    store.down = True
    while shards.connected:
        clock.now += 3
        await holder.tick()
    # Disconnected while the lease (ttl 9 from the last renewal) still held: nobody else could
    # have connected the shard yet.
    assert clock.now < renewed_at + 9
    store.down = False
    clock.now += 3
    await holder.tick()  # the store answers again: the lease is still ours, so reconnect
    assert shards.connected == {0, 1}


async def test_release_lets_another_process_take_over_at_once() -> None:
    clock = Clock()
    store = LocalCoordinator(clock=clock)
    first, second = Shards(), Shards()
    a, b = keeper(store, "a", first, clock), keeper(store, "b", second, clock)
    await a.tick()
    await a.release_all()
    await b.tick()
    assert second.connected == {0, 1}


async def test_identify_slots_are_spaced_per_bucket() -> None:
    clock = Clock()
    store = LocalCoordinator(clock=clock)
    assert await store.try_identify(0, "a", 5.5) == 0.0
    assert await store.try_identify(0, "b", 5.5) == pytest.approx(5.5)
    assert await store.try_identify(1, "b", 5.5) == 0.0  # another bucket is free
    clock.now += 5.5
    assert await store.try_identify(0, "b", 5.5) == 0.0


# -- the Redis coordinator ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (scripts/test_cluster.sh installs it)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.kill()
    process.wait()


@pytest.fixture
async def redis_pair(redis_url: str) -> AsyncIterator[tuple[object, object]]:
    from careermate_bot.sharding.redis_coordinator import RedisCoordinator

    prefix = f"test{time.monotonic_ns()}:discord:1"
    a = RedisCoordinator.from_url(redis_url, prefix=prefix, lease_ttl=0.6)
    b = RedisCoordinator.from_url(redis_url, prefix=prefix, lease_ttl=0.6)
    yield a, b
    await a.aclose()
    await b.aclose()


async def test_redis_leases_one_owner_and_renewal_by_the_owner_only(
    redis_pair: tuple[object, object],
) -> None:
    a, b = redis_pair
    # A Redis we have not seen before may have forgotten a live holder's lease: an absence is
    # trusted only a full lease period after the first look.
    assert not (await a.observe(0, 4)).claimable  # type: ignore[attr-defined]
    await asyncio.sleep(0.7)
    assert (await a.observe(0, 4)).claimable  # type: ignore[attr-defined]
    assert await a.claim(0, 4, "a", 0.6)  # type: ignore[attr-defined]
    assert not await b.claim(0, 4, "b", 0.6)  # type: ignore[attr-defined]
    view = await b.observe(0, 4)  # type: ignore[attr-defined]
    assert view.holder == "a" and not view.claimable and 0 < view.remaining <= 0.6
    assert not await b.renew(0, 4, "b", 0.6)  # type: ignore[attr-defined]
    assert await a.renew(0, 4, "a", 0.6)  # type: ignore[attr-defined]
    await asyncio.sleep(0.7)  # a stopped renewing: expired
    assert await b.claim(0, 4, "b", 0.6)  # type: ignore[attr-defined]
    assert not await a.renew(0, 4, "a", 0.6)  # type: ignore[attr-defined]
    await b.release(0, 4, "b")  # type: ignore[attr-defined]
    assert (await a.observe(0, 4)).claimable  # type: ignore[attr-defined]


async def test_redis_that_lost_its_keys_lets_the_holder_back_first(
    redis_pair: tuple[object, object], redis_url: str
) -> None:
    from redis.asyncio import Redis

    a, b = redis_pair
    await a.observe(1, 4)  # type: ignore[attr-defined]
    await asyncio.sleep(0.7)
    assert await a.claim(1, 4, "a", 0.6)  # type: ignore[attr-defined]
    raw = Redis.from_url(redis_url)
    await raw.flushall()  # what a restarted Redis without persistence looks like
    await raw.aclose()
    view = await b.observe(1, 4)  # type: ignore[attr-defined]
    assert view.holder is None and not view.claimable  # a live holder may not know yet
    assert await a.renew(1, 4, "a", 0.6)  # type: ignore[attr-defined] # takes it back
    assert (await b.observe(1, 4)).holder == "a"  # type: ignore[attr-defined]


async def test_redis_identify_slot_spacing(redis_pair: tuple[object, object]) -> None:
    a, b = redis_pair
    assert await a.try_identify(0, "a", 0.5) == 0.0  # type: ignore[attr-defined]
    wait = await b.try_identify(0, "b", 0.5)  # type: ignore[attr-defined]
    assert 0 < wait <= 0.5
    await asyncio.sleep(wait + 0.05)
    assert await b.try_identify(0, "b", 0.5) == 0.0  # type: ignore[attr-defined]

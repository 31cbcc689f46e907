"""Which Discord shards a process runs: `SHARD_COUNT` and this process's `SHARD_IDS` ranges.

Discord routes a guild's events to shard `(guild_id >> 22) % shard_count` and every direct
message to shard 0. A process runs the shards in its `SHARD_IDS` (ranges such as `0`, `1-3` or
`0,4-7`); with neither setting it runs discord.py's automatic sharding (today's behaviour).

    parse_shard_ids("0,2-4")          # [0, 2, 3, 4]
    format_shard_ids([0, 2, 3, 4])    # "0,2-4"
    cluster_layout(8, processes=3)    # [[0], [1, 2, 3, 4], [5, 6, 7]]: shard 0 alone
"""

from __future__ import annotations

from collections.abc import Iterable

# Discord's own ceiling on a bot's shard count is far below this; it only catches typos.
MAX_SHARDS = 65_536


def parse_shard_ids(text: str) -> list[int]:
    """`"0,2-4"` -> `[0, 2, 3, 4]` (sorted, each once). Raises ValueError with the bad part."""
    ids: set[int] = set()
    for raw in text.split(","):
        part = raw.strip()
        if not part:
            continue
        first, dash, last = part.partition("-")
        if not _is_number(first) or (dash and not _is_number(last)):
            raise ValueError(f"{part!r} is not a shard id or a range like 1-3")
        low = int(first)
        high = int(last) if dash else low
        if high < low:
            raise ValueError(f"the range {part!r} runs backwards (write {high}-{low})")
        if high >= MAX_SHARDS:
            raise ValueError(f"{part!r} is beyond {MAX_SHARDS - 1}")
        ids.update(range(low, high + 1))
    return sorted(ids)


def _is_number(text: str) -> bool:
    text = text.strip()
    return text.isascii() and text.isdigit()


def format_shard_ids(ids: Iterable[int]) -> str:
    """`[0, 2, 3, 4]` -> `"0,2-4"` (the form `SHARD_IDS` takes)."""
    ordered = sorted(set(ids))
    parts: list[str] = []
    first = 0
    while first < len(ordered):
        last = first
        while last + 1 < len(ordered) and ordered[last + 1] == ordered[last] + 1:
            last += 1
        low, high = ordered[first], ordered[last]
        parts.append(str(low) if low == high else f"{low}-{high}")
        first = last + 1
    return ",".join(parts)


def shard_for_guild(guild_id: int, shard_count: int) -> int:
    """The shard Discord sends a guild's events to (direct messages always go to shard 0)."""
    return (guild_id >> 22) % shard_count


def cluster_layout(shard_count: int, processes: int) -> list[list[int]]:
    """Shards per process for one host: shard 0 (every DM lands there) alone in the first
    process, the other shards split into contiguous, nearly equal ranges over the rest.
    One process runs every shard."""
    if processes < 1:
        raise ValueError("at least one process is needed")
    if processes == 1:
        return [list(range(shard_count))]
    if shard_count < processes:
        raise ValueError(
            f"{processes} processes need at least {processes} shards (shard 0 alone in the "
            f"first process, at least one shard for each other); got {shard_count}"
        )
    rest = list(range(1, shard_count))
    others = processes - 1
    size, extra = divmod(len(rest), others)
    layout = [[0]]
    start = 0
    for index in range(others):
        end = start + size + (1 if index < extra else 0)
        layout.append(rest[start:end])
        start = end
    return layout

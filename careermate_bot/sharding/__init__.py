"""Discord sharding for a fleet of bot processes: which shards a process runs (`plan`), who
holds each shard (`leases`, over a `coordinator`: this process's memory, or Redis), and the
discord.py hooks that connect a shard only under its lease (`runner`)."""

from careermate_bot.sharding.coordinator import LeaseView, LocalCoordinator, ShardCoordinator
from careermate_bot.sharding.leases import LeaseKeeper
from careermate_bot.sharding.plan import (
    cluster_layout,
    format_shard_ids,
    parse_shard_ids,
    shard_for_guild,
)

__all__ = [
    "LeaseKeeper",
    "LeaseView",
    "LocalCoordinator",
    "ShardCoordinator",
    "cluster_layout",
    "format_shard_ids",
    "parse_shard_ids",
    "shard_for_guild",
]

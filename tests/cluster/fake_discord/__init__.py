"""A fake Discord on 127.0.0.1 (REST + gateway websocket) for the cluster test."""

from tests.cluster.fake_discord.server import FakeDiscord, Sent

__all__ = ["FakeDiscord", "Sent"]

"""The harness itself: a bot whose start-up fails leaves nothing running behind.

A cog that fails to import (or any start-up error) used to leave the services' database open:
aiosqlite's worker thread is not a daemon, so pytest finished its tests and then never exited.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from careermate_bot import bot as bot_module
from careermate_bot.config import Settings
from careermate_bot.services.container import AppServices
from tests.harness.bot import running_bot


async def test_a_failed_start_up_closes_the_database(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = set(threading.enumerate())
    monkeypatch.setattr(bot_module, "cog_modules", lambda: ["cogs.does_not_exist"])
    services = AppServices(settings, backups_enabled=False)
    with pytest.raises(Exception, match="does_not_exist"):
        async with running_bot(settings, services, tmp_path):
            pass
    left = [t for t in threading.enumerate() if t not in before and not t.daemon and t.is_alive()]
    assert not left, f"threads left running after a failed start-up: {left}"

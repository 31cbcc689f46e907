"""The process-wide services every front end (Discord, terminal, tests) shares."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from careermate_bot.config import Settings
from careermate_bot.services.chat import ChatService

log = logging.getLogger(__name__)


@dataclass
class AppServices:
    """Created once per process; `start()` connects, `stop()` backs up and disconnects."""

    settings: Settings
    llm: Any = None
    knowledge: Any = None
    manage_database: bool = True
    backups_enabled: bool = True
    _chat: Any = field(default=None, init=False, repr=False)
    _scheduler: Any = field(default=None, init=False, repr=False)
    _started: bool = field(default=False, init=False, repr=False)

    @property
    def chat(self) -> ChatService:
        """Free-text conversation on the shared LLM client (DMs, mentions, terminal)."""
        if self._chat is None:
            if self.llm is None:
                raise RuntimeError("no LLM client configured")
            self._chat = ChatService(self.llm)
        return self._chat

    async def start(self) -> None:
        if self._started:
            return
        if self.manage_database:
            from careermate_bot.db import init_db

            await init_db(self.settings)
        if self.backups_enabled and self.settings.sqlite_path is not None:
            from careermate_bot.backup import BackupScheduler

            self._scheduler = BackupScheduler(self.settings)
            self._scheduler.start()
        self._started = True

    async def stop(self) -> None:
        if not self._started:
            return
        self._started = False
        if self._scheduler is not None:
            await self._scheduler.stop()
        if self.backups_enabled and self.settings.sqlite_path is not None:
            from careermate_bot.backup import create_backup_async

            try:
                path = await create_backup_async(self.settings)
                log.info("final backup written to %s", path)
            except Exception:
                log.exception("final backup failed")
        if self.llm is not None and hasattr(self.llm, "aclose"):
            await self.llm.aclose()
        if self.manage_database:
            from careermate_bot.db import close_db

            await close_db()


async def build_services(settings: Settings) -> AppServices:
    """The production wiring: the configured LLM backend and the career knowledge base."""
    from careermate_bot.knowledge import get_knowledge_base
    from careermate_bot.llm import create_llm_client

    llm = await create_llm_client(settings)
    knowledge = await asyncio.to_thread(get_knowledge_base, settings.data_dir)
    return AppServices(settings=settings, llm=llm, knowledge=knowledge)

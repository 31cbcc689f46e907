"""The process-wide services every front end (Discord, terminal, tests) shares.

One way in: the Discord bot holds one `AppServices` (`bot.services`; in a cog `self.bot.services`,
in a component `interaction.client.services`), the terminal chat builds one with the same
`build_services`, and tests construct one with a fake LLM and the knowledge base they need.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from careermate_bot.config import Settings
from careermate_bot.knowledge import KnowledgeBase, get_knowledge_base
from careermate_bot.llm import LLMClient, NoEngine, create_llm_client
from careermate_bot.llm.capability import Capabilities
from careermate_bot.services.conversation.chat import ChatService
from careermate_bot.services.conversation.router import ConversationRouter
from careermate_bot.services.interview import InterviewService

if TYPE_CHECKING:
    from careermate_bot.storage.backup import BackupScheduler

log = logging.getLogger(__name__)


class AppServices:
    """Created once per process; `start()` connects, `stop()` backs up and disconnects.

    `llm` is the one LLM client (an `AppServices` built without one raises `NoEngine`, an
    `LLMError`, on use); `knowledge` is the career knowledge base (loaded from
    `settings.data_dir` on first use when none was given).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        llm: LLMClient | None = None,
        knowledge: KnowledgeBase | None = None,
        manage_database: bool = True,
        backups_enabled: bool = True,
    ) -> None:
        self.settings = settings
        self.manage_database = manage_database
        self.backups_enabled = backups_enabled
        self._llm = llm
        self._knowledge = knowledge
        self._chat: ChatService | None = None
        self._interview: InterviewService | None = None
        self._conversation: ConversationRouter | None = None
        self._scheduler: BackupScheduler | None = None
        self._started = False
        self._capabilities: tuple[tuple[str, str] | None, Capabilities] | None = None

    @property
    def has_llm(self) -> bool:
        return self._llm is not None

    @property
    def llm(self) -> LLMClient:
        if self._llm is None:
            raise NoEngine("no LLM client configured for these services")
        return self._llm

    @llm.setter
    def llm(self, client: LLMClient) -> None:
        """Swap the LLM client (tests; a reconfigured engine)."""
        self._llm = client
        self._chat = None

    @property
    def capabilities(self) -> Capabilities:
        """The tasks the configured model passed (`llm.capability`: DATA_DIR/model_eval.json,
        else the result shipped for the embedded model); no model: none. Follows a swapped
        client."""
        key = (self._llm.provider, self._llm.model) if self._llm is not None else None
        if self._capabilities is None or self._capabilities[0] != key:
            caps = (
                Capabilities.for_model(key[0], key[1], self.settings.data_dir)
                if key is not None
                else Capabilities.nothing()
            )
            self._capabilities = (key, caps)
        return self._capabilities[1]

    @capabilities.setter
    def capabilities(self, caps: Capabilities) -> None:
        """Pin the capabilities for the current client (tests; a measured override)."""
        key = (self._llm.provider, self._llm.model) if self._llm is not None else None
        self._capabilities = (key, caps)
        self._chat = None

    @property
    def knowledge(self) -> KnowledgeBase:
        if self._knowledge is None:
            self._knowledge = get_knowledge_base(self.settings.data_dir)
        return self._knowledge

    @property
    def chat(self) -> ChatService:
        """Free-text conversation on the shared LLM client (DMs, mentions, terminal)."""
        if self._chat is None:
            self._chat = ChatService(self.llm, capabilities=self.capabilities)
        return self._chat

    @property
    def conversation(self) -> ConversationRouter:
        """Free text -> intent -> action (DMs, mentions, the terminal chat)."""
        if self._conversation is None:
            self._conversation = ConversationRouter(self.knowledge, self._llm)
        self._conversation.llm = self._llm  # follows a swapped client
        self._conversation.capabilities = self.capabilities
        return self._conversation

    @property
    def interview(self) -> InterviewService:
        """Mock interviews: scoring, sessions in the database, optional model feedback."""
        if self._interview is None:
            self._interview = InterviewService(llm=self._llm, knowledge=self.knowledge)
        self._interview.llm = self._llm  # follows a swapped client
        self._interview.capabilities = self.capabilities
        return self._interview

    async def start(self) -> None:
        if self._started:
            return
        if self.manage_database:
            from careermate_bot.storage.database import init_db

            await init_db(self.settings)
        if self.backups_enabled and self.settings.sqlite_path is not None:
            from careermate_bot.storage.backup import BackupScheduler

            self._scheduler = BackupScheduler(self.settings)
            self._scheduler.start()
        if self._llm is not None:
            caps = self.capabilities
            log.info("model tasks (%s): %s", caps.source, "; ".join(caps.lines()))
        self._started = True

    async def stop(self) -> None:
        if not self._started:
            return
        self._started = False
        if self._scheduler is not None:
            await self._scheduler.stop()
        if self.backups_enabled and self.settings.sqlite_path is not None:
            from careermate_bot.storage.backup import create_backup_async

            try:
                path = await create_backup_async(self.settings)
                log.info("final backup written to %s", path)
            except Exception:
                log.exception("final backup failed")
        if self._llm is not None:
            await self._llm.aclose()
        if self.manage_database:
            from careermate_bot.storage.database import close_db

            await close_db()


async def build_services(
    settings: Settings, *, backups_enabled: bool = True, manage_database: bool = True
) -> AppServices:
    """The production wiring (the bot and `careermate chat`): the configured LLM backend and
    the career knowledge base. Raises the LLM factory's `LLMError` (e.g. `NoEngine`)."""
    llm = await create_llm_client(settings)
    knowledge = await asyncio.to_thread(get_knowledge_base, settings.data_dir)
    return AppServices(
        settings,
        llm=llm,
        knowledge=knowledge,
        backups_enabled=backups_enabled,
        manage_database=manage_database,
    )

"""The process-wide services every front end (Discord, terminal, tests) shares.

One way in: the Discord bot holds one `AppServices` (`bot.services`; in a cog `self.bot.services`,
in a component `interaction.client.services`), the terminal builds one with the same
`build_services`, and tests construct one with a fake LLM and the knowledge base they need.
Each feature has one façade here, built once on first use with the typed knowledge base, LLM
client and the profile façade it needs:

    services.profile · career · jobs · resume · interview · conversation
"""

from __future__ import annotations

import asyncio
import logging

from careermate_bot.config import Settings
from careermate_bot.knowledge import KnowledgeBase, get_knowledge_base
from careermate_bot.knowledge.guide import get_guide
from careermate_bot.knowledge.questions import load_question_bank
from careermate_bot.llm import LLMClient, NoEngine, create_llm_client
from careermate_bot.llm.capability import Capabilities
from careermate_bot.llm.prompts import validate_prompts
from careermate_bot.services.career import CareerService
from careermate_bot.services.conversation import Conversation
from careermate_bot.services.conversation.intents.slots import SlotExtractor
from careermate_bot.services.guide import GuideService
from careermate_bot.services.interview import BankIndex, InterviewService
from careermate_bot.services.jobs import JobsService
from careermate_bot.services.profile import ProfileService
from careermate_bot.services.resume import ResumeService
from careermate_bot.services.resume.sandbox import parse_pool
from careermate_bot.shared import SharedState
from careermate_bot.storage.backup import BackupScheduler, create_backup_async
from careermate_bot.storage.database import close_db, init_db

log = logging.getLogger(__name__)


class AppServices:
    """Created once per process; `start()` connects, `stop()` backs up and disconnects.

    `llm` is the one LLM client (an `AppServices` built without one raises `NoEngine`, an
    `LLMError`, on use; features then use their deterministic text); `knowledge` is the career
    knowledge base (loaded from `settings.data_dir` on first use when none was given).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        llm: LLMClient | None = None,
        knowledge: KnowledgeBase | None = None,
        interview_bank: BankIndex | None = None,
        manage_database: bool = True,
        backups_enabled: bool = True,
        shared: SharedState | None = None,
    ) -> None:
        self.settings = settings
        # What the bot processes share (rate limits, LLM gate, Stop...): in this process
        # unless REDIS_URL is set.
        self.shared = shared if shared is not None else SharedState.from_settings(settings)
        self.manage_database = manage_database
        self.backups_enabled = backups_enabled
        self._llm = llm
        self._knowledge = knowledge
        self._bank = interview_bank
        self._profile: ProfileService | None = None
        self._career: CareerService | None = None
        self._jobs: JobsService | None = None
        self._resume: ResumeService | None = None
        self._interview: InterviewService | None = None
        self._conversation: Conversation | None = None
        self._guide: GuideService | None = None
        self._scheduler: BackupScheduler | None = None
        self._started = False
        self._capabilities: tuple[tuple[str, str] | None, Capabilities] | None = None

    # -- shared parts -----------------------------------------------------------------------------
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
        """Swap the LLM client (tests; a reconfigured engine): the features that use it are
        rebuilt on next use (sessions, profiles and history live in the database)."""
        self._llm = client
        self._forget_model_users()

    def _forget_model_users(self) -> None:
        """The features that hold the client or its capabilities are rebuilt on next use
        (sessions, profiles and history live in the database)."""
        self._career = self._resume = None
        self._conversation = None
        if self._interview is not None:
            self._interview.llm = self._llm
            self._interview.capabilities = self.capabilities

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
        self._forget_model_users()

    @property
    def knowledge(self) -> KnowledgeBase:
        if self._knowledge is None:
            self._knowledge = get_knowledge_base(self.settings.data_dir)
        return self._knowledge

    # -- the features -----------------------------------------------------------------------------
    @property
    def profile(self) -> ProfileService:
        """What CareerMate remembers about each person."""
        if self._profile is None:
            self._profile = ProfileService(self.knowledge)
        return self._profile

    @property
    def career(self) -> CareerService:
        """Career paths, skill gaps, their chart and the model's short summary."""
        if self._career is None:
            self._career = CareerService(self.knowledge, self.profile, self._llm, self.capabilities)
        return self._career

    @property
    def jobs(self) -> JobsService:
        """Job search, saved jobs and each server's job board."""
        if self._jobs is None:
            self._jobs = JobsService(self.knowledge)
        return self._jobs

    @property
    def resume(self) -> ResumeService:
        """Résumé review: a score, keyword coverage, fixes, the model's rewrites."""
        if self._resume is None:
            self._resume = ResumeService(self.knowledge, self.profile, self._llm, self.capabilities)
        return self._resume

    @property
    def interview(self) -> InterviewService:
        """Mock interviews: scoring, sessions in the database, optional model feedback."""
        if self._interview is None:
            bank = self._bank if self._bank is not None else BankIndex(load_question_bank())
            self._interview = InterviewService.for_knowledge(
                self.knowledge, bank, llm=self._llm, capabilities=self.capabilities
            )
        return self._interview

    @interview.setter
    def interview(self, service: InterviewService) -> None:
        """Use another interview service (tests: a small question bank, a fixed clock)."""
        self._interview = service

    @property
    def guide(self) -> GuideService:
        """Grounded answers to open questions: how to become X, role facts, comparisons, the
        advice playbook, cover-letter outlines."""
        if self._guide is None:
            self._guide = GuideService(
                self.knowledge,
                get_guide(self.settings.data_dir),
                self.profile,
                self.resume.last_review,
                SlotExtractor(self.knowledge).location,
            )
        return self._guide

    @property
    def conversation(self) -> Conversation:
        """Free text -> one typed action (DMs, mentions, the terminal), and small talk."""
        if self._conversation is None:
            self._conversation = Conversation(
                self.knowledge, self.profile, self._llm, self.capabilities, self.guide
            )
        return self._conversation

    # -- life cycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        if self._started:
            return
        validate_prompts()  # a broken prompt file stops start-up, not a user's request later
        await self.shared.start()  # never fatal: without Redis, local limits (docs/reliability)
        if self.manage_database:
            await init_db(self.settings)
        if self.backups_enabled and self.settings.sqlite_path is not None:
            self._scheduler = BackupScheduler(self.settings)
            self._scheduler.start()
        if self._llm is not None:
            caps = self.capabilities
            log.info("model tasks (%s): %s", caps.source, "; ".join(caps.lines()))
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
            try:
                path = await create_backup_async(self.settings)
                log.info("final backup written to %s", path)
            except Exception:
                log.exception("final backup failed")
        parse_pool().close()  # the résumé parse workers (started on first use)
        if self._llm is not None:
            await self._llm.aclose()
        await self.shared.aclose()
        if self.manage_database:
            await close_db()


async def build_services(
    settings: Settings, *, backups_enabled: bool = True, manage_database: bool = True
) -> AppServices:
    """The production wiring (the bot and `careermate chat`): the configured LLM backend and
    the career knowledge base. Raises the LLM factory's `LLMError` (e.g. `NoEngine`)."""
    shared = SharedState.from_settings(settings)
    if shared.fleet_wide:  # REDIS_URL: one LLM line and Stop for every process
        llm = await create_llm_client(settings, cluster=shared.llm_link)
    else:
        llm = await create_llm_client(settings)
    # Once, at start-up, before any other work: the default pool is free.
    knowledge = await asyncio.to_thread(get_knowledge_base, settings.data_dir)  # once, at start
    return AppServices(
        settings,
        llm=llm,
        knowledge=knowledge,
        backups_enabled=backups_enabled,
        manage_database=manage_database,
        shared=shared,
    )

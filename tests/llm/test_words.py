"""Words users can trust, on the real embedded model (SmolLM2-135M-Instruct): small talk never
shows a persona violation over 50 varied greetings, and a coach comment for a fully covered
answer never calls a point missing. With the shipped capability result most tasks use
deterministic text; the model's raw output is also run through the checks directly, to show
the filter catches what the model says."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from careermate_bot.config import build_settings
from careermate_bot.llm import LLMClient
from careermate_bot.llm.backends.local import LocalBackend
from careermate_bot.llm.capability import Capabilities
from careermate_bot.llm.checks import (
    check_contradiction,
    check_persona,
    check_reply,
    language_check,
    persona_check,
    sentences,
)
from careermate_bot.llm.types import Done, GenParams, LLMMessage
from careermate_bot.services.conversation.chat import ChatService
from careermate_bot.services.interview import InterviewService, shipped_knowledge
from careermate_bot.services.interview.bank import QuestionSnapshot, shipped_bank
from careermate_bot.services.interview.comments import coach_facts
from careermate_bot.storage.database import close_db, init_db

pytestmark = pytest.mark.llm

GREETINGS = [
    "hello", "hi", "hey", "Hey there!", "Hello! Are you working?", "Hello! How are you today?",
    "good morning", "Good afternoon!", "good evening :)", "yo", "hiya", "howdy",
    "hi there, how's it going?", "hello, anyone there?", "heya friend", "what's up?",
    "sup", "greetings!", "hi, who are you?", "Hello CareerMate", "hey, how have you been?",
    "morning!", "hi, nice to meet you", "hello, I'm new here", "hi! what do you do?",
    "hey hey", "hello hello", "Hi, how is your day?", "hey, are you a bot?", "hi :)",
    "Hello there, friend", "hi, thanks for having me", "hey, long time no see",
    "good day to you", "hi, I just joined", "hello! can we talk?", "hey, you awake?",
    "hi, how are things?", "Hello! Nice weather today", "hey, happy Friday!",
    "hi! I'm Sam", "hello, is this the career bot?", "hey there, what's new?",
    "hi, hope you're well", "hello, good to see you", "Hi! Are you there?",
    "hey, quick hello", "hello from Denver", "hi, it's me again", "hiii",
]  # fmt: skip
NAME = "SeekerA"


class Recorder:
    """The engine with every raw output kept (what the model wrote before any filter)."""

    def __init__(self, inner: LocalBackend) -> None:
        self.inner = inner
        self.name, self.model, self.max_parallel = inner.name, inner.model, inner.max_parallel
        self.raw: list[str] = []

    async def stream(
        self, messages: Sequence[LLMMessage], params: GenParams
    ) -> AsyncIterator[str | Done]:
        self.raw.append("")
        async for item in self.inner.stream(messages, params):
            if isinstance(item, str):
                self.raw[-1] += item
            yield item

    async def check_reachable(self) -> str:
        return await self.inner.check_reachable()

    async def check_model(self) -> str:
        return await self.inner.check_model()

    async def aclose(self) -> None:
        return None


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Path]:
    settings = build_settings(_env_file=None, data_dir=tmp_path, database_url="", backup_dir=None)
    await init_db(settings)
    try:
        yield tmp_path
    finally:
        await close_db()


def _persona_ok(text: str) -> bool:
    return check_reply(text, [persona_check([NAME, "CareerMate"]), language_check()]).ok


@pytest.mark.timeout(1800)
async def test_50_greetings_never_show_a_persona_violation(
    local_backend: LocalBackend, db: Path
) -> None:
    local_backend.llama.reset()
    # 1. As shipped: the capability result decides (the tiny model failed small talk).
    shipped = Capabilities.for_model(local_backend.name, local_backend.model, db)
    recorder = Recorder(local_backend)
    client = LLMClient(recorder, first_token_timeout=600, total_timeout=900)  # type: ignore[arg-type]
    service = ChatService(client, capabilities=shipped, max_tokens=48)
    for number, greeting in enumerate(GREETINGS):
        reply = await service.reply(1000 + number, NAME, greeting, "dm")
        assert reply.text and _persona_ok(reply.text), (greeting, reply.text)
    if not shipped.allows("small_talk"):
        assert recorder.raw == []  # deterministic lines: the model was never asked

    # 2. The model on every greeting: whatever it writes, no failing sentence is shown.
    service = ChatService(client, capabilities=Capabilities.everything(), max_tokens=48)
    caught = 0
    for number, greeting in enumerate(GREETINGS):
        before = len(recorder.raw)
        reply = await service.reply(2000 + number, NAME, greeting, "dm")
        assert reply.text and _persona_ok(reply.text), (greeting, reply.text)
        raw = recorder.raw[before] if len(recorder.raw) > before else ""
        bad = [s for s in sentences(raw) if not _persona_ok(s)]
        caught += bool(bad)
        for sentence in bad:
            assert sentence not in reply.text, (greeting, sentence)
    print(f"\n{caught} of {len(GREETINGS)} raw model replies had a persona violation; none shown")


ROLES = ["Data Scientist", "Software Developer", "Data Analyst"]


def _covering_answer(points: Sequence[str]) -> str:
    said = " ".join(f"{p[0].upper()}{p[1:]}." for p in points)
    return said + " For example, I chose this because the trade-off mattered for the team."


@pytest.mark.timeout(1500)
async def test_a_fully_covered_answer_never_gets_a_point_called_missing(
    local_backend: LocalBackend, db: Path
) -> None:
    local_backend.llama.reset()
    recorder = Recorder(local_backend)
    client = LLMClient(recorder, first_token_timeout=600, total_timeout=900)  # type: ignore[arg-type]
    bank = shipped_bank()
    shipped = Capabilities.for_model(local_backend.name, local_backend.model, db)
    for run, allowed in enumerate((shipped, Capabilities.everything())):
        service = InterviewService(
            llm=client, bank=bank, scoring=shipped_knowledge(), capabilities=allowed
        )
        for number, role in enumerate(ROLES):
            user = 3000 + 10 * run + number
            view = await service.start(user, role, kind="technical", questions=3)
            asked = view.questions[0]
            assert asked.id is not None and asked.id in bank.by_id, asked
            points = bank.by_id[asked.id].key_points
            assert points, asked
            calls = len(recorder.raw)
            view = await service.answer(view.id, user, _covering_answer(points))
            scored = view.last_answer
            assert scored is not None and scored.details is not None
            comment = await service.feedback(view.id, user, scored.index)
            question = QuestionSnapshot.of(bank.by_id[asked.id])
            facts = coach_facts(question, scored.details)
            for sentence in sentences(comment):
                verdict = check_contradiction(sentence, facts)
                assert verdict.ok, (comment, verdict)
                assert check_persona(sentence).ok, comment
            if not scored.details.missed:
                assert "missing" not in comment.replace("Nothing important was missing", "")
            stored = (await service.get(view.id, user)).answers[0].feedback
            assert stored == comment
            if not allowed.allows("interview_comment"):
                assert len(recorder.raw) == calls  # the rubric's comment: no model call
                assert comment.startswith(("Strong answer", "Good answer", "A fair start"))
            print(f"\n{role} ({scored.score}/100): {comment}")
            await service.end(view.id, user)

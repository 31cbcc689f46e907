"""Interview feedback on the real embedded model: the pipeline (prompt -> stream -> hygiene ->
grounding -> stored) produces text for one scored answer, and the score never changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careermate_bot.config import build_settings
from careermate_bot.llm import LLMClient
from careermate_bot.llm.backends.local import LocalBackend
from careermate_bot.services.interview import InterviewService, shipped_knowledge
from careermate_bot.services.interview.feedback import contradicts
from careermate_bot.storage.database import close_db, init_db
from tests.interview_support import STRONG_STAR, tiny_bank


@pytest.mark.timeout(1500)  # a pipeline check; shared CPUs can make a tiny model slow
async def test_real_model_feedback_for_one_answer(
    local_backend: LocalBackend, tmp_path: Path
) -> None:
    local_backend.llama.reset()
    # Generous limits: this checks the pipeline, not speed (CPUs are shared in CI).
    client = LLMClient(local_backend, first_token_timeout=600, total_timeout=900, num_ctx=4096)
    settings = build_settings(_env_file=None, data_dir=tmp_path, database_url="", backup_dir=None)
    await init_db(settings)
    try:
        service = InterviewService(llm=client, bank=tiny_bank(), scoring=shipped_knowledge())
        view = await service.start(7, None, kind="behavioral", questions=3)
        view = await service.answer(view.id, 7, STRONG_STAR)
        answer = view.last_answer
        assert answer is not None and answer.details is not None
        deltas = [d async for d in service.stream_feedback(view.id, 7, answer.index, max_tokens=80)]
        raw = "".join(deltas)
        assert raw.strip(), "the model produced no text"
        grounded = await service.save_feedback(view.id, 7, answer.index, raw)
        print(f"\nscore {answer.score}; model said: {raw!r}\nshown: {grounded!r}")
        after = await service.get(view.id, 7)
        assert after.answers[0].score == answer.score  # words never change the number
        assert after.answers[0].feedback == grounded
        if grounded:  # a tiny model may say nothing usable; then the UI shows a note
            for sentence in re.split(r"(?<=[.!?])\s+", grounded):
                assert not contradicts(sentence, answer.details), sentence
            assert len(grounded) <= 900
    finally:
        await close_db()

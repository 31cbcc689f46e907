"""`careermate chat --once` end to end: the real local model and a temporary SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest

from careermate_bot.cli.chat import run_terminal_chat
from careermate_bot.config import build_settings
from careermate_bot.llm.backends.local import LocalBackend
from careermate_bot.services.conversation.chat import CLI_USER_ID
from careermate_bot.storage.database import close_db, init_db
from models import ChatMessage, MessageRole, MessageSource, UserProfile

pytestmark = pytest.mark.llm


async def test_once_answers_and_stores_both_messages(
    local_backend: LocalBackend,  # loaded once for the session; the chat reuses it
    gguf_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = build_settings(
        _env_file=None,
        data_dir=tmp_path,
        log_dir=tmp_path / "logs",
        llm_provider="local",
        local_model_path=gguf_path,
        llm_max_tokens=32,
    )
    code = await run_terminal_chat(settings, once="hello")
    captured = capsys.readouterr()
    assert code == 0, captured.err
    reply = captured.out.strip()
    assert reply

    await init_db(settings)
    try:
        profile = await UserProfile.get(discord_id=CLI_USER_ID)
        rows = await ChatMessage.filter(user_id=profile.id).order_by("id")
        assert [(MessageRole(r.role), MessageSource(r.source)) for r in rows] == [
            (MessageRole.USER, MessageSource.CLI),
            (MessageRole.ASSISTANT, MessageSource.CLI),
        ]
        assert rows[0].content == "hello"
        assert rows[1].content == reply
    finally:
        await close_db()

import logging
from pathlib import Path

import pytest

from careermate_bot.config import build_settings
from careermate_bot.logging_setup import REDACTED, setup_logging

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB"
API_KEY = "sk-local-very-secret-key-42"


@pytest.fixture
def log_dir(tmp_path: Path):
    settings = build_settings(
        _env_file=None,
        log_dir=tmp_path / "logs",
        discord_bot_token=TOKEN,
        openai_api_key=API_KEY,
        log_level="DEBUG",
    )
    setup_logging(settings, console=False)
    yield tmp_path / "logs"
    for handler in list(logging.getLogger().handlers):
        logging.getLogger().removeHandler(handler)
        handler.close()


def _all_logs(log_dir: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return "\n".join(p.read_text() for p in log_dir.glob("*.log"))


def test_secrets_never_reach_any_log_file(log_dir: Path) -> None:
    logging.getLogger("careermate.test").info("token is %s", TOKEN)
    logging.getLogger("discord.gateway").warning("Authorization: Bot %s", TOKEN)
    logging.getLogger("careermate.llm").debug(f"calling with key {API_KEY}")
    try:
        raise RuntimeError(f"login failed for {TOKEN}")
    except RuntimeError:
        logging.getLogger("careermate.errors").exception("boom with %s", API_KEY)
    # A token we were never told about is still caught by its shape.
    other = "OTk5OTk5OTk5OTk5OTk5OTk5OQ.XyZ123.zyxwvutsrqponmlkjihgfedcba9876543210Q"
    logging.getLogger("careermate.test").error("pasted %s", other)
    text = _all_logs(log_dir)
    assert TOKEN not in text and API_KEY not in text and other not in text
    assert text.count(REDACTED) >= 6
    assert "login failed for" in text  # the traceback itself is kept


def test_logs_are_split_by_source_and_level(log_dir: Path) -> None:
    logging.getLogger("careermate.x").info("app line")
    logging.getLogger("discord.client").info("library line")
    logging.getLogger("careermate.x").error("bad line")
    _all_logs(log_dir)
    app = (log_dir / "careermate.log").read_text()
    library = (log_dir / "discord.log").read_text()
    errors = (log_dir / "errors.log").read_text()
    assert "app line" in app and "library line" not in app
    assert "library line" in library and "app line" not in library
    assert "bad line" in errors and "app line" not in errors

"""Logging: rotating files for the app, discord.py and errors, plus the console.

Every handler carries a `SecretRedactor`, so a secret can never reach any log line, whichever
logger emitted it and whether it sits in the message, its arguments or a traceback.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from careermate_bot.config import Settings

LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
MAX_BYTES = 5 * 1024 * 1024
BACKUP_COUNT = 5
REDACTED = "[REDACTED]"

# Discord bot tokens: base64 user id, timestamp and HMAC, dot separated.
DISCORD_TOKEN_PATTERN = re.compile(
    r"[MNO][A-Za-z\d_-]{23,28}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,40}"
)
# "Authorization: Bot xxx" / "Bearer xxx" headers that a library might log.
AUTH_HEADER_PATTERN = re.compile(r"(?i)\b(bot|bearer)\s+[A-Za-z\d._~+/=-]{20,}")


class SecretRedactor(logging.Filter):
    """Replaces known secrets and token-shaped strings in a record before it is written."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets or [] if len(s) >= 4}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        text = DISCORD_TOKEN_PATTERN.sub(REDACTED, text)
        return AUTH_HEADER_PATTERN.sub(lambda m: f"{m.group(1)} {REDACTED}", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def _file_handler(path: Path, level: int, redactor: SecretRedactor) -> RotatingFileHandler:
    handler = RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(redactor)
    return handler


class _ForConsole(logging.Filter):
    """Drops records logged with `extra={"console": False}`: the console already got a
    one-line explanation; the files keep the details."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "console", True)


class _NotDiscord(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.name.startswith("discord")


class _OnlyDiscord(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.name.startswith("discord")


def setup_logging(settings: Settings, *, console: bool = True) -> SecretRedactor:
    """Configure the root logger. Safe to call more than once (handlers are replaced)."""
    level = logging.getLevelName(settings.log_level)
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    redactor = SecretRedactor(settings.secrets())

    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.setLevel(min(level, logging.INFO) if isinstance(level, int) else logging.INFO)

    app = _file_handler(settings.log_dir / "careermate.log", level, redactor)
    app.addFilter(_NotDiscord())
    discord_log = _file_handler(settings.log_dir / "discord.log", logging.INFO, redactor)
    discord_log.addFilter(_OnlyDiscord())
    errors = _file_handler(settings.log_dir / "errors.log", logging.ERROR, redactor)
    handlers: list[logging.Handler] = [app, discord_log, errors]
    if console:
        stream = logging.StreamHandler()
        stream.setLevel(level)
        stream.setFormatter(logging.Formatter(LOG_FORMAT))
        stream.addFilter(redactor)
        stream.addFilter(_NotDiscord())
        stream.addFilter(_ForConsole())
        handlers.append(stream)
    for handler in handlers:
        root.addHandler(handler)
    logging.getLogger("discord.http").setLevel(logging.WARNING)
    return redactor

"""Logging: rotating files for the app, discord.py and errors, plus the console.

Every handler carries a `SecretRedactor`, so a secret can never reach any log line, whichever
logger emitted it and whether it sits in the message, its arguments or a traceback. The console
is covered too, not only log handlers: `redact_console` wraps stdout/stderr so anything printed
(a doctor line quoting a server's error body, a traceback) passes the same redactor.

A log folder that cannot be used (a file, read-only, a full disk) does not stop a command: one
line on stderr says so and logging falls back to the console.
"""

from __future__ import annotations

import io
import logging
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

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

    def could_continue(self, tail: str) -> bool:
        """True when `tail` (an unfinished line) ends with the start of a known secret, so a
        stream should wait for more text before writing it."""
        return any(
            tail.endswith(secret[:n]) for secret in self._secrets for n in range(1, len(secret))
        )

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


class _QuietFileHandler(RotatingFileHandler):
    """A log file that stops being writable later (disk full, folder removed) gets ONE line on
    stderr, not logging's traceback for every record."""

    _warned = False

    def handleError(self, record: logging.LogRecord) -> None:
        if not self._warned:
            self._warned = True
            error = sys.exc_info()[1]
            print(
                f"Cannot write the log file {self.baseFilename} ({error}); later lines for it "
                "are dropped. Free disk space or fix the folder's permissions.",
                file=sys.stderr,
            )


def _file_handler(path: Path, level: int, redactor: SecretRedactor) -> RotatingFileHandler:
    handler = _QuietFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(redactor)
    return handler


class RedactingStream(io.TextIOBase):
    """A text stream that redacts secrets from everything written through it, line by line
    (a secret split across two writes on one line is still caught)."""

    def __init__(self, stream: TextIO, redactor: SecretRedactor) -> None:
        super().__init__()
        self._stream = stream
        self._redactor = redactor
        self._pending = ""

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            done, self._pending = self._pending.rsplit("\n", 1)
            self._stream.write(self._redactor.redact(done + "\n"))
        if len(self._pending) > 4096 or (
            self._pending and not self._redactor.could_continue(self._pending)
        ):
            self._flush_pending()
        return len(text)

    def _flush_pending(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, ""
            self._stream.write(self._redactor.redact(pending))

    def flush(self) -> None:
        self._flush_pending()
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._stream, "errors", None)


def redact_console(secrets: list[str]) -> SecretRedactor:
    """Route sys.stdout and sys.stderr through a `SecretRedactor` (idempotent: a second call
    re-wraps the original streams with the new secrets)."""
    redactor = SecretRedactor(secrets)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            continue
        if isinstance(stream, RedactingStream):
            stream.flush()
            stream = stream.wrapped
        setattr(sys, name, RedactingStream(stream, redactor))
    return redactor


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


def _file_handlers(
    settings: Settings, level: int, redactor: SecretRedactor
) -> list[logging.Handler]:
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    made: list[logging.Handler] = []
    try:
        app = _file_handler(settings.log_dir / "careermate.log", level, redactor)
        app.addFilter(_NotDiscord())
        made.append(app)
        discord_log = _file_handler(settings.log_dir / "discord.log", logging.INFO, redactor)
        discord_log.addFilter(_OnlyDiscord())
        made.append(discord_log)
        made.append(_file_handler(settings.log_dir / "errors.log", logging.ERROR, redactor))
    except BaseException:
        for handler in made:
            handler.close()
        raise
    return made


def setup_logging(settings: Settings, *, console: bool = True) -> SecretRedactor:
    """Configure the root logger. Safe to call more than once (handlers are replaced).

    When the log folder cannot be used, one line on stderr says why and what to do, and log
    records go to the console instead (warnings and errors only when `console` is False)."""
    level = logging.getLevelName(settings.log_level)
    redactor = SecretRedactor(settings.secrets())

    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.setLevel(min(level, logging.INFO) if isinstance(level, int) else logging.INFO)

    handlers: list[logging.Handler] = []
    try:
        handlers = _file_handlers(settings, level, redactor)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(
            f"Cannot write log files in {settings.log_dir} ({reason}); logging to the console "
            f"instead. Make it a writable folder (mkdir -p {settings.log_dir}) or set LOG_DIR.",
            file=sys.stderr,
        )
    if console or not handlers:
        stream = logging.StreamHandler()
        stream.setLevel(level if console else max(level, logging.WARNING))
        stream.setFormatter(logging.Formatter(LOG_FORMAT))
        stream.addFilter(redactor)
        stream.addFilter(_NotDiscord())
        stream.addFilter(_ForConsole())
        handlers.append(stream)
    for handler in handlers:
        root.addHandler(handler)
    logging.getLogger("discord.http").setLevel(logging.WARNING)
    # Tortoise logs every start-up and shutdown at INFO: noise next to our own lines.
    logging.getLogger("tortoise").setLevel(logging.WARNING)
    return redactor

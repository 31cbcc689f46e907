"""`careermate resume PATH [--role ROLE]`: the Discord review, printed as text (no token needed).

Nothing is stored and nothing is logged about the résumé's content. The file is read like an
upload: at most MAX_BYTES + 1 bytes of a regular file (a device such as /dev/zero, a pipe or a
folder is refused before reading), parsed in a worker process with the same CPU, memory and
time limits as the bot's (services.resume.sandbox).
"""

from __future__ import annotations

import asyncio
import os
import stat
import sys
from pathlib import Path

from careermate_bot.config import Settings

EXIT_BAD_INPUT = 1


class NotARegularFile(OSError):
    """A path that is not a plain file: a folder, a device, a pipe or a socket."""


def read_limited(path: Path, limit: int) -> bytes:
    """At most `limit + 1` bytes of the regular file at `path` (one more than allowed, so a
    caller can tell "too large"). Raises `NotARegularFile` for anything else, before reading;
    a pipe is opened without waiting for a writer."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise NotARegularFile(f"{path} is not a regular file")
        return file.read(limit + 1)


def run_resume(settings: Settings, path: Path, role: str | None) -> int:
    from careermate_bot.knowledge import get_knowledge_base
    from careermate_bot.services.resume import MAX_BYTES, ResumeError
    from careermate_bot.services.resume.errors import FileTooLarge
    from careermate_bot.services.resume.report import render_text
    from careermate_bot.services.resume.runner import read_and_review_file
    from careermate_bot.services.resume.sandbox import parse_pool

    try:
        data = read_limited(path, MAX_BYTES)
        if len(data) > MAX_BYTES:
            raise FileTooLarge(max(len(data), path.stat().st_size))
    except ResumeError as error:
        print(error.user_message, file=sys.stderr)
        return EXIT_BAD_INPUT
    except NotARegularFile:
        print(
            f"{path} is not a file (a folder, a device or a pipe). Give the path of your "
            "résumé file (.pdf, .docx, .odt, .txt or .md).",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"Can't read {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    kb = get_knowledge_base(settings.data_dir)
    try:
        _, result = asyncio.run(read_and_review_file(kb, data, path.name, role))
    except ResumeError as error:
        print(error.user_message, file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        parse_pool().close()
    print(render_text(result))
    return 0

"""`careermate resume PATH [--role ROLE]`: the Discord review, printed as text (no token needed).

Nothing is stored and nothing is logged about the résumé's content.
"""

from __future__ import annotations

import sys
from pathlib import Path

from careermate_bot.config import Settings

EXIT_BAD_INPUT = 1


def run_resume(settings: Settings, path: Path, role: str | None) -> int:
    from careermate_bot.knowledge import get_knowledge_base
    from careermate_bot.services.resume import MAX_BYTES, ResumeError, read_document
    from careermate_bot.services.resume.errors import FileTooLarge
    from careermate_bot.services.resume.report import render_text
    from careermate_bot.services.resume.review import review_document

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FileTooLarge(size)
        data = path.read_bytes()
    except ResumeError as error:
        print(error.user_message, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"Can't read {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        document = read_document(data, path.name)
        kb = get_knowledge_base(settings.data_dir)
        result = review_document(kb, document, role)
    except ResumeError as error:
        print(error.user_message, file=sys.stderr)
        return EXIT_BAD_INPUT
    print(render_text(result))
    return 0

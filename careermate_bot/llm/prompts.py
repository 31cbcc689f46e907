"""Prompt templates as files in the top-level ``prompts/`` directory, loaded by name.

A prompt is ``prompts/<name>.md`` (or ``.txt``) using `string.Template` placeholders:
``$name`` or ``${name}``; write ``$$`` for a literal dollar sign. JSON braces need no escaping.
Keep system prompts free of per-user data so they form a stable prefix the engine can cache;
put per-user data after them (see `careermate_bot.services.conversation.chat`).
"""

from __future__ import annotations

from pathlib import Path
from string import Template

import prompts

# A package (not just a folder) so a wheel install ships the templates as package data.
PROMPTS_DIR = Path(prompts.__file__).resolve().parent
SUFFIXES = (".md", ".txt")


class PromptError(LookupError):
    """A prompt file is missing or a placeholder has no value (a programming error)."""


def prompt_path(name: str, directory: Path | None = None) -> Path:
    base = directory or PROMPTS_DIR
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise PromptError(f"invalid prompt name {name!r}")
    for suffix in SUFFIXES:
        path = base / f"{name}{suffix}"
        if path.is_file():
            return path
    raise PromptError(f"no prompt named {name!r} in {base} (looked for {name}.md and {name}.txt)")


def load_prompt(name: str, /, *, directory: Path | None = None, **variables: object) -> str:
    """Read ``prompts/<name>.md|txt`` and fill its ``$placeholders`` from `variables`.

    Raises PromptError when the file is missing or a placeholder is not given. Trailing
    whitespace is stripped so concatenated prompts stay byte-identical turn to turn.
    """
    text = prompt_path(name, directory).read_text(encoding="utf-8")
    try:
        filled = Template(text).substitute({k: str(v) for k, v in variables.items()})
    except KeyError as error:
        raise PromptError(f"prompt {name!r} needs a value for ${error.args[0]}") from None
    except ValueError as error:
        raise PromptError(f"prompt {name!r} has a bad placeholder: {error}") from None
    return filled.rstrip()

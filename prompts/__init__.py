"""Every prompt CareerMate sends, as template files beside this module, loaded by name.

A prompt is ``<name>.md`` (or ``.txt``) with `string.Template` placeholders: ``$name`` or
``${name}``; ``$$`` is a literal dollar sign, JSON braces need no escaping. `CATALOGUE` names
each prompt the product uses and the placeholders it takes; `validate_prompts()` (run when the
services start) checks the files against it, so a missing file or a misspelt placeholder stops
start-up with one clear line instead of failing a user's request later.

Keep system prompts free of per-user data so they form a stable prefix the engine can cache;
per-user data goes after them (see `careermate_bot.services.conversation.chat`).
"""

from __future__ import annotations

from pathlib import Path
from string import Template
from types import MappingProxyType

PROMPTS_DIR = Path(__file__).resolve().parent
SUFFIXES = (".md", ".txt")

# name -> the placeholders its file uses (and every caller must give).
CATALOGUE: MappingProxyType[str, frozenset[str]] = MappingProxyType(
    {
        "chat_system": frozenset(),  # CareerMate's persona for small talk
        "profile_summary": frozenset({"facts"}),  # what we know about the person, after it
        "career_summary": frozenset(),  # the short summary above /career paths
        "resume_rewrite": frozenset(),  # rewriting one weak résumé bullet
        "interview_feedback": frozenset(),  # the coach's comment on one scored answer
        "report_advice": frozenset(),  # the advice at the end of a mock interview
        "intent_classify": frozenset(),  # the model's fallback for an unclear message
        "json_instructions": frozenset({"schema"}),  # structured output: the schema to follow
        "json_repair": frozenset({"error"}),  # structured output: fix this error
        "json_truncated": frozenset(),  # structured output: the answer was cut off
    }
)


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


def placeholders(text: str) -> frozenset[str]:
    """The placeholder names a template uses."""
    found: set[str] = set()
    for match in Template.pattern.finditer(text):
        name = match.group("named") or match.group("braced")
        if name:
            found.add(name)
        elif match.group("invalid") is not None:
            raise PromptError(
                f"a bad placeholder near {text[match.start() : match.start() + 20]!r}"
            )
    return frozenset(found)


def load_prompt(name: str, /, *, directory: Path | None = None, **variables: object) -> str:
    """Read ``<name>.md|txt`` and fill its ``$placeholders`` from `variables`.

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


def validate_prompts(directory: Path | None = None) -> None:
    """Check every catalogued prompt (its file exists and uses exactly its placeholders) and
    that no prompt file is left out of the catalogue."""
    problems: list[str] = []
    for name, expected in CATALOGUE.items():
        try:
            used = placeholders(prompt_path(name, directory).read_text(encoding="utf-8"))
        except (PromptError, OSError, UnicodeDecodeError) as error:
            problems.append(f"{name}: {error}")
            continue
        if used != expected:
            problems.append(
                f"{name}: uses {sorted(used) or 'no placeholders'}, expected {sorted(expected)}"
            )
    base = directory or PROMPTS_DIR
    for path in sorted(base.iterdir()):
        if path.suffix in SUFFIXES and path.stem not in CATALOGUE:
            problems.append(f"{path.name}: not in the catalogue (add it, or delete the file)")
    if problems:
        raise PromptError("prompt files don't match the catalogue: " + "; ".join(problems))

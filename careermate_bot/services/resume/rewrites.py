"""LLM rewrites of the weakest bullets: only the résumé's facts, placeholders for missing numbers.

One short generation per bullet (at most 3), yielded as each finishes so a front end can show
them while the review is already on screen. Every rewrite passes reply hygiene (`clean_reply`)
and a figure check: a number that is not in the résumé drops the rewrite (`[X%]`-style
placeholders are fine). Errors are the LLM layer's typed `LLMError`s; callers show a one-line
note (`services.career_summary.reason_for`) and the review stands without rewrites.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Hashable, Sequence
from dataclasses import dataclass

from careermate_bot.llm import LLMClient, LLMMessage, load_prompt, message
from careermate_bot.llm.hygiene import clean_reply
from careermate_bot.services.resume import language

REWRITE_MAX_TOKENS = 80
REWRITE_TEMPERATURE = 0.3
MAX_WORDS = 40
MIN_WORDS = 4
PROMPT = "resume_rewrite"

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PLACEHOLDER = re.compile(r"\[[^\[\]]{1,14}\]")
_LABEL = re.compile(
    r"^\s*(?:[-•*>]\s*)?(?:\*\*)?(?:rewritten|rewrite|improved|new|stronger|revised)?"
    r"\s*(?:bullet|version)?\s*(?:\*\*)?\s*:\s*",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Rewrite:
    original: str
    text: str  # "" when the model's answer did not pass the checks


def rewrite_messages(bullet: str, target_role: str | None = None) -> list[LLMMessage]:
    role = f"The person is applying for: {target_role}\n" if target_role else ""
    return [
        message("system", load_prompt(PROMPT)),
        message("user", f"{role}Original bullet:\n{bullet}\n\nRewritten bullet:"),
    ]


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def check_rewrite(reply: str, original: str, resume_text: str, system_prompt: str = "") -> str:
    """The usable rewrite, or "" (invented figures, echoes, wrong length, no change)."""
    lines = [line.strip() for line in reply.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    text = _LABEL.sub("", lines[0]).strip().strip("\"'“”*` ").lstrip("-•* ").strip()
    text = clean_reply(text, system_prompt=system_prompt)
    text = " ".join(text.split())
    if not text:
        return ""
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        return ""
    if not _numbers(_PLACEHOLDER.sub(" ", text)) <= _numbers(resume_text):
        return ""  # a figure the résumé does not have
    if _key(text) == _key(original) or language.first_person(text):
        return ""
    return text


async def stream_rewrites(
    llm: LLMClient,
    bullets: Sequence[str],
    resume_text: str,
    *,
    user_id: Hashable,
    target_role: str | None = None,
) -> AsyncIterator[Rewrite]:
    """A `Rewrite` per bullet, in order, as each generation finishes. Raises `LLMError`."""
    budget = min(REWRITE_MAX_TOKENS, getattr(llm, "max_tokens", REWRITE_MAX_TOKENS))
    for bullet in bullets:
        messages = rewrite_messages(bullet, target_role)
        reply = await llm.chat(
            messages,
            user_id=user_id,
            max_tokens=budget,
            temperature=REWRITE_TEMPERATURE,
            stop=["\n\n"],
        )
        yield Rewrite(
            original=bullet,
            text=check_rewrite(reply, bullet, resume_text, messages[0]["content"]),
        )

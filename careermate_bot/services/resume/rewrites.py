"""LLM rewrites of the weakest bullets: only the résumé's facts, placeholders for missing numbers.

One short generation per bullet (at most 3), yielded as each finishes so a front end can show
them while the review is already on screen. Every rewrite passes reply hygiene (`clean_reply`),
a figure check (a number that is not in the résumé drops the rewrite; `[X%]`-style placeholders
are fine) and a claims check (`claims.rewrite_problem`: no skill, tool, employer or title the
résumé lacks, no raised seniority). A dropped rewrite keeps the reason (a code, logged without
content); the front end shows the model-free suggestion for that bullet instead
(`ResumeReview.suggestions`). Generation is greedy (temperature 0), so the same bullet gets the
same rewrite run to run. Errors are the LLM layer's typed `LLMError`s; callers show a one-line
note (`services.career_summary.reason_for`) and the review stands without rewrites.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Hashable, Sequence
from dataclasses import dataclass

from careermate_bot.llm import LLMClient, LLMMessage, load_prompt, message
from careermate_bot.llm.hygiene import clean_reply
from careermate_bot.services.resume import claims, language
from careermate_bot.services.resume.claims import SkillExtractor

log = logging.getLogger(__name__)

REWRITE_MAX_TOKENS = 80
REWRITE_TEMPERATURE = 0.0
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
    # Why it was dropped: "empty", "length", "figure", "first_person", "unchanged", "skill",
    # "title", "seniority", "name"; "" when kept.
    reason: str = ""


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


def judge_rewrite(
    reply: str,
    original: str,
    resume_text: str,
    system_prompt: str = "",
    extract_skills: SkillExtractor | None = None,
) -> tuple[str, str]:
    """(the usable rewrite or "", the reason code it was dropped or "")."""
    lines = [line.strip() for line in reply.strip().splitlines() if line.strip()]
    if not lines:
        return "", "empty"
    text = _LABEL.sub("", lines[0]).strip().strip("\"'“”*` ").lstrip("-•* ").strip()
    text = clean_reply(text, system_prompt=system_prompt)
    text = " ".join(text.split())
    if not text:
        return "", "empty"
    words = len(text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        return "", "length"
    if not _numbers(_PLACEHOLDER.sub(" ", text)) <= _numbers(resume_text):
        return "", "figure"  # a figure the résumé does not have
    if language.first_person(text):
        return "", "first_person"
    if _key(text) == _key(original):
        return "", "unchanged"
    problem = claims.rewrite_problem(text, original, resume_text, extract_skills)
    if problem is not None:
        return "", problem.code
    return text, ""


def check_rewrite(
    reply: str,
    original: str,
    resume_text: str,
    system_prompt: str = "",
    extract_skills: SkillExtractor | None = None,
) -> str:
    """The usable rewrite, or "" (invented figures or claims, echoes, wrong length, no change)."""
    return judge_rewrite(reply, original, resume_text, system_prompt, extract_skills)[0]


async def stream_rewrites(
    llm: LLMClient,
    bullets: Sequence[str],
    resume_text: str,
    *,
    user_id: Hashable,
    target_role: str | None = None,
    extract_skills: SkillExtractor | None = None,
) -> AsyncIterator[Rewrite]:
    """A `Rewrite` per bullet, in order, as each generation finishes. Raises `LLMError`.
    Pass the knowledge base's `extract_skills` so a rewrite naming a skill or tool the résumé
    lacks is dropped (without it, only capitalised names are caught)."""
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
        text, reason = judge_rewrite(
            reply, bullet, resume_text, messages[0]["content"], extract_skills
        )
        if reason:
            log.info("résumé rewrite dropped: %s", reason)  # the code only, never content
        yield Rewrite(original=bullet, text=text, reason=reason)

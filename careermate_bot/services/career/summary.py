"""The LLM's short personal summary of a /career result: words around numbers it is given.

The knowledge layer computed every number already; they go into the prompt as facts and the
model only phrases them. `ground` then drops any sentence with a number that is not among the
facts (small models do invent figures), so what the user reads never contradicts the embed.
With the knowledge base, every sentence also passes the persona, language and entity checks
(`llm.checks`: only the person's skills and the result's skills and occupations); a summary
that fails one is replaced by `deterministic_summary` (`summary_text.compose_summary`), as is
every summary when the model has not passed the career-summary evaluation.
Errors are the LLM layer's typed `LLMError`s; callers show a note instead of the summary.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Hashable

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.llm import LLMClient, LLMMessage, load_prompt, message
from careermate_bot.llm.capability import Task
from careermate_bot.llm.checks import (
    ReplyCheck,
    check_mentions,
    check_reply,
    entity_check,
    language_check,
    persona_check,
)
from careermate_bot.llm.grounding import ground
from careermate_bot.llm.hygiene import StreamGuard, guarded
from careermate_bot.llm.scheduler import PositionCallback
from careermate_bot.services.career.paths import CareerPaths
from careermate_bot.services.career.summary_text import compose_summary, summary_entities

TASK: Task = "career_summary"
log = logging.getLogger(__name__)

SUMMARY_MAX_TOKENS = 160
SUMMARY_TEMPERATURE = 0.3
SUMMARY_MAX_CHARS = 900
MAX_SKILLS_IN_FACTS = 12
UNAVAILABLE = (
    "ℹ️ The personal summary is unavailable right now ({reason}). Everything else here comes "
    "straight from BLS and O*NET data."
)


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"${value:,.0f}"


def summary_facts(paths: CareerPaths) -> str:
    """The facts the model may use, one path per line, numbers exactly as the embed shows."""
    skills = ", ".join(paths.result.skills[:MAX_SKILLS_IN_FACTS]) or "none given"
    lines = [
        f"Location for pay figures: {paths.location_label}",
        f"The person's skills: {skills}",
    ]
    if paths.experience_years is not None:
        lines.append(f"Years of experience: {paths.experience_years:g}")
    if paths.target_role:
        lines.append(f"Target role: {paths.target_role}")
    lines.append("Career paths, best match first:")
    for number, match in enumerate(paths.matches, 1):
        have = ", ".join(match.matched_skills[:6]) or "none yet"
        learn = ", ".join(g.skill for g in match.missing_skills[:3]) or "nothing major"
        pay = "no published pay figure"
        salary = match.salary
        if salary is not None and salary.annual is not None and salary.annual.median is not None:
            pay = (
                f"median yearly pay {_money(salary.annual.median)} "
                f"(middle half {salary.annual.display('p25')} to {salary.annual.display('p75')})"
            )
        nxt = ", ".join(ref.title for ref in match.next_roles[:2])
        line = (
            f"{number}. {match.occupation.title}: {match.match_percent}% match; skills they "
            f"have: {have}; skills to learn first: {learn}; {pay}"
        )
        if nxt:
            line += f"; next step later: {nxt}"
        lines.append(line + ".")
    return "\n".join(lines)


def summary_messages(paths: CareerPaths, display_name: str | None = None) -> list[LLMMessage]:
    """System prompt (identical for everyone, cache friendly), then this person's facts."""
    who = f"The person's name: {display_name}\n" if display_name else ""
    return [
        message("system", load_prompt("career_summary")),
        message(
            "user",
            f"{who}Facts:\n{summary_facts(paths)}\n\nWrite the summary now.",
        ),
    ]


def deterministic_summary(paths: CareerPaths) -> str:
    """The summary composed from the result, without a model (`summary_text.compose_summary`)."""
    return compose_summary(paths)


def summary_checks(
    paths: CareerPaths, knowledge: KnowledgeBase | None = None, display_name: str | None = None
) -> list[ReplyCheck]:
    """Persona (no signature with the person's name) and English always; with the knowledge
    base, only the result's entities."""
    names = [display_name or "", "CareerMate"]
    checks: list[ReplyCheck] = [persona_check(names), language_check()]
    if knowledge is not None:
        checks.append(entity_check(summary_entities(paths, knowledge)))
    return checks


async def stream_summary(
    llm: LLMClient,
    paths: CareerPaths,
    *,
    user_id: Hashable,
    display_name: str | None = None,
    on_position: PositionCallback | None = None,
    max_tokens: int | None = None,
    knowledge: KnowledgeBase | None = None,
) -> AsyncIterator[str]:
    """Text deltas of the summary. Raises `LLMError` subclasses (down, busy, timeout...).

    At most `SUMMARY_MAX_TOKENS` tokens, fewer when the client's own limit (LLM_MAX_TOKENS)
    is lower. Deltas pass reply hygiene and `summary_checks` a sentence at a time: an echo of
    the prompt, a loop or a failed check stops the generation early (`ground` then judges the
    numbers)."""
    budget = max_tokens or min(SUMMARY_MAX_TOKENS, getattr(llm, "max_tokens", SUMMARY_MAX_TOKENS))
    messages = summary_messages(paths, display_name)
    guard = StreamGuard(
        system_prompt=messages[0]["content"],
        facts=[messages[1]["content"]],
        checks=summary_checks(paths, knowledge, display_name),
        task=TASK,
    )
    stream = llm.stream(
        messages,
        user_id=user_id,
        on_position=on_position,
        max_tokens=budget,
        temperature=SUMMARY_TEMPERATURE,
    )
    async for shown in guarded(stream, guard):
        yield shown


def ground_summary(
    text: str,
    paths: CareerPaths,
    display_name: str | None = None,
    knowledge: KnowledgeBase | None = None,
) -> str:
    """`ground` against exactly what the model was shown for this result; "" when a sentence
    fails `summary_checks` or the summary never names the strongest path (callers then show
    `deterministic_summary`)."""
    shown = "\n".join(m["content"] for m in summary_messages(paths, display_name))
    grounded = ground(text, summary_facts(paths), shown, max_chars=SUMMARY_MAX_CHARS)
    if not grounded:
        return ""
    verdict = check_reply(grounded, summary_checks(paths, knowledge, display_name))
    if verdict.ok and paths.matches:
        top = paths.matches[0].occupation
        verdict = check_mentions(grounded, [top.title, *top.aliases], "misses_the_top_path")
    if not verdict.ok:
        log.info(
            "%s: model summary dropped by the %s check (%s)", TASK, verdict.check, verdict.reason
        )
        return ""
    return grounded


def unavailable_note(reason: str) -> str:
    return UNAVAILABLE.format(reason=reason)

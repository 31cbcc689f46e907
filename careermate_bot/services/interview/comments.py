"""Coach comments without a model, and the rubric facts a model's comment is checked against.

`coach_comment(question, score)` turns the deterministic score into two or three plain
sentences: what the answer covered (the matched points), the one change worth most (the first
missed point and the rubric's tip), in a tone that fits the score band. It never names a
covered point as missing or a missed one as covered, by construction; `coach_facts` gives the
same points to `llm.checks.check_contradiction` for a model's wording.
`report_advice(report)` is the final report's advice in the same voice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from careermate_bot.llm.checks import CoachFacts, CoachPoint
from careermate_bot.services.interview.bank import QuestionSnapshot
from careermate_bot.services.interview.scoring import AnswerScore
from careermate_bot.services.interview.types import InterviewReport

_PARENS = re.compile(r"\s*\(([^()]*)\)\s*$")
FLOOR_FLAGS = ("empty", "non_answer", "gibberish", "off_topic")

# The scorer's labels in plain words, and other words that name them in a comment.
_LABELS: dict[str, tuple[str, str, frozenset[str]]] = {
    # label: (covered phrase, missed phrase, alias words)
    "situation": (
        "the situation",
        "the situation you were in",
        frozenset("scene context background setting situation".split()),
    ),
    "task": ("your task", "what your task was", frozenset("task goal objective aim".split())),
    "action": (
        "the actions you took",
        "the steps you took",
        frozenset("action actions steps step".split()),
    ),
    "result": (
        "the result",
        "how it ended (the result)",
        frozenset("result results outcome outcomes impact ending ended changed effect".split()),
    ),
    "numbers": (
        "numbers",
        "a number",
        frozenset("number numbers metric metrics figure figures quantify quantified".split()),
    ),
    "named": (
        "named specifics",
        "a named tool, person or place",
        frozenset("specific specifics named details concrete".split()),
    ),
    "'i' actions": (
        "what you did yourself",
        "what you did yourself",
        frozenset("yourself ownership personally".split()),
    ),
    "your own": (
        "what you did yourself",
        "what you did yourself (say 'I', not only 'we')",
        frozenset("yourself ownership personally".split()),
    ),
    "skills named": (
        "the skills by name",
        "the skills by name",
        frozenset("skill skills tools".split()),
    ),
    "the question's theme": (
        "the question's theme",
        "a clear link to what was asked",
        frozenset("theme link relevance relevant".split()),
    ),
    "the relevant skills": (
        "the skills by name",
        "the relevant skills by name",
        frozenset("skill skills tools".split()),
    ),
}


def _label(point: str) -> tuple[str, str, frozenset[str]] | None:
    key = point.casefold()
    for label, phrases in _LABELS.items():
        if key.startswith(label):
            return phrases
    return None


def _detail(point: str) -> str:
    """The examples in brackets ("numbers (20%, 3)" -> "20%, 3"), "" when none."""
    found = _PARENS.search(point)
    if found is None or found.group(1) in ("partly",) or "vs" in found.group(1):
        return ""
    return found.group(1)


def _bare(point: str) -> str:
    return _PARENS.sub("", point).strip()


def covered_phrase(point: str) -> str:
    phrases = _label(point)
    if phrases is None:
        return _bare(point)
    detail = _detail(point)
    return f"{phrases[0]} ({detail})" if detail else phrases[0]


def missed_phrase(point: str) -> str:
    partly = point.endswith("(partly)")
    phrases = _label(point)
    text = _bare(point) if phrases is None else phrases[1]
    return f"{text} (only partly there)" if partly else text


def _join(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    separator = "; " if any("," in item for item in items) else ", "
    return separator.join(items[:-1]) + " and " + items[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


_FLOOR_LINES = {
    "empty": "There's no answer to score yet.",
    "non_answer": "Saying there's no answer scores close to zero; a rough attempt does better.",
    "gibberish": "This doesn't read as an answer yet.",
    "off_topic": "This answer doesn't address the question that was asked.",
}
_OFF_TOPIC_TIP = "Reread the question and answer exactly that, with one real example."
_OPENERS = {
    "strong": "Strong answer",
    "good": "Good answer",
    "fair": "A fair start",
    "weak": "There's a start here",
}


def _quoted(points: Sequence[str]) -> str:
    return _join([f"“{p.removesuffix(' (partly)')}”" for p in points])


def _gain(tip: str) -> str:
    if tip.startswith("Cover:"):
        return _sentence(f"Biggest gain: cover “{tip.removeprefix('Cover:').strip().rstrip('.')}”")
    return "Biggest gain: " + _sentence(tip)


def coach_comment(question: QuestionSnapshot, score: AnswerScore) -> str:
    """Two or three sentences from the score: what the answer covered (its matched points),
    what is still missing, and the rubric's biggest gain (its first tip)."""
    tip = score.tips[0] if score.tips else ""
    floor = next((flag for flag in FLOOR_FLAGS if flag in score.flags), None)
    if floor is not None:
        advice = _OFF_TOPIC_TIP if floor == "off_topic" else tip
        return " ".join(p for p in (_FLOOR_LINES[floor], _sentence(advice)) if p)
    opener = _OPENERS[score.band]
    points: tuple[str, ...] = ()
    if question.kind != "behavioral":
        # A stored answer's question has no key points: the score's own point lists have them.
        points = question.key_points or tuple(
            p.removesuffix(" (partly)") for p in (*score.matched, *score.missed) if not _label(p)
        )
    parts: list[str] = []
    if points:
        covered = [p for p in points if p in score.matched]
        if covered:
            count = f"{len(covered)} of {len(points)} key points"
            if len(covered) == len(points):
                count = f"all {len(points)} key points"
            parts.append(
                _sentence(f"{opener}: it covers {count}, including {_quoted(covered[:2])}")
            )
        else:
            parts.append("This answer needs more work: it doesn't cover the key points yet.")
    else:
        covered_phrases = [covered_phrase(p) for p in score.matched]
        if covered_phrases:
            parts.append(_sentence(f"{opener}: you covered {_join(covered_phrases[:4])}"))
        else:
            parts.append("This answer needs more work: it doesn't cover the key points yet.")
    missed = [missed_phrase(p) for p in score.missed]
    if missed:
        if points:
            gaps = [p for p in score.missed if p.removesuffix(" (partly)") in points]
            shown = _quoted(gaps[:2]) if gaps else _join(missed[:2])
            parts.append(_sentence(f"Still missing: {shown}"))
        else:
            parts.append(_sentence(f"Still missing: {_join(missed[:3])}"))
        if tip:
            parts.append(_gain(tip))
    elif tip:
        parts.append(_sentence(f"Nothing important was missing. To polish it: {tip}"))
    else:
        parts.append("Nothing important was missing: keep answering like this.")
    return " ".join(p for p in parts if p)


def coach_facts(question: QuestionSnapshot, score: AnswerScore) -> CoachFacts:
    """The rubric facts a coach comment must agree with (`llm.checks.check_contradiction`)."""

    def point(text: str) -> CoachPoint:
        phrases = _label(text)
        aliases = phrases[2] if phrases is not None else frozenset()
        words = _bare(text) if phrases is None else phrases[0]
        return CoachPoint(words, aliases)

    covered = tuple(point(p) for p in score.matched)
    # A partly covered point may fairly be called either, so it counts on neither side.
    missed = tuple(point(p) for p in score.missed if not p.endswith("(partly)"))
    return CoachFacts(covered=covered, missed=missed, topic=question.text, score=score.score)


def report_advice(report: InterviewReport) -> str:
    """The final report's advice in plain words: overall, the strongest and weakest areas, and
    the two habits that would have won back the most points (the report's `work_on`)."""
    if report.overall is None or not report.asked:
        return "No answers yet: answer a few questions and I'll tell you what to work on."
    parts = [f"Overall {report.overall}/100 over {report.asked} question"
             f"{'s' if report.asked != 1 else ''}."]  # fmt: skip
    if len(report.areas) > 1:
        best = max(report.areas, key=lambda a: a.score)
        worst = min(report.areas, key=lambda a: a.score)
        if best.area != worst.area:
            parts.append(
                f"Strongest area: {best.area} ({best.score}/100); weakest: {worst.area} "
                f"({worst.score}/100)."
            )
    if report.work_on:
        parts.append("Work on: " + " ".join(_sentence(t) for t in report.work_on))
    elif report.strengths:
        parts.append("Keep doing what worked: " + _sentence(report.strengths[0]))
    return " ".join(parts)

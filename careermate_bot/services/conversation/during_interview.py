"""A DM while a mock interview is open: a control, the answer, or something else.

    turn = read_during_interview("skip please", question=None, knowledge=kb)    # move "skip"
    turn = read_during_interview(text, question="Tell me about a conflict...", knowledge=kb)
    turn.move   # "answer": score it; "aside": ask first (`guard_line`); None: not the interview's

Typed controls (hint, skip, next, end, pause) work in every phase. Only while a question waits
is a message read as a possible answer: answer-like text is scored; anything clearly else
(a question to the bot, a request, a preference, chit-chat) gets `guard_line` and the choice
to answer, pause or handle it instead, so an interview never swallows the conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from careermate_bot.common.user_text import visible_text
from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.services.conversation.intents import (
    ConversationContext,
    IntentResult,
    classify,
    interview_command,
)

Move = Literal["hint", "skip", "next", "end", "pause", "answer", "aside"]
# Leaving interview mode keeps the interview (resumable); "end" finishes it with a report.
_MODE_OFF = frozenset(
    {"leave", "exit", "stop typing", "stop typing answers", "leave interview mode",
     "exit interview mode", "leave interview", "chat mode"}
)  # fmt: skip
_SKIP = frozenset({"pass on this one", "skip this one", "next one please"})
# Labels that ask the bot something: "That sounds like a question about ...".
_ASKS = frozenset(
    {
        "career_advice",
        "pay",
        "job_search",
        "resume_review",
        "advice",
        "compare",
        "how_to_become",
        "role_info",
        "privacy",
        "help",
        "interview_practice",
    }
)


@dataclass(frozen=True, slots=True)
class InterviewTurn:
    """What a DM does to the open interview; `about` names an aside's topic ("your résumé")."""

    move: Move
    about: str = ""
    asks: bool = False  # the aside asks the bot something (vs. a statement or chit-chat)


def read_during_interview(
    text: str, question: str | None, knowledge: KnowledgeBase | None = None
) -> InterviewTurn | None:
    """How a DM relates to the open interview. `question`: the question waiting for an answer
    (None between questions, e.g. while a score is shown). None: the message is not the
    interview's business (route it as usual)."""
    if not visible_text(text):  # only invisible characters: an empty answer, scored as such
        return InterviewTurn("answer") if question is not None else None
    said = " ".join(text.casefold().strip(" /!.?").split())
    if said in _MODE_OFF:
        return InterviewTurn("pause")
    if said in _SKIP:
        return InterviewTurn("skip")
    command = interview_command(text)
    if command is not None:
        return InterviewTurn(command)
    if question is None:
        return None
    context = ConversationContext(knowledge=knowledge, interview_question=question)
    result = classify(text, context)
    if result.intent == "interview_answer":
        return InterviewTurn("answer")
    if result.intent == "interview_practice":
        # About the question itself ("what does this question mean?", "give me an example")
        return InterviewTurn("hint")
    return InterviewTurn("aside", about=_about(result), asks=result.intent in _ASKS)


def _about(result: IntentResult) -> str:
    slots = result.slots
    role = slots.role
    match result.intent:
        case "resume_review":
            return "your résumé"
        case "job_search":
            return f"{role} jobs" if role else "finding jobs"
        case "pay":
            return f"pay for {role}s" if role else "pay"
        case "career_advice":
            return "career paths"
        case "compare" if len(slots.compare) == 2:
            return f"{slots.compare[0]} vs {slots.compare[1]}"
        case "how_to_become":
            return f"becoming a {role}" if role else "getting into a new role"
        case "role_info":
            return f"what a {role} does" if role else "a role"
        case "advice" | "compare":
            return "career advice"
        case "profile_update" | "forget":
            return "your profile"
        case "privacy":
            return "your data"
        case "help":
            return "what I can do"
        case _:
            return ""


def guard_line(turn: InterviewTurn) -> str:
    """What to say to an aside during an interview (the buttons offer the three ways on)."""
    if turn.asks and turn.about:
        return (
            f"That sounds like a question about {turn.about} — answer the interview question "
            "first, or type `pause`."
        )
    if turn.about:
        return (
            f"That sounds like something about {turn.about}, not an answer — answer the "
            "interview question first, or type `pause`."
        )
    return (
        "That doesn't read like an answer to the interview question — answer it first, or "
        "type `pause`."
    )

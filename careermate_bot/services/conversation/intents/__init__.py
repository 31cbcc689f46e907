"""Intent classification for free-text messages (DMs, mentions, the terminal chat).

    from careermate_bot.services.conversation.intents import classify
    result = classify("How much do data scientists make in Seattle?")
    result.intent        # "pay"
    result.slots.role    # "Data Scientist"; result.slots.pay_question is True

    classify("I don't want remote, I prefer hybrid in Austin").facts
    # remote=False, arrangement="hybrid", location="Austin"

    looks_like_resume(text)                 # a pasted résumé? (sections, dates, >= 120 words)
    interview_command("skip")               # "skip" (hint/skip/next/end/pause, or None)
    answer_likeness(text, question) >= ANSWER_AT   # reads as the interview answer?

Deterministic and offline (weighted cue patterns, clause structure and knowledge-base slots;
see docs/conversation.md). `refine_with_llm` asks a capable model only when confidence is low.
"""

from careermate_bot.services.conversation.intents.classifier import (
    LOW_CONFIDENCE,
    IntentClassifier,
    classifier_for,
    classify,
    split_clauses,
)
from careermate_bot.services.conversation.intents.interview import (
    ANSWER_AT,
    Command,
    answer_likeness,
    interview_command,
)
from careermate_bot.services.conversation.intents.llm_stage import llm_capable, refine_with_llm
from careermate_bot.services.conversation.intents.resume_text import looks_like_resume
from careermate_bot.services.conversation.intents.types import (
    INTENTS,
    ConversationContext,
    Intent,
    IntentResult,
    IntentSlots,
)

__all__ = [
    "ANSWER_AT",
    "INTENTS",
    "LOW_CONFIDENCE",
    "Command",
    "ConversationContext",
    "Intent",
    "IntentClassifier",
    "IntentResult",
    "IntentSlots",
    "answer_likeness",
    "classifier_for",
    "classify",
    "interview_command",
    "llm_capable",
    "looks_like_resume",
    "refine_with_llm",
    "split_clauses",
]

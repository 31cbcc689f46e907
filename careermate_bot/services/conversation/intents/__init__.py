"""Intent classification for free-text messages (DMs, mentions, the terminal chat).

    from careermate_bot.services.conversation.intents import classify
    result = classify("How much do data scientists make in Seattle?")
    result.intent        # "career_advice"
    result.slots.role    # "Data Scientist"; result.slots.pay_question is True

Deterministic and offline (weighted cue patterns, statement features and knowledge-base slots;
see docs/conversation.md). `refine_with_llm` asks a capable model only when confidence is low.
"""

from careermate_bot.services.conversation.intents.classifier import (
    LOW_CONFIDENCE,
    IntentClassifier,
    classifier_for,
    classify,
    split_clauses,
)
from careermate_bot.services.conversation.intents.llm_stage import llm_capable, refine_with_llm
from careermate_bot.services.conversation.intents.types import (
    INTENTS,
    ConversationContext,
    Intent,
    IntentResult,
    IntentSlots,
)

__all__ = [
    "INTENTS",
    "LOW_CONFIDENCE",
    "ConversationContext",
    "Intent",
    "IntentClassifier",
    "IntentResult",
    "IntentSlots",
    "classifier_for",
    "classify",
    "llm_capable",
    "refine_with_llm",
    "split_clauses",
]

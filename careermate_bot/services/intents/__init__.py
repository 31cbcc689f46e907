"""Kept for outside code: the intent classifier lives in `careermate_bot.services.conversation`.

from careermate_bot.services.intents import classify
"""

from careermate_bot.services.conversation.intents import (
    INTENTS,
    ConversationContext,
    Intent,
    IntentResult,
    IntentSlots,
    classify,
)

__all__ = ["INTENTS", "ConversationContext", "Intent", "IntentResult", "IntentSlots", "classify"]

"""The optional second stage: a capable LLM re-labels a message the rules are unsure about.

Only a model that passed the intent-fallback evaluation is asked (`Capabilities`, measured by
`careermate doctor --eval`; without a capabilities object, only Ollama / OpenAI-compatible
engines: the embedded `local` model is too small to label reliably), only below
`LOW_CONFIDENCE`, with a short timeout; any failure keeps the rules' answer. The model never
invents a profile update: "profile_update" is accepted only when the rules found facts to save.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Hashable

from pydantic import BaseModel, Field

from careermate_bot.llm import LLMClient, load_prompt, message
from careermate_bot.llm.capability import Capabilities
from careermate_bot.services.conversation.intents.classifier import LOW_CONFIDENCE
from careermate_bot.services.conversation.intents.types import Intent, IntentResult

log = logging.getLogger(__name__)

CAPABLE_PROVIDERS = frozenset({"ollama", "openai"})
LLM_TIMEOUT = 20.0
MAX_LLM_TEXT = 600


class LLMIntent(BaseModel):
    intent: Intent
    confidence: float = Field(ge=0.0, le=1.0)


def llm_capable(llm: LLMClient | None, capabilities: Capabilities | None = None) -> bool:
    """With measured `capabilities`: the model passed the intent-fallback task. Without: an
    Ollama or OpenAI-compatible engine (not the embedded model). Never without a model."""
    if llm is None:
        return False
    if capabilities is not None:
        return capabilities.allows("intent_fallback")
    return getattr(llm, "provider", None) in CAPABLE_PROVIDERS


async def refine_with_llm(
    result: IntentResult,
    text: str,
    llm: LLMClient | None,
    *,
    user_id: Hashable | None = None,
    limit_seconds: float = LLM_TIMEOUT,
    capabilities: Capabilities | None = None,
) -> IntentResult:
    """`result`, or the model's label when the rules were unsure and the model is capable."""
    if (
        result.confidence >= LOW_CONFIDENCE
        or result.source != "rules"
        or not llm_capable(llm, capabilities)
    ):
        return result
    assert llm is not None  # llm_capable
    messages = [
        message("system", load_prompt("intent_classify")),
        message("user", text.strip()[:MAX_LLM_TEXT]),
    ]
    try:
        answer = await asyncio.wait_for(
            llm.structured(messages, LLMIntent, user_id=user_id, max_tokens=60), limit_seconds
        )
    except Exception as error:  # the rules' answer stands
        log.info("intent LLM stage skipped: %s", error)
        return result
    if answer.intent == "profile_update" and not result.facts.has_profile_facts:
        return result
    if answer.intent == result.intent:
        return result.model_copy(update={"confidence": max(result.confidence, answer.confidence)})
    return result.model_copy(
        update={"intent": answer.intent, "confidence": answer.confidence, "source": "llm"}
    )

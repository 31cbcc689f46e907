"""The one shared LLM client. Cogs and services use only what this package exports.

    client = await create_llm_client(settings)           # resolves LLM_PROVIDER=auto
    text = await client.chat([{"role": "user", "content": "hi"}], user_id=42)
    async with client.stream(messages, user_id=42, on_position=show) as reply:
        async for delta in reply: ...
    plan = await client.structured(messages, CareerPlan, user_id=42)

See docs/llm.md.
"""

from careermate_bot.llm.client import ChatStream, LLMClient
from careermate_bot.llm.errors import (
    BadOutput,
    Busy,
    EngineError,
    EngineUnreachable,
    LLMCancelled,
    LLMError,
    LLMTimeout,
    ModelMissing,
    NoEngine,
    reason_for,
)
from careermate_bot.llm.factory import create_backend, create_llm_client
from careermate_bot.llm.health import llm_checks
from careermate_bot.llm.prompts import PromptError, load_prompt
from careermate_bot.llm.scheduler import PositionCallback, QueueSnapshot
from careermate_bot.llm.stats import CallStats, LLMStats
from careermate_bot.llm.think import ThinkStripper, strip_think
from careermate_bot.llm.types import Backend, Done, GenParams, LLMMessage, message

__all__ = [
    "Backend",
    "BadOutput",
    "Busy",
    "CallStats",
    "ChatStream",
    "Done",
    "EngineError",
    "EngineUnreachable",
    "GenParams",
    "LLMCancelled",
    "LLMClient",
    "LLMError",
    "LLMMessage",
    "LLMStats",
    "LLMTimeout",
    "ModelMissing",
    "NoEngine",
    "PositionCallback",
    "PromptError",
    "QueueSnapshot",
    "ThinkStripper",
    "create_backend",
    "create_llm_client",
    "llm_checks",
    "load_prompt",
    "message",
    "reason_for",
    "strip_think",
]

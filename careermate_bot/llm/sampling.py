"""Sampling defaults per kind of model, overridable one by one in settings.

A 135M-270M embedded model needs a tight leash: at temperature 0.7 without a repeat penalty it
wanders and loops; at temperature 0.2, top_p 0.9 and repeat penalty 1.1 it stays on topic
(measured for issue 12: SmolLM2-135M-Instruct scored 0.67 vs 0.33 per reply on 12 career
prompts). A server model (Ollama llama3.1:8b, an OpenAI-compatible server) is better at the
usual chat settings. Any `LLM_*` sampling setting that is set wins over both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careermate_bot.config import Settings


@dataclass(frozen=True, slots=True)
class Sampling:
    temperature: float
    top_p: float
    repeat_penalty: float
    presence_penalty: float
    max_tokens: int


# The embedded llama.cpp model (SmolLM2-135M-Instruct by default, or any LOCAL_MODEL_PATH).
SMALL_MODEL = Sampling(
    temperature=0.2, top_p=0.9, repeat_penalty=1.1, presence_penalty=0.0, max_tokens=384
)
# Ollama / OpenAI-compatible servers: bigger models, the engines' usual chat settings.
SERVER_MODEL = Sampling(
    temperature=0.7, top_p=0.9, repeat_penalty=1.1, presence_penalty=0.0, max_tokens=512
)


def defaults_for(provider: str) -> Sampling:
    """The defaults for a backend name (``local`` = the embedded model)."""
    return SMALL_MODEL if provider == "local" else SERVER_MODEL


def sampling_for(provider: str, settings: Settings) -> Sampling:
    """`defaults_for(provider)` with every sampling setting that is set applied on top."""
    base = defaults_for(provider)

    def pick(setting: float | None, default: float) -> float:
        return default if setting is None else setting

    return Sampling(
        temperature=pick(settings.llm_temperature, base.temperature),
        top_p=pick(settings.llm_top_p, base.top_p),
        repeat_penalty=pick(settings.llm_repeat_penalty, base.repeat_penalty),
        presence_penalty=pick(settings.llm_presence_penalty, base.presence_penalty),
        max_tokens=base.max_tokens if settings.llm_max_tokens is None else settings.llm_max_tokens,
    )

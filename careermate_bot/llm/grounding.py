"""Grounding a model's words in the facts it was given: drop every sentence that quotes a
figure the facts do not have, after the shared reply hygiene. Used for the /career summary and
the interview coach's comments; the callers show a note instead of an empty result.
"""

from __future__ import annotations

import re

from careermate_bot.llm.hygiene import clean_reply

MIN_WORDS = 8  # less than this is not a usable text
MAX_CHARS = 900

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORDS = re.compile(r"[^\W_]+")
_MARKUP = re.compile(r"</?[a-zA-Z][^>]{0,40}>|^#+\s*", re.MULTILINE)


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def ground(text: str, facts: str, prompt: str = "", *, max_chars: int = MAX_CHARS) -> str:
    """Keep the sentences of `text` a reader can trust; "" when nothing usable remains.

    Markup goes first; then the shared reply hygiene (`clean_reply`: echoes of the prompt or
    the facts, loops, words in another script than the requested English); then sentences
    with a number that is not in `facts` (1-10 are allowed: counts). Callers show a note
    instead of "".
    """
    allowed = _numbers(facts) | {str(n) for n in range(11)}
    cleaned = clean_reply(_MARKUP.sub(" ", text), system_prompt=prompt, facts=[facts])
    sentences = [
        part for line in cleaned.splitlines() for part in _SENTENCE.split(" ".join(line.split()))
    ]
    kept = [s for s in sentences if _key(s) and _numbers(s) <= allowed]
    grounded = " ".join(kept).strip()
    if len(grounded) > max_chars:
        cut = grounded[:max_chars]
        end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
        grounded = cut[: end + 1] if end > 0 else cut.rstrip() + "…"
    return grounded if len(_key(grounded).split()) >= MIN_WORDS else ""

"""Turning a model's text into a validated pydantic object, with truncation detection."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from careermate_bot.llm.errors import BadOutput
from careermate_bot.llm.think import strip_think

M = TypeVar("M", bound=BaseModel)

_FENCE = re.compile(r"^```(?:json|JSON)?\s*\n?(.*?)\n?```\s*$", re.DOTALL)


def looks_truncated(text: str) -> bool:
    """True when `text` ends inside a string or with unclosed brackets (a cut-off JSON value)."""
    depth = 0
    in_string = False
    escaped = False
    seen_any = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
            seen_any = True
        elif char in "{[":
            depth += 1
            seen_any = True
        elif char in "}]":
            depth -= 1
    return seen_any and (in_string or depth > 0)


def extract_json_text(raw: str) -> str:
    """Strip think blocks and Markdown fences; cut to the outermost JSON object or array."""
    text = strip_think(raw).strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1).strip()
    starts = [i for i in (text.find("{"), text.find("[")) if i != -1]
    if starts and min(starts) > 0:
        text = text[min(starts) :]
    return text


def parse_structured(raw: str, schema: type[M], *, finish_reason: str | None = None) -> M:
    """Validate `raw` against `schema` or raise BadOutput (``truncated=True`` when cut off)."""
    text = extract_json_text(raw)
    if not text:
        raise BadOutput("the model returned no JSON at all", raw=raw)
    try:
        data: Any = json.JSONDecoder().raw_decode(text)[0]
    except json.JSONDecodeError as error:
        truncated = finish_reason == "length" or looks_truncated(text)
        what = "cut off (hit the token limit)" if truncated else "not valid JSON"
        raise BadOutput(f"model output is {what}: {error}", raw=raw, truncated=truncated) from None
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}"
            for e in error.errors()[:5]
        )
        raise BadOutput(f"JSON does not match {schema.__name__}: {problems}", raw=raw) from None


def schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema sent to engines for constrained decoding."""
    return model.model_json_schema()

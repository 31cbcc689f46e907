"""Any OpenAI-compatible chat endpoint (vLLM, llama.cpp's server, LM Studio, ...) over httpx.

Streaming uses server-sent events. Structured output sends ``response_format`` as
``{"type": "json_schema", ...}`` (OpenAI, vLLM, LM Studio, llama.cpp's C++ server); a server that
rejects that form (llama-cpp-python's) gets ``{"type": "json_object", "schema": ...}`` instead,
and the choice is remembered. The API key is sent as a bearer token and never logged: a
server that echoes request headers in an error body has the key (and any bearer token) cut out
before the body becomes part of an error message. A URL that answers with a web page (HTML)
instead of the API gets an error saying so, not an empty reply.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Sequence
from typing import Any, Literal

import httpx
from pydantic import SecretStr

from careermate_bot.llm.backends.hints import container_hint, openai_url_hint
from careermate_bot.llm.errors import (
    Busy,
    EngineError,
    EngineUnreachable,
    LLMError,
    ModelMissing,
    with_status,
)
from careermate_bot.llm.types import Done, GenParams, LLMMessage

log = logging.getLogger(__name__)

SchemaMode = Literal["json_schema", "json_object"]
REDACTED = "[REDACTED]"
_BEARER = re.compile(r"(?i)\b(bearer|bot)\s+[A-Za-z\d._~+/=-]{8,}")
_KEY_FIELD = re.compile(r"(?i)(api[_-]?key|authorization)([\"']?\s*[:=]\s*[\"']?)[^\s\"',}]+")
NOT_AN_API = (
    "OPENAI_BASE_URL doesn't look like an OpenAI-compatible API: it answered with a web page. "
    "Point it at the server's API root, usually ending in /v1."
)


class OpenAICompatBackend:
    name = "openai"
    max_parallel: int | None = None

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: SecretStr | str | None = None,
        connect_timeout: float = 5.0,
        **httpx_options: Any,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        key = api_key.get_secret_value() if isinstance(api_key, SecretStr) else api_key
        self._secret = key or ""
        headers = {"Accept": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self._http = httpx.AsyncClient(
            base_url=self.base_url + "/",
            headers=headers,
            timeout=httpx.Timeout(connect=connect_timeout, read=None, write=30.0, pool=None),
            **httpx_options,
        )
        self.schema_mode: SchemaMode = "json_schema"

    # Generation ----------------------------------------------------------------------------------
    def _body(self, messages: Sequence[LLMMessage], params: GenParams) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [dict(m) for m in messages],
            "stream": True,
            "stream_options": {"include_usage": True},
            "temperature": params.temperature,
            "max_tokens": params.max_tokens,
        }
        if params.stop:
            body["stop"] = list(params.stop)
        if params.seed is not None:
            body["seed"] = params.seed
        if params.top_p is not None:
            body["top_p"] = params.top_p
        if params.presence_penalty:  # 0 is the API default; some servers reject the field
            body["presence_penalty"] = params.presence_penalty
        if params.json_schema is not None:
            body["response_format"] = self._response_format(params.json_schema)
        return body

    def _response_format(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.schema_mode == "json_object":
            return {"type": "json_object", "schema": schema}
        name = str(schema.get("title") or "reply")[:64]
        return {
            "type": "json_schema",
            "json_schema": {"name": name, "schema": schema, "strict": True},
        }

    async def stream(
        self, messages: Sequence[LLMMessage], params: GenParams
    ) -> AsyncIterator[str | Done]:
        body = self._body(messages, params)
        try:
            for _attempt in range(2):
                async with self._http.stream("POST", "chat/completions", json=body) as response:
                    if response.status_code >= 400:
                        text = (await response.aread()).decode("utf-8", "replace")
                        if self._should_fall_back(params, response.status_code, text):
                            log.info(
                                "%s rejects json_schema response_format; using json_object",
                                self.base_url,
                            )
                            self.schema_mode = "json_object"
                            body = self._body(messages, params)
                            continue
                        raise self._http_error(response.status_code, text, "chat/completions")
                    if _is_html(response):
                        raise self._not_an_api("chat/completions")
                    async for item in self._events(response):
                        yield item
                    return
        except LLMError:
            raise
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            raise self._unreachable(
                f"cannot connect to {self.base_url}: {error or type(error).__name__}"
            ) from None
        except httpx.TransportError as error:
            raise EngineError(
                f"connection to {self.base_url} failed mid-answer: {type(error).__name__}: {error}"
            ) from None

    def _should_fall_back(self, params: GenParams, status: int, text: str) -> bool:
        return (
            params.json_schema is not None
            and self.schema_mode == "json_schema"
            # 400/422 is usual; llama-cpp-python's server answers a validation error with 500.
            and status in (400, 422, 500)
            and "response_format" in text
        )

    async def _events(self, response: httpx.Response) -> AsyncIterator[str | Done]:
        finish: str | None = None
        usage: dict[str, Any] | None = None
        events = 0
        first_line = ""
        async for line in response.aiter_lines():
            if not line.startswith("data:"):
                if not events and not first_line and line.strip():
                    first_line = line.strip()
                    if first_line.startswith("<"):  # a web page without an HTML content type
                        raise self._not_an_api("chat/completions")
                continue  # blank separators, comments (":"), "event:" lines
            events += 1
            data = line[5:].strip()
            if data == "[DONE]":
                break
            try:
                chunk = json.loads(data)
            except json.JSONDecodeError:
                raise EngineError(
                    f"{self.base_url} sent a malformed stream event: {self._redact(data[:200])}"
                ) from None
            if not isinstance(chunk, dict):
                raise EngineError(f"{self.base_url} sent a stream event that is not an object")
            if "error" in chunk:
                raise EngineError(
                    f"{self.base_url} reported an error mid-stream: "
                    f"{self._redact(str(chunk['error'])[:500])}"
                )
            if chunk.get("usage"):
                usage = chunk["usage"]
            for choice in chunk.get("choices") or []:
                delta = choice.get("delta") or {}
                content = delta.get("content")
                if content:
                    yield content
                if choice.get("finish_reason"):
                    finish = choice["finish_reason"]
        if not events and first_line and not first_line.startswith(":"):
            # 200 with a body that is not a server-sent-event stream at all.
            raise EngineError(
                f"{self.base_url}/chat/completions answered without an event stream: "
                f"{self._redact(first_line[:200])}",
                user_message=NOT_AN_API.replace(
                    "it answered with a web page", "its answer was not an OpenAI event stream"
                ),
                fix="set OPENAI_BASE_URL to the server's API root (usually ending in /v1)",
            )
        cached = None
        if usage and isinstance(usage.get("prompt_tokens_details"), dict):
            cached = usage["prompt_tokens_details"].get("cached_tokens")
        yield Done(
            finish_reason="length" if finish == "length" else "stop",
            prompt_tokens=usage.get("prompt_tokens") if usage else None,
            completion_tokens=usage.get("completion_tokens") if usage else None,
            cached_tokens=cached,
        )

    # Health --------------------------------------------------------------------------------------
    async def list_models(self) -> list[str]:
        try:
            response = await self._http.get("models")
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            raise self._unreachable(
                f"cannot connect to {self.base_url}: {error or type(error).__name__}"
            ) from None
        except httpx.TransportError as error:
            raise EngineError(
                f"{self.base_url}/models failed: {type(error).__name__}: {error}"
            ) from None
        if response.status_code >= 400:
            raise self._http_error(response.status_code, response.text, "models")
        if _is_html(response):
            raise self._not_an_api("models")
        try:
            return [str(m.get("id")) for m in response.json().get("data", [])]
        except (ValueError, AttributeError):
            hint = openai_url_hint(self.base_url) or "check OPENAI_BASE_URL"
            raise EngineError(
                f"{self.base_url}/models is not an OpenAI model list", fix=hint
            ) from None

    async def check_reachable(self) -> str:
        models = await self.list_models()
        return f"OpenAI-compatible server answers at {self.base_url} ({len(models)} model(s))"

    async def check_model(self) -> str:
        models = await self.list_models()
        if self.model in models:
            return f"model {self.model} is served"
        raise ModelMissing(
            f"{self.base_url} does not list {self.model!r}; it has: {', '.join(models) or 'none'}",
            user_message=f"The model server doesn't have the model `{self.model}`.",
            fix=f"set OPENAI_MODEL to one of: {', '.join(models) or '(none listed)'}",
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    # Errors --------------------------------------------------------------------------------------
    def _unreachable(self, detail: str) -> EngineUnreachable:
        hint = openai_url_hint(self.base_url)
        user = "I can't reach my language model server. Is it running?"
        if hint:
            user += f" Also check OPENAI_BASE_URL: {hint}."
        fix = hint or f"start the OpenAI-compatible server at {self.base_url}"
        maybe = container_hint(self.base_url)
        if maybe and not hint:
            fix += f"; if CareerMate runs in a container: {maybe}"
        return EngineUnreachable(detail, user_message=user, fix=fix)

    def _redact(self, text: str) -> str:
        """Cut the API key, bearer tokens and `api_key=...` values out of server text (some
        servers echo the request, headers included, in an error body)."""
        if self._secret:
            text = text.replace(self._secret, REDACTED)
        text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
        return _KEY_FIELD.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)

    def _not_an_api(self, endpoint: str) -> EngineError:
        return EngineError(
            f"{self.base_url}/{endpoint} answered with an HTML page, not the OpenAI API",
            user_message=NOT_AN_API,
            fix="set OPENAI_BASE_URL to the server's API root (usually ending in /v1), "
            "not a web page",
        )

    def _http_error(self, status: int, text: str, endpoint: str) -> LLMError:
        return with_status(self._classify_http_error(status, self._redact(text), endpoint), status)

    def _classify_http_error(self, status: int, text: str, endpoint: str) -> LLMError:
        detail = f"{self.base_url}/{endpoint} answered HTTP {status}: {text[:500]}"
        lowered = text.lower()
        if status in (401, 403):
            return EngineError(
                detail,
                user_message="The model server refused my credentials.",
                fix="check OPENAI_API_KEY",
            )
        if status == 404 and "model" in lowered:
            return ModelMissing(
                detail,
                user_message=f"The model server doesn't have the model `{self.model}`.",
                fix=f"set OPENAI_MODEL to a model listed at {self.base_url}/models",
            )
        if status == 404:
            hint = openai_url_hint(self.base_url) or "check OPENAI_BASE_URL"
            return EngineError(
                detail, user_message=f"OPENAI_BASE_URL looks wrong: {hint}.", fix=hint
            )
        if status in (429, 503):
            return Busy(detail)
        return EngineError(detail)


def _is_html(response: httpx.Response) -> bool:
    content_type = response.headers.get("content-type", "").lower()
    return "text/html" in content_type or "application/xhtml" in content_type

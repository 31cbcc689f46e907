"""Counting the bot's HTTP calls to Discord and the 429s among them, without touching discord.py:
an `aiohttp.TraceConfig` handed to the client (`http_trace=`) sees every response of the bot's
session, which carries REST calls, interaction responses and CDN downloads alike."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING, Protocol

import aiohttp

if TYPE_CHECKING:
    from multidict import CIMultiDictProxy  # aiohttp's header type


class RestSink(Protocol):
    def record_rest_response(self, status: int, scope: str | None) -> None: ...


def rate_limit_scope(status: int, headers: CIMultiDictProxy[str]) -> str | None:
    """Discord's `X-RateLimit-Scope` (user, shared, global) of a 429, else None."""
    if status != 429:
        return None
    scope = headers.get("X-RateLimit-Scope")
    if scope:
        return scope.lower()
    return "global" if headers.get("X-RateLimit-Global", "").lower() == "true" else "user"


def rest_trace(sink: Callable[[], RestSink | None]) -> aiohttp.TraceConfig:
    """A trace that reports each response's status (and a 429's scope) to `sink()`; `sink` is
    looked up per response, so the bot can build the trace before its services exist."""

    async def on_request_end(
        _session: aiohttp.ClientSession,
        _context: SimpleNamespace,
        params: aiohttp.TraceRequestEndParams,
    ) -> None:
        target = sink()
        if target is None:
            return
        status = params.response.status
        target.record_rest_response(status, rate_limit_scope(status, params.response.headers))

    trace = aiohttp.TraceConfig()
    trace.on_request_end.append(on_request_end)
    return trace

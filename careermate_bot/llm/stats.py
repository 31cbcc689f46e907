"""Token accounting: one `CallStats` per generation, aggregated into an `LLMStats` snapshot."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from careermate_bot.llm.scheduler import QueueSnapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CallStats:
    """What one generation cost. Times are seconds; counts are tokens (None when unknown)."""

    backend: str
    model: str
    ok: bool
    error: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    cached_tokens: int | None
    queue_wait: float
    time_to_first_token: float | None
    duration: float
    finish_reason: str | None

    @property
    def tokens_per_second(self) -> float | None:
        """Decode speed: completion tokens after the first one over the time after it."""
        if not self.completion_tokens or self.time_to_first_token is None:
            return None
        decode_time = self.duration - self.time_to_first_token
        if self.completion_tokens < 2 or decode_time <= 0:
            return None
        return (self.completion_tokens - 1) / decode_time


@dataclass(frozen=True, slots=True)
class LLMStats:
    """A snapshot for /status: totals since start, averages, the queue, the last call."""

    backend: str
    model: str
    requests: int
    succeeded: int
    errors: dict[str, int]
    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int
    avg_time_to_first_token: float | None
    avg_tokens_per_second: float | None
    queue: QueueSnapshot
    last: CallStats | None = None


@dataclass(slots=True)
class StatsCollector:
    backend: str
    model: str
    requests: int = 0
    succeeded: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0
    _ttft_sum: float = 0.0
    _ttft_count: int = 0
    _decode_tokens: int = 0
    _decode_time: float = 0.0
    last: CallStats | None = None
    # Called with every finished call (the operators' metrics, services/status); never raise.
    listeners: list[Callable[[CallStats], None]] = field(default_factory=list)

    def record(self, call: CallStats) -> None:
        self.requests += 1
        self.last = call
        for listener in self.listeners:
            try:
                listener(call)
            except Exception:
                log.exception("an llm call listener failed")
        if call.ok:
            self.succeeded += 1
        elif call.error:
            self.errors[call.error] += 1
        self.prompt_tokens += call.prompt_tokens or 0
        self.completion_tokens += call.completion_tokens or 0
        self.cached_tokens += call.cached_tokens or 0
        if call.time_to_first_token is not None:
            self._ttft_sum += call.time_to_first_token
            self._ttft_count += 1
        if call.tokens_per_second is not None and call.completion_tokens:
            self._decode_tokens += call.completion_tokens - 1
            self._decode_time += call.duration - (call.time_to_first_token or 0.0)
        tps = call.tokens_per_second
        log.debug(
            "llm call %s/%s ok=%s error=%s prompt=%s cached=%s completion=%s queue=%.2fs "
            "ttft=%s total=%.2fs tok/s=%s finish=%s",
            call.backend,
            call.model,
            call.ok,
            call.error,
            call.prompt_tokens,
            call.cached_tokens,
            call.completion_tokens,
            call.queue_wait,
            f"{call.time_to_first_token:.3f}s" if call.time_to_first_token is not None else "-",
            call.duration,
            f"{tps:.1f}" if tps is not None else "-",
            call.finish_reason,
        )

    def snapshot(self, queue: QueueSnapshot) -> LLMStats:
        return LLMStats(
            backend=self.backend,
            model=self.model,
            requests=self.requests,
            succeeded=self.succeeded,
            errors=dict(self.errors),
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            cached_tokens=self.cached_tokens,
            avg_time_to_first_token=self._ttft_sum / self._ttft_count if self._ttft_count else None,
            avg_tokens_per_second=self._decode_tokens / self._decode_time
            if self._decode_time > 0
            else None,
            queue=queue,
            last=self.last,
        )

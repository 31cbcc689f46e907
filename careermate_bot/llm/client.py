"""`LLMClient`: the one way the rest of CareerMate talks to a model.

It owns the fair scheduler, the timeouts and retries, think-tag stripping, structured output
with one repair retry, and token accounting. The engine itself is a `Backend`
(`careermate_bot.llm.backends`), or a `FakeBackend` in tests of other layers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Hashable, Sequence
from contextlib import aclosing
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from careermate_bot.llm.errors import (
    BadOutput,
    EngineError,
    EngineUnreachable,
    LLMCancelled,
    LLMError,
    LLMTimeout,
)
from careermate_bot.llm.jsonout import parse_structured, schema_for
from careermate_bot.llm.prompts import load_prompt
from careermate_bot.llm.sampling import sampling_for
from careermate_bot.llm.scheduler import (
    ClusterLink,
    FairScheduler,
    PositionCallback,
    QueueSnapshot,
    Scheduler,
)
from careermate_bot.llm.stats import CallStats, LLMStats, StatsCollector
from careermate_bot.llm.think import ThinkStripper
from careermate_bot.llm.types import Backend, Done, GenParams, LLMMessage, message

if TYPE_CHECKING:
    from careermate_bot.config import Settings

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

_END = object()


class _Request:
    """Book-keeping for one caller's request: its queue entry, engine task and visible text."""

    __slots__ = ("cancelled", "inbox", "on_position", "producer", "queue_wait", "text", "user_key")

    def __init__(self, user_key: Hashable, on_position: PositionCallback | None) -> None:
        self.user_key = user_key
        self.on_position = on_position
        self.text = ""
        self.queue_wait = 0.0
        self.cancelled = False
        self.inbox: asyncio.Queue[object] | None = None
        self.producer: asyncio.Task[None] | None = None

    def cancel(self) -> None:
        self.cancelled = True
        if self.inbox is not None:
            self.inbox.put_nowait(LLMCancelled("stopped by the user"))


class ChatStream:
    """Text deltas of one reply; an async iterator and an async context manager.

    ``async with client.stream(msgs, user_id=...) as reply: async for delta in reply: ...``
    Leaving the block (or `aclose`) stops the generation and frees the slot at once.
    `cancel()` (a Stop button) makes the iteration raise `LLMCancelled` carrying the partial text.
    """

    def __init__(self, client: LLMClient, request: _Request, agen: AsyncIterator[str]) -> None:
        self._client = client
        self._request = request
        self._agen = agen
        self.finish_reason: str | None = None
        self.call: CallStats | None = None

    @property
    def text(self) -> str:
        """The visible text so far (think blocks removed)."""
        return self._request.text

    @property
    def position(self) -> int | None:
        """0 while generating, n while nth in line, None before queueing or after the end."""
        return self._client._scheduler.position(self._request.user_key)

    def cancel(self) -> None:
        self._request.cancel()

    def __aiter__(self) -> ChatStream:
        return self

    async def __anext__(self) -> str:
        return await self._agen.__anext__()

    async def aclose(self) -> None:
        await self._agen.aclose()  # type: ignore[attr-defined]

    async def __aenter__(self) -> ChatStream:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


class LLMClient:
    """Shared, queued, fault-tolerant access to one engine. Create one per process."""

    def __init__(
        self,
        backend: Backend,
        *,
        max_concurrency: int | None = None,
        queue_size: int = 50,
        max_pending_per_user: int = 2,
        first_token_timeout: float = 120.0,
        total_timeout: float = 600.0,
        queue_timeout: float | None = None,
        temperature: float = 0.7,
        max_tokens: int = 512,
        num_ctx: int = 4096,
        retries: int = 2,
        retry_backoff: float = 0.5,
        structured_temperature: float = 0.2,
        top_p: float | None = None,
        repeat_penalty: float | None = None,
        presence_penalty: float | None = None,
        cluster: ClusterLink | None = None,
    ) -> None:
        self.backend = backend
        limit = max_concurrency or (1 if backend.name == "local" else 2)
        if backend.max_parallel is not None and limit > backend.max_parallel:
            log.info(
                "LLM_MAX_CONCURRENCY=%s lowered to %s: the %s engine runs one generation at a time",
                limit,
                backend.max_parallel,
                backend.name,
            )
            limit = backend.max_parallel
        local = FairScheduler(limit, queue_size, max_pending_per_user=max_pending_per_user)
        # With other bot processes (REDIS_URL): one fleet-wide line; this process's own is the
        # fallback when Redis is away. Stop reaches the user's requests in every process.
        self._scheduler: Scheduler = cluster.scheduler(local) if cluster is not None else local
        self._cluster = cluster
        if cluster is not None:
            cluster.on_remote_stop(self._cancel_here)
        self.first_token_timeout = first_token_timeout
        self.total_timeout = total_timeout
        # How long a request may wait for its turn before `Busy` (default: the total timeout).
        self.queue_timeout = queue_timeout if queue_timeout is not None else total_timeout
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.num_ctx = num_ctx
        self.retries = retries
        self.retry_backoff = retry_backoff
        self.structured_temperature = structured_temperature
        self.top_p = top_p
        self.repeat_penalty = repeat_penalty
        self.presence_penalty = presence_penalty
        self._stats = StatsCollector(backend.name, backend.model)
        self._requests: dict[Hashable, set[_Request]] = {}

    @classmethod
    def from_settings(
        cls, settings: Settings, backend: Backend, *, cluster: ClusterLink | None = None
    ) -> LLMClient:
        """A client with the settings' limits and the model's sampling (`llm.sampling`)."""
        sampling = sampling_for(backend.name, settings)
        return cls(
            backend,
            max_concurrency=settings.llm_max_concurrency,
            queue_size=settings.llm_queue_size,
            first_token_timeout=settings.llm_first_token_timeout,
            total_timeout=settings.llm_total_timeout,
            temperature=sampling.temperature,
            max_tokens=sampling.max_tokens,
            num_ctx=settings.llm_num_ctx,
            top_p=sampling.top_p,
            repeat_penalty=sampling.repeat_penalty,
            presence_penalty=sampling.presence_penalty,
            cluster=cluster,
        )

    # Introspection -------------------------------------------------------------------------------
    @property
    def provider(self) -> str:
        return self.backend.name

    @property
    def model(self) -> str:
        return self.backend.model

    @property
    def max_concurrency(self) -> int:
        return self._scheduler.max_concurrency

    def queue(self) -> QueueSnapshot:
        return self._scheduler.snapshot()

    def position(self, user_id: Hashable) -> int | None:
        """0 = generating for this user now, n = nth in line, None = nothing pending."""
        return self._scheduler.position(user_id)

    def stats(self) -> LLMStats:
        return self._stats.snapshot(self._scheduler.snapshot())

    async def aclose(self) -> None:
        for requests in list(self._requests.values()):
            for request in list(requests):
                request.cancel()
        await self.backend.aclose()

    # Public generation API -----------------------------------------------------------------------
    def stream(
        self,
        messages: Sequence[LLMMessage],
        *,
        user_id: Hashable | None = None,
        on_position: PositionCallback | None = None,
        temperature: float | None = None,
        max_tokens: int | None = None,
        stop: Sequence[str] | None = None,
        seed: int | None = None,
    ) -> ChatStream:
        """Stream the reply as visible text deltas (think blocks removed)."""
        params = self._params(temperature, max_tokens, stop, seed, None)
        request = self._new_request(user_id, on_position)
        stream: ChatStream

        async def run() -> AsyncIterator[str]:
            async with self._turn(request):
                stripper = ThinkStripper()
                engine = self._generate(request, list(messages), params, stream)
                async with aclosing(engine):
                    async for delta in engine:
                        visible = stripper.feed(delta)
                        if visible:
                            request.text += visible
                            yield visible
                tail = stripper.flush()
                if tail:
                    request.text += tail
                    yield tail

        stream = ChatStream(self, request, run())
        return stream

    async def chat(
        self,
        messages: Sequence[LLMMessage],
        *,
        user_id: Hashable | None = None,
        on_position: PositionCallback | None = None,
        temperature: float | None = None,
        max_tokens: int | None = None,
        stop: Sequence[str] | None = None,
        seed: int | None = None,
    ) -> str:
        """The whole reply as text (think blocks removed, surrounding whitespace stripped)."""
        async with self.stream(
            messages,
            user_id=user_id,
            on_position=on_position,
            temperature=temperature,
            max_tokens=max_tokens,
            stop=stop,
            seed=seed,
        ) as reply:
            async for _ in reply:
                pass
        return reply.text.strip()

    async def structured(
        self,
        messages: Sequence[LLMMessage],
        schema: type[M],
        *,
        user_id: Hashable | None = None,
        on_position: PositionCallback | None = None,
        temperature: float | None = None,
        max_tokens: int | None = None,
        seed: int | None = None,
        instructions: bool = True,
    ) -> M:
        """A validated `schema` instance from schema-constrained generation.

        The JSON schema goes to the engine (Ollama ``format``, OpenAI ``response_format``,
        a llama.cpp grammar). With `instructions`, a line asking for JSON matching the schema is
        appended to the last user message (after everything else, so cached prefixes stay valid).
        Invalid or cut-off output gets one repair attempt (cut-off: with twice the token budget);
        then `BadOutput` is raised (``truncated`` tells which).
        """
        json_schema = schema_for(schema)
        temp = self.structured_temperature if temperature is None else temperature
        params = self._params(temp, max_tokens, None, seed, json_schema)
        convo = list(messages)
        if instructions:
            convo.append(
                message("user", load_prompt("json_instructions", schema=json.dumps(json_schema)))
            )
        request = self._new_request(user_id, on_position)
        async with self._turn(request):
            raw, finish = await self._collect(request, convo, params)
            try:
                return parse_structured(raw, schema, finish_reason=finish)
            except BadOutput as first:
                log.info("structured output rejected, one repair attempt: %s", first)
                if first.truncated:
                    budget = min(params.max_tokens * 2, max(params.num_ctx // 2, params.max_tokens))
                    retry_params = self._with_max_tokens(params, budget)
                    repair = [*convo, message("user", load_prompt("json_truncated"))]
                else:
                    retry_params = params
                    repair = [
                        *convo,
                        message("assistant", raw),
                        message("user", load_prompt("json_repair", error=str(first))),
                    ]
            raw, finish = await self._collect(request, repair, retry_params)
            try:
                return parse_structured(raw, schema, finish_reason=finish)
            except BadOutput as second:
                self._stats.errors[second.kind] += 1
                log.warning("structured output still invalid after a repair attempt: %s", second)
                raise

    def cancel(self, user_id: Hashable) -> bool:
        """Stop `user_id`'s running and waiting requests (a Stop button). True if any here;
        with other processes (REDIS_URL) theirs are stopped too, without waiting for them."""
        cancelled = self._cancel_here(user_id)
        if self._cluster is not None:
            self._cluster.stop_everywhere(user_id)
        return cancelled

    def _cancel_here(self, user_id: Hashable) -> bool:
        requests = self._requests.get(user_id, set())
        for request in list(requests):
            request.cancel()
        waiting = self._scheduler.cancel_waiting(user_id)
        return bool(requests) or waiting > 0

    # Internals -----------------------------------------------------------------------------------
    def _params(
        self,
        temperature: float | None,
        max_tokens: int | None,
        stop: Sequence[str] | None,
        seed: int | None,
        json_schema: dict[str, object] | None,
    ) -> GenParams:
        return GenParams(
            temperature=self.temperature if temperature is None else temperature,
            max_tokens=max_tokens or self.max_tokens,
            num_ctx=self.num_ctx,
            stop=tuple(stop or ()),
            json_schema=json_schema,
            seed=seed,
            top_p=self.top_p,
            repeat_penalty=self.repeat_penalty,
            presence_penalty=self.presence_penalty,
        )

    @staticmethod
    def _with_max_tokens(params: GenParams, max_tokens: int) -> GenParams:
        return dataclasses.replace(params, max_tokens=max_tokens)

    def _new_request(
        self, user_id: Hashable | None, on_position: PositionCallback | None
    ) -> _Request:
        return _Request(user_id if user_id is not None else object(), on_position)

    def _turn(self, request: _Request) -> _Turn:
        return _Turn(self, request)

    async def _collect(
        self, request: _Request, messages: list[LLMMessage], params: GenParams
    ) -> tuple[str, str | None]:
        parts: list[str] = []
        holder = _FinishHolder()
        engine = self._generate(request, messages, params, holder)
        async with aclosing(engine):
            async for delta in engine:
                parts.append(delta)
        return "".join(parts), holder.finish_reason

    async def _generate(
        self,
        request: _Request,
        messages: list[LLMMessage],
        params: GenParams,
        sink: ChatStream | _FinishHolder,
    ) -> AsyncGenerator[str, None]:
        """Raw deltas of one engine call with timeouts; cancels the engine when left early."""
        loop = asyncio.get_running_loop()
        inbox: asyncio.Queue[object] = asyncio.Queue()
        request.inbox = inbox
        if request.cancelled:
            raise LLMCancelled(partial=request.text)
        producer = loop.create_task(self._produce(messages, params, inbox), name="llm-engine")
        request.producer = producer
        start = loop.time()
        first_at: float | None = None
        last_at = start
        done: Done | None = None
        error: BaseException | None = None
        completion_deltas = 0
        try:
            while True:
                if first_at is None:
                    deadline = min(start + self.first_token_timeout, start + self.total_timeout)
                    phase = "first_token"
                else:
                    deadline = min(last_at + self.first_token_timeout, start + self.total_timeout)
                    phase = "stall" if deadline < start + self.total_timeout else "total"
                if inbox.empty():
                    try:
                        async with asyncio.timeout_at(deadline):
                            item = await inbox.get()
                    except TimeoutError:
                        raise self._timeout(phase, loop.time() - start) from None
                else:
                    item = inbox.get_nowait()
                if item is _END:
                    break
                if isinstance(item, Done):
                    done = item
                    continue
                if isinstance(item, BaseException):
                    raise item
                assert isinstance(item, str)
                now = loop.time()
                if first_at is None:
                    first_at = now
                last_at = now
                completion_deltas += 1
                yield item
        except LLMCancelled as cancelled:
            cancelled.partial = request.text
            error = cancelled
            raise
        except BaseException as exc:
            error = exc
            raise
        finally:
            request.inbox = None
            if not producer.done():
                producer.cancel()
                # Let the engine stop (a local model must leave its thread) before the slot frees.
                await asyncio.wait([producer], timeout=30)
            end = loop.time()
            finish = done.finish_reason if done else None
            sink.finish_reason = finish
            kind: str | None = None
            if isinstance(error, LLMError):
                kind = error.kind
            elif isinstance(error, asyncio.CancelledError | GeneratorExit):
                kind = None if done else "closed"
            elif error is not None:
                kind = "error"
            queue_wait, request.queue_wait = request.queue_wait, 0.0
            call = CallStats(
                backend=self.backend.name,
                model=self.backend.model,
                ok=kind in (None, "closed"),
                error=kind,
                prompt_tokens=done.prompt_tokens if done else None,
                completion_tokens=(
                    done.completion_tokens
                    if done and done.completion_tokens is not None
                    else completion_deltas or None
                ),
                cached_tokens=done.cached_tokens if done else None,
                queue_wait=queue_wait,
                time_to_first_token=(first_at - start) if first_at is not None else None,
                duration=end - start,
                finish_reason=finish,
            )
            sink.call = call
            self._stats.record(call)
            if isinstance(error, LLMError) and not isinstance(error, LLMCancelled):
                log.warning("llm call failed (%s): %s", error.kind, error)

    async def _produce(
        self, messages: list[LLMMessage], params: GenParams, inbox: asyncio.Queue[object]
    ) -> None:
        """Run the backend, pushing deltas; retry connection errors (only before any output)."""
        attempt = 0
        while True:
            started = False
            try:
                async for item in self.backend.stream(messages, params):
                    started = True
                    inbox.put_nowait(item)
                inbox.put_nowait(_END)
                return
            except EngineUnreachable as error:
                if started or attempt >= self.retries:
                    inbox.put_nowait(error)
                    return
                delay = self.retry_backoff * (2**attempt)
                attempt += 1
                log.info(
                    "llm engine unreachable (attempt %s/%s), retrying in %.1fs: %s",
                    attempt,
                    self.retries + 1,
                    delay,
                    error,
                )
                await asyncio.sleep(delay)
            except LLMError as error:
                inbox.put_nowait(error)
                return
            except Exception as error:  # a backend bug must still end the caller's wait
                log.exception("llm backend %s failed unexpectedly", self.backend.name)
                inbox.put_nowait(EngineError(f"{type(error).__name__}: {error}"))
                return

    def _timeout(self, phase: str, elapsed: float) -> LLMTimeout:
        limits = {
            "first_token": ("no first token", self.first_token_timeout, "LLM_FIRST_TOKEN_TIMEOUT"),
            "stall": ("no new token", self.first_token_timeout, "LLM_FIRST_TOKEN_TIMEOUT"),
            "total": ("reply not finished", self.total_timeout, "LLM_TOTAL_TIMEOUT"),
        }
        what, limit, setting = limits[phase]
        return LLMTimeout(
            f"{what} within {limit:g}s ({self.backend.name}/{self.backend.model}, "
            f"after {elapsed:.1f}s)",
            phase=phase,
            fix=f"a slow CPU model may need a larger {setting} (now {limit:g}s)",
        )


class _FinishHolder:
    __slots__ = ("call", "finish_reason")

    def __init__(self) -> None:
        self.finish_reason: str | None = None
        self.call: CallStats | None = None


class _Turn:
    """Register a request for `cancel()`, hold a scheduler slot for it, count queue errors."""

    def __init__(self, client: LLMClient, request: _Request) -> None:
        self._client = client
        self._request = request
        self._slot: object | None = None
        self._started = 0.0

    async def __aenter__(self) -> _Request:
        client, request = self._client, self._request
        client._requests.setdefault(request.user_key, set()).add(request)
        self._started = time.monotonic()
        slot = client._scheduler.slot(
            request.user_key, on_position=request.on_position, max_wait=client.queue_timeout
        )
        try:
            await slot.__aenter__()
        except LLMError as error:
            self._forget()
            client._stats.errors[error.kind] += 1
            if isinstance(error, LLMCancelled):
                error.partial = ""
            else:
                log.info("llm request refused: %s", error)
            raise
        except BaseException:
            self._forget()
            raise
        self._slot = slot
        if request.cancelled:  # Stop pressed during the hand-over
            await self.__aexit__(None, None, None)
            raise LLMCancelled("stopped before it started")
        waited = time.monotonic() - self._started
        request.queue_wait = waited
        if waited > 0.05:
            log.debug("llm request waited %.2fs in the queue", waited)
        return request

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        slot, self._slot = self._slot, None
        self._forget()
        if slot is not None:
            await slot.__aexit__(exc_type, exc, tb)  # type: ignore[attr-defined]

    def _forget(self) -> None:
        requests = self._client._requests.get(self._request.user_key)
        if requests is not None:
            requests.discard(self._request)
            if not requests:
                del self._client._requests[self._request.user_key]

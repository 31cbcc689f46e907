"""One Redis connection per process, and the outage book-keeping every shared piece relies on.

Every call to Redis goes through `RedisLink.run`: a Redis error (refused connection, timeout,
a server still loading after a restart, a script error) becomes `RedisUnavailable`, logged once
per outage, and the caller applies its own failure policy (docs/reliability.md). After a failure
the link does not try again for `retry_interval` seconds (each attempt would otherwise cost a
connect timeout per call while Redis is away). Pub/sub subscriptions share one listener task
that reconnects by itself and tells subscribers when it has (they re-read what they may have
missed).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.commands.core import AsyncScript
from redis.exceptions import RedisError, ResponseError

log = logging.getLogger(__name__)

T = TypeVar("T")
MessageHandler = Callable[[str], None]


class RedisUnavailable(Exception):
    """Redis could not serve a call; the caller falls back to its stated policy."""


def process_identity() -> str:
    """A name for this process in shared state: host, pid and a random part (pids repeat)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class RedisLink:
    """A Redis client plus outage tracking, key naming and one pub/sub listener.

    `client` may be given (tests pass a fakeredis client); otherwise one is made from `url`.
    """

    def __init__(
        self,
        url: str = "",
        *,
        prefix: str = "careermate",
        client: Redis | None = None,
        connect_timeout: float = 1.0,
        command_timeout: float = 2.0,
        retry_interval: float = 1.0,
        max_connections: int = 64,
    ) -> None:
        if client is None:
            if not url:
                raise ValueError("a Redis URL or a client is needed")
            # One quick retry only: it covers a pooled connection that died with a restarted
            # server; anything longer is an outage, handled by the callers' policies. A burst
            # waits for a free connection (the default pool refuses past its size instead).
            pool = BlockingConnectionPool.from_url(
                url,
                max_connections=max_connections,
                timeout=5.0,
                decode_responses=True,
                socket_connect_timeout=connect_timeout,
                socket_timeout=command_timeout,
                retry=Retry(NoBackoff(), 1),
                health_check_interval=5,
            )
            client = Redis(connection_pool=pool)
        self.client: Redis = client
        self.prefix = prefix
        self.identity = process_identity()
        self.retry_interval = retry_interval
        self._down_since: float | None = None
        self._retry_at = 0.0
        self._last_error = ""
        self._outages = 0
        self._handlers: dict[str, list[MessageHandler]] = {}
        self._on_reconnect: list[Callable[[], None]] = []
        self._listener: asyncio.Task[None] | None = None
        self._listener_ready = asyncio.Event()
        self._closed = False
        self._started = False

    # -- naming and status ----------------------------------------------------------------------
    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    @property
    def up(self) -> bool:
        """False while an outage is being waited out (no call is tried until `retry_interval`)."""
        return self._down_since is None or time.monotonic() >= self._retry_at

    @property
    def outages(self) -> int:
        return self._outages

    @property
    def down_for(self) -> float | None:
        """Seconds since Redis was last seen failing, or None when it works."""
        return None if self._down_since is None else time.monotonic() - self._down_since

    def script(self, lua: str) -> AsyncScript:
        return self.client.register_script(lua)

    # -- calls ----------------------------------------------------------------------------------
    async def run(self, what: str, call: Callable[[Redis], Awaitable[T]]) -> T:
        """`call(client)`, or `RedisUnavailable` (logged once per outage) when Redis fails."""
        if not self.up:
            raise RedisUnavailable(f"Redis is unavailable ({self._last_error})")
        try:
            result = await call(self.client)
        except (RedisError, OSError) as error:
            self.failed(what, error)
            raise RedisUnavailable(f"{what}: {type(error).__name__}: {error}") from error
        self.succeeded()
        return result

    def failed(self, what: str, error: BaseException) -> None:
        now = time.monotonic()
        self._retry_at = now + self.retry_interval
        self._last_error = f"{type(error).__name__}: {error}"
        if isinstance(error, ResponseError):  # a refused command is a bug or a misconfiguration
            log.error("Redis refused %s: %s", what, error)
        if self._down_since is None:
            self._down_since = now
            self._outages += 1
            log.warning(
                "Redis unavailable during %s (%s): rate limits let messages through, the LLM "
                "gate uses this process's own limits, leases count as lost, until it is back",
                what,
                self._last_error,
            )

    def succeeded(self) -> None:
        if self._down_since is not None:
            log.warning("Redis is back after %.1f s", time.monotonic() - self._down_since)
            self._down_since = None

    async def ping(self) -> bool:
        try:
            await self.run("ping", lambda client: client.ping())
        except RedisUnavailable:
            return False
        return True

    # -- pub/sub --------------------------------------------------------------------------------
    def subscribe(self, channel: str, handler: MessageHandler) -> None:
        """Call `handler(data)` for each message on `channel` (from any process, this one too)."""
        new_channel = channel not in self._handlers
        self._handlers.setdefault(channel, []).append(handler)
        if self._started and new_channel:
            self._restart_listener()  # listen to the new channel too

    def on_reconnect(self, callback: Callable[[], None]) -> None:
        """Called each time the listener (re)subscribes: messages may have been missed."""
        self._on_reconnect.append(callback)

    async def publish(self, what: str, channel: str, data: str) -> int:
        return await self.run(what, lambda client: client.publish(channel, data))

    async def start(self) -> None:
        """Start the listener (when anything subscribed) and wait briefly for it to be ready."""
        self._started = True
        if self._handlers and self._listener is None:
            self._listener = asyncio.create_task(self._listen(), name="redis-listener")
            try:
                async with asyncio.timeout(2.0):
                    await self._listener_ready.wait()
            except TimeoutError:
                log.info("Redis pub/sub not ready yet; it keeps trying in the background")

    async def aclose(self) -> None:
        self._closed = True
        if self._listener is not None:
            self._listener.cancel()
            await asyncio.gather(self._listener, return_exceptions=True)
            self._listener = None
        try:
            await self.client.aclose()
        except (RedisError, OSError):
            pass

    def _restart_listener(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
        self._listener_ready = asyncio.Event()
        self._listener = asyncio.create_task(self._listen(), name="redis-listener")

    async def _listen(self) -> None:
        backoff = 0.2
        while not self._closed:
            pubsub: PubSub | None = None
            try:
                pubsub = self.client.pubsub(ignore_subscribe_messages=True)
                await pubsub.subscribe(*self._handlers)
                self.succeeded()
                backoff = 0.2
                self._listener_ready.set()
                for callback in self._on_reconnect:
                    callback()
                while not self._closed:
                    message = await pubsub.get_message(timeout=1.0)
                    if message is None or message.get("type") != "message":
                        continue
                    channel, data = str(message["channel"]), str(message["data"])
                    for handler in self._handlers.get(channel, ()):
                        try:
                            handler(data)
                        except Exception:
                            log.exception("handler for Redis channel %s failed", channel)
            except asyncio.CancelledError:
                raise
            except (RedisError, OSError) as error:
                self.failed("pub/sub", error)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 2.0)
            finally:
                if pubsub is not None:
                    try:
                        await asyncio.shield(pubsub.aclose())
                    except (RedisError, OSError, asyncio.CancelledError):
                        pass

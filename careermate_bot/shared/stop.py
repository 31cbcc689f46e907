"""Stop across processes: a Stop pressed in one bot process stops the user's generation in
whichever process runs it.

`LLMClient.cancel(user_id)` (the Stop button via `Conversation.cancel`) stops what runs here and
calls `publish(user_id)`; every other process hears it on one channel (`<prefix>:stop`, a JSON
message with the user and the sender) and stops that user's requests there. `request()` does
the same and waits briefly for an answer, for a caller that must know whether anything was
stopped somewhere. Without Redis (`LocalStopBus`) nothing else exists to tell; when Redis is
unavailable the local stop still happens and the fan-out is skipped (logged once per outage).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Awaitable, Callable, Hashable
from typing import Protocol

from careermate_bot.shared.link import RedisLink, RedisUnavailable

log = logging.getLogger(__name__)

StopHandler = Callable[[Hashable], bool]  # stop this user's requests here; True if any


def encode_user(user: Hashable) -> str | None:
    """A user id as text other processes can read back (ints and strings); None otherwise."""
    if isinstance(user, bool):
        return None
    if isinstance(user, int):
        return f"i:{user}"
    if isinstance(user, str):
        return f"s:{user}"
    return None


def decode_user(text: str) -> Hashable:
    kind, _, value = text.partition(":")
    return int(value) if kind == "i" else value


class StopBus(Protocol):
    def publish(self, user: Hashable) -> None:
        """Tell the other processes to stop `user`'s requests (does not wait)."""
        ...

    async def request(self, user: Hashable, *, wait: float = 0.5) -> bool:
        """Tell them and wait up to `wait` s: True if another process stopped something."""
        ...

    def on_stop(self, handler: StopHandler) -> None:
        """Run `handler(user)` when another process asks to stop `user`."""
        ...


class LocalStopBus:
    """One process: nobody else to tell."""

    def publish(self, user: Hashable) -> None:
        return None

    async def request(self, user: Hashable, *, wait: float = 0.5) -> bool:
        return False

    def on_stop(self, handler: StopHandler) -> None:
        return None


class RedisStopBus:
    def __init__(self, link: RedisLink) -> None:
        self.link = link
        self.channel = link.key("stop")
        self._handlers: list[StopHandler] = []
        self._tasks: set[asyncio.Future[object]] = set()
        link.subscribe(self.channel, self._on_message)

    def on_stop(self, handler: StopHandler) -> None:
        self._handlers.append(handler)

    def publish(self, user: Hashable) -> None:
        message = self._message(user, None)
        if message is not None:
            self._spawn(self._send(message))

    async def request(self, user: Hashable, *, wait: float = 0.5) -> bool:
        reply = self.link.key("stop-ack", uuid.uuid4().hex)
        message = self._message(user, reply)
        if message is None:
            return False
        try:
            listeners = await self.link.publish("Stop fan-out", self.channel, message)
            if listeners <= 1:  # only this process listens
                return False
            answer = await self.link.run(
                "Stop acknowledgement", lambda client: client.blpop([reply], timeout=wait)
            )
            return answer is not None
        except RedisUnavailable:
            return False
        finally:
            self._spawn(self._forget(reply))

    # -- internals --------------------------------------------------------------------------------
    def _message(self, user: Hashable, reply: str | None) -> str | None:
        encoded = encode_user(user)
        if encoded is None:
            return None
        return json.dumps({"user": encoded, "from": self.link.identity, "reply": reply})

    async def _send(self, message: str) -> None:
        try:
            await self.link.publish("Stop fan-out", self.channel, message)
        except RedisUnavailable:
            pass

    async def _forget(self, reply: str) -> None:
        try:
            await self.link.run("Stop acknowledgement", lambda client: client.delete(reply))
        except RedisUnavailable:
            pass

    async def _acknowledge(self, reply: str) -> None:
        async def push(client: object) -> None:
            pipe = self.link.client.pipeline(transaction=False)
            pipe.rpush(reply, "1")
            pipe.expire(reply, 10)
            await pipe.execute()

        try:
            await self.link.run("Stop acknowledgement", push)
        except RedisUnavailable:
            pass

    def _on_message(self, data: str) -> None:
        try:
            message = json.loads(data)
            if message.get("from") == self.link.identity:
                return  # stopped here already, by the caller
            user = decode_user(str(message["user"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("ignored a malformed Stop message: %.100r", data)
            return
        stopped = False
        for handler in self._handlers:
            try:
                stopped = handler(user) or stopped
            except Exception:
                log.exception("Stop handler failed")
        reply = message.get("reply")
        if stopped and isinstance(reply, str):
            self._spawn(self._acknowledge(reply))

    def _spawn(self, coro: Awaitable[object]) -> None:
        task: asyncio.Future[object] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

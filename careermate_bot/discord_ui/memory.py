"""Short-lived state for components, kept per bot process (a restart forgets it by design).

A component whose state cannot fit in its custom id (e.g. the text a poster typed into a
rejected form) stores it here under a nonce and puts the nonce in the custom id. After a
restart the nonce is unknown, and the component answers "expired" (`ItemExpired`).
"""

from __future__ import annotations

import secrets
import weakref
from collections import OrderedDict
from typing import Generic, TypeVar

T = TypeVar("T")


def new_nonce() -> str:
    return secrets.token_hex(6)


class ClientMemory(Generic[T]):
    """Values by nonce, per client (bot), the newest `capacity` of them."""

    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._by_client: weakref.WeakKeyDictionary[object, OrderedDict[str, T]] = (
            weakref.WeakKeyDictionary()
        )

    def put(self, client: object, value: T) -> str:
        entries = self._by_client.setdefault(client, OrderedDict())
        nonce = new_nonce()
        entries[nonce] = value
        while len(entries) > self.capacity:
            entries.popitem(last=False)
        return nonce

    def get(self, client: object, nonce: str) -> T | None:
        entries = self._by_client.get(client)
        return None if entries is None else entries.get(nonce)

    def pop(self, client: object, nonce: str) -> T | None:
        entries = self._by_client.get(client)
        return None if entries is None else entries.pop(nonce, None)

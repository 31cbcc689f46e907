"""Discord's REST rate limits, as the fake enforces them.

- The global limit: 50 requests per second per bot token, over a sliding second (a refused
  request may retry when the oldest request of that second ages out). Interaction endpoints
  (the callback and the interaction webhook routes) are not bound to it, as on Discord.
- Per-route buckets, keyed by the route and its major parameter (channel, webhook token):
  message create/edit/delete and typing 5 per 5 s per channel, interaction webhooks 5 per 2 s
  per token (Discord's documented webhook limit), everything else 50 per second.

Every answer carries Discord's headers (`X-RateLimit-Limit/-Remaining/-Reset/-Reset-After/
-Bucket`), so discord.py paces itself as it does against Discord; a request beyond a limit gets
429 with `retry_after`, `global`, `X-RateLimit-Scope` and the `Via` header discord.py checks
before it trusts a 429 (without it, it assumes a Cloudflare ban).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

GLOBAL_LIMIT = 50  # requests per second per bot token


@dataclass(frozen=True)
class Limit:
    count: int
    per: float


ROUTE_LIMITS: dict[str, Limit] = {
    "channel-message-create": Limit(5, 5.0),
    "channel-message-edit": Limit(5, 5.0),
    "channel-typing": Limit(5, 5.0),
    "interaction-webhook": Limit(5, 2.0),
}
DEFAULT_LIMIT = Limit(50, 1.0)


@dataclass
class Bucket:
    limit: Limit
    used: int = 0
    resets_at: float = 0.0


@dataclass
class Decision:
    allowed: bool
    headers: dict[str, str]
    retry_after: float = 0.0
    is_global: bool = False


@dataclass
class RestBudget:
    global_limit: int = GLOBAL_LIMIT
    clock: Callable[[], float] = time.monotonic
    _global: deque[float] = field(default_factory=deque)
    _buckets: dict[tuple[str, str], Bucket] = field(default_factory=dict)

    def check(self, bucket_name: str, major: str, *, global_exempt: bool) -> Decision:
        now = self.clock()
        if not global_exempt:
            while self._global and self._global[0] <= now - 1.0:
                self._global.popleft()
            if len(self._global) >= self.global_limit:
                retry = max(0.001, self._global[0] + 1.0 - now)
                return Decision(False, _limited_headers(retry, scope="global"), retry, True)
        bucket = self._buckets.get((bucket_name, major))
        if bucket is None or now >= bucket.resets_at:
            limit = ROUTE_LIMITS.get(bucket_name, DEFAULT_LIMIT)
            bucket = Bucket(limit=limit, used=0, resets_at=now + limit.per)
            self._buckets[(bucket_name, major)] = bucket
        reset_after = max(0.0, bucket.resets_at - now)
        if bucket.used >= bucket.limit.count:
            headers = _limited_headers(reset_after, scope="user")
            headers.update(_bucket_headers(bucket_name, bucket, reset_after))
            return Decision(False, headers, max(0.001, reset_after), False)
        bucket.used += 1
        if not global_exempt:
            self._global.append(now)
        return Decision(True, _bucket_headers(bucket_name, bucket, reset_after))


def _bucket_headers(name: str, bucket: Bucket, reset_after: float) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(bucket.limit.count),
        "X-RateLimit-Remaining": str(max(0, bucket.limit.count - bucket.used)),
        "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
        "X-RateLimit-Reset-After": f"{reset_after:.3f}",
        "X-RateLimit-Bucket": hashlib.sha1(name.encode()).hexdigest()[:16],
    }


def _limited_headers(retry_after: float, *, scope: str) -> dict[str, str]:
    headers = {
        "Retry-After": str(math.ceil(retry_after)),
        "X-RateLimit-Scope": scope,
        "Via": "1.1 google",
    }
    if scope == "global":
        headers["X-RateLimit-Global"] = "true"
    return headers

"""Who a generation is for, as seen by a backend (for per-user endpoint affinity).

`LLMClient` runs each engine call in a task whose context carries the request's user key
(`REQUEST_USER`); `Backend.stream` takes no user, so a fleet of model servers reads it from
there to send the same user to the same server (its prefix cache keeps that user's history).
"""

from __future__ import annotations

from collections.abc import Hashable
from contextvars import ContextVar

REQUEST_USER: ContextVar[Hashable | None] = ContextVar("careermate_llm_user", default=None)


def affinity_key() -> str | None:
    """A stable key for the current request's user, or None (no user: no affinity).

    Only ids that mean the same in every process count (an int Discord id or a string); the
    anonymous key `LLMClient` makes for a call without `user_id` does not."""
    user = REQUEST_USER.get()
    if isinstance(user, bool) or not isinstance(user, int | str):
        return None
    return f"{type(user).__name__}:{user}"

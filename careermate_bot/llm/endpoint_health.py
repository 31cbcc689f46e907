"""Health of the model servers in a fleet (`LLM_BASE_URLS`), shareable across processes.

A `HealthBoard` is where a process publishes "this endpoint is out until T" and reads what every
process published. `LocalHealthBoard` keeps it in this process (the default); a shared
implementation (Redis, in `careermate_bot/shared/`) makes one process's ejection and one
process's successful re-admission probe count for all of them. Times are wall-clock seconds
(`time.time()`), so they mean the same in every process.

A board is advisory: `FleetBackend` keeps its own copy and carries on with it when the shared
board cannot be read or written (see `docs/llm.md`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class EndpointState:
    """What is known about one endpoint. An endpoint nobody reported on is healthy."""

    healthy: bool = True
    # Wall-clock time (time.time()) before which an ejected endpoint is not probed again.
    until: float = 0.0
    # Why it was ejected: the `LLMError.kind` of the failure ("engine_unreachable", "busy", ...).
    reason: str = ""
    # When this state was published (wall clock), so the newest report wins.
    at: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> EndpointState:
        def number(name: str) -> float:
            value = data.get(name, 0.0)
            return float(value) if isinstance(value, int | float | str) else 0.0

        return cls(
            healthy=bool(data.get("healthy", True)),
            until=number("until"),
            reason=str(data.get("reason", "")),
            at=number("at"),
        )


HEALTHY = EndpointState()


class HealthBoard(Protocol):
    """Publish and read endpoint health (keys are the endpoints' base URLs)."""

    async def publish(self, endpoint: str, state: EndpointState) -> None:
        """Record `state` for `endpoint` (an ejection, or a re-admission after a probe)."""
        ...

    async def read(self, endpoints: Sequence[str]) -> dict[str, EndpointState]:
        """The latest state of each of `endpoints` that has one (absent = healthy)."""
        ...


class LocalHealthBoard:
    """Health known to this process only (the default, and the fallback of a shared board)."""

    def __init__(self) -> None:
        self._states: dict[str, EndpointState] = {}

    async def publish(self, endpoint: str, state: EndpointState) -> None:
        self.put(endpoint, state)

    async def read(self, endpoints: Sequence[str]) -> dict[str, EndpointState]:
        return self.get(endpoints)

    def put(self, endpoint: str, state: EndpointState) -> None:
        self._states[endpoint] = state

    def get(self, endpoints: Sequence[str]) -> dict[str, EndpointState]:
        return {url: self._states[url] for url in endpoints if url in self._states}


__all__ = ["HEALTHY", "EndpointState", "HealthBoard", "LocalHealthBoard"]

"""A health check's result, shared by `careermate doctor` and a later /status command."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    fix: str | None = None
    warning: bool = False  # passes, but worth fixing: shown with "!" and its fix

    def line(self) -> str:
        mark = ("!" if self.warning else "✓") if self.ok else "✗"
        text = f"{mark} {self.name}: {self.detail}"
        if (not self.ok or self.warning) and self.fix:
            text += f"\n    fix: {self.fix}"
        return text

"""The cluster test's figures, written into docs/reliability.md between two markers (only when
scripts/test_cluster.sh asks for it: CAREERMATE_CLUSTER_WRITE_DOCS=1)."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

START = "<!-- cluster-figures:start -->"
END = "<!-- cluster-figures:end -->"


def render(figures: dict[str, str]) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    lines = [
        START,
        f"Last run {stamp} on {os.cpu_count()} cores ({platform.machine()}), shared with other "
        "work; figures, not assertions:",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in figures.items()),
        END,
    ]
    return "\n".join(lines)


def write_reliability_figures(root: Path, figures: dict[str, str]) -> None:
    if os.environ.get("CAREERMATE_CLUSTER_WRITE_DOCS") != "1" or not figures:
        return
    path = root / "docs" / "reliability.md"
    text = path.read_text(encoding="utf-8")
    block = render(figures)
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")

"""Fixtures shared by the end-to-end DM tests (helpers in `dm_support.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.dm_support import Spy, install_spy


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Spy:
    """Every reply and message edit of the test, recorded (see `install_spy`)."""
    return install_spy(monkeypatch, tmp_path)

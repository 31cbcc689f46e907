"""One knowledge base for the whole test session (the wage database is decompressed once into a
temporary data dir; nothing here reads ../shared or the real data/ dir)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from careermate_bot.knowledge import KnowledgeBase


@pytest.fixture(scope="session")
def knowledge_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("knowledge-data")


@pytest.fixture(scope="session")
def kb(knowledge_dir: Path) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase.load(knowledge_dir)
    yield base
    base.close()

"""services.careers.load_knowledge: loads in a thread, one instance per data dir."""

from __future__ import annotations

from pathlib import Path

from careermate_bot.knowledge import clear_knowledge_base_cache
from careermate_bot.services.careers import load_knowledge


async def test_load_knowledge_off_the_loop(knowledge_dir: Path) -> None:
    clear_knowledge_base_cache()
    try:
        first = await load_knowledge(knowledge_dir)
        assert await load_knowledge(knowledge_dir) is first
        assert first.get_occupation("software-developer") is not None
    finally:
        clear_knowledge_base_cache()

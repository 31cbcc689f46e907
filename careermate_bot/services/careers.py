"""Getting the career knowledge base from async code without stalling the event loop.

`KnowledgeBase.load` is synchronous: ~50 ms normally, ~0.3 s on the very first start while it
decompresses the BLS wage database into the data dir. `load_knowledge` runs it in a worker
thread and keeps one instance per data dir for the whole process. Lookups on the loaded object
(`match_careers`, `salary`, `extract_skills`, ...) take well under 5 ms and can be called directly
from coroutines.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from careermate_bot.knowledge import KnowledgeBase, get_knowledge_base


async def load_knowledge(data_dir: Path | str) -> KnowledgeBase:
    """The process-wide knowledge base for `data_dir`, loaded in a thread on first use.

    Raises `careermate_bot.knowledge.WageDataError` (with a fix hint) if the wage data is missing.
    """
    return await asyncio.to_thread(get_knowledge_base, data_dir)  # thread-safe, cached

"""/guide: how to become X, what X does, comparisons, the advice playbook and cover-letter
outlines (commands.py), their buttons (views.py) and embeds (embeds.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.guide.commands import GuideCog
from cogs.guide.views import DYNAMIC_ITEMS

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


async def setup(bot: CareerMateBot) -> None:
    await bot.add_cog(GuideCog(bot))
    bot.add_dynamic_items(*DYNAMIC_ITEMS)

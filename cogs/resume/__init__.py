"""/resume: a scored, grounded résumé review (commands.py), its buttons and form (views.py),
embeds (embeds.py) and the one review flow every way in shares (flow.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.resume.commands import ResumeCog
from cogs.resume.views import DYNAMIC_ITEMS

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


async def setup(bot: CareerMateBot) -> None:
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(ResumeCog(bot))

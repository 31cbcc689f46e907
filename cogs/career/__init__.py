"""/career: career paths and skill gaps (commands.py), their components (views.py), embeds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.career.commands import CareerCog
from cogs.career.views import DYNAMIC_ITEMS

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


async def setup(bot: CareerMateBot) -> None:
    await bot.add_cog(CareerCog(bot))
    bot.add_dynamic_items(*DYNAMIC_ITEMS)

"""/jobs: search (pager), saved jobs, the server job board (commands.py, views.py, embeds.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.jobs.commands import JobsCog
from cogs.jobs.views import DYNAMIC_ITEMS

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


async def setup(bot: CareerMateBot) -> None:
    await bot.add_cog(JobsCog(bot))
    bot.add_dynamic_items(*DYNAMIC_ITEMS)

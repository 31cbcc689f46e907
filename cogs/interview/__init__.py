"""/interview: button-driven mock interviews (commands.py), their buttons and form (views.py),
embeds (embeds.py). Scoring and sessions live in careermate_bot/services/interview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.interview.commands import InterviewCog
from cogs.interview.views import DYNAMIC_ITEMS

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


async def setup(bot: CareerMateBot) -> None:
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(InterviewCog(bot))

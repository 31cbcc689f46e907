"""/status (owners only) and the counters the bot feeds the status service: messages addressed to
the bot, interactions (commands.py renders embeds.py; the numbers come from services/status)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.status.commands import StatusCog

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


async def setup(bot: CareerMateBot) -> None:
    await bot.add_cog(StatusCog(bot))

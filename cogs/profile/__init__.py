"""/profile: what CareerMate remembers (commands.py), its form and buttons (views.py), embeds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.profile.commands import ProfileCog
from cogs.profile.views import DYNAMIC_ITEMS

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


async def setup(bot: CareerMateBot) -> None:
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(ProfileCog(bot))

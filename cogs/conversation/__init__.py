"""Free-text chat in DMs and by @mention (commands.py) with its Stop button (views.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.conversation.commands import ChatCog
from cogs.conversation.views import DYNAMIC_ITEMS

if TYPE_CHECKING:
    from careermate_bot.bot import CareerMateBot


async def setup(bot: CareerMateBot) -> None:
    await bot.add_cog(ChatCog(bot))
    bot.add_dynamic_items(*DYNAMIC_ITEMS)

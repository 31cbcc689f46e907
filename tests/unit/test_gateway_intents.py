"""Gateway intents: exactly what the features use, checked against every listener the bot and
its cogs register (a new listener without its intent fails here, and so does an intent that no
listener needs)."""

from __future__ import annotations

import discord

from careermate_bot.bot import bot_intents
from tests.harness.driver import DiscordHarness

# The intents CareerMate asks Discord for, and why.
EXPECTED = {
    "guilds": "servers and their channels in discord.py's cache (mentions, slash commands)",
    "guild_messages": "@mentions and `!` commands in servers",
    "dm_messages": "the conversation in DMs (interview answers typed there too)",
    "message_content": "the text of those messages (privileged: enable it in the portal)",
}

# Gateway events discord.py dispatches, and the intents Discord needs before it sends them.
EVENT_INTENTS: dict[str, set[str]] = {
    "on_message": {"guild_messages", "dm_messages"},
    "on_message_edit": {"guild_messages", "dm_messages"},
    "on_message_delete": {"guild_messages", "dm_messages"},
    "on_raw_message_edit": {"guild_messages", "dm_messages"},
    "on_raw_message_delete": {"guild_messages", "dm_messages"},
    "on_reaction_add": {"guild_reactions", "dm_reactions"},
    "on_reaction_remove": {"guild_reactions", "dm_reactions"},
    "on_raw_reaction_add": {"guild_reactions", "dm_reactions"},
    "on_raw_reaction_remove": {"guild_reactions", "dm_reactions"},
    "on_typing": {"guild_typing", "dm_typing"},
    "on_member_join": {"members"},
    "on_member_remove": {"members"},
    "on_member_update": {"members"},
    "on_presence_update": {"presences"},
    "on_voice_state_update": {"voice_states"},
    "on_guild_join": {"guilds"},
    "on_guild_remove": {"guilds"},
    "on_guild_channel_create": {"guilds"},
    "on_guild_channel_delete": {"guilds"},
    "on_invite_create": {"invites"},
    "on_guild_emojis_update": {"emojis_and_stickers"},
    "on_webhooks_update": {"webhooks"},
    "on_member_ban": {"moderation"},
    "on_scheduled_event_create": {"guild_scheduled_events"},
    "on_automod_action": {"auto_moderation_execution"},
    "on_poll_vote_add": {"polls"},
}


def enabled(intents: discord.Intents) -> set[str]:
    return {name for name, on in intents if on}


def test_the_bot_asks_for_exactly_these_intents() -> None:
    intents = bot_intents()
    assert enabled(intents) == set(EXPECTED), sorted(enabled(intents))
    assert intents.value == (1 << 0) | (1 << 9) | (1 << 12) | (1 << 15)
    # Nothing privileged beyond message content: no members, no presences.
    assert not intents.members and not intents.presences


def listened_events(harness: DiscordHarness) -> set[str]:
    bot = harness.bot
    events = set(bot.extra_events)
    events |= {name for name in dir(type(bot)) if name.startswith("on_") and name in EVENT_INTENTS}
    return events


async def test_every_listener_has_its_intents_and_every_intent_a_listener(
    harness: DiscordHarness,
) -> None:
    events = listened_events(harness)
    assert "on_message" in events  # the conversation cog; the test must see the real cogs
    have = enabled(bot_intents())
    needed: set[str] = set()
    for event in events & set(EVENT_INTENTS):
        missing = EVENT_INTENTS[event] - have
        assert not missing, f"{event} needs the {sorted(missing)} intent(s)"
        needed |= EVENT_INTENTS[event]
    # guilds (the cache) and message_content (the text of messages) serve every message
    # listener; each other intent must be needed by a listener.
    unused = have - needed - {"guilds", "message_content"}
    assert not unused, f"intents no listener needs: {sorted(unused)}"

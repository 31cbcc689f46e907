from tests.harness.driver import DiscordHarness


async def test_help_lists_every_registered_command(harness: DiscordHarness) -> None:
    reply = await harness.slash("help")
    assert reply.ephemeral
    text = reply.text()
    assert "/help" in text
    for command in harness.bot.tree.get_commands():
        assert f"/{command.name}" in text
    assert reply.message["allowed_mentions"] == {"parse": []}


async def test_prefix_help_lists_the_same_commands(harness: DiscordHarness) -> None:
    import discord.ext.test as dpytest

    await dpytest.message("!help", channel=harness.channel, member=harness.member)
    embed = dpytest.get_embed()
    assert "/help" in (embed.description or "")

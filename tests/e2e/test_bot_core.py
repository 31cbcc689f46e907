"""Bot-wide behaviour: error replies, shutdown that finishes work and backs up, mentions."""

import asyncio
import sqlite3
from pathlib import Path

import discord
import discord.ext.test as dpytest
from discord import app_commands

from careermate_bot.config import Settings
from careermate_bot.discord_ui.errors import GENERIC_FAILURE, SHUTTING_DOWN
from careermate_bot.errors import InvalidInput
from careermate_bot.llm.fake import FakeBackend, FakeReply, fake_client
from careermate_bot.services.container import AppServices
from tests.harness.bot import running_bot
from tests.harness.driver import DiscordHarness
from tests.pg import sqlite_only


def _add_command(harness: DiscordHarness, name: str, error: Exception) -> None:
    @app_commands.command(name=name, description="test only")
    async def failing(interaction: discord.Interaction) -> None:
        raise error

    harness.bot.tree.add_command(failing)


async def test_an_unexpected_error_gets_a_short_private_reply_and_a_logged_traceback(
    harness: DiscordHarness,
) -> None:
    _add_command(harness, "explode", RuntimeError("database exploded at row 42"))
    reply = await harness.slash("explode")
    assert reply.ephemeral
    assert reply.text() == GENERIC_FAILURE
    assert "row 42" not in reply.text()
    logged = harness.errors.records
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert "row 42" in str(logged[0].exc_info[1])
    harness.allow_errors = True


async def test_an_expected_error_shows_its_own_message_without_a_traceback(
    harness: DiscordHarness,
) -> None:
    _add_command(harness, "picky", InvalidInput("Salary must be a number, like 90k."))
    reply = await harness.slash("picky")
    assert reply.ephemeral and reply.text() == "Salary must be a number, like 90k."
    assert not harness.errors.records


async def test_after_shutdown_starts_new_commands_are_turned_away(harness: DiscordHarness) -> None:
    harness.bot.accepting_work = False
    reply = await harness.slash("help")
    assert reply.ephemeral and reply.text() == SHUTTING_DOWN


@sqlite_only  # a SQLite file and its lock (PostgreSQL: tests/load)
async def test_shutdown_finishes_in_flight_replies_then_takes_a_final_backup(
    settings: Settings, tmp_path: Path
) -> None:
    slow = FakeBackend([FakeReply(["Finishing ", "my ", "answer."], delay=0.2)])
    services = AppServices(settings, llm=fake_client(slow))  # backups on: the real scheduler
    async with running_bot(settings, services, tmp_path) as harness:
        channel = await harness.member.create_dm()
        await dpytest.message("a question", channel=channel, member=harness.member)
        await asyncio.sleep(0.05)
        assert harness.bot._inflight, "the reply should still be streaming"
        await harness.bot.close()  # what SIGTERM triggers in `careermate run`
        assert not harness.bot._inflight
    backups = sorted(settings.effective_backup_dir.glob("careermate-*.sqlite3"))
    assert backups, "no final backup was written"
    with sqlite3.connect(backups[-1]) as conn:
        rows = conn.execute("SELECT role, content FROM chat_messages ORDER BY id").fetchall()
    assert rows == [("user", "a question"), ("assistant", "Finishing my answer.")]


async def test_no_message_can_ping_everyone(harness: DiscordHarness) -> None:
    assert harness.bot.allowed_mentions is not None
    assert harness.bot.allowed_mentions.to_dict() == {"parse": []}


async def test_attachments_reach_a_command_through_the_real_transformers(
    harness: DiscordHarness,
) -> None:
    from tests.harness.driver import Upload

    @app_commands.command(name="peek", description="test only")
    async def peek(interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        first_line = data.decode().splitlines()[0]
        await interaction.response.send_message(
            f"{file.filename}: {file.size} bytes, {file.content_type}, starts {first_line!r}"
        )

    harness.bot.tree.add_command(peek)
    reply = await harness.slash("peek", file=Upload("cv.txt", b"Ada Lovelace\nAnalyst\n"))
    assert reply.text() == "cv.txt: 21 bytes, text/plain, starts 'Ada Lovelace'"


async def test_commands_sync_globally_only_when_they_changed(harness: DiscordHarness) -> None:
    bot = harness.bot
    calls: list[object] = []

    async def fake_sync(*, guild: object = None) -> list[object]:
        calls.append(guild)
        return []

    bot.tree.sync = fake_sync  # type: ignore[method-assign]
    await bot.sync_command_tree()
    await bot.sync_command_tree()
    assert calls == [None]  # the second start saw the same command set

    @app_commands.command(name="brand-new", description="test only")
    async def brand_new(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("hi")

    bot.tree.add_command(brand_new)
    await bot.sync_command_tree()
    assert calls == [None, None]


async def test_a_dev_guild_gets_an_instant_sync_every_start(
    settings: Settings, tmp_path: Path
) -> None:
    dev_settings = settings.model_copy(update={"dev_guild_id": 123456789012345678})
    services = AppServices(dev_settings, backups_enabled=False)
    async with running_bot(dev_settings, services, tmp_path) as harness:
        calls: list[object] = []

        async def fake_sync(*, guild: object = None) -> list[object]:
            calls.append(getattr(guild, "id", None))
            return []

        harness.bot.tree.sync = fake_sync  # type: ignore[method-assign]
        await harness.bot.sync_command_tree()
        await harness.bot.sync_command_tree()
        assert calls == [123456789012345678, 123456789012345678]

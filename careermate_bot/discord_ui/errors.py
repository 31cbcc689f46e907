"""One place that turns any failure into a short reply for the user and details for the log."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

log = logging.getLogger("careermate.errors")

GENERIC_FAILURE = (
    "Something went wrong on my side. I've logged the details; please try again in a moment."
)
SHUTTING_DOWN = "I'm restarting right now. Please try again in a minute."
STORAGE_TROUBLE = (
    "I couldn't save that: my storage has a problem (a full disk or a damaged database). "
    "The bot's owner can see what to do in the logs; please try again later."
)
DATABASE_BUSY = (
    "I'm saving a lot right now and couldn't store that. Please try again in a few seconds."
)


def describe_error(error: BaseException) -> tuple[str, bool]:
    """Return (message for the user, whether the traceback belongs in the error log)."""
    original = getattr(error, "original", None) or getattr(error, "__cause__", None) or error
    for candidate in (error, original):
        user_message = getattr(candidate, "user_message", None)
        if isinstance(user_message, str) and user_message:
            return user_message, False
    if _database_locked(original):
        return DATABASE_BUSY, True
    if _storage_broken(original):
        return STORAGE_TROUBLE, True
    if isinstance(error, app_commands.CommandOnCooldown | commands.CommandOnCooldown):
        return f"Easy there! Try again in {error.retry_after:.0f} s.", False
    if isinstance(error, app_commands.MissingPermissions | commands.MissingPermissions):
        needed = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"You need the {needed} permission to do that.", False
    if isinstance(error, app_commands.NoPrivateMessage | commands.NoPrivateMessage):
        return "That only works inside a server, not in DMs.", False
    if isinstance(error, app_commands.TransformerError):
        return f"I couldn't understand `{error.value}`. Please check that option.", False
    if isinstance(error, app_commands.CheckFailure | commands.CheckFailure):
        return "You can't use that here.", False
    if isinstance(error, commands.UserInputError):
        return f"{error} Try `/help` to see how the command works.", False
    return GENERIC_FAILURE, True


def _storage_broken(error: BaseException) -> bool:
    """The database is damaged, full or read-only: nothing the user can fix by retrying."""
    from careermate_bot.storage.database import storage_problem

    return storage_problem(error) is not None


def _database_locked(error: BaseException) -> bool:
    """SQLite stayed locked past its busy timeout (another writer, a backup, a restore)."""
    from tortoise.exceptions import OperationalError

    return isinstance(error, OperationalError) and "locked" in str(error).lower()


async def send_ephemeral(interaction: discord.Interaction[Any], content: str) -> None:
    """Reply privately whether or not the interaction was answered already."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(content, ephemeral=True)
        else:
            await interaction.response.send_message(content, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not deliver an error reply for interaction %s", interaction.id)


def log_interaction_error(
    interaction: discord.Interaction[Any], error: BaseException, where: str
) -> str:
    """Log a failed interaction (a traceback only for our own failures); the user's line."""
    message, log_traceback = describe_error(error)
    user = getattr(interaction, "user", None)
    if log_traceback:
        log.error("%s failed for user %s", where, getattr(user, "id", "?"), exc_info=error)
    else:
        log.warning("%s refused for user %s: %s", where, getattr(user, "id", "?"), error)
    return message


async def report_interaction_error(
    interaction: discord.Interaction[Any], error: BaseException, where: str
) -> None:
    await send_ephemeral(interaction, log_interaction_error(interaction, error, where))


class CareerMateTree(app_commands.CommandTree[Any]):
    """The command tree: refuses new work during shutdown and answers every error politely."""

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if getattr(interaction.client, "accepting_work", True):
            return True
        await send_ephemeral(interaction, SHUTTING_DOWN)
        return False

    async def on_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        command = interaction.command.qualified_name if interaction.command else "a command"
        await report_interaction_error(interaction, error, f"/{command}")

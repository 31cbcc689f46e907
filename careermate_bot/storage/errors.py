"""The errors of `careermate backup` / `restore` (SQLite: `backup`; PostgreSQL: `backup_pg`).

Each message is readable on its own: what went wrong and what to do.
"""

from __future__ import annotations


class BackupError(RuntimeError):
    """A backup or restore could not be done; the message says why and what to do."""


class NotSqliteError(BackupError):
    def __init__(self) -> None:
        super().__init__(
            "Built-in backup and restore are for SQLite only. This CareerMate uses "
            "PostgreSQL (DATABASE_URL): back it up with pg_dump and restore with pg_restore."
        )


class InvalidBackupError(BackupError):
    """The file is not a healthy CareerMate database."""


class BotRunningError(BackupError):
    """Restore refused: the bot is running on this database."""

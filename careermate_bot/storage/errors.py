"""The errors of `careermate backup` / `restore` (SQLite: `backup`; PostgreSQL: `postgres_backup`).

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


PICK_ANOTHER = "Pick a file made by `careermate backup`."


class NotABackup(Exception):
    """Why a file is not a CareerMate backup: a phrase that follows the file's name ("is not a
    SQLite database", "holds what no CareerMate database has: trigger t"), and what to do. Both
    backup kinds raise it while inspecting a file; callers turn it into `InvalidBackupError`
    (restore) or a log line (the backup listing)."""

    def __init__(self, reason: str, advice: str = PICK_ANOTHER) -> None:
        super().__init__(reason)
        self.reason, self.advice = reason, advice

    def for_file(self, shown: object) -> InvalidBackupError:
        return InvalidBackupError(f"{shown} {self.reason}. {self.advice}")

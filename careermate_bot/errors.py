"""Errors that carry a short, friendly message for the user, separate from the log details."""

from __future__ import annotations


class UserFacingError(Exception):
    """An expected failure: show `user_message` to the user, log `str(self)` at WARNING."""

    def __init__(self, user_message: str, detail: str | None = None) -> None:
        super().__init__(detail or user_message)
        self.user_message = user_message


class InvalidInput(UserFacingError):
    """The user gave something we cannot use; the message says what to give instead."""

from discord import app_commands
from tortoise.exceptions import OperationalError

from careermate_bot.discord_ui.errors import DATABASE_BUSY, GENERIC_FAILURE, describe_error
from careermate_bot.errors import InvalidInput
from careermate_bot.llm import EngineUnreachable


def _wrapped(error: Exception) -> app_commands.CommandInvokeError:
    wrapper = app_commands.CommandInvokeError.__new__(app_commands.CommandInvokeError)
    wrapper.original = error
    return wrapper


def test_a_locked_database_gets_a_try_again_line_and_a_logged_traceback() -> None:
    message, log_it = describe_error(_wrapped(OperationalError("database is locked")))
    assert message == DATABASE_BUSY and log_it


def test_typed_errors_show_their_own_user_message_without_traceback() -> None:
    assert describe_error(_wrapped(InvalidInput("Give a number."))) == ("Give a number.", False)
    message, log_it = describe_error(_wrapped(EngineUnreachable("refused")))
    assert "ollama serve" in message and not log_it


def test_anything_else_is_generic_and_logged() -> None:
    assert describe_error(_wrapped(KeyError("x"))) == (GENERIC_FAILURE, True)

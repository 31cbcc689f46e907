"""The `careermate` command: entry point (`main`), terminal chat and its renderer, résumé review,
mock interviews and `doctor`, all on the same services the Discord bot uses."""

from careermate_bot.cli.main import main

__all__ = ["main"]

"""Discord's hard limits, and helpers that keep our output inside them."""

from __future__ import annotations

MESSAGE_LIMIT = 2000
EMBED_TOTAL_LIMIT = 6000
EMBED_TITLE_LIMIT = 256
EMBED_DESCRIPTION_LIMIT = 4096
EMBED_FIELDS_LIMIT = 25
EMBED_FIELD_NAME_LIMIT = 256
EMBED_FIELD_VALUE_LIMIT = 1024
EMBED_FOOTER_LIMIT = 2048
BUTTONS_PER_ROW = 5
ROWS_PER_MESSAGE = 5
SELECT_OPTIONS_LIMIT = 25
AUTOCOMPLETE_CHOICES_LIMIT = 25
CHOICE_NAME_LIMIT = 100
ELLIPSIS = "…"


def truncate(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, marking the cut with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(ELLIPSIS))].rstrip() + ELLIPSIS

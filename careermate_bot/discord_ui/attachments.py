"""Which message attachment is a document (a résumé to review), for the chat and résumé cogs."""

from __future__ import annotations

import discord

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt", ".md", ".markdown")
DOCUMENT_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "application/vnd.oasis.opendocument.text",
    "application/rtf",
    "text/plain",
    "text/markdown",
)


def is_document(attachment: discord.Attachment) -> bool:
    name = (attachment.filename or "").lower()
    kind = (attachment.content_type or "").split(";")[0].strip().lower()
    return name.endswith(DOCUMENT_SUFFIXES) or kind in DOCUMENT_TYPES


def first_document(message: discord.Message) -> discord.Attachment | None:
    """The message's first document attachment (images, audio and video are not résumés)."""
    return next((a for a in message.attachments if is_document(a)), None)

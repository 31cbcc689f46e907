"""Async entry points: read + review in one worker thread, bounded in time and concurrency."""

from __future__ import annotations

import asyncio
from typing import Any

from careermate_bot.services.resume.document import Document
from careermate_bot.services.resume.errors import MAX_BYTES, FileTooLarge, ParseTimeout
from careermate_bot.services.resume.files import PARSE_TIMEOUT, _slots, from_paste, read_document
from careermate_bot.services.resume.review import review_document
from careermate_bot.services.resume.types import ResumeReview

Reviewed = tuple[Document, ResumeReview]


def _file_job(kb: Any, data: bytes, filename: str, target_role: str | None) -> Reviewed:
    with _slots:
        document = read_document(data, filename)
        return document, review_document(kb, document, target_role)


def _text_job(kb: Any, text: str, target_role: str | None) -> Reviewed:
    with _slots:
        document = from_paste(text)
        return document, review_document(kb, document, target_role)


async def _bounded(job: Any, *args: Any, time_limit: float) -> Reviewed:
    try:
        result: Reviewed = await asyncio.wait_for(asyncio.to_thread(job, *args), time_limit)
    except TimeoutError:
        raise ParseTimeout(time_limit) from None
    return result


async def read_and_review_file(
    kb: Any,
    data: bytes,
    filename: str,
    target_role: str | None = None,
    *,
    time_limit: float = PARSE_TIMEOUT,
) -> Reviewed:
    """(document, review) of an uploaded file, off the event loop. The document's text lives
    only as long as the caller keeps it (for the LLM rewrites' figure check)."""
    if len(data) > MAX_BYTES:
        raise FileTooLarge(len(data))
    return await _bounded(_file_job, kb, data, filename, target_role, time_limit=time_limit)


async def read_and_review_text(
    kb: Any, text: str, target_role: str | None = None, *, time_limit: float = PARSE_TIMEOUT
) -> Reviewed:
    return await _bounded(_text_job, kb, text, target_role, time_limit=time_limit)


async def review_file_async(
    kb: Any,
    data: bytes,
    filename: str,
    target_role: str | None = None,
    *,
    time_limit: float = PARSE_TIMEOUT,
) -> ResumeReview:
    """Read and review an uploaded file off the event loop. Raises a `ResumeError`."""
    document_and_review = await read_and_review_file(
        kb, data, filename, target_role, time_limit=time_limit
    )
    return document_and_review[1]


async def review_text_async(
    kb: Any, text: str, target_role: str | None = None, *, time_limit: float = PARSE_TIMEOUT
) -> ResumeReview:
    """Review pasted text off the event loop. Raises a `ResumeError`."""
    return (await read_and_review_text(kb, text, target_role, time_limit=time_limit))[1]

"""Async entry points: read + review in one worker thread, bounded in time and concurrency."""

from __future__ import annotations

import asyncio
from typing import Any

from careermate_bot.services.resume.errors import MAX_BYTES, FileTooLarge, ParseTimeout
from careermate_bot.services.resume.files import PARSE_TIMEOUT, _slots, from_paste, read_document
from careermate_bot.services.resume.review import review_document
from careermate_bot.services.resume.types import ResumeReview


def _file_job(kb: Any, data: bytes, filename: str, target_role: str | None) -> ResumeReview:
    with _slots:
        return review_document(kb, read_document(data, filename), target_role)


def _text_job(kb: Any, text: str, target_role: str | None) -> ResumeReview:
    with _slots:
        return review_document(kb, from_paste(text), target_role)


async def _bounded(job: Any, *args: Any, time_limit: float) -> ResumeReview:
    try:
        result: ResumeReview = await asyncio.wait_for(asyncio.to_thread(job, *args), time_limit)
    except TimeoutError:
        raise ParseTimeout(time_limit) from None
    return result


async def review_file_async(
    kb: Any,
    data: bytes,
    filename: str,
    target_role: str | None = None,
    *,
    time_limit: float = PARSE_TIMEOUT,
) -> ResumeReview:
    """Read and review an uploaded file off the event loop. Raises a `ResumeError`."""
    if len(data) > MAX_BYTES:
        raise FileTooLarge(len(data))
    return await _bounded(_file_job, kb, data, filename, target_role, time_limit=time_limit)


async def review_text_async(
    kb: Any, text: str, target_role: str | None = None, *, time_limit: float = PARSE_TIMEOUT
) -> ResumeReview:
    """Review pasted text off the event loop. Raises a `ResumeError`."""
    return await _bounded(_text_job, kb, text, target_role, time_limit=time_limit)

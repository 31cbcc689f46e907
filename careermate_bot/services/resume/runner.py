"""Async entry points: the file is read in a worker process (services.resume.sandbox: killed
past its time limit, with CPU and memory limits), the text is reviewed in the bounded parsing
thread pool (careermate_bot.workers). Both steps have the time limit."""

from __future__ import annotations

import asyncio
from typing import Any

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.services.resume.document import Document
from careermate_bot.services.resume.errors import MAX_BYTES, FileTooLarge, ParseTimeout
from careermate_bot.services.resume.files import PARSE_TIMEOUT, from_paste
from careermate_bot.services.resume.review import review_document
from careermate_bot.services.resume.sandbox import parse_pool
from careermate_bot.services.resume.types import ResumeReview
from careermate_bot.workers import Work, run_in

Reviewed = tuple[Document, ResumeReview]


def _text_job(kb: KnowledgeBase, text: str, target_role: str | None) -> Reviewed:
    document = from_paste(text)
    return document, review_document(kb, document, target_role)


async def _in_thread(time_limit: float, job: Any, *args: Any) -> Any:
    # Our own code on at most MAX_CHARS of text: bounded, but a thread can't be stopped, so
    # past the limit the user is answered and the thread finishes on its own.
    try:
        async with asyncio.timeout(time_limit):
            return await run_in(Work.PARSING, job, *args)
    except TimeoutError:
        raise ParseTimeout(time_limit) from None


async def read_document_async(
    data: bytes, filename: str = "", *, time_limit: float = PARSE_TIMEOUT
) -> Document:
    """`files.read_document` in a worker process; `ParseTimeout` after `time_limit` seconds
    (the worker is killed), `TooComplex` when it hits its CPU or memory limit."""
    if len(data) > MAX_BYTES:  # refuse before using a worker
        raise FileTooLarge(len(data))
    return await parse_pool().read(data, filename, time_limit=time_limit)


async def extract_text_async(
    data: bytes, filename: str, *, time_limit: float = PARSE_TIMEOUT
) -> str:
    return (await read_document_async(data, filename, time_limit=time_limit)).text


async def read_and_review_file(
    kb: KnowledgeBase,
    data: bytes,
    filename: str,
    target_role: str | None = None,
    *,
    time_limit: float = PARSE_TIMEOUT,
) -> Reviewed:
    """(document, review) of an uploaded file, off the event loop. The document's text lives
    only as long as the caller keeps it (for the LLM rewrites' figure check)."""
    document = await read_document_async(data, filename, time_limit=time_limit)
    result: ResumeReview = await _in_thread(time_limit, review_document, kb, document, target_role)
    return document, result


async def read_and_review_text(
    kb: KnowledgeBase,
    text: str,
    target_role: str | None = None,
    *,
    time_limit: float = PARSE_TIMEOUT,
) -> Reviewed:
    reviewed: Reviewed = await _in_thread(time_limit, _text_job, kb, text, target_role)
    return reviewed


async def review_file_async(
    kb: KnowledgeBase,
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
    kb: KnowledgeBase,
    text: str,
    target_role: str | None = None,
    *,
    time_limit: float = PARSE_TIMEOUT,
) -> ResumeReview:
    """Review pasted text off the event loop. Raises a `ResumeError`."""
    return (await read_and_review_text(kb, text, target_role, time_limit=time_limit))[1]

"""Bytes in, `Document` out: size limit, type from the bytes, the right reader, text limits.

Blocking (pypdf, python-docx): `read_document_async` runs it in a worker thread with a time
limit, and at most `PARSE_CONCURRENCY` files are read at once so two cores stay responsive.
"""

from __future__ import annotations

import asyncio
import threading

from careermate_bot.services.resume import sniff
from careermate_bot.services.resume.document import Document, FileKind
from careermate_bot.services.resume.errors import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_PAGES,
    CorruptFile,
    EmptyDocument,
    FileTooLarge,
    ParseTimeout,
    TooManyPages,
    UnsupportedType,
)
from careermate_bot.services.resume.text_reader import clean, read_text

PARSE_TIMEOUT = 15.0  # seconds
PARSE_CONCURRENCY = 2
WORDS_PER_PAGE = 600  # a dense page; used to bound formats without pages

_slots = threading.BoundedSemaphore(PARSE_CONCURRENCY)


def read_document(data: bytes, filename: str = "") -> Document:
    """Read a résumé file. Raises a `ResumeError` subclass for every case we can't review."""
    if len(data) > MAX_BYTES:
        raise FileTooLarge(len(data))
    if not data.strip():
        raise EmptyDocument()
    kind = sniff.sniff(data)
    if kind == sniff.PDF:
        from careermate_bot.services.resume.pdf_reader import read_pdf

        document = read_pdf(data)
    elif kind == sniff.DOCX:
        from careermate_bot.services.resume.docx_reader import read_docx

        document = read_docx(data)
    elif kind == sniff.ODT:
        from careermate_bot.services.resume.docx_reader import read_odt

        document = read_odt(data)
    elif kind == sniff.TEXT:
        document = read_text(data, filename)
    elif kind.startswith("damaged"):
        named_word = filename.lower().endswith((".docx", ".odt"))
        raise CorruptFile("Word" if named_word else "ZIP", "bad zip")
    else:
        raise UnsupportedType(kind, filename)
    return _check_length(document)


def from_paste(text: str) -> Document:
    """Text pasted into the form (or given to the CLI): same limits as a file."""
    if len(text) > MAX_CHARS:
        raise TooManyPages(None)
    return _check_length(Document(text=clean(text), kind=FileKind.PASTE))


def _check_length(document: Document) -> Document:
    words = len(document.text.split())
    if words == 0:
        raise EmptyDocument(_kind_name(document.kind))
    if len(document.text) > MAX_CHARS or words > MAX_PAGES * WORDS_PER_PAGE:
        raise TooManyPages(None)  # the text of more than 10 dense pages, whatever the page count
    return document


def _kind_name(kind: FileKind) -> str:
    return {
        FileKind.PDF: "PDF",
        FileKind.DOCX: "Word document",
        FileKind.ODT: "OpenDocument file",
        FileKind.TEXT: "file",
        FileKind.PASTE: "text",
    }[kind]


def _guarded(data: bytes, filename: str) -> Document:
    with _slots:
        return read_document(data, filename)


async def read_document_async(
    data: bytes, filename: str = "", *, time_limit: float = PARSE_TIMEOUT
) -> Document:
    """`read_document` in a worker thread; `ParseTimeout` after `time_limit` seconds."""
    if len(data) > MAX_BYTES:  # refuse before using a thread
        raise FileTooLarge(len(data))
    try:
        return await asyncio.wait_for(asyncio.to_thread(_guarded, data, filename), time_limit)
    except TimeoutError:
        raise ParseTimeout(time_limit) from None


def extract_text(data: bytes, filename: str) -> str:
    """The résumé's text (type from the bytes). Raises a `ResumeError` for unreadable input."""
    return read_document(data, filename).text


async def extract_text_async(
    data: bytes, filename: str, *, time_limit: float = PARSE_TIMEOUT
) -> str:
    return (await read_document_async(data, filename, time_limit=time_limit)).text

"""Bytes in, `Document` out: size limit, type from the bytes, the right reader, text limits.

Blocking (pypdf, lxml) and fed untrusted bytes: the async entry points (`runner`) run it in a
worker process that is killed past the time limit, with CPU and memory limits, at most
`sandbox.PARSE_CONCURRENCY` files at once so two cores stay responsive (services.resume.sandbox).
"""

from __future__ import annotations

from careermate_bot.services.resume import sniff
from careermate_bot.services.resume.document import Document, FileKind
from careermate_bot.services.resume.errors import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_PAGES,
    CorruptFile,
    EmptyDocument,
    FileTooLarge,
    TooManyPages,
    UnsupportedType,
)
from careermate_bot.services.resume.text_reader import clean, read_text

PARSE_TIMEOUT = 15.0  # seconds (wall clock) to read one file
WORDS_PER_PAGE = 600  # a dense page; used to bound formats without pages


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


def extract_text(data: bytes, filename: str) -> str:
    """The résumé's text (type from the bytes). Raises a `ResumeError` for unreadable input."""
    return read_document(data, filename).text

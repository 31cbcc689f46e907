"""PDF text with pypdf, refusing what can't be reviewed honestly (scanned, encrypted, huge)."""

from __future__ import annotations

import io
import logging
from collections import defaultdict
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from careermate_bot.services.resume.document import Document, FileKind, LayoutRisk
from careermate_bot.services.resume.errors import (
    MAX_PAGES,
    CorruptFile,
    EmptyDocument,
    EncryptedPdf,
    ScannedPdf,
    TooManyPages,
)
from careermate_bot.services.resume.text_reader import clean

MIN_CHARS_PER_PAGE = 40  # below this on average the text layer is missing (scanned)
COLUMN_ROWS = 8  # rows whose right block starts at the same x before we call it columns
COLUMN_SHARE = 0.4  # ... and that share of the page's rows (right-aligned dates are fewer)

logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are reported by us


def read_pdf(data: bytes) -> Document:
    try:
        return _read(data)
    except (EncryptedPdf, ScannedPdf, TooManyPages, EmptyDocument):
        raise
    except (FileNotDecryptedError, DependencyError):
        raise EncryptedPdf() from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise CorruptFile("PDF", f"{type(error).__name__}: {error}") from None
    except RecursionError:
        raise CorruptFile("PDF", "recursion") from None
    except Exception as error:  # pypdf raises many things on hostile input
        raise CorruptFile("PDF", f"{type(error).__name__}: {error}") from None


def _read(data: bytes) -> Document:
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # an owner-only password still lets anyone read
        except (DependencyError, NotImplementedError):
            raise EncryptedPdf() from None
        if not opened:
            raise EncryptedPdf()
    pages = len(reader.pages)
    if pages > MAX_PAGES:
        raise TooManyPages(pages)
    texts: list[str] = []
    images = 0
    column_rows = 0
    for page in reader.pages:
        rows: dict[int, list[float]] = defaultdict(list)

        def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any, rows: Any = rows) -> None:
            if text.strip():
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                rows[round(y / 3)].append(x)

        texts.append(page.extract_text(visitor_text=visit) or "")
        images += _image_count(page)
        width = float(page.mediabox.width or 612)
        column_rows += _column_rows(rows, width)
    text = clean("\n".join(texts))
    chars = len("".join(text.split()))
    if chars < MIN_CHARS_PER_PAGE * max(1, pages) // 2:
        if images or chars:
            raise ScannedPdf(pages)
        raise EmptyDocument("PDF")
    risks: list[LayoutRisk] = []
    if images:
        risks.append(
            LayoutRisk("images", f"{images} image(s): text inside images is invisible to an ATS")
        )
    if column_rows >= COLUMN_ROWS:
        risks.append(
            LayoutRisk("columns", "a multi-column layout: an ATS may read the columns mixed up")
        )
    return Document(text=text, kind=FileKind.PDF, pages=pages, risks=tuple(risks))


def _column_rows(rows: dict[int, list[float]], width: float) -> int:
    """Rows with text in the left third and a second block starting at one shared x past
    40% of the width (a second column); 0 unless that is most of the page."""
    starts: dict[int, int] = defaultdict(int)
    for xs in rows.values():
        right = [x for x in xs if x > width * 0.4]
        if right and min(xs) < width * 0.3:
            starts[round(min(right) / 8)] += 1
    best = max(starts.values(), default=0)
    return best if best >= COLUMN_ROWS and best >= COLUMN_SHARE * len(rows) else 0


def _image_count(page: Any) -> int:
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        if not xobjects:
            return 0
        xobjects = xobjects.get_object()
        return sum(1 for ref in xobjects.values() if ref.get_object().get("/Subtype") == "/Image")
    except Exception:
        return 0

"""PDF text with pypdf, refusing what can't be reviewed honestly (scanned, encrypted, huge).

pypdf's own work limits are lowered to what a résumé needs (`PYPDF_LIMITS`), and before any
text is extracted the work extraction would do is measured, decoded bytes first and then parsed
tokens (`MAX_CONTENT_BYTES`, `MAX_CONTENT_WORK`): pypdf parses a form XObject again every time
a page draws it, so a 2 KB file drawing one large form many times asks for minutes of CPU. Such
a file is refused (`TooComplex`). Errors never carry pypdf's message (it can quote the file's
bytes: names, emails), only the exception's type.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError
from pypdf.generic import ContentStream

from careermate_bot.services.resume.document import Document, FileKind, LayoutRisk
from careermate_bot.services.resume.errors import (
    MAX_BYTES,
    MAX_PAGES,
    CorruptFile,
    EmptyDocument,
    EncryptedPdf,
    ScannedPdf,
    TooComplex,
    TooManyPages,
)
from careermate_bot.services.resume.text_reader import clean

MIN_CHARS_PER_PAGE = 40  # below this on average the text layer is missing (scanned)
COLUMN_ROWS = 8  # rows whose right block starts at the same x before we call it columns
COLUMN_SHARE = 0.4  # ... and that share of the page's rows (right-aligned dates are fewer)

# pypdf's limits (defaults in brackets) lowered for one- to ten-page résumés. A dense page written
# glyph by glyph is ~40,000 content tokens; a résumé's streams inflate to well under 10 MB.
PYPDF_LIMITS: dict[str, int] = {
    "stream_parsing_work_maximum_count": 100_000,  # tokens per content stream [2,000,000]
    "xform_maximum_invocations_per_extraction": 200,  # form XObject draws per page [5,000]
    "maximum_declared_stream_length": MAX_BYTES,  # no stream is longer than the file [75 MB]
    "zlib_maximum_output_length": 25_000_000,  # one inflated stream [75 MB]
    "lzw_maximum_output_length": 25_000_000,
    "run_length_maximum_output_length": 25_000_000,
    "brotli_maximum_output_length": 25_000_000,
    "array_based_stream_maximum_output_length": 25_000_000,
    "stream_decoding_work_maximum_length": 50_000_000,  # decoding work per stream [300 MB]
    "page_tree_maximum_entries": 1_000,  # [100,000]; more than MAX_PAGES is refused anyway
    "page_tree_maximum_page_entries": 20_000,  # [2,000,000]
}
# Content tokens (operators and operands) text extraction may go through in the whole document,
# counting a form XObject's tokens at every draw. A Word export's page is ~5,000; a page written
# glyph by glyph ~40,000, so eight of those fit. At the limit extraction takes ~2.5 s of CPU.
MAX_CONTENT_WORK = 300_000
# Decoded content bytes, counted the same way (a glyph-by-glyph page is ~120 KB) and first,
# before anything is parsed: a small file drawing a large form many times is refused at once.
MAX_CONTENT_BYTES = 1_200_000
MAX_FORM_DEPTH = 12  # forms drawing forms; pypdf skips cycles, so do we

logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are reported by us


def read_pdf(data: bytes) -> Document:
    try:
        with pypdf_limits():
            return _read(data)
    except (EncryptedPdf, ScannedPdf, TooManyPages, EmptyDocument, TooComplex):
        raise
    except (FileNotDecryptedError, DependencyError):
        raise EncryptedPdf() from None
    except LimitReachedError as error:
        raise TooComplex("PDF", type(error).__name__) from None
    except MemoryError:
        raise  # the worker process's memory limit: it answers and is replaced (sandbox)
    except RecursionError:
        raise CorruptFile("PDF", "recursion") from None
    except Exception as error:  # pypdf raises many things on hostile input
        # Only the type: pypdf's messages quote raw bytes of the file (names, emails, phones).
        raise CorruptFile("PDF", type(error).__name__) from None


@contextlib.contextmanager
def pypdf_limits() -> Iterator[None]:
    """`PYPDF_LIMITS` for the pypdf calls inside (those this pypdf version knows)."""
    try:
        from pypdf import Configuration, apply_configuration
    except ImportError:  # pypdf < 6 has no configuration object; the worker's limits remain
        yield
        return
    known = {field.name for field in dataclasses.fields(Configuration)}
    with apply_configuration(None, **{k: v for k, v in PYPDF_LIMITS.items() if k in known}):
        yield


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
    _ContentWork(reader).check()
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


class _ContentWork:
    """What text extraction would go through, counted before it runs, each form XObject at every
    draw (pypdf parses a form again each time). Two passes, cheapest first:

    1. bytes: each page's decoded content plus, per `/Name Do` found in it, the form's bytes
       (recursively; no parsing, a byte scan) — past `MAX_CONTENT_BYTES`, refused at once;
    2. tokens: the streams parsed once (under pypdf's per-stream token limit) — past
       `MAX_CONTENT_WORK`, refused.

    Raises `TooComplex`."""

    def __init__(self, reader: PdfReader) -> None:
        self.reader = reader
        self.bytes_left = MAX_CONTENT_BYTES
        self.tokens_left = MAX_CONTENT_WORK
        self.form_bytes: dict[int, int] = {}
        self.form_tokens: dict[int, int] = {}
        self.open_forms: set[int] = set()

    def check(self) -> None:
        for page in self.reader.pages:
            contents = _contents(page)
            if contents is not None:
                self.bytes_left -= self._drawn_bytes(contents.get_data(), _resources(page), 0)
                if self.bytes_left < 0:
                    raise TooComplex("PDF", "content bytes")
        for page in self.reader.pages:  # one page's parsed operators in memory at a time
            contents = _contents(page)
            try:
                operations = contents.operations if contents is not None else []
            except (LimitReachedError, MemoryError):
                raise
            except Exception:
                continue  # pypdf's extraction copes with (or reports) a broken page itself
            self.tokens_left -= self._stream_tokens(operations, _resources(page), 0)
            if self.tokens_left < 0:
                raise TooComplex("PDF", "content work")

    # -- pass 1: bytes -------------------------------------------------------------------------
    def _drawn_bytes(self, data: bytes, resources: Any, depth: int) -> int:
        cost = len(data)
        if cost > self.bytes_left:
            raise TooComplex("PDF", "content bytes")
        draws = Counter(match.group(1) for match in _DRAW.finditer(data))
        for raw_name, times in draws.items():
            found = _form(resources, _name(raw_name))
            if found is None or depth >= MAX_FORM_DEPTH:
                continue
            key, form, own = found
            if key in self.open_forms:
                continue  # a cycle: pypdf skips it
            if key not in self.form_bytes:
                self.open_forms.add(key)
                try:
                    self.form_bytes[key] = self._drawn_bytes(form.get_data(), own, depth + 1)
                except (LimitReachedError, MemoryError, TooComplex):
                    raise
                except Exception:
                    self.form_bytes[key] = 0  # undecodable: pass 2 counts what it can cost
                finally:
                    self.open_forms.discard(key)
            cost += times * self.form_bytes[key]
            if cost > self.bytes_left:
                raise TooComplex("PDF", "content bytes")
        return cost

    # -- pass 2: tokens ------------------------------------------------------------------------
    def _stream_tokens(
        self, operations: list[tuple[Any, bytes]], resources: Any, depth: int
    ) -> int:
        cost = 0
        for operands, operator in operations:
            cost += 1 + len(operands)
            for operand in operands:
                if isinstance(operand, list):
                    cost += len(operand)
            if operator == b"Do" and operands:
                cost += self._form_tokens(resources, operands[0], depth)
            if cost > self.tokens_left:
                raise TooComplex("PDF", "content work")
        return cost

    def _form_tokens(self, resources: Any, name: Any, depth: int) -> int:
        found = _form(resources, name)
        if found is None or depth >= MAX_FORM_DEPTH:
            return 0
        key, form, own = found
        if key in self.open_forms:
            return 0
        if key not in self.form_tokens:
            self.open_forms.add(key)
            try:
                if not own:
                    cost = 1  # pypdf extracts nothing from a form without resources
                else:
                    operations = ContentStream(form, self.reader).operations
                    cost = self._stream_tokens(operations, own, depth + 1)
            except (LimitReachedError, MemoryError, TooComplex):
                raise
            except Exception:
                # pypdf gives up on a broken form at every draw: count the most one can cost.
                cost = PYPDF_LIMITS["stream_parsing_work_maximum_count"]
            finally:
                self.open_forms.discard(key)
            self.form_tokens[key] = cost
        return self.form_tokens[key]


# "/Name Do": a form (or image) drawn; names may hold #xx escapes.
_DRAW = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![A-Za-z0-9_])")


def _name(raw: bytes) -> str:
    unescaped = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    return "/" + unescaped.decode("utf-8", "replace")


def _contents(page: Any) -> ContentStream | None:
    try:
        contents: ContentStream | None = page.get_contents()
    except (LimitReachedError, MemoryError):
        raise
    except Exception:
        return None  # pypdf's extraction copes with (or reports) a broken page itself
    return contents


def _form(resources: Any, name: Any) -> tuple[int, Any, Any] | None:
    """(identity, the form XObject, its own resources) drawn as `name`, or None (an image, or
    a name pypdf can't resolve either)."""
    try:
        form = resources["/XObject"].get_object()[name].get_object()
        if form.get("/Subtype") != "/Form":
            return None
    except Exception:
        return None
    return id(form), form, _resources(form)


def _resources(obj: Any) -> Any:
    try:
        getter = getattr(obj, "get_inherited", None)
        found = getter("/Resources", None) if getter is not None else obj.get("/Resources")
        return found.get_object() if found is not None else None
    except Exception:
        return None


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

"""Word (.docx) and OpenDocument (.odt) text, after checking the zip is not a bomb.

The XML is read directly with lxml (entities off; python-docx would parse every style and
theme part first, ~25x slower). Paragraphs come out in document order, including table cells
and text boxes; list paragraphs get a "• " so bullets survive; header and footer text comes
first. Tables, text boxes, images, header/footer text and multiple columns are reported as
layout risks: applicant tracking systems often misread them.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from careermate_bot.services.resume.document import Document, FileKind, LayoutRisk
from careermate_bot.services.resume.errors import CorruptFile, EmptyDocument, ZipBomb
from careermate_bot.services.resume.text_reader import clean

MAX_ENTRIES = 2_000
MAX_UNPACKED = 60 * 1024 * 1024  # all entries together
MAX_PART = 25 * 1024 * 1024  # one entry (document.xml of a long résumé is well under 1 MB)
MAX_RATIO = 150  # compression ratio of one large entry
MAX_HEADER_FOOTER_LINES = 40  # distinct lines kept from all headers (or footers) together
MAX_HEADER_FOOTER_PARAGRAPHS = 2_000  # paragraphs looked at in them; a real header has a few

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def check_zip(data: bytes, kind: str = "Word") -> None:
    """Refuse archives that unpack to absurd sizes before any XML parser sees them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise CorruptFile(kind, type(error).__name__) from None
    if len(infos) > MAX_ENTRIES:
        raise ZipBomb(f"{len(infos)} entries")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise ZipBomb(f"{total} bytes unpacked")
    for info in infos:
        if info.file_size > MAX_PART:
            raise ZipBomb(f"entry of {info.file_size} bytes")
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise ZipBomb(f"ratio {info.file_size // max(1, info.compress_size)}")


def read_docx(data: bytes) -> Document:
    check_zip(data)
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body_xml = archive.read("word/document.xml")
            extra = {
                name: archive.read(name)
                for name in archive.namelist()
                if name.startswith(("word/header", "word/footer")) and name.endswith(".xml")
            }
        root = etree.fromstring(body_xml, parser)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError) as error:
        # Only the type: lxml's and zipfile's messages quote the file (tags, names, text).
        raise CorruptFile("Word", type(error).__name__) from None
    body = root.find(_w("body"))
    if body is None:
        raise CorruptFile("Word", "no document body")

    header_lines = _header_footer_lines(extra, "word/header", parser)
    footer_lines = _header_footer_lines(extra, "word/footer", parser)
    lines: list[str] = []
    boxes = 0
    for p in body.iter(_w("p")):
        if _under(p, MC_FALLBACK):
            continue
        if _under(p, _w("txbxContent")):
            boxes += 1
        text = _paragraph_text(p)
        if not text.strip():
            lines.append("")
            continue
        prefix = "• " if _is_list(p) and not text.lstrip().startswith(("•", "-", "*")) else ""
        lines.append(prefix + text)
    text = clean("\n".join([*header_lines, *lines, *footer_lines]))
    if not text.strip():
        raise EmptyDocument("Word document")
    risks = _risks(body, boxes, bool(header_lines or footer_lines))
    return Document(text=text, kind=FileKind.DOCX, risks=tuple(risks))


_P = _w("p")
_T = _w("t")
_TAB = _w("tab")
_BREAKS = (_w("br"), _w("cr"))


def _paragraph_text(p: Any) -> str:
    """The paragraph's own text (runs, hyperlinks, fields), not that of nested text boxes."""
    parts: list[str] = []
    for element in p.iter(_T, _TAB, *_BREAKS):
        parent = element.getparent()
        while parent is not None and parent.tag != _P:
            parent = parent.getparent()
        if parent is not p:
            continue
        if element.tag == _T:
            parts.append(element.text or "")
        elif element.tag == _TAB:
            if element.getparent().tag != _w("tabs"):
                parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _under(element: Any, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _is_list(p: Any) -> bool:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        return False
    if ppr.find(_w("numPr")) is not None:
        return True
    style = ppr.find(_w("pStyle"))
    return style is not None and "list" in (style.get(_w("val")) or "").lower()


def _header_footer_lines(parts: dict[str, bytes], prefix: str, parser: Any) -> list[str]:
    """Distinct header (or footer) lines in order, linear in the parts' size and capped: a real
    header has a few lines, so past the caps the rest is not looked at."""
    from lxml import etree

    lines: dict[str, None] = {}  # insertion-ordered set
    seen = 0
    for name in sorted(n for n in parts if n.startswith(prefix)):
        try:
            root = etree.fromstring(parts[name], parser)
        except etree.XMLSyntaxError:
            continue
        for p in root.iter(_P):
            seen += 1
            if seen > MAX_HEADER_FOOTER_PARAGRAPHS or len(lines) >= MAX_HEADER_FOOTER_LINES:
                return list(lines)
            text = "".join(t.text or "" for t in p.iter(_T)).strip()
            if text and not text.lower().startswith("page"):
                lines.setdefault(text, None)
    return list(lines)


def _risks(body: Any, boxes: int, header_footer: bool) -> list[LayoutRisk]:
    risks: list[LayoutRisk] = []
    tables = [
        t
        for t in body.iter(_w("tbl"))
        if len(t.findall(f"{_w('tblGrid')}/{_w('gridCol')}")) > 1
        and "".join(x.text or "" for x in t.iter(_w("t"))).strip()
    ]
    if tables:
        risks.append(
            LayoutRisk("tables", f"{len(tables)} table(s): many ATS read tables out of order")
        )
    if boxes:
        risks.append(LayoutRisk("text_boxes", "text boxes: many ATS skip their text"))
    images = sum(1 for b in body.iter(BLIP, VML_IMAGE) if not _under(b, MC_FALLBACK))
    if images:
        risks.append(
            LayoutRisk("images", f"{images} image(s): text inside images is invisible to an ATS")
        )
    if header_footer:
        risks.append(
            LayoutRisk(
                "header_footer",
                "text in the page header/footer: many ATS ignore it (keep contact details in "
                "the body)",
            )
        )
    for cols in body.iter(_w("cols")):
        if int(cols.get(_w("num"), "1") or 1) > 1:
            risks.append(
                LayoutRisk("columns", "a multi-column layout: an ATS may read the columns mixed up")
            )
            break
    return risks


# -- OpenDocument text ----------------------------------------------------------------------------
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
ODF_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"


def read_odt(data: bytes) -> Document:
    check_zip(data, "OpenDocument")
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(
                archive.read("content.xml"), etree.XMLParser(resolve_entities=False)
            )
    except MemoryError:
        raise
    except Exception as error:
        raise CorruptFile("OpenDocument", type(error).__name__) from None
    lines: list[str] = []
    for element in root.iter(f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h"):
        text = "".join(element.itertext()).strip()
        in_list = _under(element, f"{{{ODF_TEXT}}}list-item")
        lines.append(("• " if in_list and text else "") + text)
    text = clean("\n".join(lines))
    if not text.strip():
        raise EmptyDocument("OpenDocument file")
    risks: list[LayoutRisk] = []
    if any(True for _ in root.iter(f"{{{ODF_TABLE}}}table")):
        risks.append(LayoutRisk("tables", "tables: many ATS read tables out of order"))
    if any(True for _ in root.iter(f"{{{ODF_DRAW}}}image")):
        risks.append(LayoutRisk("images", "images: text inside images is invisible to an ATS"))
    if any(True for _ in root.iter(f"{{{ODF_DRAW}}}text-box")):
        risks.append(LayoutRisk("text_boxes", "text boxes: many ATS skip their text"))
    return Document(text=text, kind=FileKind.ODT, risks=tuple(risks))

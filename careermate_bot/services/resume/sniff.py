"""File type from the bytes, never from the name ("resume.pdf" that is a PNG is told so)."""

from __future__ import annotations

import io
import zipfile

PDF = "pdf"
DOCX = "docx"
ODT = "odt"
TEXT = "text"

# (magic prefix, what we call it). Images and other documents we can't read get a clear name.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000 image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Word (.doc)"),
    (b"{\\rtf", "RTF"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "program"),
    (b"MZ", "program"),
)


def sniff(data: bytes) -> str:
    """ "pdf", "docx", "odt", "text", or a readable name of another type ("PNG image")."""
    head = data[:16]
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return PDF
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP image"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "HEIC image"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    start = data[:300].lstrip()
    if start.startswith(b"<svg") or (start.startswith(b"<?xml") and b"<svg" in data[:400]):
        return "SVG image"
    for magic, name in _MAGIC:
        if head.startswith(magic):
            if name == "BMP image" and len(data) > 6 and not data[2:6].strip(b"\x00"):
                continue  # "BM" followed by zeros: too weak a signal, let text decide
            if name == "program" and magic == b"MZ" and b"This program" not in data[:512]:
                continue
            return name
    return TEXT


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "mimetype" in names:
                try:
                    mime = archive.read("mimetype")[:100]
                except (KeyError, zipfile.BadZipFile, RuntimeError, OSError):
                    mime = b""
                if mime.startswith(b"application/vnd.oasis.opendocument.text"):
                    return ODT
                if b"opendocument" in mime:
                    return "OpenDocument (not a text document)"
                if b"epub" in mime:
                    return "EPUB e-book"
            if any(n.startswith("xl/") for n in names):
                return "Excel spreadsheet"
            if any(n.startswith("ppt/") for n in names):
                return "PowerPoint presentation"
            if "content.xml" in names and "META-INF/manifest.xml" in names:
                return ODT
            return "ZIP archive"
    except zipfile.BadZipFile:
        return "damaged ZIP or Word file"

"""Plain text and Markdown: the encoding comes from the bytes (BOMs, then charset-normalizer)."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from careermate_bot.services.resume.document import Document, FileKind
from careermate_bot.services.resume.errors import CorruptFile, UnsupportedType

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Text from bytes in UTF-8 (with or without BOM), UTF-16/32 or a legacy code page."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise CorruptFile("text", type(error).__name__) from None
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data.count(b"\x00") > len(data) // 100:
        raise UnsupportedType("binary data")
    latin = _windows_1252(data)
    if latin is not None:
        return latin
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise UnsupportedType("binary data")
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")


def _windows_1252(data: bytes) -> str | None:
    """Windows-1252 (the usual legacy encoding of Western résumés) when it decodes to Latin
    letters only; charset-normalizer guesses other code pages on short texts."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = accented = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ch > "\x7f":
                accented += 1
                if not unicodedata.name(ch, "").startswith("LATIN"):
                    return None
    # Mostly accented letters: another code page (cp1251 Cyrillic also decodes as "Latin").
    return text if accented <= 0.2 * letters else None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text has a zero in every other byte."""
    sample = data[:4000]
    if len(sample) < 8:
        return None
    evens, odds = sample[0::2], sample[1::2]
    for zeros, encoding in ((odds, "utf-16-le"), (evens, "utf-16-be")):
        if zeros.count(0) > 0.4 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def clean(text: str) -> str:
    """Normalise line ends and Unicode (NFKC keeps ligatures such as "ﬁ" from splitting words)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = unicodedata.normalize("NFKC", text.replace("\u00a0", " ").replace("\u00ad", ""))
    return _CONTROL.sub(" ", text.replace("\x0c", "\n"))


def strip_markdown(text: str) -> str:
    text = _MD_LINK.sub(r"\1 (\2)", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_HEADING.sub("", text)


def read_text(data: bytes, filename: str = "") -> Document:
    text = clean(decode(data))
    if _looks_binary(text):
        raise UnsupportedType("binary data", filename)
    if filename.lower().endswith((".md", ".markdown")) or _MD_HEADING.search(text[:2000]):
        text = strip_markdown(text)
    return Document(text=text, kind=FileKind.TEXT)


def _looks_binary(text: str) -> bool:
    sample = text[:5000]
    if not sample:
        return False
    odd = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (ch not in "\n\t " and unicodedata.category(ch) in ("Cc", "Cn"))
    )
    return odd > 0.1 * len(sample)

"""Reading résumé files: formats and encodings, type from the bytes, and every bad-file case."""

from __future__ import annotations

import asyncio

import pytest

from careermate_bot.services import resume
from careermate_bot.services.resume import sniff
from tests import resume_samples as S


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cv.txt", S.STRONG.encode()),
        ("cv.txt", b"\xef\xbb\xbf" + S.STRONG.encode()),  # UTF-8 with BOM
        ("cv.txt", S.STRONG.encode("utf-16")),
        ("cv.txt", S.STRONG.encode("utf-16-le")),  # no BOM
        ("cv.txt", S.STRONG.replace("•", "-").encode("cp1252")),
        ("cv.md", ("# Jordan\n\n" + S.STRONG).encode()),
    ],
)
def test_text_encodings_read_the_same_words(name: str, data: bytes) -> None:
    text = resume.extract_text(data, name)
    assert "Jordan Rivera" in text and "Brightpath Health" in text
    assert "Rodríguez" not in text and "\ufffd" not in text
    assert "—" in text or "-" in text


def test_cp1252_accents_survive() -> None:
    data = "José Núñez — Résumé\nEXPERIENCE\nCafé manager".encode("cp1252")
    text = resume.extract_text(data, "cv.txt")
    assert "José Núñez" in text and "Café" in text


def test_docx_keeps_bullets_headings_and_order() -> None:
    text = resume.extract_text(S.to_docx(S.STRONG), "cv.docx")
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0] == "Jordan Rivera"
    assert "Experience" in lines
    assert any(line.startswith("• Built a Tableau dashboard") for line in lines)
    assert lines.index("Experience") < lines.index("Education") < lines.index("Skills")


def test_docx_layout_risks_are_reported() -> None:
    data = S.to_docx(S.STRONG, table=True, header="Jordan Rivera | jordan@example.com")
    document = resume.read_document(data, "cv.docx")
    codes = {risk.code for risk in document.risks}
    assert codes == {"tables", "header_footer"}
    assert document.text.startswith("Jordan Rivera | jordan@example.com")
    assert "English, Spanish" in document.text  # table text is still read


def test_pdf_text_and_pages() -> None:
    document = resume.read_document(S.to_pdf(S.STRONG), "cv.pdf")
    assert document.kind == resume.FileKind.PDF and document.pages == 1
    assert "Lakeside Logistics" in document.text and not document.risks


def test_type_comes_from_the_bytes_not_the_name() -> None:
    assert sniff.sniff(S.to_pdf(S.STRONG)) == "pdf"
    assert sniff.sniff(S.to_docx(S.STRONG)) == "docx"
    assert sniff.sniff(S.PNG) == "PNG image"
    # A real PDF named .txt is still read as a PDF, a docx named .pdf as Word.
    assert "Lakeside" in resume.extract_text(S.to_pdf(S.STRONG), "notes.txt")
    assert "Lakeside" in resume.extract_text(S.to_docx(S.STRONG), "cv.pdf")


def _error(data: bytes, name: str) -> resume.ResumeError:
    with pytest.raises(resume.ResumeError) as caught:
        resume.extract_text(data, name)
    return caught.value


BAD_FILES = [
    ("too_large", "big.pdf", lambda: b"%PDF-1.4\n" + b"0" * (resume.MAX_BYTES + 1), "5 MB"),
    ("too_many_pages", "long.pdf", lambda: S.long_pdf(12), "10 pages"),
    ("scanned_pdf", "scan.pdf", S.scanned_pdf, "scanned"),
    ("encrypted", "locked.pdf", lambda: S.to_pdf(S.STRONG, password="s3cret"), "password"),
    ("corrupt", "broken.pdf", S.corrupt_pdf, "damaged"),
    ("corrupt", "broken.docx", S.corrupt_docx, "damaged"),
    ("zip_bomb", "bomb.docx", S.zip_bomb_docx, "unpacks"),
    ("empty", "blank.docx", S.empty_docx, "empty"),
    ("empty", "blank.txt", lambda: b"", "empty"),
    ("empty", "spaces.txt", lambda: b"  \n\t\n", "empty"),
    ("unsupported", "photo.pdf", lambda: S.PNG, "PNG image"),
    ("unsupported", "old.doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
]


@pytest.mark.parametrize(("code", "name", "make", "says"), BAD_FILES)
def test_each_bad_file_has_its_own_message(code: str, name: str, make, says: str) -> None:
    error = _error(make(), name)
    assert error.code == code
    assert says in error.user_message
    assert len(error.user_message) < 400


def test_a_pdf_named_png_is_told_what_it_really_is() -> None:
    message = _error(S.PNG, "resume.pdf").user_message
    assert "named .pdf" in message and "PNG image" in message


async def test_async_reader_runs_off_the_loop_with_a_time_limit() -> None:
    # Read in a worker process (services.resume.sandbox): a file that takes seconds of work,
    # with a 0.3 s limit, is stopped while the event loop keeps running.
    slow = S.slow_pdf()
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    task = asyncio.create_task(ticker())
    with pytest.raises(resume.ParseTimeout) as caught:
        await resume.read_document_async(slow, "cv.pdf", time_limit=0.3)
    task.cancel()
    assert ticks >= 3  # the event loop kept running while the file was parsed
    assert "too long" in caught.value.user_message


async def test_async_extract_text_returns_the_text() -> None:
    text = await resume.extract_text_async(S.to_docx(S.STRONG), "cv.docx")
    assert "Lakeside Logistics" in text


def test_word_processor_style_pdf_has_no_false_column_risk() -> None:
    document = resume.read_document(S.to_pdf_unicode(S.STRONG), "cv.pdf")
    assert "• Built a Tableau dashboard" in document.text  # the bullet glyph survives
    assert "Mar 2021 – Present" in document.text  # right-aligned dates on the title line
    assert not document.risks


def test_two_column_pdf_is_an_ats_risk() -> None:
    document = resume.read_document(S.two_column_pdf(S.STRONG), "cv.pdf")
    assert [risk.code for risk in document.risks] == ["columns"]


def test_the_installed_pypdf_knows_every_limit_we_lower() -> None:
    """`pypdf_limits` skips names the installed pypdf does not know (older versions); with the
    version pyproject asks for none may be skipped, or a hostile PDF would meet pypdf's
    defaults (5,000 form draws a page, 2,000,000 tokens a stream) instead of ours."""
    import dataclasses

    from pypdf import Configuration

    from careermate_bot.services.resume.pdf_reader import PYPDF_LIMITS

    known = {field.name for field in dataclasses.fields(Configuration)}
    assert set(PYPDF_LIMITS) <= known, set(PYPDF_LIMITS) - known

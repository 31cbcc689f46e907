"""Résumé parsing that can be stopped, and work that can't starve other work (issue 20).

Hostile files are built in tests/resume_samples.py. Each test failed before its fix.
"""

from __future__ import annotations

import asyncio
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from careermate_bot.cli.resume import run_resume
from careermate_bot.common.user_text import is_invisible, visible_text
from careermate_bot.config import build_settings
from careermate_bot.services import resume
from careermate_bot.services.resume import docx_reader, pdf_reader, sandbox
from careermate_bot.services.resume.errors import ParserBusy, TooComplex
from careermate_bot.services.resume.sandbox import Limits, ParsePool
from careermate_bot.workers import Work, run_in
from tests import resume_samples as S

CONTACT = "Jordan Rivera, jordan.rivera@example.com, (512) 555-0148"


def _refusal(data: bytes, name: str) -> resume.ResumeError:
    with pytest.raises(resume.ResumeError) as caught:
        resume.read_document(data, name)
    return caught.value


# -- pypdf's work, bounded -------------------------------------------------------------------------
def test_a_2kb_pdf_drawing_one_large_form_many_times_is_refused_as_too_complex() -> None:
    data = S.form_xobject_bomb_pdf(operators=100_000, draws=30)
    assert len(data) < 2_100
    error = _refusal(data, "cv.pdf")
    assert error.code == "too_complex"
    assert str(error) == "PDF over a work limit: content bytes"  # found before any parsing
    assert "far more complex inside than any résumé" in error.user_message
    assert "/resume paste" in error.user_message


def test_a_form_of_short_tokens_drawn_eight_times_is_refused_by_its_token_count() -> None:
    # 100 KB of one-digit operands: eight draws stay under the byte budget, not the token one.
    form = b"BT /F1 1 Tf 72 700 Td " + b"1 " * 50_000 + b"Tj ET"
    data = S.form_drawn_pdf(form, draws=8)
    assert 8 * len(form) < pdf_reader.MAX_CONTENT_BYTES
    assert 8 * 50_000 > pdf_reader.MAX_CONTENT_WORK
    error = _refusal(data, "cv.pdf")
    assert error.code == "too_complex" and str(error).endswith("content work")


def test_a_form_drawn_a_few_times_is_fine() -> None:
    form = b"BT /F1 11 Tf 72 700 Td (" + S.STRONG.replace("\n", " ").encode("latin-1", "replace")
    data = S.form_drawn_pdf(form + b") Tj ET", draws=3)
    assert "Lakeside Logistics" in resume.read_document(data, "cv.pdf").text


def test_a_million_tj_operators_are_refused_with_bounded_memory() -> None:
    data = S.tj_flood_pdf(1_000_000)
    assert len(data) < 11_000
    tracemalloc.start()
    try:
        error = _refusal(data, "cv.pdf")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.code == "too_complex"
    assert peak < 100 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"  # was 341 MB


def test_real_resume_pdfs_are_well_inside_the_work_limits() -> None:
    for data in (S.to_pdf(S.STRONG), S.to_pdf_unicode(S.STRONG), S.two_column_pdf(S.STRONG)):
        assert "Lakeside Logistics" in resume.read_document(data, "cv.pdf").text


# -- Word headers: linear and capped ---------------------------------------------------------------
def test_a_word_header_of_80000_paragraphs_is_capped_and_the_body_still_read() -> None:
    document = resume.read_document(S.docx_with_huge_header(80_000), "cv.docx")
    assert "Lakeside Logistics" in document.text
    header_lines = [line for line in document.text.splitlines() if "Header line" in line]
    assert 0 < len(header_lines) <= docx_reader.MAX_HEADER_FOOTER_LINES
    assert "header_footer" in [risk.code for risk in document.risks]


def test_repeated_header_lines_are_kept_once_in_order() -> None:
    parts = {
        "word/header1.xml": b'<w:hdr xmlns:w="%s">%s</w:hdr>'
        % (
            S.W_NS.encode(),
            b"".join(
                b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % t
                for t in (b"Jordan", b"Page 1", b"Austin", b"Jordan", b"Austin")
            ),
        )
    }
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False)
    assert docx_reader._header_footer_lines(parts, "word/header", parser) == ["Jordan", "Austin"]


# -- parser messages never reach a log ------------------------------------------------------------
def test_a_damaged_pdf_error_never_carries_the_files_text() -> None:
    error = _refusal(S.damaged_pdf_around(CONTACT), "cv.pdf")
    assert error.code == "corrupt"
    for secret in ("jordan.rivera@example.com", "555-0148", "Rivera"):
        assert secret not in str(error) and secret not in error.user_message
    assert str(error) == "corrupt PDF: PdfReadError"


def test_a_broken_word_file_error_never_carries_the_files_markup() -> None:
    error = _refusal(S.docx_with_broken_xml("JordanRivera5550148"), "cv.docx")
    assert error.code == "corrupt"
    assert "JordanRivera" not in str(error) and "5550148" not in str(error)
    assert str(error) == "corrupt Word: XMLSyntaxError"


def test_a_corrupt_file_reason_that_is_not_a_case_name_is_dropped() -> None:
    assert str(resume.CorruptFile("PDF", "bad zip")) == "corrupt PDF: bad zip"
    assert str(resume.CorruptFile("PDF", f"b'{CONTACT}'")) == "corrupt PDF: unreadable"


# -- the worker process ----------------------------------------------------------------------------
async def test_a_timed_out_parse_is_killed_and_its_slot_freed_at_once() -> None:
    pool = ParsePool(size=1)
    try:
        with pytest.raises(resume.ParseTimeout) as caught:  # seconds of work, 0.3 s allowed
            await pool.read(S.slow_pdf(), "cv.pdf", time_limit=0.3)
        assert "took too long" in caught.value.user_message
        assert pool.stopped_early == 1
        # The only slot is free again: a good file right after is read by a new worker.
        document = await pool.read(S.to_pdf(S.STRONG), "cv.pdf", time_limit=30)
        assert "Lakeside Logistics" in document.text
        assert pool.started == 2
    finally:
        pool.close()


async def test_a_worker_over_its_memory_limit_answers_too_complex_and_is_replaced() -> None:
    pool = ParsePool(size=1, limits=Limits(memory_bytes=4 * 1024 * 1024))
    try:
        with pytest.raises(TooComplex) as caught:
            await pool.read(S.tj_flood_pdf(1_000_000), "cv.pdf", time_limit=60)
        assert "MemoryError" in str(caught.value)
        document = await pool.read(S.to_docx(S.STRONG), "cv.docx", time_limit=60)
        assert "Lakeside Logistics" in document.text
        assert pool.started == 2
    finally:
        pool.close()


async def test_every_refusal_crosses_the_process_boundary_intact() -> None:
    pool = ParsePool(size=1)
    try:
        cases = [
            (S.PNG, "resume.pdf", resume.UnsupportedType),
            (S.scanned_pdf(), "scan.pdf", resume.ScannedPdf),
            (S.long_pdf(12), "long.pdf", resume.TooManyPages),
            (S.zip_bomb_docx(), "bomb.docx", resume.ZipBomb),
            (S.form_xobject_bomb_pdf(), "cv.pdf", TooComplex),
        ]
        for data, name, kind in cases:
            with pytest.raises(kind) as caught:
                await pool.read(data, name, time_limit=60)
            expected = _refusal(data, name)
            assert caught.value.user_message == expected.user_message
            assert str(caught.value) == str(expected)
        assert caught.type is TooComplex
        assert pool.started == 1  # a reader's own refusal leaves the worker usable
    finally:
        pool.close()


def test_a_file_over_its_cpu_seconds_is_stopped_inside_the_worker() -> None:
    def burn(data: bytes, filename: str) -> resume.Document:
        while True:
            pass

    reply = sandbox._read_one(burn, b"%PDF-1.4 x", "cv.pdf", cpu_seconds=1)
    assert reply["error"]["code"] == "too_complex" and reply["recycle"] is True
    assert "CpuTimeExceeded" in reply["error"]["args"][0]


async def test_waiting_for_a_slot_is_bounded() -> None:
    pool = ParsePool(size=1, queue_limit=0.05)
    try:
        first = asyncio.create_task(pool.read(S.slow_pdf(), "a.pdf", time_limit=1.0))
        await asyncio.sleep(0.01)
        with pytest.raises(ParserBusy) as caught:
            await pool.read(S.to_pdf(S.STRONG), "b.pdf", time_limit=30)
        assert "send yours again in a minute" in caught.value.user_message
        with pytest.raises(resume.ParseTimeout):
            await first
    finally:
        pool.close()


# -- separate bounded executors --------------------------------------------------------------------
async def test_each_kind_of_work_has_its_own_bounded_threads() -> None:
    release = threading.Event()
    parsing = [asyncio.ensure_future(run_in(Work.PARSING, release.wait)) for _ in range(6)]
    try:
        names = await asyncio.wait_for(
            asyncio.gather(
                run_in(Work.CHARTS, lambda: threading.current_thread().name),
                run_in(Work.BACKUPS, lambda: threading.current_thread().name),
            ),
            30,
        )
        assert names[0].startswith("cm-charts") and names[1].startswith("cm-backups")
    finally:
        release.set()
        await asyncio.gather(*parsing)


# -- the CLI reads like an upload ------------------------------------------------------------------
def test_cli_refuses_dev_zero_without_reading_it(tmp_path: Path, capsys: Any) -> None:
    settings = build_settings(_env_file=None, data_dir=tmp_path / "data", log_dir=tmp_path / "l")
    assert run_resume(settings, Path("/dev/zero"), None) == 1
    err = capsys.readouterr().err
    assert "/dev/zero is not a file" in err and "résumé file" in err


def test_cli_refuses_a_pipe_without_waiting_for_a_writer(tmp_path: Path, capsys: Any) -> None:
    import os

    fifo = tmp_path / "cv.pdf"
    os.mkfifo(fifo)
    settings = build_settings(_env_file=None, data_dir=tmp_path / "data", log_dir=tmp_path / "l")
    done: list[int] = []
    thread = threading.Thread(target=lambda: done.append(run_resume(settings, fifo, None)))
    thread.start()
    thread.join(30)
    if not done:  # unblock the reader so the test run can end, then fail
        with open(fifo, "wb"):
            pass
        thread.join()
    assert done == [1]
    assert "is not a file" in capsys.readouterr().err


def test_cli_reads_at_most_one_byte_past_the_limit(tmp_path: Path, capsys: Any) -> None:
    from careermate_bot.cli import resume as resume_cli

    big = tmp_path / "cv.pdf"
    with open(big, "wb") as file:
        file.truncate(3 * resume.MAX_BYTES)  # sparse: st_size says 15 MB
    assert len(resume_cli.read_limited(big, resume.MAX_BYTES)) == resume.MAX_BYTES + 1
    settings = build_settings(_env_file=None, data_dir=tmp_path / "data", log_dir=tmp_path / "l")
    assert run_resume(settings, big, None) == 1
    assert "the limit is 5 MB" in capsys.readouterr().err


def test_cli_reviews_through_the_worker_and_refuses_the_hostile_pdf(
    tmp_path: Path, capsys: Any
) -> None:
    settings = build_settings(_env_file=None, data_dir=tmp_path / "data", log_dir=tmp_path / "l")
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(S.form_xobject_bomb_pdf())
    assert run_resume(settings, bomb, None) == 1
    assert "far more complex inside" in capsys.readouterr().err
    good = tmp_path / "cv.pdf"
    good.write_bytes(S.to_pdf(S.STRONG))
    assert run_resume(settings, good, None) == 0
    assert "Résumé score:" in capsys.readouterr().out


# -- invisible text -------------------------------------------------------------------------------
@pytest.mark.parametrize("title", ["\ue000", "\uf8ff\ue000", "\ufffc", " \ufffc\u200b "])
def test_private_use_and_object_replacement_characters_count_as_invisible(title: str) -> None:
    from careermate_bot.errors import InvalidInput
    from careermate_bot.services.jobs import board as job_board

    assert visible_text(title) == ""
    assert is_invisible("\ue000") and is_invisible("\ufffc")
    with pytest.raises(InvalidInput, match="Please fill in"):
        job_board.validate_draft(
            title=title,
            company="Acme",
            location="Remote",
            salary="",
            skills="",
            url="",
            description="",
        )


def test_visible_text_still_keeps_symbols_and_letters() -> None:
    assert visible_text("C++ \u2605 Dev\ue000") == "C++ \u2605 Dev"

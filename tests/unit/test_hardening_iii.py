"""Hardening III (issue 20): defects whose existing tests left a path uncovered. Each test
failed with its fix reverted (docs/reliability.md, "Hardening III")."""

from __future__ import annotations

import asyncio
import functools
import io
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from careermate_bot.cli.resume import run_resume
from careermate_bot.config import build_settings
from careermate_bot.services import resume
from careermate_bot.services.resume import pdf_reader, runner
from careermate_bot.services.resume.sandbox import parse_pool
from careermate_bot.storage.backup import create_backup_async, list_backups
from careermate_bot.storage.database import close_db, init_db
from tests import resume_samples as S

ODT_MIME = b"application/vnd.oasis.opendocument.text"
ODF_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
ODF_NS += 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'


def _odt(content_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", ODT_MIME)
        archive.writestr("META-INF/manifest.xml", b"<manifest/>")
        archive.writestr("content.xml", content_xml)
    return buffer.getvalue()


# -- D1, D7: pypdf itself runs with lowered work limits (a second line behind the content check) --
def test_pypdf_stops_a_content_stream_past_its_lowered_token_limit() -> None:
    data = S.tj_flood_pdf(60_000)  # 120,000 tokens: over 100,000, far under pypdf's 2,000,000
    with pytest.raises(resume.ResumeError) as caught:
        resume.read_document(data, "cv.pdf")
    assert caught.value.code == "too_complex"
    assert str(caught.value) == "PDF over a work limit: LimitReachedError"


def test_a_form_drawn_more_than_200_times_is_read_for_200_draws_only() -> None:
    form = b"BT /F1 11 Tf 72 700 Td (Analyst) Tj ET"
    data = S.form_drawn_pdf(form, draws=250)  # small enough for the content check
    assert 250 * len(form) < pdf_reader.MAX_CONTENT_BYTES
    assert resume.read_document(data, "cv.pdf").text.count("Analyst") == 200  # pypdf: 5,000


# -- D3: an OpenDocument parser message never carries the file's text ----------------------------
def test_a_broken_opendocument_file_error_never_carries_the_files_markup() -> None:
    contact = "JordanRivera5550148"
    good = (
        f"<office:document-content {ODF_NS}><office:body><office:text>"
        "<text:p>Jordan Rivera, Data Analyst</text:p></office:text></office:body>"
        "</office:document-content>"
    )
    assert "Data Analyst" in resume.read_document(_odt(good.encode()), "cv.odt").text
    broken = good.replace("</text:p>", f"<{contact}></text:p>", 1)
    with pytest.raises(resume.ResumeError) as caught:
        resume.read_document(_odt(broken.encode()), "cv.odt")
    error = caught.value
    assert error.code == "corrupt"
    assert str(error) == "corrupt OpenDocument: XMLSyntaxError"
    assert contact not in str(error) and contact not in error.user_message


# -- D8: `careermate resume` has a time limit, and stops the parse -------------------------------
def test_cli_stops_a_file_that_takes_too_long(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CLI's limit is the bot's (15 s); a shorter one here keeps the test quick. The file
    # needs seconds of CPU inside every work limit, so only the time limit can stop it.
    short = functools.partial(runner.read_and_review_file, time_limit=0.3)
    monkeypatch.setattr(runner, "read_and_review_file", short)
    settings = build_settings(_env_file=None, data_dir=tmp_path / "data", log_dir=tmp_path / "l")
    slow = tmp_path / "cv.pdf"
    slow.write_bytes(S.slow_pdf())
    stopped_before = parse_pool().stopped_early
    assert run_resume(settings, slow, None) == 1
    err = capsys.readouterr().err
    assert "took too long" in err and "Traceback" not in err
    assert parse_pool().stopped_early == stopped_before + 1  # the worker was killed


# -- D1: backups have their own threads; a stuck default pool cannot hold them up ---------------
async def test_a_backup_is_made_while_the_default_thread_pool_is_stuck(tmp_path: Path) -> None:
    settings = build_settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        log_dir=tmp_path / "logs",
        database_url="",
        backup_dir=None,
    )
    await init_db(settings)
    loop = asyncio.get_running_loop()
    jammed = ThreadPoolExecutor(max_workers=1)
    loop.set_default_executor(jammed)  # every default thread stuck, as stuck parses held them
    release = threading.Event()
    stuck = loop.run_in_executor(None, release.wait)
    try:
        # A hang detector, not a speed check: through the default pool this never finishes.
        made = await asyncio.wait_for(create_backup_async(settings), 60)
        assert made.exists() and [b.path for b in list_backups(settings)] == [made]
    finally:
        release.set()
        await stuck
        await close_db()

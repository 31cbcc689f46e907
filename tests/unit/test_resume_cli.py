"""`careermate resume PATH [--role ROLE]` as a user runs it."""

from __future__ import annotations

from pathlib import Path

from tests import resume_samples as S
from tests.unit.test_cli import _run


def test_resume_command_prints_the_review(tmp_path: Path) -> None:
    path = tmp_path / "cv.docx"
    path.write_bytes(S.to_docx(S.WEAK))
    done = _run(tmp_path, "resume", str(path), "--role", "Retail Salesperson")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Résumé score:" in out and "/100" in out
    assert "Quantified results" in out and "Top fixes" in out
    assert "“Responsible for stocking shelves" in out
    assert "sam.lee@example.com" not in out + done.stderr


def test_resume_command_explains_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(S.scanned_pdf())
    done = _run(tmp_path, "resume", str(path))
    assert done.returncode == 1
    assert "scanned" in done.stderr and "Traceback" not in done.stderr
    missing = _run(tmp_path, "resume", str(tmp_path / "nope.pdf"))
    assert missing.returncode == 1 and "Can't read" in missing.stderr

"""The career guide from the terminal, as a user runs it: `careermate chat --once "<question>"`
in a real process (one data directory across the calls, so what the first call saves the next
one uses): how to become X, what X does, each comparison kind, a personalised negotiation
answer, a cover-letter outline from the profile, and the clarifying question."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careermate_bot.knowledge import ONET_ATTRIBUTION


def _chat(tmp_path: Path, question: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_BOT_TOKEN"}
    env.update({"DATA_DIR": str(tmp_path / "data"), "LOG_DIR": str(tmp_path / "logs")})
    result = subprocess.run(
        [sys.executable, "-m", "careermate_bot.cli", "chat", "--once", question],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("question", "must_say"),
    [
        (
            "How do I become a registered nurse?",
            ("How to become a Registered Nurse", "NCLEX-RN", "Licensed Practical Nurse"),
        ),
        ("what does an actuary do?", ("What does an Actuary do?", ONET_ATTRIBUTION)),
        (
            "what's the difference between a data analyst and a data scientist?",
            ("Data Analyst", "Data Scientist", "median $"),
        ),
        ("should I learn Python or R?", ("Python", "R", "occupations")),
        ("PMP or CAPM?", ("PMP", "CAPM", "Project Management Institute")),
    ],
)
def test_a_guide_question_in_the_terminal(
    tmp_path: Path, question: str, must_say: tuple[str, ...]
) -> None:
    text = _chat(tmp_path, question)
    for words in must_say:
        assert words in text, (words, text[:400])
    assert "Source:" in text


def test_negotiation_and_a_cover_letter_use_what_the_terminal_was_told(tmp_path: Path) -> None:
    assert "location Chicago" in _chat(tmp_path, "I live in Chicago and I know SQL")
    negotiation = _chat(tmp_path, "they offered me 65k for a data analyst job, how do I negotiate?")
    assert "$65,000" in negotiation and "Chicago" in negotiation
    assert "percentile" in negotiation
    letter = _chat(tmp_path, "write me a cover letter for a data analyst job")
    assert "Cover letter outline: Data Analyst" in letter
    assert "Chicago" in letter and "SQL" in letter and "[Company]" in letter


def test_an_unclear_question_is_asked_back(tmp_path: Path) -> None:
    text = _chat(tmp_path, "tips for talking about money")
    assert "Which one did you mean?" in text and "Options:" in text

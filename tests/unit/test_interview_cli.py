"""`careermate interview ROLE`: the same session as text, with scripted stdin (real DB, shipped
question bank, no model and a fake one)."""

from __future__ import annotations

import io
from pathlib import Path

from careermate_bot.cli.interview import interview_session
from careermate_bot.cli.main import build_parser
from careermate_bot.config import Settings, build_settings
from careermate_bot.llm import EngineUnreachable
from careermate_bot.llm.fake import fake_client
from tests.interview_support import STRONG_STAR


def make_settings(tmp_path: Path) -> Settings:
    return build_settings(_env_file=None, data_dir=tmp_path, database_url="", backup_dir=None)


async def test_terminal_interview_hint_answer_skip_end(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    script = f"/hint\n{STRONG_STAR}\n\n/skip\n/end\n"
    out = io.StringIO()
    code = await interview_session(
        settings,
        "Registered Nurse",
        kind="behavioral",
        questions=3,
        llm=None,
        stdin=io.StringIO(script),
        stdout=out,
    )
    text = out.getvalue()
    assert code == 0
    assert "Mock interview: Registered Nurse · behavioral · 3 questions" in text
    assert "Question 1 of 3" in text and "Hint: " in text
    assert "Score: " in text and "How it was scored: STAR" in text
    assert "Question 3 of 3" in text  # after the skip
    assert "Interview report: Registered Nurse" in text and "1 answered, 1 skipped" in text
    assert "Coach:" not in text  # no model: scores only


async def test_terminal_interview_resumes_and_notes_a_model_down(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    first = io.StringIO()
    await interview_session(
        settings,
        "Data Scientist",
        questions=3,
        llm=None,
        stdin=io.StringIO("/quit\n"),
        stdout=first,
    )
    assert "Paused" in first.getvalue()
    second = io.StringIO()
    await interview_session(
        settings,
        "Data Scientist",
        questions=3,
        llm=fake_client([EngineUnreachable("down")]),
        stdin=io.StringIO(f"{STRONG_STAR}\n\n/end\n"),
        stdout=second,
    )
    text = second.getvalue()
    assert "Resuming your unfinished Data Scientist interview" in text
    assert "Score: " in text and "Coach: ℹ️" in text and "offline" in text


async def test_unknown_role_exits_with_a_suggestion(tmp_path: Path, capsys) -> None:
    code = await interview_session(
        make_settings(tmp_path),
        "Data Scientst",
        llm=None,
        stdin=io.StringIO(""),
        stdout=io.StringIO(),
    )
    # A near miss resolves; nonsense does not.
    assert code == 0
    code = await interview_session(
        make_settings(tmp_path / "b"),
        "qqqq zzzz",
        llm=None,
        stdin=io.StringIO(""),
        stdout=io.StringIO(),
    )
    assert code == 1 and "don't know the role" in capsys.readouterr().err


def test_parser_has_the_interview_command() -> None:
    args = build_parser().parse_args(["interview", "Data Scientist", "--kind", "technical"])
    assert args.role == "Data Scientist" and args.kind == "technical" and args.questions == 5

"""A DM while a mock interview is open: controls in every phase, answers scored, asides asked
about first (`services/conversation/during_interview.py`)."""

from __future__ import annotations

import pytest

from careermate_bot.services.conversation import InterviewTurn, guard_line
from careermate_bot.services.conversation.during_interview import read_during_interview

QUESTION = "Tell me about a time you disagreed with a colleague. How did you handle it?"


@pytest.mark.parametrize(
    ("text", "move"),
    [
        ("hint", "hint"),
        ("skip", "skip"),
        ("pass on this one", "skip"),
        ("next question", "next"),
        ("end", "end"),
        ("pause", "pause"),
        ("leave interview mode", "pause"),
        ("exit", "pause"),  # leaving interview mode keeps the interview
    ],
)
def test_typed_controls_work_with_or_without_a_waiting_question(text: str, move: str) -> None:
    for question in (QUESTION, None):
        turn = read_during_interview(text, question)
        assert turn is not None and turn.move == move


def test_between_questions_other_messages_are_not_the_interviews() -> None:
    assert read_during_interview("how much do nurses make?", None) is None
    assert read_during_interview("At my last job I disagreed with my manager.", None) is None


def test_an_answer_is_scored() -> None:
    answer = (
        "At my last job my manager wanted to ship a report without checking the data. I showed "
        "him three errors, we agreed to a one-day review, and the report went out correct."
    )
    assert read_during_interview(answer, QUESTION) == InterviewTurn("answer")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "my resume is all teaching stuff, how do I make it look good",
            "That sounds like a question about your résumé — answer the interview question "
            "first, or type `pause`.",
        ),
        (
            "how much do nurses make in Denver?",
            "That sounds like a question about pay for Registered Nurses — answer the "
            "interview question first, or type `pause`.",
        ),
        (
            "I prefer hybrid and need 80k",
            "That sounds like something about your profile, not an answer — answer the "
            "interview question first, or type `pause`.",
        ),
    ],
)
def test_an_aside_is_named_and_asked_about(text: str, line: str) -> None:
    turn = read_during_interview(text, QUESTION)
    assert turn is not None and turn.move == "aside"
    assert guard_line(turn) == line


def test_an_aside_with_no_topic_still_gets_a_clear_line() -> None:
    line = guard_line(InterviewTurn("aside"))
    assert "doesn't read like an answer" in line and "`pause`" in line

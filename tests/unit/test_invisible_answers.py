"""An interview answer of only invisible characters (zero-width etc.) is scored as empty, with
the empty-answer message; invisible characters inside a real answer don't change its score."""

from __future__ import annotations

import pytest

from careermate_bot.services.interview import BankIndex, score_answer
from tests.interview_support import CONFLICT_Q, STRONG_STAR, tiny_bank


@pytest.fixture(scope="module")
def bank() -> BankIndex:
    return tiny_bank()


@pytest.mark.parametrize(
    "answer",
    [
        "\u200b",
        "\u200b\u200c\u200d\u2060\ufeff",
        " \u200b \n\u2060 ",
        "\u00ad\u200e\u200f",
        "\u3164",
    ],
)
def test_an_invisible_answer_is_empty(bank: BankIndex, answer: str) -> None:
    result = score_answer(CONFLICT_Q, answer, bank=bank)
    empty = score_answer(CONFLICT_Q, "", bank=bank)
    assert result.score == empty.score == 0
    assert result.flags == empty.flags == ("empty",)
    assert result.how_scored == empty.how_scored and "No answer was given." in result.how_scored


def test_zero_width_characters_inside_an_answer_change_nothing(bank: BankIndex) -> None:
    clean = score_answer(CONFLICT_Q, STRONG_STAR, bank=bank)
    sprinkled = STRONG_STAR.replace(" ", " \u200b").replace("e", "e\u2060")
    assert score_answer(CONFLICT_Q, sprinkled, bank=bank).score == clean.score

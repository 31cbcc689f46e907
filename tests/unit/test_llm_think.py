"""Think-tag stripping, whole and streamed with tags split at every possible chunk boundary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careermate_bot.llm.think import ThinkStripper, strip_think

CASES = [
    ("<think>plan the answer</think>\n\nHello there.", "Hello there."),
    ("Hello <think>hidden</think>world", "Hello world"),
    ("no tags at all", "no tags at all"),
    ("<think>a</think>one<think>b</think> two", "one two"),
    ("<think>never closed, all reasoning", ""),
    ("reasoning the prompt opened</think>The answer", "The answer"),
    ("a < b and c > d", "a < b and c > d"),
    ("ends with a partial tag <thi", "ends with a partial tag <thi"),
    ("<think></think>x", "x"),
]


@pytest.mark.parametrize(("raw", "visible"), CASES)
def test_strip_think_whole_text(raw: str, visible: str) -> None:
    assert strip_think(raw) == visible


def _streamed(chunks: list[str]) -> str:
    stripper = ThinkStripper()
    return "".join(stripper.feed(c) for c in chunks) + stripper.flush()


@pytest.mark.parametrize(("raw", "visible"), CASES[:5] + CASES[6:])
def test_every_two_way_split_gives_the_same_text(raw: str, visible: str) -> None:
    for cut in range(len(raw) + 1):
        assert _streamed([raw[:cut], raw[cut:]]).strip() == visible, cut


@pytest.mark.parametrize(("raw", "visible"), CASES[:5] + CASES[6:])
def test_character_by_character(raw: str, visible: str) -> None:
    assert _streamed(list(raw)).strip() == visible


def test_nothing_of_the_reasoning_is_ever_emitted_midway() -> None:
    stripper = ThinkStripper()
    emitted = [stripper.feed(c) for c in "<think>secret plan</think>Visible"]
    assert "".join(emitted) + stripper.flush() == "Visible"
    assert not any("secret" in part or "<" in part for part in emitted)


@given(
    before=st.text(alphabet="ab <>/thinkx", max_size=12),
    thought=st.text(alphabet="ab <>/x", max_size=12),
    after=st.text(alphabet="ab <>/thinkx", max_size=12),
    cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=6),
)
def test_any_chunking_matches_the_whole_text_result(
    before: str, thought: str, after: str, cuts: list[int]
) -> None:
    raw = f"{before}<think>{thought}</think>{after}"
    points = sorted({min(c, len(raw)) for c in cuts})
    chunks = [raw[a:b] for a, b in zip([0, *points], [*points, len(raw)], strict=True)]
    stripper = ThinkStripper()
    whole = stripper.feed(raw) + stripper.flush()
    assert _streamed(chunks) == whole
    assert thought not in whole or thought in before + after

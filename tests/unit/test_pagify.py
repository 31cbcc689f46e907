import re

from hypothesis import given, settings
from hypothesis import strategies as st

from careermate_bot.discord_ui.pagify import split_message


def _fence_lines(chunk: str) -> int:
    return sum(1 for line in chunk.split("\n") if line.strip().startswith("```"))


def test_short_text_is_one_chunk() -> None:
    assert split_message("hello") == ["hello"]


def test_long_prose_splits_on_paragraphs_within_the_limit() -> None:
    paragraphs = [f"Paragraph {i}. " + "word " * 80 for i in range(12)]
    chunks = split_message("\n\n".join(paragraphs), limit=2000)
    assert len(chunks) > 1
    assert all(len(c) <= 2000 for c in chunks)
    assert all(c.startswith("Paragraph") for c in chunks)  # cuts fall between paragraphs


def test_a_cut_inside_a_code_block_closes_and_reopens_it() -> None:
    code = "\n".join(f"print({i})  # line {i}" for i in range(200))
    text = "Here is the script:\n```python\n" + code + "\n```\nDone."
    chunks = split_message(text, limit=500)
    assert len(chunks) > 2
    for chunk in chunks:
        assert len(chunk) <= 500
        assert _fence_lines(chunk) % 2 == 0, chunk
    assert all(c.startswith("```python") for c in chunks[1:-1])
    visible = "\n".join(re.sub(r"```(python)?\n?", "", c) for c in chunks)
    for i in range(200):
        assert f"print({i})  # line {i}" in visible


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="abc xyz.\n", min_size=0, max_size=300),
            st.builds(
                lambda s: "```py\n" + s + "\n```", st.text(alphabet="ab (){}\n", max_size=700)
            ),
        ),
        max_size=12,
    ),
    st.integers(min_value=60, max_value=2000),
)
def test_chunks_always_fit_and_fences_balance(parts: list[str], limit: int) -> None:
    text = "\n".join(parts)
    chunks = split_message(text, limit=limit)
    for chunk in chunks:
        assert len(chunk) <= limit
        assert _fence_lines(chunk) % 2 == 0
    stripped = re.sub(r"\s|`|py", "", text)
    assert re.sub(r"\s|`|py", "", "".join(chunks)) == stripped

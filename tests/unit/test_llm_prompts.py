"""Prompt files: loading by name, placeholders, and the stable system prefix."""

from __future__ import annotations

from pathlib import Path

import pytest

from careermate_bot.llm import PromptError, load_prompt
from careermate_bot.llm.prompts import PROMPTS_DIR, prompt_path, validate_prompts
from careermate_bot.llm.types import message, normalize_messages
from prompts import CATALOGUE


def test_shipped_prompts_load() -> None:
    assert "CareerMate" in load_prompt("chat_system")
    assert '{"a": 1}' in load_prompt("json_instructions", schema='{"a": 1}')
    assert "bad thing" in load_prompt("json_repair", error="bad thing")
    assert load_prompt("json_truncated")
    assert PROMPTS_DIR.name == "prompts" and PROMPTS_DIR.parent.name != "careermate_bot"


SAMPLE_FACTS = {
    "facts": "- Skills: Python, SQL\n- Locations: Austin, TX",
    "schema": '{"type": "object", "properties": {"intent": {"type": "string"}}}',
    "error": "Expecting ',' delimiter: line 1 column 12",
}


def test_every_catalogued_prompt_renders_with_sample_facts() -> None:
    validate_prompts()
    for name, needed in CATALOGUE.items():
        text = load_prompt(name, **{key: SAMPLE_FACTS[key] for key in needed})
        assert len(text) > 20 and not any(f"${key}" in text for key in needed), name
        for key in needed:
            assert SAMPLE_FACTS[key] in text, (name, key)


def test_validation_names_a_missing_file_and_a_wrong_placeholder(tmp_path: Path) -> None:
    for name in CATALOGUE:
        (tmp_path / f"{name}.md").write_text(prompt_path(name).read_text())
    (tmp_path / "career_summary.md").unlink()
    (tmp_path / "profile_summary.md").write_text("What we know: $fact\n")
    with pytest.raises(PromptError) as caught:
        validate_prompts(tmp_path)
    assert "career_summary: no prompt named" in str(caught.value)
    assert "profile_summary: uses ['fact'], expected ['facts']" in str(caught.value)


def test_the_system_prompt_is_a_stable_prefix() -> None:
    assert "$" not in load_prompt("chat_system")
    assert load_prompt("chat_system") == load_prompt("chat_system")


def test_placeholders_and_errors(tmp_path: Path) -> None:
    (tmp_path / "greet.txt").write_text("Hi $name, {json} costs $$5 ${what}.\n\n")
    assert load_prompt("greet", directory=tmp_path, name="Ada", what="today") == (
        "Hi Ada, {json} costs $5 today."
    )
    with pytest.raises(PromptError, match=r"\$what"):
        load_prompt("greet", directory=tmp_path, name="Ada")
    with pytest.raises(PromptError, match="no prompt named"):
        load_prompt("nope", directory=tmp_path)
    with pytest.raises(PromptError, match="invalid"):
        load_prompt("../secrets", directory=tmp_path)


def test_markdown_wins_over_text(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("md")
    (tmp_path / "x.txt").write_text("txt")
    assert load_prompt("x", directory=tmp_path) == "md"


def test_messages_are_normalised_for_strict_templates() -> None:
    raw = [
        message("system", "A"),
        message("assistant", "hello"),
        message("user", "q1"),
        message("user", "q2"),
        message("system", "B"),
        message("assistant", "a1"),
    ]
    assert normalize_messages(raw) == [
        message("system", "A\n\nB"),
        message("user", ""),
        message("assistant", "hello"),
        message("user", "q1\n\nq2"),
        message("assistant", "a1"),
    ]

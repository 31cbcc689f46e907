"""The harness's Discord-limits checker (tests/harness/limits.py): payloads at a limit pass, one
character (or item) over fails with a message that names the place and the limit; and a bot
that sends such a payload fails its test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import discord
import pytest

from careermate_bot.config import Settings
from careermate_bot.services.container import AppServices
from tests.harness import limits
from tests.harness.bot import running_bot
from tests.harness.limits import (
    LimitChecker,
    autocomplete_problems,
    callback_problems,
    message_problems,
    modal_problems,
)


def button(label: str = "Go", custom_id: str = "cm:go", **extra: Any) -> dict[str, Any]:
    return {"type": 2, "style": 1, "label": label, "custom_id": custom_id, **extra}


def row(*items: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(items)}


def select(n: int = 3, **extra: Any) -> dict[str, Any]:
    options = [{"label": f"Option {i}", "value": f"v{i}"} for i in range(n)]
    return {"type": 3, "custom_id": "cm:pick", "options": options, **extra}


def text_input(**extra: Any) -> dict[str, Any]:
    return {"type": 4, "custom_id": "cm:text", "label": "Your answer", "style": 2, **extra}


def modal(*rows: dict[str, Any], title: str = "Answer") -> dict[str, Any]:
    return {"custom_id": "cm:modal", "title": title, "components": list(rows)}


def embed(**extra: Any) -> dict[str, Any]:
    return {"title": "Title", "description": "Text", **extra}


def field(name: str = "Name", value: str = "Value") -> dict[str, Any]:
    return {"name": name, "value": value, "inline": False}


# -- Payloads that must pass ---------------------------------------------------------------------


def test_a_message_exactly_at_every_limit_passes() -> None:
    # 5 fields x (name 16 + value 1,024) + title 256 + description 416 + footer 64 + author 64
    # = 6,000: the embed total is at its limit too.
    fields = [field("n" * 16, "v" * 1024) for _ in range(5)]
    at_limits = {
        "content": "x" * 2000,
        "embeds": [
            embed(
                title="t" * 256,
                description="d" * 416,
                fields=fields,
                footer={"text": "f" * 64},
                author={"name": "a" * 64},
            )
        ],
        "components": [
            row(*[button("l" * 80, f"cm:{i}:" + "c" * 95) for i in range(5)]),
            row(select(25, placeholder="p" * 150)),
            row(button(), button(custom_id="cm:two")),
            row({"type": 2, "style": 5, "label": "Open", "url": "https://example.com"}),
            row(select(1, max_values=1)),
        ],
    }
    assert sum(len(f["name"]) + len(f["value"]) for f in fields) + 256 + 416 + 128 == 6000
    assert message_problems(at_limits) == []


def test_ten_embeds_and_an_edit_without_content_pass() -> None:
    assert message_problems({"embeds": [embed() for _ in range(10)]}) == []
    assert message_problems({"components": []}) == []  # an edit that only clears buttons
    assert message_problems({"content": None, "embeds": None}) == []


def test_a_modal_at_its_limits_passes() -> None:
    inputs = [
        row(
            text_input(
                custom_id=f"cm:in{i}:" + "c" * 93,
                label="l" * 45,
                placeholder="p" * 100,
                value="v" * 4000,
                min_length=0,
                max_length=4000,
            )
        )
        for i in range(5)
    ]
    assert modal_problems(modal(*inputs, title="t" * 45)) == []
    labelled = {"type": 18, "label": "Pick", "description": "d" * 100, "component": select()}
    assert modal_problems(modal(labelled)) == []


def test_autocomplete_at_its_limits_passes() -> None:
    choices = [{"name": "n" * 100, "value": "v" * 100} for _ in range(25)]
    assert autocomplete_problems({"choices": choices}) == []
    assert autocomplete_problems({"choices": [{"name": "Five", "value": 5}]}) == []


# -- Payloads that must fail, each naming its limit ----------------------------------------------


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"content": "x" * 2001}, "content is 2,001 characters; Discord's limit for message"),
        ({"embeds": [embed(title="t" * 257)]}, "embeds[0].title is 257 characters"),
        ({"embeds": [embed(description="d" * 4097)]}, "limit for an embed description is 4,096"),
        ({"embeds": [embed(fields=[field("n" * 257)])]}, "fields[0].name is 257"),
        ({"embeds": [embed(fields=[field(value="v" * 1025)])]}, "limit for a field value is 1,024"),
        ({"embeds": [embed(fields=[field()] * 26)]}, "26 fields; Discord's limit is 25"),
        ({"embeds": [embed(fields=[field(value="")])]}, "fields[0].value is empty"),
        ({"embeds": [embed(footer={"text": "f" * 2049})]}, "footer.text is 2,049"),
        ({"embeds": [embed(author={"name": "a" * 257})]}, "author.name is 257"),
        ({"embeds": [embed() for _ in range(11)]}, "11 embeds; Discord's limit is 10"),
        (
            {"embeds": [embed(title="", description="d" * 4000)] * 2},
            "8,000 characters together; Discord's limit for all embeds of a message is 6,000",
        ),
        ({"components": [row(button())] * 6}, "6 action rows; Discord's limit is 5"),
        ({"components": [row(*[button()] * 6)]}, "6 buttons; Discord's limit is 5 a row"),
        ({"components": [row(select(), button())]}, "holds a select and 1 more"),
        ({"components": [row(button("l" * 81))]}, "label is 81 characters"),
        ({"components": [row(button(custom_id="c" * 101))]}, "custom_id is 101 characters"),
        ({"components": [row(button(custom_id=""))]}, "custom_id is empty"),
        ({"components": [row(select(26))]}, "26 options; Discord requires 1 to 25"),
        ({"components": [row(select(0))]}, "0 options"),
        ({"components": [row(select(2, max_values=3))]}, "max_values is 3"),
        ({"components": [button()]}, "not an action row"),
        ({"components": [row()]}, "empty action row"),
    ],
)
def test_a_message_over_a_limit_fails_naming_it(payload: dict[str, Any], expected: str) -> None:
    problems = message_problems(payload)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize("key", ["label", "value", "description"])
def test_a_select_option_over_100_characters_fails(key: str) -> None:
    options = select(2)
    options["options"][1][key] = "o" * 101
    problems = message_problems({"components": [row(options)]})
    assert problems == [
        f"components[0].components[0].options[1].{key} is 101 characters; "
        f"Discord's limit for option {key} is 100"
    ]


def test_eleven_files_fail() -> None:
    assert "11 files" in message_problems({"content": "hi"}, files=11)[0]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (modal(row(text_input()), title="t" * 46), "modal.title is 46 characters"),
        (modal(*[row(text_input())] * 6), "the modal has 6 rows; Discord requires 1 to 5"),
        (modal(), "the modal has 0 rows"),
        (modal(row(text_input(label="l" * 46))), "label is 46 characters"),
        (modal(row(text_input(value="v" * 4001))), "value is 4,001 characters"),
        (modal(row(text_input(placeholder="p" * 101))), "placeholder is 101 characters"),
        (modal(row(text_input(max_length=4001))), "max_length is 4001"),
        (modal(row(text_input(min_length=10, max_length=5))), "min_length 10 is above"),
        (modal(row(text_input(custom_id="c" * 101))), "custom_id is 101 characters"),
        ({**modal(row(text_input())), "custom_id": "m" * 101}, "modal.custom_id is 101"),
        (modal(row(text_input(), text_input())), "must hold exactly one text input"),
        (modal(row(button())), "must hold exactly one text input"),
    ],
)
def test_a_modal_over_a_limit_fails_naming_it(payload: dict[str, Any], expected: str) -> None:
    problems = modal_problems(payload)
    assert any(expected in p for p in problems), problems


def test_autocomplete_over_its_limits_fails() -> None:
    many = {"choices": [{"name": "n", "value": "v"}] * 26}
    assert "26 autocomplete choices" in autocomplete_problems(many)[0]
    long = {"choices": [{"name": "n" * 101, "value": "v" * 101}]}
    assert len(autocomplete_problems(long)) == 2


def test_callbacks_are_checked_by_their_type() -> None:
    assert callback_problems(4, {"content": "x" * 2001})
    assert callback_problems(7, {"content": "x" * 2001})  # update the clicked message
    assert callback_problems(9, modal(title="t" * 46))
    assert callback_problems(8, {"choices": [{"name": "", "value": "v"}]})
    assert callback_problems(5, {"flags": 64}) == []  # a deferral carries nothing to check
    assert callback_problems(6, {}) == []


def test_the_checker_lists_every_problem_with_where_it_came_from() -> None:
    checker = LimitChecker()
    checker.message("followup", {"content": "hello " * 400})
    checker.message("followup", {"content": "fine"})
    with pytest.raises(AssertionError) as caught:
        checker.assert_clean()
    text = str(caught.value)
    assert "1 payload(s) Discord would refuse" in text
    assert 'followup ("hello hello' in text and "content is 2,400 characters" in text


# -- The harness applies it to what a bot sends --------------------------------------------------


async def test_a_bot_sending_an_over_long_message_fails_its_test(
    settings: Settings, services: AppServices, tmp_path: Path
) -> None:
    with pytest.raises(AssertionError) as caught:
        async with running_bot(settings, services, tmp_path) as h:
            await h.channel.send("x" * (limits.CONTENT + 1))
            await h.member.send(embed=discord.Embed(title="t" * (limits.EMBED_TITLE + 1)))
    text = str(caught.value)
    assert f"message to channel {h.channel.id}" in text
    assert "content is 2,001 characters" in text and "embeds[0].title is 257" in text


async def test_an_over_long_interaction_reply_fails_its_test(
    settings: Settings, services: AppServices, tmp_path: Path
) -> None:
    with pytest.raises(AssertionError, match=r"interaction response .*embed description"):
        async with running_bot(settings, services, tmp_path) as h:
            token = "token-limits"
            h.capture.begin(1, token, h.channel.id, None)
            h.capture.handle(
                "POST",
                f"https://discord.com/api/v10/interactions/1/{token}/callback",
                {"payload": {"type": 4, "data": {"embeds": [embed(description="d" * 4097)]}}},
            )

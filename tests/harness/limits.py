"""Discord's size limits, checked on every payload the harness sees.

Discord answers a payload over one of its limits with HTTP 400, so in production the user sees
nothing (or an error) where the test saw a reply. The harness runs each payload it captures
(interaction callbacks, followups, edits: `capture.py`; channel and DM messages: `bot.py`)
through `payload_problems`, and a test that produced any problem fails at its end with the list
(`LimitChecker.assert_clean`), naming the payload, the place in it and the limit.

Limits from Discord's API reference (message, embed, component, modal and interaction pages).
Lengths count characters (code points), as discord.py and the bot's own fitting code do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CONTENT = 2000
EMBEDS_PER_MESSAGE = 10
FILES_PER_MESSAGE = 10
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER_TEXT = 2048
AUTHOR_NAME = 256
EMBEDS_TOTAL = 6000  # title + description + field names/values + footer + author, all embeds
ACTION_ROWS = 5
ROW_BUTTONS = 5
BUTTON_LABEL = 80
CUSTOM_ID = 100
SELECT_OPTIONS = 25
OPTION_TEXT = 100  # label, value and description of a select option
SELECT_PLACEHOLDER = 150
MODAL_TITLE = 45
MODAL_ROWS = 5
INPUT_LABEL = 45
INPUT_VALUE = 4000
INPUT_PLACEHOLDER = 100
LABEL_DESCRIPTION = 100
AUTOCOMPLETE_CHOICES = 25
CHOICE_TEXT = 100  # a choice's name, and its value when it is a string
COMPONENTS_V2_FLAG = 1 << 15
COMPONENTS_V2_TOTAL = 40
COMPONENTS_V2_TEXT = 4000  # all text displays of a layout message together

# Component types.
ACTION_ROW, BUTTON, STRING_SELECT, TEXT_INPUT = 1, 2, 3, 4
SELECTS = {3, 5, 6, 7, 8}  # string, user, role, mentionable, channel
TEXT_DISPLAY, LABEL = 10, 18
LINK_STYLE, PREMIUM_STYLE = 5, 6

# Interaction callback types whose data is a message, a modal, autocomplete choices.
MESSAGE_CALLBACKS = {4, 7}
MODAL_CALLBACK = 9
AUTOCOMPLETE_CALLBACK = 8


def _too_long(problems: list[str], where: str, value: object, limit: int, name: str) -> None:
    if isinstance(value, str) and len(value) > limit:
        problems.append(
            f"{where} is {len(value):,} characters; Discord's limit for {name} is {limit:,}"
        )


def _empty(problems: list[str], where: str, value: object, name: str) -> None:
    if not isinstance(value, str) or not value:
        problems.append(f"{where} is empty or missing; Discord requires {name}")


def _custom_id(problems: list[str], where: str, component: Mapping[str, Any]) -> None:
    value = component.get("custom_id")
    _empty(problems, f"{where}.custom_id", value, "a custom id (1-100 characters)")
    _too_long(problems, f"{where}.custom_id", value, CUSTOM_ID, "a custom id")


# -- Messages ------------------------------------------------------------------------------------


def embed_problems(embeds: Sequence[Mapping[str, Any]]) -> list[str]:
    problems: list[str] = []
    if len(embeds) > EMBEDS_PER_MESSAGE:
        problems.append(
            f"{len(embeds)} embeds; Discord's limit is {EMBEDS_PER_MESSAGE} embeds a message"
        )
    total = 0
    for i, embed in enumerate(embeds):
        at = f"embeds[{i}]"
        texts: list[object] = [embed.get("title"), embed.get("description")]
        _too_long(problems, f"{at}.title", embed.get("title"), EMBED_TITLE, "an embed title")
        _too_long(
            problems,
            f"{at}.description",
            embed.get("description"),
            EMBED_DESCRIPTION,
            "an embed description",
        )
        fields = embed.get("fields") or []
        if len(fields) > EMBED_FIELDS:
            problems.append(
                f"{at} has {len(fields)} fields; Discord's limit is {EMBED_FIELDS} fields an embed"
            )
        for j, item in enumerate(fields):
            name, value = item.get("name"), item.get("value")
            _empty(problems, f"{at}.fields[{j}].name", name, "a field name")
            _empty(problems, f"{at}.fields[{j}].value", value, "a field value")
            _too_long(problems, f"{at}.fields[{j}].name", name, FIELD_NAME, "a field name")
            _too_long(problems, f"{at}.fields[{j}].value", value, FIELD_VALUE, "a field value")
            texts += [name, value]
        footer = (embed.get("footer") or {}).get("text")
        author = (embed.get("author") or {}).get("name")
        _too_long(problems, f"{at}.footer.text", footer, FOOTER_TEXT, "an embed footer")
        _too_long(problems, f"{at}.author.name", author, AUTHOR_NAME, "an embed author name")
        texts += [footer, author]
        total += sum(len(t) for t in texts if isinstance(t, str))
    if total > EMBEDS_TOTAL:
        problems.append(
            f"the embeds hold {total:,} characters together; Discord's limit for all embeds "
            f"of a message is {EMBEDS_TOTAL:,}"
        )
    return problems


def _button_problems(problems: list[str], at: str, button: Mapping[str, Any]) -> None:
    _too_long(problems, f"{at}.label", button.get("label"), BUTTON_LABEL, "a button label")
    style = button.get("style")
    if style == LINK_STYLE:
        _empty(problems, f"{at}.url", button.get("url"), "a link button's url")
    elif style != PREMIUM_STYLE:
        _custom_id(problems, at, button)


def _select_problems(problems: list[str], at: str, select: Mapping[str, Any]) -> None:
    _custom_id(problems, at, select)
    placeholder = select.get("placeholder")
    _too_long(problems, f"{at}.placeholder", placeholder, SELECT_PLACEHOLDER, "a placeholder")
    if select.get("type") != STRING_SELECT:
        return
    options = select.get("options") or []
    if not options or len(options) > SELECT_OPTIONS:
        problems.append(
            f"{at} has {len(options)} options; Discord requires 1 to {SELECT_OPTIONS} a select"
        )
    for k, option in enumerate(options):
        for key in ("label", "value"):
            _empty(problems, f"{at}.options[{k}].{key}", option.get(key), f"an option {key}")
        for key in ("label", "value", "description"):
            _too_long(
                problems, f"{at}.options[{k}].{key}", option.get(key), OPTION_TEXT, f"option {key}"
            )
    most = select.get("max_values")
    if isinstance(most, int) and most > len(options):
        problems.append(f"{at}.max_values is {most} but the select has {len(options)} options")


def component_problems(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Classic message components: up to 5 action rows of up to 5 buttons, or one select."""
    problems: list[str] = []
    if len(rows) > ACTION_ROWS:
        problems.append(f"{len(rows)} action rows; Discord's limit is {ACTION_ROWS} rows a message")
    for i, row in enumerate(rows):
        at = f"components[{i}]"
        if row.get("type") != ACTION_ROW:
            problems.append(f"{at} is type {row.get('type')}, not an action row")
            continue
        items = row.get("components") or []
        kinds = [item.get("type") for item in items]
        if not items:
            problems.append(f"{at} is an empty action row; Discord refuses it")
        if any(kind in SELECTS for kind in kinds) and len(items) > 1:
            problems.append(
                f"{at} holds a select and {len(items) - 1} more; a select must be alone"
            )
        if kinds.count(BUTTON) > ROW_BUTTONS:
            problems.append(
                f"{at} has {kinds.count(BUTTON)} buttons; Discord's limit is {ROW_BUTTONS} a row"
            )
        for j, item in enumerate(items):
            where = f"{at}.components[{j}]"
            if item.get("type") == BUTTON:
                _button_problems(problems, where, item)
            elif item.get("type") in SELECTS:
                _select_problems(problems, where, item)
            else:
                problems.append(f"{where} is type {item.get('type')}, not allowed in a message row")
    return problems


def _v2_problems(components: Sequence[Mapping[str, Any]]) -> list[str]:
    """Components V2 (a layout message): a total count and per-item limits only."""
    problems: list[str] = []
    found: list[Mapping[str, Any]] = []

    def walk(items: Sequence[Mapping[str, Any]], at: str) -> None:
        for i, item in enumerate(items):
            found.append(item)
            where = f"{at}[{i}]"
            if item.get("type") == BUTTON:
                _button_problems(problems, where, item)
            elif item.get("type") in SELECTS:
                _select_problems(problems, where, item)
            walk(item.get("components") or [], f"{where}.components")
            if "accessory" in item:
                walk([item["accessory"]], f"{where}.accessory")

    walk(components, "components")
    if len(found) > COMPONENTS_V2_TOTAL:
        problems.append(
            f"{len(found)} components; Discord's limit is {COMPONENTS_V2_TOTAL} a layout message"
        )
    text = sum(len(c.get("content") or "") for c in found if c.get("type") == TEXT_DISPLAY)
    if text > COMPONENTS_V2_TEXT:
        problems.append(
            f"text displays hold {text:,} characters; the limit is {COMPONENTS_V2_TEXT:,}"
        )
    return problems


def message_problems(payload: Mapping[str, Any], *, files: int = 0) -> list[str]:
    """A message create or edit (only the keys it carries are checked)."""
    problems: list[str] = []
    _too_long(problems, "content", payload.get("content"), CONTENT, "message content")
    problems += embed_problems(payload.get("embeds") or [])
    components = payload.get("components") or []
    if int(payload.get("flags") or 0) & COMPONENTS_V2_FLAG:
        problems += _v2_problems(components)
    else:
        problems += component_problems(components)
    attachments = len(payload.get("attachments") or [])
    if max(files, attachments) > FILES_PER_MESSAGE:
        problems.append(
            f"{max(files, attachments)} files; Discord's limit is {FILES_PER_MESSAGE} a message"
        )
    return problems


# -- Modals and autocomplete ---------------------------------------------------------------------


def _text_input_problems(
    problems: list[str], at: str, item: Mapping[str, Any], *, labelled: bool
) -> None:
    _custom_id(problems, at, item)
    if not labelled:
        _empty(problems, f"{at}.label", item.get("label"), "a text input label")
    _too_long(problems, f"{at}.label", item.get("label"), INPUT_LABEL, "a text input label")
    _too_long(problems, f"{at}.value", item.get("value"), INPUT_VALUE, "a text input value")
    _too_long(
        problems, f"{at}.placeholder", item.get("placeholder"), INPUT_PLACEHOLDER, "a placeholder"
    )
    low, high = item.get("min_length"), item.get("max_length")
    if isinstance(low, int) and not 0 <= low <= INPUT_VALUE:
        problems.append(f"{at}.min_length is {low}; Discord allows 0 to {INPUT_VALUE:,}")
    if isinstance(high, int) and not 1 <= high <= INPUT_VALUE:
        problems.append(f"{at}.max_length is {high}; Discord allows 1 to {INPUT_VALUE:,}")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        problems.append(f"{at}.min_length {low} is above max_length {high}")


def modal_problems(payload: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    _custom_id(problems, "modal", payload)
    _empty(problems, "modal.title", payload.get("title"), "a modal title")
    _too_long(problems, "modal.title", payload.get("title"), MODAL_TITLE, "a modal title")
    rows = payload.get("components") or []
    if not 1 <= len(rows) <= MODAL_ROWS:
        problems.append(f"the modal has {len(rows)} rows; Discord requires 1 to {MODAL_ROWS}")
    for i, row in enumerate(rows):
        at = f"modal.components[{i}]"
        kind = row.get("type")
        if kind == ACTION_ROW:
            items = row.get("components") or []
            if len(items) != 1 or items[0].get("type") != TEXT_INPUT:
                problems.append(f"{at} must hold exactly one text input")
            for item in items:
                if item.get("type") == TEXT_INPUT:
                    _text_input_problems(problems, f"{at}.components[0]", item, labelled=False)
        elif kind == LABEL:
            _empty(problems, f"{at}.label", row.get("label"), "a label")
            _too_long(problems, f"{at}.label", row.get("label"), INPUT_LABEL, "a label")
            description = row.get("description")
            _too_long(
                problems, f"{at}.description", description, LABEL_DESCRIPTION, "a description"
            )
            inner = row.get("component") or {}
            if inner.get("type") == TEXT_INPUT:
                _text_input_problems(problems, f"{at}.component", inner, labelled=True)
            elif inner.get("type") in SELECTS:
                _select_problems(problems, f"{at}.component", inner)
        elif kind != TEXT_DISPLAY:
            problems.append(f"{at} is type {kind}, not allowed in a modal")
    return problems


def autocomplete_problems(payload: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    choices = payload.get("choices") or []
    if len(choices) > AUTOCOMPLETE_CHOICES:
        problems.append(
            f"{len(choices)} autocomplete choices; Discord's limit is {AUTOCOMPLETE_CHOICES}"
        )
    for i, choice in enumerate(choices):
        at = f"choices[{i}]"
        _empty(problems, f"{at}.name", choice.get("name"), "a choice name")
        _too_long(problems, f"{at}.name", choice.get("name"), CHOICE_TEXT, "a choice name")
        _too_long(problems, f"{at}.value", choice.get("value"), CHOICE_TEXT, "a choice value")
    return problems


def callback_problems(callback_type: int, data: Mapping[str, Any], *, files: int = 0) -> list[str]:
    """An interaction response (`POST /interactions/{id}/{token}/callback`): its `data`."""
    if callback_type in MESSAGE_CALLBACKS:
        return message_problems(data, files=files)
    if callback_type == MODAL_CALLBACK:
        return modal_problems(data)
    if callback_type == AUTOCOMPLETE_CALLBACK:
        return autocomplete_problems(data)
    return []


# -- Collecting them during a test ---------------------------------------------------------------


def _describe(payload: Mapping[str, Any]) -> str:
    """A few words to find the payload by: its content or first title."""
    text = payload.get("content") or payload.get("title") or ""
    if not text:
        embeds = payload.get("embeds") or []
        text = (embeds[0].get("title") or embeds[0].get("description") or "") if embeds else ""
    text = " ".join(str(text).split())
    return f' ("{text[:60]}{"…" if len(text) > 60 else ""}")' if text else ""


@dataclass
class LimitChecker:
    """Collects limit problems from every payload a test's bot sends."""

    violations: list[str] = field(default_factory=list)

    def record(self, what: str, payload: Mapping[str, Any], problems: list[str]) -> None:
        for problem in problems:
            self.violations.append(f"{what}{_describe(payload)}: {problem}")

    def message(self, what: str, payload: Mapping[str, Any], *, files: int = 0) -> None:
        self.record(what, payload, message_problems(payload, files=files))

    def callback(
        self, what: str, callback_type: int, data: Mapping[str, Any], *, files: int = 0
    ) -> None:
        self.record(what, data, callback_problems(callback_type, data, files=files))

    def assert_clean(self) -> None:
        if self.violations:
            listing = "\n  ".join(self.violations)
            raise AssertionError(
                f"the bot sent {len(self.violations)} payload(s) Discord would refuse "
                f"(HTTP 400):\n  {listing}"
            )

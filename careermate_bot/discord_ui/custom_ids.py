"""Custom-id templates: declare an id once, get its regex, its formatter and its parser.

    UNDO = IdTemplate("cm:undo:{owner:int}:{token:hex}")
    UNDO.format(owner=42, token="9f0c")       # "cm:undo:42:9f0c"
    UNDO.parse("cm:undo:42:9f0c")             # {"owner": 42, "token": "9f0c"}
    UNDO.pattern                              # the regex DynamicItem matches

A field is ``{name:kind}``; a part in ``[...]`` is optional (it is left out when its fields are
None, and parses to None when absent). Kinds:

- ``int``: a number (Discord ids, database ids, pages), parsed to `int`;
- ``digits``: digits kept as text (BLS area codes keep their leading zeros);
- ``hex``: a lower-case hex token (nonces, undo tokens);
- ``slug``: a catalogue id such as ``data-scientist``; ``slug*`` may also be empty;
- ``word``: a short lower-case word (an action name);
- ``text``: up to 48 characters of any text but ``:``, ``|`` and line breaks (a skill's name);
- ``a|b|c``: exactly one of the listed words.

Discord allows 100 characters per custom id: `format` refuses a longer one (a programming
error, not a user's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

CUSTOM_ID_LIMIT: Final = 100

KINDS: Final[dict[str, str]] = {
    "int": r"\d{1,20}",
    "digits": r"\d{1,12}",
    "hex": r"[0-9a-f]{1,32}",
    "slug": r"[a-z0-9][a-z0-9-]{0,79}",
    "slug*": r"[a-z0-9-]{0,80}",
    "word": r"[a-z0-9-]{1,40}",
    "text": r"[^:|\n]{1,48}",
}
_FIELD = re.compile(r"\{(?P<name>[a-z_][a-z0-9_]*):(?P<kind>[^{}]+)\}")
Value = int | str | None


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    kind: str
    regex: str

    def check(self, value: int | str) -> str:
        text = str(value)
        if self.kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{self.name} must be an int, got {value!r}")
        if not re.fullmatch(self.regex, text):
            raise ValueError(f"{self.name}={value!r} does not fit {self.kind}")
        return text

    def convert(self, text: str | None) -> Value:
        if text is None:
            return None
        return int(text) if self.kind == "int" else text


def _kind_regex(kind: str) -> str:
    if kind in KINDS:
        return KINDS[kind]
    words = kind.split("|")
    if all(re.fullmatch(r"[a-z0-9_-]+", word) for word in words):
        return "(?:" + "|".join(re.escape(word) for word in words) + ")"
    raise ValueError(f"unknown custom-id field kind {kind!r}")


class Fields(Mapping[str, Value]):
    """The typed values of one custom id, with checked accessors for the common types."""

    def __init__(self, values: dict[str, Value]) -> None:
        self._values = values

    def __getitem__(self, name: str) -> Value:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def integer(self, name: str) -> int:
        value = self._values[name]
        if not isinstance(value, int):
            raise TypeError(f"custom-id field {name} is not an int: {value!r}")
        return value

    def text(self, name: str) -> str:
        value = self._values[name]
        if not isinstance(value, str):
            raise TypeError(f"custom-id field {name} is not text: {value!r}")
        return value

    def optional_text(self, name: str) -> str | None:
        value = self._values[name]
        return None if value is None else self.text(name)


class IdTemplate:
    """One custom-id layout (see the module docstring for the syntax)."""

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.fields: dict[str, _Field] = {}
        self._parts = self._split(spec)
        self.pattern = "".join(self._regex(part) for part in self._parts)
        self._compiled = re.compile(self.pattern)

    # -- building ---------------------------------------------------------------------------------
    @staticmethod
    def _split(spec: str) -> list[tuple[bool, str]]:
        """(optional?, text) pieces: text outside brackets, and each bracketed part."""
        parts: list[tuple[bool, str]] = []
        depth, start = 0, 0
        for index, char in enumerate(spec):
            if char == "[":
                if depth:
                    raise ValueError(f"nested optional parts in {spec!r}")
                parts.append((False, spec[start:index]))
                depth, start = 1, index + 1
            elif char == "]":
                if not depth:
                    raise ValueError(f"unbalanced ] in {spec!r}")
                parts.append((True, spec[start:index]))
                depth, start = 0, index + 1
        if depth:
            raise ValueError(f"unbalanced [ in {spec!r}")
        parts.append((False, spec[start:]))
        return [part for part in parts if part[1]]

    def _regex(self, part: tuple[bool, str]) -> str:
        optional, text = part
        out: list[str] = []
        position = 0
        for match in _FIELD.finditer(text):
            out.append(re.escape(text[position : match.start()]))
            name, kind = match["name"], match["kind"]
            if name in self.fields:
                raise ValueError(f"field {name!r} twice in {self.spec!r}")
            field = _Field(name, kind, _kind_regex(kind))
            self.fields[name] = field
            out.append(f"(?P<{name}>{field.regex})")
            position = match.end()
        out.append(re.escape(text[position:]))
        body = "".join(out)
        return f"(?:{body})?" if optional else body

    # -- using ------------------------------------------------------------------------------------
    def format(self, **values: Value) -> str:
        """The custom id for these values; optional parts with a None value are left out."""
        unknown = set(values) - set(self.fields)
        if unknown:
            raise ValueError(f"{self.spec!r} has no field {sorted(unknown)}")
        out: list[str] = []
        for optional, text in self._parts:
            names = [m["name"] for m in _FIELD.finditer(text)]
            given = {name: values.get(name) for name in names}
            if optional and any(value is None for value in given.values()):
                continue
            piece, position = [], 0
            for match in _FIELD.finditer(text):
                piece.append(text[position : match.start()])
                value = given[match["name"]]
                if value is None:
                    raise ValueError(f"{match['name']} is required in {self.spec!r}")
                piece.append(self.fields[match["name"]].check(value))
                position = match.end()
            piece.append(text[position:])
            out.append("".join(piece))
        custom_id = "".join(out)
        if len(custom_id) > CUSTOM_ID_LIMIT:
            raise ValueError(f"custom id {custom_id[:40]!r}… is over {CUSTOM_ID_LIMIT} characters")
        return custom_id

    def values(self, match: re.Match[str]) -> Fields:
        """The typed field values of a match of `pattern` (None for an absent optional part)."""
        return Fields({name: field.convert(match[name]) for name, field in self.fields.items()})

    def parse(self, custom_id: str) -> Fields | None:
        """The typed values of a custom id, or None when it is not one of these."""
        match = self._compiled.fullmatch(custom_id)
        return None if match is None else self.values(match)

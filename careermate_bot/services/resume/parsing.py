"""Résumé text -> sections, bullets, date ranges and contact presence (no scoring here).

Works on text from any reader: bullets marked with •, -, *, ▪, numbers or letters, or none
(PDF text often loses the glyph); lines a PDF or a text editor wrapped are joined back to their
bullet; headings in capitals, Title Case, with colons, underlines, numbering or letter-spacing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from careermate_bot.services.resume import contact, dates, headings, shapes
from careermate_bot.services.resume.contact import ContactPresence
from careermate_bot.services.resume.dates import DateRange

_BULLET = re.compile(
    r"^\s*(?:[•·▪▫◦●○■□◆◇►▶▸▹➢➤➔→✓✔✗☐❖⁃∙‣⦁\uf0b7\uf0a7\uf076\uf0d8\uf0fc\ue000-\uf8ff]"
    r"|[-–—*+>](?=\s)|o(?=\s+[A-Z])|\(?\d{1,2}[.)](?=\s)|\(?[a-h][.)](?=\s))\s*"
)
_UNDERLINE = re.compile(r"^\s*[-=_~*#]{3,}\s*$")
_SENTENCE_END = (".", "!", "?", ";", ":")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
ACHIEVEMENT_SECTIONS = frozenset(
    {"experience", "projects", "volunteer", "awards", "publications", None}
)
MIN_BULLET_WORDS = 3


@dataclass(slots=True)
class Line:
    text: str  # without the bullet marker
    section: str | None  # canonical section; None = before any heading or an unknown one
    bullet: bool
    index: int
    indented: bool = False


@dataclass(slots=True)
class ParsedResume:
    lines: list[Line]
    sections: list[str]  # canonical sections in order of appearance
    unknown_headings: list[str]
    contact: ContactPresence
    ranges: list[DateRange]
    range_sections: list[str | None]
    words: int
    text: str
    private_glyphs: int = 0
    section_lines: dict[str, list[int]] = field(default_factory=dict)

    def bullets(self, sections: frozenset[str | None] = ACHIEVEMENT_SECTIONS) -> list[Line]:
        return [
            line
            for line in self.lines
            if line.bullet
            and line.section in sections
            and len(line.text.split()) >= MIN_BULLET_WORDS
            and not shapes.is_structure(line.text)
        ]

    def achievement_lines(self) -> list[Line]:
        """Bullets under experience-like sections; without any, the sentences written there.
        Job headers ("Walmart - Sales Associate / Team Lead") and label lines are not
        achievements."""
        found = self.bullets()
        if found:
            return found
        return [
            Line(sentence, line.section, False, line.index)
            for line in self.lines
            if line.section == "experience"
            and len(line.text.split()) >= 6
            and not dates.find_ranges(line.text, line.index)
            and not shapes.is_structure(line.text)
            for sentence in _SENTENCES.split(line.text)
            if len(sentence.split()) >= MIN_BULLET_WORDS
        ]

    @property
    def paragraphs_only(self) -> bool:
        """Roles described in paragraphs, not bullet points."""
        return not self.bullets() and bool(self.achievement_lines())

    def has(self, section: str) -> bool:
        return section in self.sections


def _strip_bullet(raw: str) -> tuple[str, bool]:
    match = _BULLET.match(raw)
    if match is None:
        return raw.strip(), False
    rest = raw[match.end() :].strip()
    return rest, True


def _wrap_width(raw_lines: list[str]) -> int:
    lengths = sorted(len(line.rstrip()) for line in raw_lines if line.strip())
    if not lengths:
        return 0
    return lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0]


def _continues(previous: Line, raw: str, text: str, width: int) -> bool:
    """Is `raw` the wrapped tail of the bullet `previous`?"""
    if not previous.bullet or not text or dates.find_ranges(text, 0):
        return False
    if text[0].islower() or text[0] in "(&,":
        return True
    if raw[:1] in (" ", "\t") and not previous.indented:
        return True
    ends_open = not previous.text.endswith(_SENTENCE_END)
    wrapped = width > 0 and len(previous.text) + 2 >= 0.8 * width
    return ends_open and wrapped and len(text.split()) <= 12


def _switches(current: str | None, label: str) -> bool:
    """Does an inline label ("Skills: Python, SQL") start a section? Outside any section, yes;
    inside one, only a different core section does: "Languages: Python" under Skills and
    "Relevant coursework: ..." under Education are sub-labels."""
    if current is None or current in ("contact", "summary"):
        return True
    return label in headings.CORE and label != current


def parse(text: str, today: date | None = None) -> ParsedResume:
    raw_lines = text.split("\n")
    width = _wrap_width(raw_lines)
    lines: list[Line] = []
    section: str | None = None
    sections: list[str] = []
    unknown: list[str] = []
    pending_marker = False
    after_heading = False  # a line right after a heading never continues the bullet above it
    for raw in raw_lines:
        if not raw.strip() or _UNDERLINE.match(raw):
            continue
        name = headings.canonical(raw)
        if name is not None:
            section = name
            after_heading = True
            if name not in sections:
                sections.append(name)
            continue
        inline = headings.split_inline(raw)
        if inline is not None and _switches(section, inline[0]):
            section, rest = inline
            if section not in sections:
                sections.append(section)
            lines.append(Line(rest, section, False, len(lines)))
            continue
        if sections and raw.rstrip().endswith(":") and headings.looks_like_heading(raw):
            unknown.append(raw.strip()[:40])  # "TOOLBOX:" - a heading no ATS knows
            section = None
            after_heading = True
            continue
        body, is_bullet = _strip_bullet(raw)
        if pending_marker:
            is_bullet, pending_marker = True, False
        if is_bullet and not body:
            pending_marker = True  # the glyph on a line of its own (some PDF exports)
            continue
        joins = bool(lines) and not after_heading and not is_bullet
        after_heading = False
        if joins and _continues(lines[-1], raw, body, width):
            lines[-1].text = f"{lines[-1].text} {body}"
            continue
        lines.append(Line(body, section, is_bullet, len(lines), raw[:1] in (" ", "\t")))
    ranges: list[DateRange] = []
    range_sections: list[str | None] = []
    section_lines: dict[str, list[int]] = {}
    for line in lines:
        if line.section:
            section_lines.setdefault(line.section, []).append(line.index)
        for found in dates.find_ranges(line.text, line.index, today):
            ranges.append(found)
            range_sections.append(line.section)
    return ParsedResume(
        lines=lines,
        sections=sections,
        unknown_headings=unknown,
        contact=contact.detect(text),
        ranges=ranges,
        range_sections=range_sections,
        words=len(text.split()),
        text=text,
        private_glyphs=sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff"),
        section_lines=section_lines,
    )

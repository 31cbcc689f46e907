"""What in a résumé counts for a target role: its skills, and its years of experience.

Skills: a skill is relevant to a role when the role lists it, when it is related (in the
taxonomy) to one the role lists, or when a role of the same family lists it (Python counts
for a Data Analyst; cash handling does not). Soft skills count half.

Years: a dated role counts when its header names the target (its title or an alias), a role
one step from it on the career ladder or with the same SOC code, or a role of the same family
with the same head noun ("Mathematics Teacher" for High School Teacher). Only the header is
read, so adding a bullet never changes the years (and so never the length band). Ten years in
retail are not ten years as a data analyst: a career changer is entry level for the new role.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from careermate_bot.knowledge import KnowledgeBase, Occupation
from careermate_bot.services.resume import dates, target
from careermate_bot.services.resume.dates import DateRange
from careermate_bot.services.resume.parsing import ParsedResume

SOFT_WEIGHT = 0.5
_TOKENS = re.compile(r"[a-z0-9+#]+")
_SPLIT = re.compile(r"\s*(?:[|·•,()]|\s[-–—/@]\s|\s(?:at|@)\s)\s*")
# Head nouns too general to tie two jobs together on their own.
GENERIC_HEADS = frozenset(
    "manager assistant associate specialist representative worker officer agent coordinator "
    "director supervisor lead clerk technician operator administrator consultant intern "
    "member staff professional executive head owner".split()
)


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text.lower())


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return n > 0 and any(list(haystack[i : i + n]) == list(needle) for i in range(len(haystack)))


class RoleContext:
    """A target occupation with what relevance needs, computed once per review."""

    def __init__(self, kb: KnowledgeBase, occupation: Occupation) -> None:
        self.kb = kb
        self.occupation = occupation
        occupations: tuple[Occupation, ...] = kb.occupations
        own = {*occupation.core_skills, *occupation.nice_skills}
        related: set[str] = set()
        for name in own:
            skill = kb.get_skill(name)
            if skill is not None:
                related.update(skill.related)
        family = {
            s
            for o in occupations
            if o.family == occupation.family
            for s in (*o.core_skills, *o.nice_skills)
        }
        self.skills = frozenset(own | related | family)
        self.adjacent = frozenset(
            {*occupation.next_roles}
            | {o.id for o in occupations if occupation.id in o.next_roles}
            | {o.id for o in occupations if o.soc_code == occupation.soc_code}
        )
        self.names = [_tokens(n) for n in (occupation.title, *occupation.aliases)]
        self.head = _head(occupation.title)

    def weighted_skills(self, skills: Iterable[str]) -> float:
        """Role-relevant skills, soft skills counting half."""
        return sum(self._weight(s) for s in skills if s in self.skills)

    def relevant_skills(self, skills: Iterable[str]) -> list[str]:
        return [s for s in skills if s in self.skills]

    def _weight(self, name: str) -> float:
        skill = self.kb.get_skill(name)
        return SOFT_WEIGHT if skill is not None and skill.category == "soft" else 1.0

    def header_matches(self, header: str) -> bool:
        tokens = _tokens(header)
        if any(_contains(tokens, name) for name in self.names):
            return True
        for segment in _SPLIT.split(header):
            found = target.exact_role(self.kb, segment)
            if found is None:
                continue
            if found.id == self.occupation.id or found.id in self.adjacent:
                return True
            if found.family == self.occupation.family and _head(found.title) == self.head:
                return True
        return self.head not in GENERIC_HEADS and self.head in tokens


def _head(title: str) -> str:
    words = _tokens(title)
    return words[-1] if words else ""


MAX_HEADER_LINE_WORDS = 8


def _header_like(parsed: ParsedResume, index: int, section: str | None) -> str | None:
    """A neighbouring line that belongs to the role's header (title or employer on its own
    line): not a bullet, in the same section, short, no sentence, no dates of its own."""
    if not 0 <= index < len(parsed.lines):
        return None
    line = parsed.lines[index]
    text = line.text.strip()
    if line.bullet or line.section != section or not text:
        return None
    if dates.find_ranges(text, index):
        return None
    if text.endswith((".", "!", "?")) and len(text.split()) > 4:  # a sentence, not "Acme Co."
        return None
    return text if len(text.split()) <= MAX_HEADER_LINE_WORDS else None


def role_headers(parsed: ParsedResume) -> list[tuple[DateRange, str]]:
    """Each dated role (experience, or before any heading) with its header text: the line of
    the date range without the dates, plus the short lines right above and below it when they
    hold the title or employer ("Data Analyst / Acme Corp / Jan 2019 – Present")."""
    out: list[tuple[DateRange, str]] = []
    for found, section in zip(parsed.ranges, parsed.range_sections, strict=True):
        if section not in ("experience", None) or found.end < found.start:
            continue
        parts = [dates.strip_ranges(parsed.lines[found.line].text)]
        above = [found.line - 1, found.line - 2] if len(_tokens(parts[0])) < 2 else []
        for index in [*above, found.line - 1, found.line + 1]:
            extra = _header_like(parsed, index, section)
            if extra is not None and extra not in parts:
                parts.append(extra)
        out.append((found, " | ".join(p for p in parts if p)))
    return out


def merged_years(spans: Iterable[tuple[int, int]]) -> float | None:
    """Total years covered by month spans, overlaps counted once."""
    ordered = sorted(spans)
    if not ordered:
        return None
    months = 0
    current_start, current_end = ordered[0]
    for start, end in ordered[1:]:
        if start > current_end + 1:
            months += current_end - current_start + 1
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    months += current_end - current_start + 1
    return round(months / 12, 1)


def relevant_years(parsed: ParsedResume, role: RoleContext) -> float:
    """Years in roles whose header matches the target (0.0 when none does)."""
    spans = [(r.start, r.end) for r, header in role_headers(parsed) if role.header_matches(header)]
    return merged_years(spans) or 0.0

"""The role a résumé says it is for, when the user named none.

In order: a stated objective ("seeking an entry-level data analyst position", "transitioning
into instructional design"), the headline under the name ("Licensed Journeyman Electrician"),
then the summary's opening noun phrase ("Registered nurse with 7 years in ICU"). A phrase
counts only when it names a catalogue occupation exactly (title or a unique alias, after
dropping leading words such as "entry-level" or "experienced"); an objective of two words or
more may also match loosely ("data analytics" -> Data Analyst), because it is an explicit
statement of the aim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from careermate_bot.knowledge import KnowledgeBase, Occupation
from careermate_bot.services.resume import headings
from careermate_bot.services.resume.parsing import ParsedResume

HEADLINE_LINES = 4  # lines under the name that may hold a headline
MAX_PHRASE_WORDS = 7
_TRIGGER = re.compile(
    r"\b(?:seeking|seek|seeks|looking\s+for|searching\s+for|pursuing|applying\s+for|"
    r"interested\s+in|hoping\s+to\s+(?:find|land|secure|obtain|become|start)|"
    r"(?:want|would\s+like|aim|aiming|aspire|plan|hope)\s+to\s+(?:become|work\s+as|start)|"
    r"to\s+(?:obtain|secure|land|find|gain|get|become|start)|aiming\s+for|"
    r"(?:transition|transitioning|move|moving|pivot|pivoting|switch|switching|shift|"
    r"shifting|changing\s+careers?|career\s+change)\s+(?:in)?to|"
    r"aspiring|career\s+(?:as|in)|"
    r"(?:target(?:ed)?|desired)\s+(?:role|position|job)\s*[:\-–]|"
    r"(?:position|role)\s+(?:sought|desired)\s*[:\-–]|objective\s*[:\-–])\s+",
    re.IGNORECASE,
)
# Where a role phrase ends: a role noun ("position"), a clause, punctuation.
_STOP = re.compile(
    r"\s*(?:[.,;:!?()|]|\s-\s|\s–\s|\s—\s|\b(?:positions?|roles?|jobs?|opportunit(?:y|ies)|"
    r"careers?|internships?|work|employment|where|with|in|at|within|that|which|who|to|for|"
    r"and|or|seeking|looking|moving|transitioning|pivoting|offering|bringing|having|"
    r"specializing|specialising|focused|skilled|experienced\s+in|who|since|across|from|"
    r"by|on)\b)",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(?:(?:a|an|the|my|our|first|new|full[- ]time|part[- ]time|permanent|challenging|"
    r"rewarding|suitable|meaningful|long[- ]term)\s+)+",
    re.IGNORECASE,
)
_AS_ROLE = re.compile(
    r"^(?:(?:a|an|the|my)\s+)?(?:\w+\s+)?(?:position|role|job|career|work|employment)\s+"
    r"(?:as|in)\s+(?:an?\s+)?",
    re.IGNORECASE,
)
_I_AM = re.compile(r"^\s*(?:i\s+am|i'm)\s+(?:an?\s+)?|^\s*(?:an?)\s+", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:[|·•,]|\s[-–—]\s)\s*")
_LETTERS = re.compile(r"^[A-Za-z][A-Za-z./&' -]*$")


@dataclass(frozen=True, slots=True)
class StatedTarget:
    occupation: Occupation
    source: str  # "objective", "headline" or "summary"
    phrase: str  # the words it came from


def _words(phrase: str) -> list[str]:
    return [w for w in re.split(r"\s+", phrase.strip(" -–—:;,.")) if w]


# Words a headline may carry before the role ("Licensed Journeyman Electrician").
QUALIFIERS = frozenset(
    "licensed certified registered senior junior jr sr lead principal staff experienced "
    "aspiring entry level entry-level journeyman master apprentice trainee bilingual "
    "professional freelance independent assistant associate chief head".split()
)


def exact_role(kb: KnowledgeBase, phrase: str, *, strict: bool = False) -> Occupation | None:
    """The occupation a phrase names exactly, trying shorter endings ("experienced registered
    nurse" -> "registered nurse"). Only letters; never a fuzzy guess. `strict` (headlines,
    where a name may stand): a one-word ending counts only after qualifier words, so "John
    Carpenter" is not a carpenter but "Licensed Plumber" is a plumber."""
    words = _words(phrase)
    if not words or len(words) > MAX_PHRASE_WORDS or not _LETTERS.match(" ".join(words)):
        return None
    for start in range(len(words)):
        ending = words[start:]
        dropped = words[:start]
        if strict and len(ending) == 1 and any(w.lower() not in QUALIFIERS for w in dropped):
            continue
        found: Occupation | None = kb.get_occupation(" ".join(ending))
        if found is not None:
            return found
    return None


def _role_phrase(text: str) -> str:
    text = _AS_ROLE.sub("", _LEAD_IN.sub("", text.strip()))
    stop = _STOP.search(text)
    phrase = text[: stop.start()] if stop else text
    return " ".join(phrase.split()[:MAX_PHRASE_WORDS])


def _objective_phrases(text: str) -> Iterator[str]:
    for match in _TRIGGER.finditer(text):
        rest = text[match.end() :]
        phrase = _role_phrase(rest)
        if phrase:
            yield phrase
        # "a position in data analytics", "roles as a paralegal"
        after = re.match(
            r"^(?:(?:a|an|the|my)\s+)?(?:[\w-]+\s+){0,2}?(?:positions?|roles?|jobs?|"
            r"opportunit(?:y|ies)|careers?|work)\s+(?:as|in)\s+(?:an?\s+)?(.*)$",
            rest,
            re.IGNORECASE,
        )
        if after:
            tail = _role_phrase(after.group(1))
            if tail:
                yield tail


def _summary_text(parsed: ParsedResume) -> list[str]:
    return [line.text for line in parsed.lines if line.section == "summary"]


def _top_lines(parsed: ParsedResume) -> list[str]:
    """The lines above the first section heading, name line included."""
    first_section = min((i for ids in parsed.section_lines.values() for i in ids), default=None)
    lines = [
        line.text for line in parsed.lines if first_section is None or line.index < first_section
    ]
    return lines[: HEADLINE_LINES + 1]


def _headline_segments(parsed: ParsedResume) -> Iterator[str]:
    for number, line in enumerate(_top_lines(parsed)):
        text = line.strip().lstrip("#* ").rstrip("* ")
        if "@" in text or headings.canonical(text) is not None:
            continue
        segments = [s for s in _NAME_SPLIT.split(text) if s]
        if number == 0:
            segments = segments[1:]  # the name itself ("Tyler Cook" is not a cook)
        for segment in segments:
            if any(ch.isdigit() for ch in segment) or len(segment.split()) > 6:
                continue
            yield segment


def _summary_lead(parsed: ParsedResume) -> str | None:
    for text in _summary_text(parsed):
        sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
        lead = _role_phrase(_I_AM.sub("", sentence))
        if lead:
            return lead
        return None
    return None


def _head(text: str) -> str:
    words = _words(text)
    return words[-1].lower() if words else ""


def stated_target(kb: KnowledgeBase, parsed: ParsedResume) -> StatedTarget | None:
    """The role the résumé states it is for, or None."""
    summary = " ".join(_summary_text(parsed))
    top = " ".join(_top_lines(parsed))
    objectives = [*_objective_phrases(summary), *_objective_phrases(top)]
    for phrase in objectives:
        found = exact_role(kb, phrase)
        if found is not None:
            return StatedTarget(found, "objective", phrase)
    named = _named_role(kb, parsed)
    for phrase in objectives:
        if len(phrase.split()) < 2:
            continue  # one loose word ("growth", "teaching") is too easy to misread
        resolved: Occupation | None = kb.resolve_occupation(phrase).occupation
        if resolved is None:
            continue
        if named is not None and _head(phrase) == _head(named.occupation.title):
            return named  # "seeking a lead teacher role" + "Preschool teacher ...": the latter
        return StatedTarget(resolved, "objective", phrase)
    return named


def _named_role(kb: KnowledgeBase, parsed: ParsedResume) -> StatedTarget | None:
    """The role the headline or the summary's opening names exactly."""
    for segment in _headline_segments(parsed):
        found = exact_role(kb, segment, strict=True)
        if found is not None:
            return StatedTarget(found, "headline", segment)
    lead = _summary_lead(parsed)
    if lead:
        found = exact_role(kb, lead)
        if found is not None:
            return StatedTarget(found, "summary", lead)
    return None

"""Does a pasted message look like a résumé? Sections, dates, bullets, at least 120 words.

A résumé names two or more of its usual sections (Experience, Education, Skills, Summary,
Projects, Certifications...) as headings: on a line of their own, in capitals, or followed by
a colon. It has dated entries ("2019 - Present", "Mar 2021", "2020-2022") and usually bullets
or contact details, and little chat ("I", "you", question marks). A long story about a career
("I worked in retail for eight years...") has none of the headings and is not one.
"""

from __future__ import annotations

import re
from typing import Final

MIN_WORDS = 120

_SECTIONS: Final = (
    r"(?:professional |work |relevant |employment |career |technical |core |key |additional )?"
    r"(?:experience|employment history|work history|education|skills|skills & abilities|"
    r"summary|profile|objective|projects|certifications?|licen[sc]es?(?: (?:&|and) "
    r"certifications?)?|awards|honou?rs|publications|volunteer(?:ing| experience| work)?|"
    r"languages|references|qualifications|competencies|achievements|training|interests|"
    r"activities|coursework|affiliations)"
)
_HEADING_LINE = re.compile(rf"^[ \t#*•-]*{_SECTIONS}[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)
_HEADING_COLON = re.compile(rf"(?:^|[.\n|•]\s*){_SECTIONS}\s*:", re.IGNORECASE)
_HEADING_CAPS = re.compile(
    r"\b(?:(?:PROFESSIONAL|WORK|RELEVANT) )?(?:EXPERIENCE|EDUCATION|SKILLS|SUMMARY|PROJECTS|"
    r"CERTIFICATIONS?|OBJECTIVE|PROFILE|EMPLOYMENT|VOLUNTEER|LANGUAGES|LICENSES)\b"
)
_DATE = re.compile(
    r"\b(?:19[5-9]\d|20[0-4]\d)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.? \d{2,4}\b|\bpresent\b|\bcurrent\b",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[ \t]*(?:[-*•·▪◦‣]|\d+[.)])[ \t]+\S", re.MULTILINE)
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}|linkedin\.com/|github\.com/",
    re.IGNORECASE,
)
_CHAT = re.compile(r"\b(?:i|i'm|i've|you|your|me)\b|\?", re.IGNORECASE)


def looks_like_resume(text: str) -> bool:
    """True for a pasted résumé (not for a long message about one's career)."""
    words = text.split()
    if len(words) < MIN_WORDS:
        return False
    headings = {
        m.group(0).strip(" \t#*•-:.|\n").lower()
        for pattern in (_HEADING_LINE, _HEADING_COLON, _HEADING_CAPS)
        for m in pattern.finditer(text)
    }
    sections = {h.split()[-1].rstrip(":") for h in headings if h}
    if len(sections) < 2:
        return False
    dates = len(_DATE.findall(text))
    bullets = len(_BULLET.findall(text))
    contact = _CONTACT.search(text) is not None
    chat = len(_CHAT.findall(text)) / len(words)
    evidence = (dates >= 2) + (bullets >= 2 or contact) + (len(sections) >= 3) + (chat < 0.03)
    return dates >= 1 and evidence >= 3

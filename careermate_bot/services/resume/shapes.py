"""Line shapes that look like bullets but are not achievements.

    "Walmart - Sales Associate / Team Lead"      a job header (employer and title)
    "Senior Analyst | Acme Corp | Austin, TX"    a job header
    "Rotations: Pediatrics, ICU, Labor & Delivery"  a label with a list

Such lines must not be scored as bullets ("no action verb", "no number"): they are structure.
"""

from __future__ import annotations

import re

from careermate_bot.services.resume import language

_SMALL = frozenset(
    "of and the for at in on to a an & with from by de la du y und - – — | / @ ,".split()
)
_SEPARATOR = re.compile(r"\s[-–—|/@]\s|,\s|\s(?:at|@)\s|\s[|·•]\s|\(")
_WORD = re.compile(r"[^\W\d_][\w'&.+-]*")
_LABEL = re.compile(r"^\s*([A-Z][\w&/' -]{1,30}?)\s*:\s*(\S.*)$")
MAX_HEADER_WORDS = 10
TITLE_CASE_SHARE = 0.75


def is_job_header(text: str) -> bool:
    """Employer and title on one line, no sentence: short, Title Case, no closing period,
    usually with a separator ("Walmart - Sales Associate / Team Lead"). A line opening with a
    past-tense verb ("Led Project Phoenix – ERP Migration") is an achievement."""
    stripped = text.strip()
    if not stripped or stripped.endswith((".", "!", "?", ";")):
        return False
    words = _WORD.findall(stripped)
    if not words or len(stripped.split()) > MAX_HEADER_WORDS:
        return False
    if language.is_past_action(words[0]):
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    if capitalised / len(content) < TITLE_CASE_SHARE:
        return False
    return bool(_SEPARATOR.search(stripped)) or len(content) <= 5


def is_label_line(text: str) -> bool:
    """ "Rotations: Pediatrics, ICU" or "Tools: Excel, SQL": a label and a list, no achievement.
    A lead-in followed by a verb ("Inventory project: reduced waste by 10%") is not one."""
    match = _LABEL.match(text)
    if match is None:
        return False
    rest = match.group(2)
    if language.starts_with_action(rest) or language.is_quantified(rest):
        return False
    return "," in rest or len(rest.split()) <= 4


def is_structure(text: str) -> bool:
    return is_job_header(text) or is_label_line(text)

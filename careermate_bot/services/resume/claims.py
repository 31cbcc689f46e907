"""What a rewrite of a résumé bullet may not claim: facts the résumé does not hold.

A rewrite is dropped when it
- adds a skill or tool the résumé never names (the knowledge base's `extract_skills`),
- adds a job title, employer or other name (a capitalised word, an acronym) absent from it,
- raises seniority: a senior word the résumé doesn't use ("Senior", "Lead", "Head of",
  "Director"...), or a title without the junior word it carries in the résumé
  ("Software Engineering Intern" -> "Software Engineer", "Assistant Store Manager" ->
  "Store Manager", "Junior Analyst" -> "Analyst").

Pure functions of the texts; placeholders such as "[X%]" or "[N]" are fine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from careermate_bot.services.resume import language

SkillExtractor = Callable[[str], Sequence[str]]

_PLACEHOLDER = re.compile(r"\[[^\[\]]{1,24}\]")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9+#&'.-]*[A-Za-z0-9+#]|[A-Za-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;•]\s+|\(\s*|[\"“]\s*)$")

# Words that make a title more senior than the résumé says.
SENIOR = frozenset(
    "senior sr principal staff lead head chief director manager supervisor vp vice president "
    "executive superintendent foreman partner".split()
)
# Words that mark a title as junior; dropping one raises seniority.
JUNIOR = frozenset(
    "intern interns internship junior jr trainee apprentice assistant associate entry student "
    "aide helper extern volunteer graduate".split()
)
TITLE_NOUNS = frozenset(
    "engineer developer programmer architect analyst scientist manager director supervisor "
    "coordinator specialist consultant administrator officer executive president founder "
    "owner partner designer nurse teacher technician technologist accountant auditor attorney "
    "lawyer paralegal physician therapist pharmacist electrician plumber carpenter welder "
    "mechanic chef cook cashier representative agent clerk assistant intern lead head chief "
    "principal editor writer producer recruiter trainer instructor professor researcher "
    "strategist planner estimator inspector operator foreman superintendent associate "
    "hygienist counselor advisor officer sergeant lieutenant captain".split()
)
# Capitalised words that name nothing (sentence openers after a colon, months, weekdays).
_COMMON_CAPITALS = frozenset(
    "i a an the and or of for to in on at by with from as into per via vs "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday q1 q2 q3 q4 ok".split()
)
JUNIOR_WINDOW = 2  # a junior word this many tokens before a title (or right after it) counts


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # "skill", "title", "seniority", "name": for logs and counts, never content
    detail: str  # for people and tests: "adds the skill “Python”"


def _tokens(text: str) -> list[str]:
    return [t.lower().rstrip(".") for t in _TOKEN.findall(_PLACEHOLDER.sub(" ", text))]


def _occurrences(tokens: Sequence[str], phrase: Sequence[str]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(tokens) - n + 1) if list(tokens[i : i + n]) == list(phrase)]


def _junior_near(tokens: Sequence[str], start: int, end: int) -> bool:
    before = tokens[max(0, start - JUNIOR_WINDOW) : start]
    after = tokens[end : end + 1]
    inside = tokens[start:end]
    return any(t in JUNIOR for t in (*before, *after, *inside))


def _title_phrases(text: str) -> list[list[str]]:
    """Job titles in a rewrite: a title noun with up to two words before it that are
    capitalised ("Software Engineer") or seniority words ("senior analyst")."""
    words = [(m.group(0), m.start()) for m in _TOKEN.finditer(_PLACEHOLDER.sub(" ", text))]
    phrases: list[list[str]] = []
    for i, (word, _) in enumerate(words):
        lower = word.lower()
        if lower not in TITLE_NOUNS:
            continue
        if lower == "lead" and not _lead_is_title(words, i):
            continue
        start = i
        while start > 0 and i - start < 2:
            previous = words[start - 1][0]
            if previous.lower() in _COMMON_CAPITALS:
                break
            if previous[0].isupper() or previous.lower() in SENIOR | JUNIOR:
                start -= 1
            else:
                break
        phrases.append([w.lower() for w, _ in words[start : i + 1]])
    return phrases


def _lead_is_title(words: Sequence[tuple[str, int]], i: int) -> bool:
    """ "team lead", "Lead Engineer", "as lead": a title; "Lead weekly reviews": a verb."""
    before = words[i - 1][0].lower() if i > 0 else ""
    after = words[i + 1][0].lower() if i + 1 < len(words) else ""
    return before in ("team", "tech", "technical", "project", "shift", "as", "the", "a") or (
        after in TITLE_NOUNS or after == "of"
    )


def _names(text: str) -> list[str]:
    """Capitalised words and acronyms that are not sentence openers: employers, products,
    places, tools ("Google", "Salesforce", "AWS")."""
    clean = _PLACEHOLDER.sub(" ", text)
    found: list[str] = []
    for match in _TOKEN.finditer(clean):
        word = match.group(0)
        if not word[0].isupper() or word.lower() in _COMMON_CAPITALS:
            continue
        if not word.isupper() and language.is_action_word(word):
            continue  # "Stocked Shelves And Helped Customers": Title Case, not a name
        if _SENTENCE_START.search(clean[: match.start()]):
            continue
        found.append(word)
    return found


def rewrite_problem(
    rewrite: str,
    original: str,
    resume_text: str,
    extract_skills: SkillExtractor | None = None,
) -> Problem | None:
    """Why a rewrite claims more than the résumé holds, or None when it claims nothing new."""
    source = f"{resume_text}\n{original}"
    have = set(_tokens(source))
    source_tokens = _tokens(source)
    for phrase in _title_phrases(rewrite):
        raised = [w for w in phrase if w in SENIOR and w not in have]
        if raised:
            return Problem("seniority", f"adds “{raised[0]}” to a title")
        core = [w for w in phrase if w not in JUNIOR]
        spots = _occurrences(source_tokens, core)
        if not spots and (phrase[-1] not in have or len(core) > 1):
            if _junior_variant(source_tokens, phrase[-1]):
                # "Software Engineering Intern" -> "Software Engineer"
                return Problem("seniority", f"turns a junior title into “{' '.join(core)}”")
            return Problem("title", f"adds the title “{' '.join(core)}”")
        rewrite_tokens = _tokens(rewrite)
        mine = _occurrences(rewrite_tokens, core)
        junior_in_resume = spots and all(
            _junior_near(source_tokens, i, i + len(core)) for i in spots
        )
        junior_here = any(_junior_near(rewrite_tokens, i, i + len(core)) for i in mine)
        if junior_in_resume and not junior_here:
            return Problem("seniority", f"drops the junior part of “{' '.join(core)}”")
    for word in _senior_words(rewrite):
        if word not in have:
            return Problem("seniority", f"adds “{word}”")
    for role in _role_claims(rewrite):
        if role[-1] not in have:
            return Problem("title", f"adds the role “{' '.join(role)}”")
    if extract_skills is not None:
        known = {s.casefold() for s in extract_skills(source)}
        for skill in extract_skills(rewrite):
            if skill.casefold() not in known:
                return Problem("skill", f"adds the skill “{skill}”")
    for name in _names(rewrite):
        if name.lower().rstrip(".") not in have:
            return Problem("name", f"names “{name}”, which the résumé doesn't")
    return None


_ROLE_CLAIM = re.compile(
    r"\b(?:as|became|become|promoted\s+to|hired\s+as|serving\s+as|served\s+as)\s+"
    r"(?:an?\s+|the\s+)?((?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*?)(?=\s*(?:[,.;:]|$|\s"
    r"(?:for|at|in|on|with|to|and|of|from|by|who|where|during|after|before|across|while|"
    r"[a-z]+ed|[a-z]+ing)\b))",
    re.IGNORECASE,
)
_NOT_ROLES = frozenset(
    "part result well much many such follows usual soon long often possible planned "
    "expected one two three first second whole".split()
)
_COLLECTIVE = frozenset("team group unit crew family".split())  # "worked as a team"


def _role_claims(text: str) -> list[list[str]]:
    """ "worked as a merchandiser", "promoted to shift supervisor": the role named."""
    out = []
    clean = _PLACEHOLDER.sub(" ", text)
    for match in _ROLE_CLAIM.finditer(clean):
        if re.search(r"\b(?:such|as|so)\s*$", clean[: match.start()], re.IGNORECASE):
            continue  # "such as Excel", "as well as", "so as to"
        words = _tokens(match.group(1))
        head = words[-1] if words else ""
        if not head or head.endswith(("ed", "ing", "ly")):
            continue
        if any(w in _NOT_ROLES or w in _COMMON_CAPITALS for w in words):
            continue
        if len(words) == 1 and head in _COLLECTIVE:
            continue
        out.append(words)
    return out


def _junior_variant(tokens: Sequence[str], noun: str) -> bool:
    """A junior title built on the same word: "engineering intern" for "engineer"."""
    for i, token in enumerate(tokens):
        if token != noun and token.startswith(noun[:6]) and _junior_near(tokens, i, i + 1):
            return True
    return False


def _senior_words(text: str) -> list[str]:
    """Senior words used as titles anywhere ("promoted to Director", "as head of sales")."""
    words = [(m.group(0), m.start()) for m in _TOKEN.finditer(_PLACEHOLDER.sub(" ", text))]
    out = []
    for i, (word, _) in enumerate(words):
        lower = word.lower()
        if lower not in SENIOR:
            continue
        if lower == "lead" and not _lead_is_title(words, i):
            continue
        if lower in ("staff", "partner", "executive") and not word[0].isupper():
            continue  # "trained staff", "partnered" are not titles
        out.append(lower)
    return out

"""Text normalisation for guide retrieval: one pipeline for documents and questions.

lower-case and accent-fold -> words -> synonyms ("cv" -> "resume") -> stop words out -> a light
suffix stemmer ("negotiating", "negotiation", "negotiate" -> "negotiat") -> word bigrams
("cover letter" -> "cover_letter") added beside the unigrams, so phrases score above their
scattered words. Deliberately small and deterministic: the documents are ~60 short topics.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:[+#]+|(?:'[a-z]+))?")

# Spelling variants and slang mapped to one form before stemming (both sides of the index).
SYNONYMS: dict[str, str] = {
    "cv": "resume",
    "cvs": "resume",
    "resumes": "resume",
    "résumé": "resume",
    "boss": "manager",
    "bosses": "manager",
    "supervisor": "manager",
    "salaries": "salary",
    "wage": "salary",
    "wages": "salary",
    "comp": "compensation",
    "money": "salary",
    "income": "salary",
    "paycheck": "salary",
    "paycheque": "salary",
    "payrise": "raise",
    "wfh": "remote",
    "remotely": "remote",
    "telework": "remote",
    "burnt": "burned",
    "burnout": "burned",
    "exhausted": "burned",
    "impostor": "imposter",
    "laidoff": "layoff",
    "redundancy": "layoff",
    "redundant": "layoff",
    "headhunter": "recruiter",
    "headhunters": "recruiter",
    "gig": "freelance",
    "ghosted": "ghost",
    "ghosting": "ghost",
    "mba": "masters",
    "master's": "masters",
    "master": "masters",
    "grad": "graduate",
    "linkedin's": "linkedin",
    "h1b": "visa",
    "h-1b": "visa",
    "interveiw": "interview",
    "intreview": "interview",
    "resign": "resigning",
    "pip": "pip",
    "cos": "because",
    "u": "you",
    "ur": "your",
    "im": "i",
    "dont": "not",
    "cant": "not",
    "can't": "not",
    "don't": "not",
    "won't": "not",
    "didn't": "not",
    "doesn't": "not",
    "isn't": "not",
}

STOP = frozenset(
    """a an the and or but if then so of to in on at by for with from into about as is are was
    were be been being am do does did doing have has had having i me my mine myself you your
    yours we our us they them their he she him her his it its this that these those there here
    what which who whom whose when where why how can could should would will shall may might
    must just very really also too much many more most some any all each other such only own
    same than up down out over under again further once get got getting go going want wanted
    need needed know like lol pls please thanks thank hi hey hello ok okay yes yeah guys anyone
    someone something thing things way ways even still ever im i'm i've i'd i'll it's that's
    what's whats hows how's help advice best good tip tips""".split()
)


def fold(text: str) -> str:
    """Lower-case, accents off, straight quotes."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


# Amounts of money ("95k", "$70,000", "$31/hr") and ages ("at 45", "in my 50s") become one token
# each, so "they offered 95k" and "an offer of $80,000" share a term.
MONEY = "moneyamt"
AGE = "agenum"
_MONEY = re.compile(
    r"\$\s?\d[\d,]*(?:\.\d+)?\s*(?:k\b|m\b)?(?:\s*(?:/\s*h(?:ou)?r|an hour|per hour))?"
    r"|\b\d+(?:\.\d+)?\s?k\b"
    r"|\b\d{2,3},\d{3}\b"
    r"|\b\d+(?:\.\d+)?\s*(?:/\s*h(?:ou)?r\b|an hour\b|per hour\b|dollars\b|bucks\b)"
)
_AGE = re.compile(r"\b[2-7]\d(?:s\b|\b)(?!\s*(?:%|hours?\b|hrs?\b|h\b|/|applications?\b|jobs?\b))")
_NUMBER = re.compile(r"^\d+$")


# Multi-word spellings of one idea, joined before tokenising.
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bcounter[\s-]?offer(?:ed|s)?\b", "counteroffer"),
        (r"\blaid[\s-]+off\b|\blay[\s-]?offs?\b", "layoff"),
        (r"\bwork(?:ing)?[\s-]+from[\s-]+home\b", "remote"),
        (r"\bfollow(?:ing|ed)?[\s-]?ups?\b", "followup"),
        (r"\bthank[\s-]?you\b", "thankyou"),
        (r"\bjob[\s-]?hopp?(?:ing|er|ers)?\b", "jobhop"),
        (r"\bcover[\s-]?letters?\b", "coverletter"),
        (r"\bburn(?:ed|t)?[\s-]?out\b", "burned"),
        (r"\blinked[\s-]?in\b", "linkedin"),
        (r"\bre[\s-]?enter(?:ing)?\b", "reenter"),
    )
)


def words(text: str) -> list[str]:
    folded = fold(text)
    for pattern, replacement in PHRASES:
        folded = pattern.sub(replacement, folded)
    folded = _AGE.sub(f" {AGE} ", _MONEY.sub(f" {MONEY} ", folded))
    return [SYNONYMS.get(w, w) for w in _WORD.findall(folded) if not _NUMBER.match(w)]


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light suffix stripper: plural, -ing, -ed, -ion/-ation, final -e, doubled consonant."""
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    for suffix, replacement, minimum in (
        ("ies", "y", 5),
        ("sses", "ss", 5),
        ("ations", "at", 7),
        ("ation", "at", 6),
        ("ions", "", 6),
        ("ion", "", 5),
        ("ings", "", 6),
        ("ing", "", 5),
        ("ied", "y", 5),
        ("ed", "", 5),
    ):
        if w.endswith(suffix) and len(w) >= minimum:
            w = w[: len(w) - len(suffix)] + replacement
            break
    else:
        if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) >= 4:
            w = w[:-1]
    if w.endswith("e") and len(w) >= 5:
        w = w[:-1]
    if len(w) >= 5 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    return w


def terms(text: str) -> list[str]:
    """Stemmed content words plus adjacent-word bigrams ("cover_letter")."""
    tokens = [stem(w) for w in words(text) if w not in STOP]
    return tokens + [f"{a}_{b}" for a, b in itertools.pairwise(tokens)]

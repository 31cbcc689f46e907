"""Text signals for scoring: words, light stemming, and how much of an answer is noise.

Noise detection needs no dictionary: a letter-bigram model of English, trained at first use on
the catalogue's occupation descriptions (shipped data), rates each word. Keyboard mashing
("asdkjh", "qwerty", "sdfsdf") and consonant soup score far below real words, and Latin filler
("lorem ipsum") is caught by its own word list.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from careermate_bot.knowledge.loading import package_data_dir, read_yaml
from careermate_bot.services.interview.lexicon import (
    COMMON_WORDS,
    COMPETENCY_WORDS,
    GENERIC_WORDS,
    KEYBOARD_ROWS,
    LOREM_WORDS,
    SYNONYMS,
    WORK_WORDS,
)

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
ACRONYM_RE = re.compile(r"\b[A-Z][A-Z0-9]{1,7}s?\b")
NUMBER_RE = re.compile(r"(?<![\w.])\$?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|k\b|m\b|x\b))?")
VOWELS = frozenset("aeiouy")
_REPEATED = re.compile(r"(.{2,4})\1+")
# Average log10-probability per letter pair below which a word looks like noise.
NOISE_THRESHOLD = -2.05

_SUFFIXES = (
    ("isations", "ize"),
    ("izations", "ize"),
    ("isation", "ize"),
    ("ization", "ize"),
    ("ational", "ate"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ities", "ity"),
    ("ively", ""),
    ("ive", ""),
    ("ness", ""),
    ("ments", ""),
    ("ment", ""),
    ("ings", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("edly", ""),
    ("ised", "ize"),
    ("ized", "ize"),
    ("ises", "ize"),
    ("izes", "ize"),
    ("ise", "ize"),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
)

_SYNONYM_OF: dict[str, str] = {}
for _group in SYNONYMS:
    for _word in _group:
        _SYNONYM_OF.setdefault(_word, _group[0])


def acronyms(text: str) -> frozenset[str]:
    """Words written in capitals ("GPU", "CVS"), lower-cased: names, never noise."""
    return frozenset(w.casefold() for w in ACRONYM_RE.findall(text))


def words(text: str) -> list[str]:
    """Lower-cased words (letters and an inner apostrophe), in order."""
    return [w.replace("’", "'").casefold() for w in WORD_RE.findall(text)]


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A light suffix-stripping stem, enough to equate "indexes"/"index", "tested"/"testing"."""
    word = _SYNONYM_OF.get(word, word)
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return _SYNONYM_OF.get(word, word)


def content_stems(text: str, extra_generic: Iterable[str] = ()) -> list[str]:
    """Stems of the topic words in `text` (function and generic interview words dropped)."""
    skip = GENERIC_WORDS | frozenset(extra_generic)
    return [stem(w) for w in words(text) if w not in skip and len(w) > 2]


def numbers(text: str) -> list[str]:
    return NUMBER_RE.findall(text)


# -- noise -----------------------------------------------------------------------------------------
class _BigramModel:
    def __init__(self, corpus: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        firsts: Counter[str] = Counter()
        for word in corpus:
            padded = f"^{word}$"
            for a, b in itertools.pairwise(padded):
                counts[a + b] += 1
                firsts[a] += 1
        alphabet = 28  # 26 letters and the two boundaries
        self._logp: dict[str, float] = {}
        self._floor: dict[str, float] = {}
        for pair, n in counts.items():
            self._logp[pair] = math.log10((n + 0.1) / (firsts[pair[0]] + 0.1 * alphabet))
        for first, n in firsts.items():
            self._floor[first] = math.log10(0.1 / (n + 0.1 * alphabet))
        self._default = math.log10(1 / 1000)

    def score(self, word: str) -> float:
        """Average log10 P(next letter | letter) over the word with boundaries."""
        padded = f"^{word}$"
        total = 0.0
        for a, b in itertools.pairwise(padded):
            pair = a + b
            value = self._logp.get(pair)
            if value is None:
                value = self._floor.get(a, self._default)
            total += value
        return total / (len(padded) - 1)


def _training_words() -> list[str]:
    corpus: list[str] = []
    try:
        data = read_yaml(package_data_dir() / "occupations.yaml")
        entries = data["occupations"] if isinstance(data, dict) else data
        for entry in entries:
            corpus.extend(words(str(entry.get("description", ""))))
            corpus.extend(words(str(entry.get("title", ""))))
    except Exception:  # the word lists below still give a usable model
        pass
    corpus.extend(COMMON_WORDS | WORK_WORDS)
    for group in COMPETENCY_WORDS.values():
        corpus.extend(group)
    return [w for w in corpus if w.isascii() and w.isalpha()]


@functools.cache
def bigram_model() -> _BigramModel:
    """The letter-bigram model of English-like words (built once from shipped text)."""
    return _BigramModel(_training_words())


_KEYBOARD_GRAMS = frozenset(
    line[i : i + 4]
    for row in KEYBOARD_ROWS
    for line in (row, row[::-1])
    for i in range(len(row) - 3)
) - {"erty", "trew"}  # "property", "strewn"


def _keyboard_run(word: str) -> bool:
    return any(word[i : i + 4] in _KEYBOARD_GRAMS for i in range(len(word) - 3))


def is_noise_word(word: str, known: frozenset[str] = frozenset()) -> bool:
    """A lower-case word that is keyboard mashing or letter soup rather than a word."""
    if word in known or word in COMMON_WORDS or word in WORK_WORDS:
        return False
    return _letters_are_noise(word.replace("'", ""))


@lru_cache(maxsize=16384)
def _letters_are_noise(letters: str) -> bool:
    if len(letters) < 3 or not letters.isascii():
        return False  # too short to judge; other scripts are not judged here
    if len(set(letters)) <= 2 and len(letters) >= 5:
        return True  # "aaaa", "hahaha", "xxxx"
    if not VOWELS & set(letters):
        return True
    if len(letters) >= 6 and _REPEATED.fullmatch(letters):
        return True  # "asdasd", "qweqwe"
    if _keyboard_run(letters):
        return True
    return bigram_model().score(letters) < NOISE_THRESHOLD


@dataclass(frozen=True, slots=True)
class NoiseReport:
    words: int
    noise_words: int
    lorem_words: int
    common_share: float  # share of words that are English function words
    unique_share: float  # distinct words / words

    @property
    def noise_share(self) -> float:
        return self.noise_words / self.words if self.words else 0.0

    @property
    def lorem_share(self) -> float:
        return self.lorem_words / self.words if self.words else 0.0

    @property
    def gibberish(self) -> bool:
        """Mostly noise, filler Latin, or one word repeated: not an answer at all."""
        if self.words == 0:
            return False
        if self.lorem_share >= 0.3:
            return True
        if self.noise_share >= 0.5:
            return True
        if self.noise_share >= 0.3 and self.common_share < 0.15:
            return True
        return self.words >= 8 and self.unique_share < 0.25


def noise_report(answer_words: list[str], known: frozenset[str] = frozenset()) -> NoiseReport:
    n = len(answer_words)
    if n == 0:
        return NoiseReport(0, 0, 0, 0.0, 0.0)
    noise = sum(1 for w in answer_words if is_noise_word(w, known))
    lorem = sum(1 for w in answer_words if w in LOREM_WORDS)
    common = sum(1 for w in answer_words if w in COMMON_WORDS)
    return NoiseReport(n, noise, lorem, common / n, len(set(answer_words)) / n)

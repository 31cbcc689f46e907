"""BM25F over the playbook topics: fields weighted (title and keywords highest, step text lowest).

Why our own BM25 and not SQLite FTS5: the corpus is ~60 short documents, so an in-memory index
scores a question in well under a millisecond; we need per-field weights, our own stemming and
synonyms on both sides, bigram terms and typo correction against the index vocabulary, which
FTS5's tokenizers don't give without a custom C tokenizer. The whole index is built at start-up
from the YAML (a few milliseconds) and is deterministic.

    score(q, d) = sum over query terms t of  idf(t) * tf~(t, d) / (k1 + tf~(t, d))
    tf~(t, d)   = sum over fields f of  w_f * tf(t, d.f) / (1 - b + b * len(d.f) / avglen(f))
    idf(t)      = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from careermate_bot.knowledge.guide.text import STOP, stem, terms, words
from careermate_bot.knowledge.guide.types import Topic

K1 = 1.2
B = 0.6
FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "keywords": 3.0,
    "examples": 1.6,
    "applies": 1.2,
    "steps": 0.25,
}
TYPO_MIN_LENGTH = 5
TYPO_SCORE = 84.0


@dataclass(frozen=True, slots=True)
class Scored:
    topic_id: str
    score: float


class TopicIndex:
    def __init__(self, topics: Iterable[Topic]) -> None:
        self.topics: dict[str, Topic] = {t.id: t for t in topics}
        self._tf: dict[str, dict[str, Counter[str]]] = {}
        self._len: dict[str, dict[str, int]] = {}
        df: Counter[str] = Counter()
        for topic in self.topics.values():
            fields = _fields(topic)
            counts = {
                name: Counter(t for item in items for t in terms(item))
                for name, items in fields.items()
            }
            self._tf[topic.id] = counts
            self._len[topic.id] = {name: sum(c.values()) for name, c in counts.items()}
            df.update({t for c in counts.values() for t in c})
        n = len(self.topics)
        self._avg = {
            name: max(1.0, sum(lens[name] for lens in self._len.values()) / max(1, n))
            for name in FIELD_WEIGHTS
        }
        self.idf: dict[str, float] = {
            t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()
        }
        # Unigram vocabulary for typo correction (raw words, before stemming).
        vocab: set[str] = set()
        for topic in self.topics.values():
            for items in _fields(topic).values():
                for text in items:
                    vocab.update(w for w in words(text) if w not in STOP and len(w) >= 4)
        self._vocab = sorted(vocab)
        self._stems = {stem(w) for w in self._vocab}
        self._correct = lru_cache(maxsize=4096)(self._correct_uncached)

    def query_terms(self, text: str) -> list[str]:
        """The question's terms, with unknown longer words corrected to the closest known word."""
        fixed = [self._correct(w) if w not in STOP else w for w in words(text)]
        return terms(" ".join(fixed))

    def _correct_uncached(self, word: str) -> str:
        if len(word) < TYPO_MIN_LENGTH or not word.isalpha() or stem(word) in self._stems:
            return word
        hit = process.extractOne(word, self._vocab, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
        return hit[0] if hit else word

    def search(self, text: str, limit: int = 5) -> list[Scored]:
        return self.score_terms(self.query_terms(text), limit)

    def score_terms(self, query: Sequence[str], limit: int = 5) -> list[Scored]:
        if not query:
            return []
        wanted = Counter(t for t in query if t in self.idf)
        out: list[Scored] = []
        for topic_id, fields in self._tf.items():
            lengths = self._len[topic_id]
            total = 0.0
            for term, qtf in wanted.items():
                tf = 0.0
                for name, weight in FIELD_WEIGHTS.items():
                    count = fields[name].get(term)
                    if count:
                        norm = 1 - B + B * lengths[name] / self._avg[name]
                        tf += weight * count / norm
                if tf:
                    total += qtf * self.idf[term] * tf / (K1 + tf)
            if total > 0:
                out.append(Scored(topic_id, total))
        out.sort(key=lambda s: (-s.score, s.topic_id))
        return out[:limit]


def _fields(topic: Topic) -> dict[str, list[str]]:
    """Each field as separate phrases, so bigrams never join two keywords."""
    return {
        "title": [topic.title],
        "keywords": list(topic.keywords),
        "examples": list(topic.examples),
        "applies": [topic.applies],
        "steps": [f"{s.name}. {s.text}" for s in topic.steps],
    }

"""Finding canonical skills in free text or a résumé.

One left-to-right pass over the tokens takes the longest alias starting at each token ("SQL
Server" before "SQL", "Objective-C" before "C"); guard words veto a match ("excel at", "Vitamin
C", "C-suite", "5 ml"). Ambiguous words are then accepted only with evidence: "weak" forms (Go,
React, Spark) when written in their canonical case or near other skills/cue words; "strict" forms
(R, C) only in canonical case *and* near other skills or a cue word ("in R", "C programming").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from careermate_bot.knowledge.taxonomy import AliasRule
from careermate_bot.knowledge.text import Token, clean, tokenize
from careermate_bot.knowledge.types import SkillCategory, SkillMention

# Words right before an ambiguous skill that say "this is a skill" ("written in Go").
CUE_BEFORE = frozenset(
    """in using use used with know knew knowledge proficient proficiency fluent experience
    experienced expert expertise skilled skills skill programming coding code learning learn
    learned learnt written wrote develop developed developing built build building also
    like love""".split()
)
# Words right after one ("R programming", "Go developer", "React hooks").
CUE_AFTER = frozenset(
    """programming language languages developer developers development programmer programmers
    code coding engineer engineers scripts scripting script apps app framework library
    projects project skills experience hooks components""".split()
)
CONTEXT_WINDOW = 4  # tokens between an ambiguous word and another skill that vouches for it
_CONTEXT_CATEGORIES = frozenset({"language", "framework", "tool"})


@dataclass(slots=True)
class _Candidate:
    rule: AliasRule
    first: int
    last: int  # inclusive token index
    accepted: bool


class SkillExtractor:
    """Compiled alias index over a taxonomy's rules; `mentions`/`extract` are thread-safe."""

    def __init__(self, rules: Iterable[AliasRule], categories: dict[str, SkillCategory]) -> None:
        self._categories = categories
        index: dict[str, list[AliasRule]] = {}
        for rule in rules:
            index.setdefault(rule.key[0], []).append(rule)
        for options in index.values():
            options.sort(key=lambda r: -len(r.key))
        self._index = index

    def extract(self, text: str) -> list[str]:
        """Canonical skill names in order of first mention, without duplicates."""
        return list(dict.fromkeys(m.skill for m in self.mentions(text)))

    def mentions(self, text: str) -> list[SkillMention]:
        text = clean(text)
        tokens = tokenize(text)
        candidates = self._scan(tokens, text)
        self._settle(candidates, tokens, text)
        return [
            SkillMention(
                skill=c.rule.skill,
                text=text[tokens[c.first].start : tokens[c.last].end],
                start=tokens[c.first].start,
                end=tokens[c.last].end,
            )
            for c in candidates
            if c.accepted
        ]

    # -- pass 1: longest alias at each token, vetoed by guard words -------------------------------
    def _scan(self, tokens: list[Token], text: str) -> list[_Candidate]:
        out: list[_Candidate] = []
        n = len(tokens)
        i = 0
        while i < n:
            options = self._index.get(tokens[i].norm)
            step = 1
            if options:
                for rule in options:
                    size = len(rule.key)
                    if i + size > n:
                        continue
                    if any(tokens[i + j].norm != rule.key[j] for j in range(1, size)):
                        continue
                    if rule.mode != "normal" and _vetoed(rule, tokens, i, i + size - 1, text):
                        continue
                    out.append(_Candidate(rule, i, i + size - 1, rule.mode in _SURE))
                    step = size
                    break
            i += step
        return out

    # -- pass 2: accept ambiguous candidates that have evidence -----------------------------------
    def _settle(self, cands: list[_Candidate], tokens: list[Token], text: str) -> None:
        changed = True
        while changed:
            changed = False
            anchors = [
                c
                for c in cands
                if c.accepted and self._categories.get(c.rule.skill) in _CONTEXT_CATEGORIES
            ]
            for cand in cands:
                if cand.accepted:
                    continue
                if self._evidence(cand, anchors, tokens, text):
                    cand.accepted = True
                    changed = True

    def _evidence(
        self, cand: _Candidate, anchors: list[_Candidate], tokens: list[Token], text: str
    ) -> bool:
        rule = cand.rule
        exact = text[tokens[cand.first].start : tokens[cand.last].end] == rule.written
        near = any(
            a is not cand
            and a.rule.skill != rule.skill
            and (
                0 < cand.first - a.last <= CONTEXT_WINDOW
                or 0 < a.first - cand.last <= CONTEXT_WINDOW
            )
            for a in anchors
        )
        first, last = cand.first, cand.last
        cued = (
            first > 0
            and tokens[first - 1].norm in CUE_BEFORE
            and _adjacent(tokens, first - 1, first, text)
        ) or (
            last + 1 < len(tokens)
            and tokens[last + 1].norm in CUE_AFTER
            and _adjacent(tokens, last, last + 1, text)
        )
        alone = len(tokens) == last - first + 1  # the whole input is this skill ("R", "Go")
        if rule.mode == "weak":
            return exact or near or cued or alone
        # strict: canonical case, and evidence, and not a name initial ("John C. Smith") or a
        # grade ("a C- in chemistry")
        return (
            exact
            and (near or cued or alone)
            and not _initial(tokens, first, text)
            and not _grade(tokens, last, text)
        )


_SURE = frozenset({"normal", "guarded"})


def _adjacent(tokens: list[Token], a: int, b: int, text: str) -> bool:
    """Tokens a and b (a < b) are separated only by spaces or a hyphen (no comma, period...)."""
    gap = text[tokens[a].end : tokens[b].start]
    return gap.strip(" -") == "" and "\n" not in gap


def _is_number(token: Token) -> bool:
    return token.norm.replace(".", "").replace(",", "").isdigit()


def _word_matches(word_set: frozenset[str], token: Token) -> bool:
    return token.norm in word_set or ("#num" in word_set and _is_number(token))


def _vetoed(rule: AliasRule, tokens: list[Token], first: int, last: int, text: str) -> bool:
    if rule.not_before and last + 1 < len(tokens) and _adjacent(tokens, last, last + 1, text):
        if _word_matches(rule.not_before, tokens[last + 1]):
            return True
    # A guarded word written with a capital ("export to Excel") is the product, not the verb.
    capitalised = rule.mode == "guarded" and tokens[first].raw[:1].isupper()
    if (
        rule.not_after
        and not capitalised
        and first > 0
        and _adjacent(tokens, first - 1, first, text)
    ):
        if _word_matches(rule.not_after, tokens[first - 1]):
            return True
    return False


def _grade(tokens: list[Token], i: int, text: str) -> bool:
    """A letter grade with a minus sign: 'C-', 'B- average' (a plus sign stays in the token)."""
    after = text[tokens[i].end : tokens[i].end + 2]
    return after[:1] == "-" and not after[1:2].isalnum()


def _initial(tokens: list[Token], i: int, text: str) -> bool:
    """A one-letter token written like a middle initial: 'John C. Smith'."""
    tok = tokens[i]
    if len(tok.raw) != 1 or i == 0 or i + 1 >= len(tokens):
        return False
    prev, nxt = tokens[i - 1], tokens[i + 1]
    gap = text[tok.end : nxt.start]
    return (
        gap.startswith(".")
        and prev.raw.istitle()
        and prev.raw.isalpha()
        and nxt.raw[:1].isupper()
        and text[prev.end : tok.start].strip() == ""
    )

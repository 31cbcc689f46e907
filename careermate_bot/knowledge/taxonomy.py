"""The skills taxonomy: canonical skills, their written forms, categories and related skills.

Data file: `data/skills.yaml`. Each entry has a `name`, a `category` and optional lists:

- `aliases`: written forms matched case-insensitively anywhere (plurals of the last word too);
- `guarded`: matched case-insensitively, but not next to the words in `guard` ("excel at" is a
  verb, "Excel" a spreadsheet);
- `weak`: common English words ("Go", "React", "Spark"): matched when written exactly as given,
  or in any case when other skills or a cue word ("using", "in", "programming") are close by;
- `strict`: single letters ("R", "C"): written exactly as given *and* next to other skills or a
  cue word;
- `guard`: `{not_before: [...], not_after: [...]}` words that veto a guarded/weak/strict match
  when directly after/before it (`"#num"` = any number, as in "5 ml");
- `related`: other canonical skills (shown as suggestions, never counted as a match);
- `field_of_study: true`: a degree field or broad discipline ("Computer science", "Physics",
  "Mathematics"): it counts toward matches but is shown as education, never as a skill to learn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, NamedTuple

from rapidfuzz import fuzz, process

from careermate_bot.knowledge.loading import read_data
from careermate_bot.knowledge.text import norm_key, norm_text, plural
from careermate_bot.knowledge.types import Skill, SkillCategory

AliasMode = Literal["normal", "guarded", "weak", "strict"]


class TaxonomyError(ValueError):
    """The skills data file is inconsistent (duplicate alias, unknown related skill, ...)."""


class AliasRule(NamedTuple):
    """One written form of a skill, as a token key, with how strictly it must be matched."""

    skill: str
    key: tuple[str, ...]
    mode: AliasMode
    written: str
    not_before: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    generated: bool = False


class SkillTaxonomy:
    """Canonical skills with lookups by any written form, and prefix search for autocomplete."""

    def __init__(self, skills: Iterable[Skill], rules: Iterable[AliasRule]) -> None:
        self.skills: dict[str, Skill] = {}
        for skill in skills:
            if skill.name in self.skills:
                raise TaxonomyError(f"duplicate skill {skill.name!r}")
            self.skills[skill.name] = skill
        all_rules = sorted(rules, key=lambda r: r.generated)
        self._by_key: dict[tuple[str, ...], str] = {}
        for rule in all_rules:
            owner = self._by_key.get(rule.key)
            if owner is None:
                self._by_key[rule.key] = rule.skill
            elif owner != rule.skill and not rule.generated:
                raise TaxonomyError(
                    f"alias {' '.join(rule.key)!r} used by both {owner!r} and {rule.skill!r}"
                )
        # A generated plural that another skill owns explicitly is dropped.
        self.rules: tuple[AliasRule, ...] = tuple(
            r for r in all_rules if self._by_key[r.key] == r.skill
        )
        for skill in self.skills.values():
            for other in skill.related:
                if other not in self.skills:
                    raise TaxonomyError(f"{skill.name!r}: unknown related skill {other!r}")
        self._search_index: list[tuple[str, tuple[str, ...], str]] | None = None
        self._popularity: Mapping[str, int] = {}

    def _index(self) -> list[tuple[str, tuple[str, ...], str]]:
        """(lower-cased written form, its words, skill) for every name and alias; built lazily."""
        if self._search_index is None:
            index = []
            for skill in sorted(self.skills.values(), key=lambda s: s.name.casefold()):
                for written in (skill.name, *skill.aliases):
                    index.append(
                        (written.casefold(), tuple(norm_text(written).split()), skill.name)
                    )
            self._search_index = index
        return self._search_index

    # -- loading ----------------------------------------------------------------------------------
    @classmethod
    def from_yaml(cls, path: Path, cache_dir: Path | None = None) -> SkillTaxonomy:
        data = read_data(path, cache_dir)
        entries = data["skills"] if isinstance(data, dict) else data
        skills: list[Skill] = []
        rules: list[AliasRule] = []
        for raw in entries:
            skill, skill_rules = _parse_entry(raw)
            skills.append(skill)
            rules.extend(skill_rules)
        return cls(skills, rules)

    # -- lookups ----------------------------------------------------------------------------------
    def __contains__(self, name: object) -> bool:
        return name in self.skills

    def __len__(self) -> int:
        return len(self.skills)

    def get(self, name: str) -> Skill | None:
        """A skill by canonical name or any written form ("k8s", "postgres", "go")."""
        if name in self.skills:
            return self.skills[name]
        owner = self._by_key.get(norm_key(name))
        return self.skills[owner] if owner else None

    def canonical(self, name: str) -> str | None:
        skill = self.get(name)
        return skill.name if skill else None

    def category(self, name: str) -> SkillCategory:
        return self.skills[name].category

    def is_field_of_study(self, name: str) -> bool:
        """A degree field or broad discipline (education), not a skill to pick up."""
        skill = self.skills.get(name)
        return skill is not None and skill.field_of_study

    def set_popularity(self, counts: Mapping[str, int]) -> None:
        """How many occupations list each skill; used to order empty-prefix autocomplete."""
        self._popularity = counts

    def search(self, prefix: str, limit: int = 25) -> list[Skill]:
        """Autocomplete: names/aliases starting with `prefix`, then word starts, then fuzzy."""
        limit = max(0, limit)
        query = prefix.strip().casefold()
        if not query:
            ranked = sorted(
                self.skills.values(), key=lambda s: (-self._popularity.get(s.name, 0), s.name)
            )
            return ranked[:limit]
        scored: dict[str, tuple[int, str]] = {}

        def offer(name: str, rank: int) -> None:
            best = scored.get(name)
            if best is None or rank < best[0]:
                scored[name] = (rank, name.casefold())

        nquery = norm_text(prefix)
        index = self._index()
        for key, words, name in index:
            if key == query:
                offer(name, 0 if key == name.casefold() else 1)
            elif key.startswith(query):
                offer(name, 2 if key == name.casefold() else 3)
            elif nquery and any(w.startswith(nquery) for w in words):
                offer(name, 4)
        if len(scored) < limit and len(query) >= 3:
            choices = [key for key, _, _ in index]  # whole-string ratio: typos, not substrings
            for _key, score, pos in process.extract(
                query, choices, scorer=fuzz.ratio, limit=limit * 2, score_cutoff=75
            ):
                offer(index[pos][2], 5 + int(100 - score))
        popularity = self._popularity
        ordered = sorted(
            scored.items(), key=lambda kv: (kv[1][0], -popularity.get(kv[0], 0), kv[1][1])
        )
        return [self.skills[name] for name, _ in ordered[:limit]]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _parse_entry(raw: Mapping[str, Any]) -> tuple[Skill, list[AliasRule]]:
    name = str(raw["name"])
    aliases = _as_list(raw.get("aliases"))
    guarded = _as_list(raw.get("guarded"))
    weak = _as_list(raw.get("weak"))
    strict = _as_list(raw.get("strict"))
    guard = raw.get("guard") or {}
    not_before = frozenset(str(w).casefold() for w in guard.get("not_before", []))
    not_after = frozenset(str(w).casefold() for w in guard.get("not_after", []))
    special = {a.casefold() for a in guarded + weak + strict}
    normal = ([name] if name.casefold() not in special else []) + aliases
    rules: list[AliasRule] = []
    seen: set[tuple[str, ...]] = set()

    def add(text: str, mode: AliasMode, generated: bool = False) -> tuple[str, ...] | None:
        key = norm_key(text)
        if not key:
            raise TaxonomyError(f"{name!r}: alias {text!r} has no words")
        if key in seen:
            return None
        seen.add(key)
        rules.append(AliasRule(name, key, mode, text, not_before, not_after, generated))
        return key

    for text in normal:
        key = add(text, "normal")
        if key is not None:
            word = plural(key[-1])
            if word is not None:
                add(" ".join((*key[:-1], word)), "normal", generated=True)
    for text in guarded:
        add(text, "guarded")
    for text in weak:
        add(text, "weak")
    for text in strict:
        add(text, "strict")
    shown_aliases = tuple(a for a in [*aliases, *guarded, *weak, *strict] if a != name)
    skill = Skill(
        name=name,
        category=raw["category"],
        aliases=tuple(dict.fromkeys(shown_aliases)),
        related=tuple(_as_list(raw.get("related"))),
        field_of_study=bool(raw.get("field_of_study", False)),
    )
    return skill, rules

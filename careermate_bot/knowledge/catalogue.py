"""The curated occupation catalogue (`data/occupations.yaml`): lookups, search and resolution.

Resolution also reads the role phrases of `data/role_aliases.yaml` (see `roles.py`): "RNs",
"SDE II", "front end dev", "nursing jobs", typos; ambiguous forms ("PM") give their options.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from careermate_bot.knowledge.loading import read_data
from careermate_bot.knowledge.roles import RoleIndex, RoleMatch, RoleTable
from careermate_bot.knowledge.text import norm_text
from careermate_bot.knowledge.types import (
    ONET_ATTRIBUTION,
    Occupation,
    OccupationHit,
    OccupationResolution,
)

# Accept a fuzzy match when it is good and clearly ahead: (minimum score, minimum lead).
RESOLVE_RULES = ((88.0, 5.0), (80.0, 8.0))
SUGGEST_CUTOFF = 60.0
MAX_SUGGESTIONS = 5
ROLE_ALIASES_FILE = "role_aliases.yaml"
SOURCES = {
    "onet": ONET_ATTRIBUTION,
    "careermate": "CareerMate curation; skills informed by " + ONET_ATTRIBUTION,
}


class CatalogueError(ValueError):
    """The occupations data file is inconsistent."""


class OccupationCatalogue:
    def __init__(
        self, occupations: Iterable[Occupation], role_table: Mapping[str, Any] | None = None
    ) -> None:
        self.occupations: tuple[Occupation, ...] = tuple(occupations)
        self._role_table = RoleTable.parse(role_table)
        self._roles: RoleIndex | None = None
        self._roles_lock = threading.Lock()
        # "PM" is a product manager's alias, but the table says it is ambiguous: `get` declines.
        self._ambiguous_names = frozenset(norm_text(p) for p in self._role_table.ambiguous)
        self.by_id: dict[str, Occupation] = {}
        self.by_soc: dict[str, list[Occupation]] = {}
        self._titles: dict[str, Occupation] = {}
        self._aliases: dict[str, list[Occupation]] = {}
        for occ in self.occupations:
            if occ.id in self.by_id:
                raise CatalogueError(f"duplicate occupation id {occ.id!r}")
            self.by_id[occ.id] = occ
            self.by_soc.setdefault(occ.soc_code, []).append(occ)
            title = norm_text(occ.title)
            if title in self._titles:
                raise CatalogueError(f"duplicate occupation title {occ.title!r}")
            self._titles[title] = occ
        for occ in self.occupations:
            for alias in occ.aliases:
                key = norm_text(alias)
                if key in self._titles and self._titles[key] is not occ:
                    continue  # another occupation's title wins
                bucket = self._aliases.setdefault(key, [])
                if occ not in bucket:
                    bucket.append(occ)
        for occ in self.occupations:
            for nxt in occ.next_roles:
                if nxt not in self.by_id:
                    raise CatalogueError(f"{occ.id}: next role {nxt!r} is not in the catalogue")
        # Flat search list: (normalised name, shown name, occupation)
        self._names: list[tuple[str, str, Occupation]] = []
        for occ in self.occupations:
            self._names.append((norm_text(occ.title), occ.title, occ))
            for alias in occ.aliases:
                self._names.append((norm_text(alias), alias, occ))
        # Fuzzy matching skips very short names ("PM", "RN", "TA"): they only match exactly or
        # by prefix, otherwise partial scorers find them inside every query.
        self._fuzzy = [i for i, (n, _, _) in enumerate(self._names) if len(n) >= 4]
        self._choices = [self._names[i][0] for i in self._fuzzy]

    @classmethod
    def from_yaml(cls, path: Path, cache_dir: Path | None = None) -> OccupationCatalogue:
        """The catalogue in `path`, with the role phrases in `role_aliases.yaml` beside it."""
        data = read_data(path, cache_dir)
        entries = data["occupations"] if isinstance(data, dict) else data
        aliases_path = path.with_name(ROLE_ALIASES_FILE)
        table = read_data(aliases_path, cache_dir) if aliases_path.exists() else None
        return cls((_parse(raw) for raw in entries), role_table=table)

    @property
    def roles(self) -> RoleIndex:
        """The role-phrase index (built on first use, ~0.1 s; then shared by every thread)."""
        if self._roles is None:
            with self._roles_lock:
                if self._roles is None:
                    self._roles = RoleIndex(self.occupations, self._role_table)
        return self._roles

    def find_roles(self, text: str) -> list[RoleMatch]:
        """Every role named in running text ("any nursing jobs in Denver?" -> registered nurse);
        forms that are also ordinary words count only in a role context (see roles.py)."""
        return self.roles.find(text)

    def __len__(self) -> int:
        return len(self.occupations)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.occupations)

    # -- exact lookups ----------------------------------------------------------------------------
    def get(self, code_or_title: str) -> Occupation | None:
        """By id ("data-scientist"), SOC code ("15-2051", "152051", "15-2051.00"; the first
        entry for that code), exact title, or an alias that only one occupation uses and the
        role table does not list as ambiguous ("PM": see `resolve`)."""
        text = code_or_title.strip()
        if text in self.by_id:
            return self.by_id[text]
        soc = parse_soc(text)
        if soc is not None and soc in self.by_soc:
            return self.by_soc[soc][0]
        key = norm_text(text)
        if key in self._titles:
            return self._titles[key]
        if key in self._ambiguous_names:
            return None
        bucket = self._aliases.get(key)
        if bucket and len(bucket) == 1:
            return bucket[0]
        slug = key.replace(" ", "-")
        return self.by_id.get(slug)

    # -- search and resolve -----------------------------------------------------------------------
    def search(self, query: str, limit: int = 25) -> list[OccupationHit]:
        """Autocomplete over titles and aliases: prefix and word-prefix hits first, then fuzzy."""
        limit = max(0, limit)
        q = norm_text(query)
        if not q:
            return [
                OccupationHit(occupation=o, score=0.0, matched=o.title)
                for o in sorted(self.occupations, key=lambda o: o.title)[:limit]
            ]
        best: dict[str, tuple[float, str]] = {}

        def offer(occ: Occupation, score: float, shown: str) -> None:
            current = best.get(occ.id)
            if current is None or score > current[0]:
                best[occ.id] = (score, shown)

        for key, shown, occ in self._names:
            if key == q:
                offer(occ, 100.0 if shown == occ.title else 99.0, shown)
            elif key.startswith(q):
                offer(occ, 97.0 if shown == occ.title else 96.0, shown)
            elif f" {q}" in f" {key}":
                offer(occ, 94.0 if shown == occ.title else 93.0, shown)
            elif len(q) >= 3 and q in key:
                offer(occ, 90.0, shown)
        if len(q) >= 3:
            for _key, score, index in process.extract(
                q, self._choices, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=SUGGEST_CUTOFF
            ):
                _, shown, occ = self._names[self._fuzzy[index]]
                offer(occ, min(float(score), 89.0), shown)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], self.by_id[kv[0]].title))
        return [
            OccupationHit(occupation=self.by_id[oid], score=round(score, 1), matched=shown)
            for oid, (score, shown) in ranked[:limit]
        ]

    def resolve(self, text: str) -> OccupationResolution:
        """The occupation `text` names: an id, SOC code, title or alias; a role phrase ("RNs",
        "senior front end dev", "nursing jobs", "registerd nurse"); an ambiguous form ("PM":
        `options` and a question in `message`); else a fuzzy match or did-you-mean list."""
        plain = text.strip()
        if plain in self.by_id or (parse_soc(plain) or "") in self.by_soc:
            return OccupationResolution(query=text, occupation=self.get(plain))
        phrase = self.roles.lookup(text)
        if phrase is not None and phrase.curated:
            return self._ambiguous(text, phrase)
        exact = self.get(text)
        if exact is not None:
            return OccupationResolution(query=text, occupation=exact)
        if phrase is not None:
            if not phrase.ambiguous:
                return OccupationResolution(query=text, occupation=self.by_id[phrase.ids[0]])
            return self._ambiguous(text, phrase)
        key = norm_text(text)
        if not key:
            return OccupationResolution(query=text, message="Tell me a job title, e.g. 'nurse'.")
        bucket = self._aliases.get(key)
        if bucket:
            options = tuple(sorted(bucket, key=lambda o: o.title)[:MAX_SUGGESTIONS])
            return OccupationResolution(
                query=text,
                suggestions=options,
                message=f"'{text}' can mean several roles. Did you mean: "
                + "; ".join(o.title for o in options)
                + "?",
            )
        scored: dict[str, float] = {}
        for _key, score, index in process.extract(
            key, self._choices, scorer=_resolve_score, limit=30, score_cutoff=SUGGEST_CUTOFF
        ):
            occ = self._names[self._fuzzy[index]][2]
            scored[occ.id] = max(scored.get(occ.id, 0.0), float(score))
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1], self.by_id[kv[0]].title))
        if ranked:
            top_id, top = ranked[0]
            second = ranked[1][1] if len(ranked) > 1 else 0.0
            if any(top >= low and top - second >= lead for low, lead in RESOLVE_RULES):
                return OccupationResolution(
                    query=text,
                    occupation=self.by_id[top_id],
                    suggestions=tuple(self.by_id[i] for i, _ in ranked[1:MAX_SUGGESTIONS]),
                )
        # Not sure: suggest what autocomplete would show (prefix and word matches first).
        options = tuple(h.occupation for h in self.search(text, MAX_SUGGESTIONS))
        if options:
            message = (
                f"I'm not sure which role '{text}' is. Did you mean: "
                + "; ".join(o.title for o in options)
                + "?"
            )
        else:
            message = f"I don't know the role '{text}'. Type in /career gap to browse titles."
        return OccupationResolution(query=text, suggestions=options, message=message)

    def _ambiguous(self, text: str, phrase: RoleMatch) -> OccupationResolution:
        options = tuple(self.by_id[i] for i in phrase.ids if i in self.by_id)
        names = [o.title for o in options] + list(phrase.also)
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        what = "roles" if not phrase.also else "things"
        return OccupationResolution(
            query=text,
            options=options,
            suggestions=options,
            other_meanings=phrase.also,
            message=f"'{text.strip()}' can mean several {what}. Did you mean {listed}?",
        )


def _resolve_score(a: str, b: str, **_: Any) -> float:
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b), 0.95 * fuzz.token_set_ratio(a, b))


def parse_soc(text: str) -> str | None:
    digits = text.replace("-", "").replace(".", "").strip()
    if len(digits) in (6, 8) and digits.isdigit():
        return f"{digits[:2]}-{digits[2:6]}"
    return None


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _parse(raw: Mapping[str, Any]) -> Occupation:
    try:
        return Occupation(
            id=raw["id"],
            title=raw["title"],
            soc_code=str(raw["soc"]),
            soc_title=raw["soc_title"],
            family=raw["family"],
            aliases=_as_tuple(raw.get("aliases")),
            description=raw["description"],
            core_skills=_as_tuple(raw.get("core")),
            nice_skills=_as_tuple(raw.get("nice")),
            education=raw["education"],
            experience_years=float(raw.get("experience_years", 0)),
            job_zone=int(raw["job_zone"]),
            next_roles=_as_tuple(raw.get("next")),
            onet_code=raw.get("onet"),
            source=SOURCES.get(str(raw.get("source", "onet")), str(raw.get("source"))),
        )
    except (KeyError, ValueError) as error:
        raise CatalogueError(f"occupation {raw.get('id', '?')!r}: {error}") from error

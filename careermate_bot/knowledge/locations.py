"""Resolving what people type ("austin tx", "NYC", "Texas", "remote") to a BLS OEWS area.

Exact names are looked up first, each with a priority (nickname or full metro name > state >
first city of a metro > other city of a metro); one area at the best priority wins, several at
the same priority give a did-you-mean list. Typos fall back to fuzzy matching (rapidfuzz).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rapidfuzz import fuzz, process

from careermate_bot.knowledge.text import norm_text
from careermate_bot.knowledge.types import Area, LocationResolution

P_EXACT, P_STATE, P_FIRST_CITY, P_CITY = 0, 1, 2, 3
FUZZY_ACCEPT = 85.0
FUZZY_MARGIN = 4.0
FUZZY_SUGGEST = 72.0
MAX_SUGGESTIONS = 5
_FILLER = frozenset(
    "greater metro metropolitan area region city of the downtown near in around county".split()
)


class LocationResolver:
    def __init__(self, areas: Iterable[Area], places: Mapping[str, Any]) -> None:
        self.areas: dict[str, Area] = {a.code: a for a in areas}
        self.national = next(a for a in self.areas.values() if a.is_national)
        self._by_name = {a.name: a for a in self.areas.values()}
        self._index: dict[str, dict[str, int]] = {}  # key -> {area code: best priority}
        self._remote = {norm_text(p) for p in places.get("remote", [])}
        self._state_of: dict[str, Area] = {}  # abbr/name key -> state area
        self._states_by_fips: dict[str, Area] = {}
        for fips, (abbr, name) in places["states"].items():
            area = self.areas.get(f"{fips}00000")
            if area is None:
                continue
            self._states_by_fips[fips] = area
            for key in (norm_text(abbr), norm_text(name)):
                self._add(key, area, P_STATE)
                self._state_of[key] = area
        self._abbr_to_fips = {norm_text(v[0]): k for k, v in places["states"].items()}
        for phrase in places.get("national", []):
            self._add(norm_text(phrase), self.national, P_EXACT)
        for area in self.areas.values():
            if area.kind == "metro":
                self._add_metro(area)
            elif area.kind == "nonmetro":
                self._add(norm_text(area.name), area, P_EXACT)
                self._add(norm_text(area.name.replace("nonmetropolitan area", "")), area, P_CITY)
        for area_name, nicknames in places.get("nicknames", {}).items():
            area = self._by_name.get(area_name)
            if area is None:
                raise ValueError(f"locations.yaml: unknown BLS area {area_name!r}")
            for nick in nicknames:
                self._add(norm_text(nick), area, P_EXACT)
        self._choices = sorted(k for k in self._index if len(k) >= 3)

    # -- index building ---------------------------------------------------------------------------
    def _add(self, key: str, area: Area, priority: int) -> None:
        if not key:
            return
        slot = self._index.setdefault(key, {})
        slot[area.code] = min(priority, slot.get(area.code, priority))

    def _add_metro(self, area: Area) -> None:
        cities_part, _, states_part = area.name.rpartition(", ")
        abbrs = [s for s in states_part.split("-") if s]
        sep = "--" if "--" in cities_part else "-"
        cities = [c.strip() for part in cities_part.split(sep) for c in part.split("/")]
        self._add(norm_text(area.name), area, P_EXACT)
        self._add(norm_text(cities_part), area, P_EXACT)
        for n in range(2, len(cities)):
            self._add(norm_text(" ".join(cities[:n])), area, P_EXACT)
        state_words: list[str] = []
        for abbr in abbrs:
            fips = self._abbr_to_fips.get(norm_text(abbr))
            state = self._states_by_fips.get(fips) if fips else None
            state_words.append(norm_text(abbr))
            if state is not None:
                state_words.append(norm_text(state.name))
        for i, city in enumerate(cities):
            names = {norm_text(city)}
            names |= {n.replace("st ", "saint ", 1) for n in names if n.startswith("st ")}
            for name in names:
                self._add(name, area, P_FIRST_CITY if i == 0 else P_CITY)
                for word in state_words:
                    self._add(f"{name} {word}", area, P_EXACT)

    # -- resolving --------------------------------------------------------------------------------
    def resolve(self, text: str) -> LocationResolution:
        query = norm_text(text)
        if not query:
            return LocationResolution(
                query=text, message="Tell me a city, metro area or state, or say 'remote'."
            )
        if query in self._remote or "remote" in query.split():
            return LocationResolution(
                query=text,
                area=self.national,
                remote=True,
                confidence=100.0,
                message="Remote: pay is shown at the national level.",
            )
        for key in (query, _strip_filler(query)):
            hit = self._exact(text, key)
            if hit is not None:
                return hit
        by_state = self._city_in_state(text, query)
        if by_state is not None:
            return by_state
        return self._fuzzy(text, _strip_filler(query) or query)

    def _exact(self, text: str, key: str) -> LocationResolution | None:
        slot = self._index.get(key)
        if not slot:
            return None
        best = min(slot.values())
        top = sorted((self.areas[c] for c, p in slot.items() if p == best), key=_order)
        rest = sorted((self.areas[c] for c, p in slot.items() if p != best), key=_order)
        if len(top) == 1:
            return LocationResolution(
                query=text, area=top[0], confidence=100.0, suggestions=tuple(rest[:MAX_SUGGESTIONS])
            )
        options = tuple((top + rest)[:MAX_SUGGESTIONS])
        return LocationResolution(
            query=text, suggestions=options, message=_did_you_mean(text, options, ambiguous=True)
        )

    def _city_in_state(self, text: str, query: str) -> LocationResolution | None:
        """'plano tx': no metro called Plano, so use Texas (or a close metro name in Texas)."""
        words = query.split()
        for cut in (2, 1):
            if len(words) <= cut:
                continue
            state = self._state_of.get(" ".join(words[-cut:]))
            if state is None:
                continue
            place = " ".join(words[:-cut])
            in_state = [
                k
                for k in self._choices
                if any(self.areas[c].state_code == state.state_code for c in self._index[k])
            ]
            best = process.extractOne(place, in_state, scorer=fuzz.ratio, score_cutoff=FUZZY_ACCEPT)
            if best is not None:
                hit = self._exact(text, best[0])
                if hit is not None and hit.area is not None:
                    return hit.model_copy(update={"confidence": float(best[1])})
            return LocationResolution(
                query=text,
                area=state,
                confidence=60.0,
                message=f"No BLS metro area matches '{place}'; using {state.name} statewide.",
            )
        return None

    def _fuzzy(self, text: str, query: str) -> LocationResolution:
        results = process.extract(
            query, self._choices, scorer=_score, limit=25, score_cutoff=FUZZY_SUGGEST
        )
        ranked: dict[str, float] = {}
        for key, score, _ in results:
            slot = self._index[key]
            best = min(slot.values())
            for code, priority in slot.items():
                if priority == best and score > ranked.get(code, -1.0):
                    ranked[code] = score
        order = sorted(ranked.items(), key=lambda kv: (-kv[1], _order(self.areas[kv[0]])))
        if order:
            top_code, top_score = order[0]
            runner_up = order[1][1] if len(order) > 1 else 0.0
            if top_score >= FUZZY_ACCEPT and top_score - runner_up >= FUZZY_MARGIN:
                return LocationResolution(
                    query=text,
                    area=self.areas[top_code],
                    confidence=round(top_score, 1),
                    suggestions=tuple(self.areas[c] for c, _ in order[1:MAX_SUGGESTIONS]),
                )
        options = tuple(self.areas[c] for c, _ in order[:MAX_SUGGESTIONS])
        return LocationResolution(
            query=text, suggestions=options, message=_did_you_mean(text, options, ambiguous=False)
        )


def _score(a: str, b: str, **_: Any) -> float:
    """Whole-string similarity, lenient on word order; no partial matches ("san" in "san jose")."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def _strip_filler(query: str) -> str:
    return " ".join(w for w in query.split() if w not in _FILLER)


def _order(area: Area) -> tuple[int, str]:
    rank = {"national": 0, "state": 1, "metro": 2, "nonmetro": 3}[area.kind]
    return rank, area.name


def _did_you_mean(text: str, options: tuple[Area, ...], *, ambiguous: bool) -> str:
    if not options:
        return (
            f"I couldn't find '{text}' in the BLS area list. Try a metro area "
            "(e.g. 'Austin'), a state ('Texas' or 'TX'), or 'remote'."
        )
    names = "; ".join(a.name for a in options)
    lead = f"'{text}' matches several areas" if ambiguous else f"I couldn't place '{text}'"
    return f"{lead}. Did you mean: {names}?"

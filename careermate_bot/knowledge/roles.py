"""Role phrases for the whole catalogue: what people type for an occupation, in a phrase or in a
sentence ("RNs", "SDE II", "front end dev", "nursing jobs", "instructional desing").

`RoleIndex` is built once from the catalogue (titles and aliases in `occupations.yaml`) plus the
curated table `role_aliases.yaml` (more phrases, ambiguous forms, field words, short forms). Both
sides of every comparison go through the same normalisation:

1. words: lower case, accents dropped, "nurse's" -> "nurse", "sde2" -> "sde 2";
2. split compounds joined when the joined form is a role word ("front end" -> "frontend",
   "sys admin" -> "sysadmin");
3. plurals made singular ("RNs" -> "rn", "firemen" -> "fireman", "salespeople" -> "salesperson");
4. short forms expanded ("dev" -> "developer", "eng" -> "engineer", "mgr" -> "manager").

Level words ("senior", "II", "entry level"), job nouns ("jobs", "roles") and articles around a
phrase are skipped. A word that is no role word is corrected towards one when it is a likely typo
(same first letter; one edit for 5-8 letters, two from 9; not another form of the same word, so
"teaches" never becomes "teacher"). In running text, forms that are also ordinary words or other
abbreviations ("PM", "server", "nursing") count only in a role context: "as a", "I'm a", "<role>
jobs", "how much do <role>s make", or a message that is nothing but the role.
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from careermate_bot.knowledge.types import Occupation

RoleKind = Literal["name", "abbr", "word", "field"]
# (phrase, occupation ids, kind or None = infer it, priority, other meanings, curated ambiguous)
Source = tuple[str, tuple[str, ...], RoleKind | None, int, tuple[str, ...], bool]

MAX_PHRASE_WORDS = 7
TYPO_MIN_LENGTH = 5  # shorter words are never corrected ("cook" vs "book")
MAX_OPTIONS = 3

# -- grammar words (how people talk about roles, not the roles themselves) -----------------------
LEVEL_WORDS = frozenset(
    """senior sr snr junior jr jnr lead principal staff head chief entry level entrylevel mid
    midlevel intermediate experienced new grad graduate intern internship trainee apprentice
    novice beginner ii iii iv 1 2 3 4 5 tier freelance contract contractor remote hybrid onsite
    part full time parttime fulltime temp temporary seasonal per diem travel traveling
    travelling certified licensed registered""".split()
)
# Dropped around a phrase that is not found as typed ("SDE I", "Associate PM"); a phrase found
# as typed keeps them ("registered nurse", "lead bartender", "travel nurse", "sales associate").
STRIP_WORDS = LEVEL_WORDS | frozenset({"i", "v", "l", "associate", "assoc"})
# Words ending in "s" that are not plurals (and abbreviations such as "DDS" in the table).
KEEP_S = frozenset(
    """was has does yes its his this thus plus less gas bus news series species sales ops
    devops analytics physics economics mathematics statistics logistics ethics politics
    athletics aerobics electronics always perhaps sometimes""".split()
)
ARTICLES = frozenset({"a", "an", "the"})
JOB_NOUNS = frozenset(
    """job role position opening vacancy gig work career opportunity posting listing employment
    internship apprenticeship hiring wanted needed shift""".split()
)
# After a role: "RN jobs", "PM salary", "nursing degree", "devops guy".
AFTER_WORDS = JOB_NOUNS | frozenset(
    """salary pay wage income interview resume license licence certification cert program
    school degree student major field industry sector background experience guy gal person
    people folk dude girl lady professional""".split()
)
CAREER_NOUNS = frozenset("career job field path profession major degree industry".split())
PEOPLE_NOUNS = frozenset("guy gal person people folk dude girl lady professional".split())
DEGREE_AFTER = frozenset("degree program school student major in from".split())
PAY_VERBS = frozenset("make earn paid get making earning".split())
PAY_CUES = frozenset("much do doe does did would can could will average typical".split())
POSSESSIVES = frozenset("my your his her our their ur".split())
# After "the/my <role>": the person is doing something, not the role being asked about.
PERSON_VERBS = frozenset(
    """said say told tell asked ask called call emailed texted messaged reached wrote write
    replied reply responded want wanted never didnt doesnt wont hasnt ghosted rejected offered
    gave give liked like think thought seem seemed keep kept left quit yelled sent""".split()
)
COMMON_TWO_LETTER = frozenset(
    "it or us am do go me no so we he hi in on to up an as at be by if is my of oh ok ah".split()
)
# "as a", "I'm a", "become a", "hiring": what introduces a role one has or wants.
INTRO_WORDS = frozenset(
    "am im as be become becoming became being hire hiring hired was were".split()
)
# Before a field word: "work in nursing", "get into teaching", "leaving teaching".
FIELD_BEFORE = frozenset(
    """into leave leaving left quit quitting study studying studied major majoring""".split()
)
FIELD_BEFORE_IN = frozenset(
    "work working worked career careers job jobs degree background experience".split()
)
PLACE_PREPOSITIONS = frozenset("in near from to around outside across at".split())
# Two-letter abbreviations that are also US state codes ("jobs in PA").
STATE_CODES = frozenset(
    """al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj
    nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc""".split()
)
# Abbreviations that are also degrees ("I have a BA in English").
DEGREE_ABBREVIATIONS = frozenset("ba ma bs ms md jd mba phd bsc msc".split())
# Words that, when they are all a message holds besides a role, leave it a bare role answer.
BARE_EXTRA = frozenset(
    """please pls thanks thank hi hey hello ok okay so and or what about how for only just maybe
    um uh yes yeah yep it is i am im think guess probably like you mean any some more""".split()
)
# Multi-word abbreviations starting with a function word count only typed in capitals ("OR RN").
FUNCTION_STARTS = frozenset("or as at in on to am".split())

_TOKEN = re.compile(r"[^\W_]+(?:[&'’][^\W_]+)*")
_PIECE = re.compile(r"[a-z&]+|[0-9]+")


class Word(NamedTuple):
    """One normalised word with the span of text it came from."""

    word: str
    start: int
    end: int
    upper: bool  # typed in capitals ("RN", "RNs")


@dataclass(frozen=True, slots=True)
class RoleEntry:
    """What a normalised phrase means."""

    ids: tuple[str, ...]
    kind: RoleKind
    label: str
    also: tuple[str, ...] = ()
    priority: int = 0
    curated: bool = False  # an ambiguous form from the table: never overridden by an alias

    @property
    def ambiguous(self) -> bool:
        return len(self.ids) != 1 or bool(self.also)


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """A role found in text: one id (resolved) or several / other meanings (ambiguous)."""

    ids: tuple[str, ...]
    label: str  # the normalised words ("pm", "teaching"): resolving it again gives this match
    text: str  # the words as typed
    start: int
    end: int
    kind: RoleKind
    also: tuple[str, ...] = ()
    typo: bool = False
    size: int = 1  # words matched
    curated: bool = False  # an ambiguous form from the table ("PM"): ask, even if an alias

    @property
    def ambiguous(self) -> bool:
        return len(self.ids) != 1 or bool(self.also)

    @property
    def occupation_id(self) -> str | None:
        return self.ids[0] if not self.ambiguous else None


@dataclass(slots=True)
class RoleTable:
    """The curated part (`role_aliases.yaml`), parsed."""

    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ambiguous: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    ambiguous_fields: frozenset[str] = frozenset()
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    field_suffixes: dict[str, str] = field(default_factory=dict)
    context_only: frozenset[str] = frozenset()
    weak_abbreviations: frozenset[str] = frozenset()
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    keep_s: frozenset[str] = frozenset()
    not_typos: frozenset[str] = frozenset()
    slang: frozenset[str] = frozenset()
    not_roles: tuple[str, ...] = ()

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | None) -> RoleTable:
        if not raw:
            return cls()

        def names(value: Any) -> tuple[str, ...]:
            if value is None:
                return ()
            if isinstance(value, str):
                return (value,)
            return tuple(str(v) for v in value)

        ambiguous: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        ambiguous_fields: set[str] = set()
        for phrase, spec in (raw.get("ambiguous") or {}).items():
            if isinstance(spec, Mapping):
                ambiguous[str(phrase)] = (names(spec.get("options")), names(spec.get("also")))
                if spec.get("field"):
                    ambiguous_fields.add(str(phrase))
            else:
                ambiguous[str(phrase)] = (names(spec), ())
        return cls(
            phrases={str(k): names(v) for k, v in (raw.get("phrases") or {}).items()},
            ambiguous=ambiguous,
            ambiguous_fields=frozenset(ambiguous_fields),
            fields={str(k): names(v) for k, v in (raw.get("fields") or {}).items()},
            field_suffixes={str(k): str(v) for k, v in (raw.get("field_suffixes") or {}).items()},
            context_only=frozenset(str(w).lower() for w in raw.get("context_only") or ()),
            weak_abbreviations=frozenset(
                str(w).lower() for w in raw.get("weak_abbreviations") or ()
            ),
            words={
                str(k).lower(): tuple(str(v).split()) for k, v in (raw.get("words") or {}).items()
            },
            keep_s=frozenset(str(w).lower() for w in raw.get("keep_s") or ()),
            not_typos=frozenset(str(w).lower() for w in raw.get("not_typos") or ()),
            slang=frozenset(str(w).lower() for w in raw.get("slang") or ()),
            not_roles=names(raw.get("not_roles")),
        )


def fold(text: str) -> str:
    """Lower case without accents ("Café" -> "cafe")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def raw_words(text: str) -> list[Word]:
    """Words before any role-specific normalisation, with their spans."""
    out: list[Word] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        folded = fold(raw)
        if "'" in folded or "’" in folded:
            folded = folded.replace("’", "'")
            if folded.endswith("'s"):
                folded = folded[:-2]
            folded = folded.replace("'", "")
        upper = False
        if not raw.islower():
            core = raw[:-1] if raw.endswith("s") and len(raw) > 2 and raw[:-1].isupper() else raw
            upper = len(core) >= 2 and core.isupper()
        if folded.isalpha() and folded.isascii():
            out.append(Word(folded, match.start(), match.end(), upper))
            continue
        for piece in _PIECE.findall(folded):
            out.append(Word(piece, match.start(), match.end(), upper))
    return out


_IRREGULAR = {"people": "person", "children": "child", "women": "woman", "men": "man"}


def singular(word: str, keep: frozenset[str] = frozenset()) -> str:
    """The singular of a lower-case word, by rule ("nurses", "RNs", "secretaries", "firemen")."""
    if len(word) < 3 or word in keep or not word.isalpha():
        return word
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("people") and len(word) > 6:
        return word[:-6] + "person"
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


_SUFFIXES = frozenset(
    "e s es ed ing er ers or ors ion ions al ly y ist ists ism ment ments ness".split()
) | {""}
_AGENT_TAILS = frozenset({"er", "or", "ar"})


def another_form(word: str, target: str) -> bool:
    """True when `word` and `target` are two forms of one stem ("teaches"/"teacher",
    "trained"/"trainer", "manage"/"manager"), not a misspelling ("registerd"/"registered",
    "enginer"/"engineer", "janiter"/"janitor": "er" for "or" is a slip, not a form)."""
    common = 0
    for a, b in zip(word, target, strict=False):
        if a != b:
            break
        common += 1
    for cut in range(common, 3, -1):
        tail, other = word[cut:], target[cut:]
        if tail in _SUFFIXES and other in _SUFFIXES:
            return not ({tail, other} <= _AGENT_TAILS and tail != other)
    return False


class RoleIndex:
    """Normalised role phrases -> occupation ids; fast enough to scan every chat message."""

    def __init__(self, occupations: Iterable[Occupation], table: RoleTable | None = None) -> None:
        self.table = table or RoleTable()
        self._keep = KEEP_S | self.table.keep_s
        self.occupations = {o.id: o for o in occupations}
        self.entries: dict[tuple[str, ...], RoleEntry] = {}
        self._lock = threading.Lock()
        sources = self._sources()
        self._merge_vocab: set[str] = set()
        self._bigrams: set[tuple[str, str]] = set()
        self._raw: dict[str, list[Word]] = {}
        for phrase in (*(src[0] for src in sources), *self.table.context_only):
            pieces = [w.word for w in self._raw_words(phrase)]
            self._bigrams.update(itertools.pairwise(pieces))
            for piece in pieces:
                self._merge_vocab.add(piece)
                self._merge_vocab.add(singular(piece, self._keep))
        self._split = lru_cache(maxsize=16384)(self._split_uncached)
        self._context_only = frozenset(
            " ".join(w.word for w in self.normalise(self._raw_words(p)))
            for p in self.table.context_only
        )
        for phrase, ids, kind, priority, also, curated in sources:
            self._add(phrase, ids, kind, priority, also, curated)
        self.vocabulary = frozenset(w for key in self.entries for w in key)
        self._first_words = frozenset(key[0] for key in self.entries)
        by_letter: dict[str, list[str]] = {}
        for word in sorted(self.vocabulary):
            if word.isalpha() and len(word) >= TYPO_MIN_LENGTH - 1:
                by_letter.setdefault(word[0], []).append(word)
        self._typo_choices = by_letter
        self._raw = {}  # only needed while building
        self._fix = lru_cache(maxsize=16384)(self._fix_uncached)
        self._lookup = lru_cache(maxsize=4096)(self._lookup_uncached)

    # -- building ---------------------------------------------------------------------------------
    def _sources(self) -> list[Source]:
        """Every known phrase: titles (priority 4), aliases (3), the table's phrases (2) and
        field words (1), derived field forms (0), the table's ambiguous forms (9, always win)."""
        table = self.table
        out: list[Source] = []
        for occ in self.occupations.values():
            out.append((occ.title, (occ.id,), None, 4, (), False))
            for alias in occ.aliases:
                out.append((alias, (occ.id,), None, 3, (), False))
        for oid, phrases in table.phrases.items():
            if oid not in self.occupations:
                continue  # an id renamed in occupations.yaml: a data test reports it
            for phrase in phrases:
                out.append((phrase, (oid,), None, 2, (), False))
        for phrase, ids in table.fields.items():
            known = tuple(i for i in ids if i in self.occupations)
            if known:
                out.append((phrase, known, "field", 1, (), False))
        derived: dict[str, set[str]] = {}
        for phrase, ids, _, priority, _, _ in list(out):
            if priority < 2 or len(ids) != 1 or not (priority == 4 or phrase.islower()):
                continue  # not from O*NET's capitalised reported titles ("Emergency Department RN")
            form = self._field_form(phrase.lower())
            if form is not None:
                derived.setdefault(form, set()).add(ids[0])
        for form, id_set in derived.items():
            if len(id_set) <= MAX_OPTIONS:
                out.append((form, tuple(sorted(id_set)), "field", 0, (), False))
        for phrase in table.not_roles:  # "hiring manager": blocks "manager" inside it
            out.append((phrase, (), "name", 10, (), True))
        for phrase, (options, also) in table.ambiguous.items():
            known = tuple(i for i in options if i in self.occupations)
            if known or also:
                kind: RoleKind | None = "field" if phrase in table.ambiguous_fields else None
                out.append((phrase, known, kind, 9, also, True))
        return out

    def _field_form(self, phrase: str) -> str | None:
        """'software engineer' -> 'software engineering', 'nurse' -> 'nursing'."""
        words = phrase.split()
        if not words:
            return None
        last = words[-1]
        for suffix, replacement in self.table.field_suffixes.items():
            if last.endswith(suffix):
                form = last[: len(last) - len(suffix)] + replacement
                if len(form) >= 5:
                    return " ".join([*words[:-1], form])
        return None

    def _add(
        self,
        phrase: str,
        ids: tuple[str, ...],
        kind: RoleKind | None,
        priority: int,
        also: tuple[str, ...],
        curated: bool,
    ) -> None:
        words = self.normalise(self._raw_words(phrase))
        key = tuple(w.word for w in words)
        if not key or len(key) > MAX_PHRASE_WORDS:
            return
        label = " ".join(key)
        if kind is None:
            kind = self._infer_kind(phrase, key)
        elif kind == "field" and len(key) > 1 and label not in self._context_only:
            kind = "name"  # "data science", "physical therapy": specific enough anywhere
        current = self.entries.get(key)
        entry = RoleEntry(ids, kind, label, also, priority, curated)
        if current is None or priority > current.priority:
            self.entries[key] = entry
            return
        if current.curated or priority < current.priority or set(ids) <= set(current.ids):
            explicit = kind == "word" or (kind == "field" and priority >= 1)
            if explicit and _STRENGTH[kind] < _STRENGTH[current.kind]:
                # "nursing" is a field word in the table: in running text it needs a context.
                self.entries[key] = RoleEntry(
                    current.ids, kind, label, current.also, current.priority, current.curated
                )
            return
        merged = tuple(dict.fromkeys((*current.ids, *ids)))  # same rank: several roles share it
        self.entries[key] = RoleEntry(merged, current.kind, label, (), priority, False)

    def _infer_kind(self, phrase: str, key: tuple[str, ...]) -> RoleKind:
        typed = phrase.strip()
        if " ".join(key) in self._context_only:
            return "word" if len(key) == 1 else "field"
        if len(key) == 1:
            word = key[0]
            letters = typed.replace("-", "").replace("&", "")
            if letters.isupper() or (len(word) <= 3 and not _has_vowel_pattern(word)):
                if len(word) <= 2 or word in self.table.weak_abbreviations:
                    return "abbr"
            return "name"
        if key[0] in FUNCTION_STARTS and typed.split()[0].isupper():
            return "abbr"
        return "name"

    def _raw_words(self, phrase: str) -> list[Word]:
        found = self._raw.get(phrase)
        if found is None:
            found = self._raw[phrase] = raw_words(phrase)
        return found

    # -- normalisation ----------------------------------------------------------------------------
    def normalise(self, words: Sequence[Word]) -> list[Word]:
        """Join split compounds, make plurals singular, expand short forms."""
        keep = self._keep
        joined: list[Word] = []
        i = 0
        while i < len(words):
            word = words[i]
            if i + 1 < len(words):
                nxt = words[i + 1]
                both = word.word + nxt.word
                if (
                    (both in self._merge_vocab or singular(both, keep) in self._merge_vocab)
                    and len(both) >= 6
                    and both.isalpha()
                    and (word.word, nxt.word) not in self._bigrams
                ):
                    joined.append(Word(both, word.start, nxt.end, word.upper and nxt.upper))
                    i += 2
                    continue
            joined.append(word)
            i += 1
        out: list[Word] = []
        known = self._merge_vocab
        for word in joined:
            halves = None if word.word in known else self._split(word.word)
            if halves is not None:  # "gamedev" -> "game dev", "webdev" -> "web dev"
                first, second = halves
                out.extend(self.normalise([word._replace(word=first), word._replace(word=second)]))
                continue
            base = singular(word.word, keep)
            expansion = self.table.words.get(base) or self.table.words.get(word.word)
            if expansion is None:
                out.append(word._replace(word=base))
                continue
            for part in expansion:
                out.append(word._replace(word=singular(part, keep)))
        return out

    def _split_uncached(self, word: str) -> tuple[str, str] | None:
        """Two role words run together ("gamedev", "datascientist"), when `word` is none."""
        if len(word) < 6 or not word.isalpha() or word in self._merge_vocab:
            return None
        if singular(word, self._keep) in self._merge_vocab:
            return None
        known, short = self._merge_vocab, self.table.words
        for cut in range(3, len(word) - 2):
            first, second = word[:cut], word[cut:]
            if not ((first in known or first in short) and (second in known or second in short)):
                continue
            # Halves of 3 letters only beside a short form ("webdev"), not "pharma|cis".
            if first in short or second in short or min(len(first), len(second)) >= 4:
                return first, second
        return None

    def words(self, text: str) -> list[Word]:
        return self.normalise(raw_words(text))

    def _fix_uncached(self, word: str) -> str | None:
        """The role word `word` is a likely typo of, or None."""
        size = len(word)
        limit = 1 if size < 9 else 2
        choices = self._typo_choices.get(word[0], [])
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=4)
        if not found:
            return None
        best = min(d for _, d, _ in found)
        winners = [c for c, d, _ in found if d == best and not another_form(word, c)]
        if not winners:
            return None
        if len(winners) > 1:
            # "cheif": "chief" (a swap) before "chef"; "electican": "electrician" before
            # "electrical" (fewer letters added or dropped).
            def rank(candidate: str) -> tuple[bool, int, bool]:
                alone = (candidate,) in self.entries  # "enginer": "engineer", not "engine"
                return len(candidate) != size, Indel.distance(word, candidate), not alone

            ranked = sorted(winners, key=rank)
            if rank(ranked[0]) == rank(ranked[1]):
                return None
            winners = [ranked[0]]
        return winners[0]

    def _corrected(self, words: list[Word]) -> tuple[list[str], list[bool]]:
        out: list[str] = []
        flags: list[bool] = []
        for w in words:
            text = w.word
            fixed = None
            if (
                len(text) >= TYPO_MIN_LENGTH
                and text not in self.vocabulary
                and text not in self.table.not_typos
                and text not in LEVEL_WORDS
                and text.isalpha()
            ):
                fixed = self._fix(text)
            out.append(fixed or text)
            flags.append(fixed is not None)
        return out, flags

    # -- whole phrases ----------------------------------------------------------------------------
    def lookup(self, text: str) -> RoleMatch | None:
        """The role a short phrase names ("RNs", "senior front end dev", "nursing jobs")."""
        return self._lookup(text)

    def _lookup_uncached(self, text: str) -> RoleMatch | None:
        words = self.words(text)
        if not words:
            return None
        found = self._lookup_words(text, words, [False] * len(words))
        if found is not None:
            return found
        fixed, flags = self._corrected(words)
        if any(flags):
            corrected = [w._replace(word=f) for w, f in zip(words, fixed, strict=True)]
            found = self._lookup_words(text, corrected, flags)
            if found is not None:
                return found
        # A role inside a longer title ("Registered Nurse ICU"): most of the words must be it.
        core = [w for w in words if not _noise(w.word)]
        best = self.best(text, bare=True)
        if best is not None and core and best.size * 3 >= len(core) * 2:
            return best
        return None

    def _lookup_words(self, text: str, words: list[Word], flags: list[bool]) -> RoleMatch | None:
        attempts = [
            list(range(len(words))),
            _trim(words, lambda w: w in ARTICLES or _job_or_people(w)),  # "sales associate jobs"
            _trim(words, lambda w: w in ARTICLES or w in STRIP_WORDS or _job_or_people(w)),
            [i for i, w in enumerate(words) if not _noise(w.word)],
        ]
        seen: set[tuple[int, ...]] = set()
        for kept in attempts:
            positions = tuple(kept)
            if not positions or positions in seen:
                continue
            seen.add(positions)
            key = tuple(words[i].word for i in positions)
            entry = self.entries.get(key)
            if entry is None:
                continue
            if not (entry.ids or entry.also):
                return None  # "hiring manager" names no role
            typo = any(flags[i] for i in positions)
            if typo and not _typo_ok(
                [words[i].word for i in positions], flags, positions, bare=True
            ):
                continue
            first, last = words[positions[0]], words[positions[-1]]
            return RoleMatch(
                ids=entry.ids,
                label=entry.label,
                text=text[first.start : last.end],
                start=first.start,
                end=last.end,
                kind=entry.kind,
                also=entry.also,
                typo=typo,
                size=len(positions),
                curated=entry.curated,
            )
        return None

    # -- running text -----------------------------------------------------------------------------
    def find(self, text: str, *, bare: bool = False) -> list[RoleMatch]:
        """Every role named in `text`, in order; forms that need a role context are kept only
        when they have one (`bare=True`: the text is known to be nothing but a role)."""
        words = self.words(text)
        if not words:
            return []
        fixed, flags = self._corrected(words)
        caps = _mostly_capitals(text)
        out: list[RoleMatch] = []
        n = len(words)
        blocked_until = 0
        for i in range(n):
            if i < blocked_until or fixed[i] not in self._first_words:
                continue
            for size in range(min(MAX_PHRASE_WORDS, n - i), 0, -1):
                entry = self.entries.get(tuple(fixed[i : i + size]))
                if entry is None:
                    continue
                if not entry.ids and not entry.also:
                    blocked_until = i + size  # a phrase that is no role ("hiring manager")
                    break
                if self._accept(entry, words, fixed, flags, i, i + size, caps, bare):
                    start, end = words[i].start, words[i + size - 1].end
                    out.append(
                        RoleMatch(
                            ids=entry.ids,
                            label=entry.label,
                            text=text[start:end],
                            start=start,
                            end=end,
                            kind=entry.kind,
                            also=entry.also,
                            typo=any(flags[i : i + size]),
                            size=size,
                            curated=entry.curated,
                        )
                    )
                    break
        return out

    def best(self, text: str, *, bare: bool = False) -> RoleMatch | None:
        """The longest role named in `text` (the first of equals)."""
        found: RoleMatch | None = None
        for match in self.find(text, bare=bare):
            if found is None or match.size > found.size:
                found = match
        return found

    def _accept(
        self,
        entry: RoleEntry,
        words: list[Word],
        fixed: list[str],
        flags: list[bool],
        i: int,
        j: int,
        caps: bool,
        bare: bool,
    ) -> bool:
        before = [w for w in fixed[max(0, i - 6) : i] if w not in LEVEL_WORDS]
        after = [w for w in fixed[j : j + 3] if w not in LEVEL_WORDS]
        nxt = after[0] if after else ""
        prev = before[-1] if before else ""
        just_before = fixed[i - 1] if i else ""
        bare = bare or all(_noise(w) or w in BARE_EXTRA for w in (*fixed[:i], *fixed[j:]))
        role_after = nxt in AFTER_WORDS
        pay = nxt in PAY_VERBS and any(w in PAY_CUES for w in before[-4:])
        intro = _introduced(before)
        listed = _listed(before)
        if any(flags[i:j]):
            if not _typo_ok(fixed[i:j], flags[i:j], range(j - i), bare=bare):
                return False
            if j - i == 1 and not (bare or intro or role_after or pay or listed):
                return False
        if prev in POSSESSIVES and not role_after and not bare:
            return False  # "my PM said", "my doctor told me"
        if just_before in POSSESSIVES | {"the", "this", "that"} and nxt in PERSON_VERBS:
            return False  # "the recruiter reached out": a person, not a role to talk about
        if j - i == 1 and fixed[i] in COMMON_TWO_LETTER and not words[i].upper:
            return False  # "it", "or", "us": only "IT", "OR" in capitals
        if entry.kind == "name":
            first = words[i]
            return not (fixed[i] in FUNCTION_STARTS and j - i > 1 and not first.upper)
        if entry.kind == "word":
            return bare or intro or role_after or pay or listed
        if entry.kind == "field":
            return (
                bare or nxt in AFTER_WORDS or _field_intro(before) or listed or _career_after(after)
            )
        # Abbreviations: "PM", "RN", "PT", "BA".
        word = fixed[i]
        upper = all(w.upper for w in words[i:j])
        if word in self.table.slang and not upper:
            # "rn" = right now, "gm" = good morning: typed small, only a job word or an
            # article makes them a role ("rn jobs", "an rn").
            return role_after or pay or prev in ("a", "an")
        if just_before.isdigit():
            return False  # "5 PM", "10 pts"
        if word in DEGREE_ABBREVIATIONS and (
            nxt in DEGREE_AFTER or prev in ("have", "has", "had", "got", "with", "earned")
        ):
            return False  # "a BA in English"
        if word == "ot" and nxt in ("pay", "hour", "rate", "shift"):
            return False  # overtime
        if word in STATE_CODES and prev in PLACE_PREPOSITIONS and not role_after:
            return False  # "jobs in PA"
        if bare or role_after or pay or listed or intro:
            return True
        if prev in ("a", "an") and word not in DEGREE_ABBREVIATIONS:
            return True
        return (
            upper
            and not caps
            and word not in STATE_CODES
            and word not in DEGREE_ABBREVIATIONS
            and prev != "the"
        )


_STRENGTH: dict[RoleKind, int] = {"name": 3, "abbr": 1, "word": 1, "field": 0}


def _typo_ok(
    key: Sequence[str], flags: Sequence[bool], positions: Sequence[int], bare: bool = False
) -> bool:
    """A corrected word counts in a phrase of several words when it is long enough to be sure
    of; a role of one corrected word needs 6+ letters in a sentence ("pharmasist"), 5 when it is
    the whole message ("nurce")."""
    corrected = [key[n] for n, i in enumerate(positions) if flags[i]]
    if len(key) >= 2:
        return all(len(w) >= 5 for w in corrected)
    return len(corrected[0]) >= (5 if bare else 6)


def _has_vowel_pattern(word: str) -> bool:
    """'cop', 'vet' look like words; 'rn', 'cna', 'sdr' do not."""
    return any(ch in "aeiou" for ch in word) and len(word) >= 3


def _job_or_people(word: str) -> bool:
    return word in JOB_NOUNS or word in PEOPLE_NOUNS


def _noise(word: str) -> bool:
    return word in ARTICLES or word in STRIP_WORDS or _job_or_people(word)


def _trim(words: list[Word], drop: Any) -> list[int]:
    kept = list(range(len(words)))
    while kept and drop(words[kept[0]].word):
        kept.pop(0)
    while kept and drop(words[kept[-1]].word):
        kept.pop()
    return kept


def _introduced(before: list[str]) -> bool:
    """'I am a', 'as an', 'become a', 'hiring', 'I'm a certified' right before the role."""
    rest = list(before)
    if rest and rest[-1] in ARTICLES:
        rest.pop()
    elif len(rest) >= 2 and rest[-2] in ("a", "an"):
        rest = rest[:-2]  # one adjective: "a certified PM"
    if not rest:
        return False
    last = rest[-1]
    if last == "was" or last == "were":
        return len(rest) >= 2 and rest[-2] in ("i", "we")
    return last in INTRO_WORDS


def _listed(before: list[str]) -> bool:
    """'openings for line cooks', 'jobs as a server', 'hiring for RNs'."""
    rest = list(before)
    if rest and rest[-1] in ARTICLES:
        rest.pop()
    if not rest or rest[-1] not in ("for", "as", "in"):
        return False
    return any(w in JOB_NOUNS for w in rest[-4:-1])


def _field_intro(before: list[str]) -> bool:
    """'work in nursing', 'career in sales', 'get into teaching', 'leaving teaching'."""
    if not before:
        return False
    last = before[-1]
    if last in FIELD_BEFORE:
        return True
    if last in ("in", "to") and len(before) >= 2:
        return before[-2] in FIELD_BEFORE_IN or before[-2] in (
            "switch",
            "switching",
            "transition",
            "transitioning",
            "pivot",
            "pivoting",
            "move",
            "moving",
            "go",
            "going",
            "get",
            "getting",
            "break",
            "breaking",
            "back",
        )
    return False


def _career_after(after: list[str]) -> bool:
    """'is nursing a good career', 'teaching as a profession'."""
    return (
        bool(after)
        and after[0] in ("a", "an", "as", "still")
        and any(w in CAREER_NOUNS for w in after[1:3])
    )


def _mostly_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters)

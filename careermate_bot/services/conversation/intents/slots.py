"""Slots from one message: skills (the taxonomy's extractor), a role (the catalogue's role-phrase
index over the raw text: titles, aliases, slang, plurals, typos, "<role> jobs"; then
`resolve_occupation` on a phrase after "become a"/"as a"),
a place (`resolve_location` on the words after "in"/"near"/"moved to"..., or a capitalised
name), years of experience, a salary floor (`parse_salary`) and a remote preference.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from careermate_bot.common.salary_input import parse_salary
from careermate_bot.errors import InvalidInput
from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.knowledge.text import norm_text
from careermate_bot.services.conversation.intents.normalize import normalize
from careermate_bot.services.conversation.intents.types import IntentSlots, RoleKind

MAX_PLACE_WORDS = 4
FUZZY_ROLE_RATIO = 80.0
LOCATION_ACCEPT = 85.0

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "a couple": 2,
    "a few": 3,
}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_YEARS = re.compile(rf"\b{_NUM}\s*\+?\s*(?:years?|yrs?|yoe)\b", re.I)
_YEARS_AFTER = re.compile(
    r"^\s*(?:of\b|experience\b|exp\b|as\b|in\b|doing\b|working\b|coding\b|programming\b|"
    r"at\b|on\b|with\b|under\b|professionally\b|now\b|yoe\b|$|[,.;!])",
    re.I,
)
_YEARS_BEFORE = re.compile(
    r"\b(?:for|been|have|had|got|with|over|almost|nearly|about|around|spent|after)\s*$", re.I
)
_YEARS_NOT = re.compile(r"\b(?:in|next|within|another|past|last|at|age|aged|old|see)\s*$", re.I)

_AMOUNT = re.compile(
    r"(?P<amount>\$\s*\d[\d,]*(?:\.\d+)?\s*(?:k|m|thousand|million)?\b"
    r"|\d[\d,]*(?:\.\d+)?\s*(?:k|m|thousand|million)\b"
    r"|\d[\d,]{4,})"
    r"(?P<plus>\s*\+)?"
    r"(?P<hourly>\s*(?:/\s*h(?:ou)?r\b|an hour|per hour|/\s*hour|hourly|a hr))?",
    re.I,
)
_SALARY_CUE = re.compile(
    r"\b(?:at least|min(?:imum)?|over|above|more than|no less than|minimum of|paying|pays?|"
    r"salary|salaries|wage|want|need|target|expect(?:ing)?|looking for|earn|make|floor|"
    r"starting at|comp(?:ensation)?|take|accept|for)\b|>=?",
    re.I,
)
_BARE_HOURLY = re.compile(
    r"\b(\d{1,3}(?:\.\d+)?)\s*(?:an hour|per hour|/\s*h(?:ou)?r\b|hourly)", re.I
)

_REMOTE_NO = re.compile(
    r"\b(?:no|not|non|never|without|dont want|do not want|hate)\s*-?\s*remote\b|"
    r"\bon\s*-?\s*site\b|\bin\s*-?\s*(?:the\s+|an\s+)?office\b|\bin\s*-?\s*person\b|\bonsite\b",
    re.I,
)
_REMOTE_YES = re.compile(r"\bremote(?:ly)?\b|\bwork(?:ing)? from home\b|\bwfh\b|\btelecommut", re.I)

_PLACE_LEAD = re.compile(
    r"\b(?:in|near|around|at|from|to|about|for|based in|live in|living in|located in|"
    r"relocate to|relocating to|move to|moving to|moved to)\s+",
    re.I,
)
_PLACE_STOP = frozenset(
    """and or but for with that who which where when what how why paying pay as if so then
    because while who is are am be was were have has had do does did will would can could
    should right now next this last month year years week today tomorrow jobs job roles role
    positions position openings work area city state please pls thanks the a an my your our
    their his her its it me i you we they someone something anything anyone here there
    tech it sales marketing data finance healthcare education retail office person general
    python java go rust excel ?""".split()
)
# Two-letter words that are not places even though a state uses them as its abbreviation.
_SHORT_WORDS = frozenset(
    "me or ok hi oh in it so an as at be do go he if is my no of on to up us we am id".split()
)
_NOT_PLACE = frozenset(
    """i me my the a an tech it sales marketing data finance healthcare education retail
    office person software engineering design school college home general industry field
    interview interviews practice jobs job work career careers resume mind life love years
    year months time order fact particular advance total""".split()
)

_CURRENT_BEFORE = re.compile(
    r"\b(?:i am|i work as|i have been|i was|worked as|working as|currently|as a|as an|job as|"
    r"(?:current|present|day|actual) (?:job|role|position|title) is|my (?:job|role|title) is)"
    r"\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$"
)
_TARGET_BEFORE = re.compile(
    r"\b(?:become|becoming|be|goal|aim|aiming|aiming for|target|targeting|transition to|"
    r"transition into|move into|moving into|switch to|switch into|pivot to|pivot into|get into|"
    r"break into|towards?|dream|someday as|want to work as|like to work as|apply as|land|"
    r"(?:dream|ideal|target|goal) (?:job|role|career|position) (?:is|would be))"
    r"\s+(?:an?\s+|the\s+|is\s+(?:to\s+)?(?:become\s+)?(?:an?\s+)?)?(?:\w+\s+)?$"
)
_ROLE_PHRASE = re.compile(
    r"\b(?:become|becoming|be|as|work as|working as|aiming for|aim for|transition to|"
    r"move into|switch to|for|interview for|i am|i have been|land|get)\s+(?:an?|the)\s+"
    r"(?P<phrase>[a-z][a-z .&/+-]{2,40})"
)
_ROLE_PHRASE_END = re.compile(
    r"\s+(?:in|at|near|with|and|or|but|role|roles|job|jobs|position|positions|interview|"
    r"who|that|what|how|someday|next|one day|please|\?|!|\.).*$"
)


class SlotExtractor:
    """Bound to one knowledge base; `extract` is fast (a dictionary scan, cached lookups)."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.kb = knowledge
        self._catalogue = knowledge.catalogue
        self._catalogue.roles  # noqa: B018 - build the role index now, not on the first message
        self._place = lru_cache(maxsize=4096)(self._place_uncached)
        self._scan_role = lru_cache(maxsize=4096)(self._scan_role_uncached)

    # -- the whole message ------------------------------------------------------------------------
    def extract(
        self, text: str, norm: str | None = None, *, bare_place: bool = False
    ) -> IntentSlots:
        norm = normalize(text) if norm is None else norm
        skills = tuple(self.kb.extract_skills(text))
        role, role_id, role_kind = self.role(norm, text)
        location, area = self.location(text, bare=bare_place)
        if role is not None and location is not None and norm_text(location) in norm_text(role):
            location, area = None, None
        return IntentSlots(
            skills=skills,
            location=location,
            location_area=area,
            role=role,
            role_id=role_id,
            role_kind=role_kind,
            experience_years=experience_years(text),
            min_salary=salary_floor(text),
            remote=remote_preference(text),
            pay_question=is_pay_question(norm),
        )

    # -- roles ------------------------------------------------------------------------------------
    def role(
        self, norm: str, text: str | None = None
    ) -> tuple[str | None, str | None, RoleKind | None]:
        """(title, or the words of an ambiguous form such as "pm" or "teaching"; occupation id
        or None; kind). `text` is the message as typed: the role index reads it (capitals tell
        "RN" from "rn" = right now); `norm` is its normalised form for the phrase fallback."""
        raw = norm if text is None else text
        scanned = self._scan_role(raw)
        if scanned is not None:
            title, role_id, start = scanned
            before = normalize(raw[:start]) if text is not None else raw[:start].strip()
            return title, role_id, _role_kind(before + " " if before else "")
        found = self._role_phrase(norm)
        if found is None:
            return None, None, None
        title, role_id, start = found
        return title, role_id, _role_kind(norm[:start])

    def _scan_role_uncached(self, text: str) -> tuple[str, str | None, int] | None:
        """The longest role named in `text`: (title or ambiguous words, id or None, offset).
        Of equally long ones, a role the person wants ("become a data engineer from a data
        analyst") wins, then one asked about ("I'm an RN, how much do NPs make?"), then the
        first."""
        found = self._catalogue.find_roles(text)
        if not found:
            return None
        size = max(m.size for m in found)
        longest = [m for m in found if m.size == size]
        match = longest[0]
        if len(longest) > 1:
            rank = {"target": 0, "topic": 1, "current": 2}
            kinds = []
            for candidate in longest:
                before = normalize(text[: candidate.start])
                kinds.append(rank[_role_kind(before + " " if before else "")])
            match = longest[kinds.index(min(kinds))]
        if match.ambiguous:
            return match.label, None, match.start
        occupation = self._catalogue.by_id[match.ids[0]]
        return occupation.title, occupation.id, match.start

    def _role_phrase(self, norm: str) -> tuple[str, str | None, int] | None:
        """A role named after "become a", "as a", "I am a": (title or words, id, offset)."""
        for match in _ROLE_PHRASE.finditer(norm):
            phrase = _ROLE_PHRASE_END.sub("", match["phrase"]).strip()
            if len(phrase) < 3 or len(phrase.split()) > 4:
                continue
            resolution = self._resolve_role(phrase)
            if resolution is not None:
                return (*resolution, match.start("phrase"))
        return None

    @lru_cache(maxsize=4096)  # noqa: B019 - one extractor per knowledge base, kept for the process
    def _resolve_role(self, phrase: str) -> tuple[str, str | None] | None:
        resolution = self.kb.resolve_occupation(phrase)
        if resolution.occupation is not None:
            # A fuzzy answer must look like the phrase as a whole ("elektrician"), not merely
            # contain it ("help" is not "help desk technician").
            occ = resolution.occupation
            names = (occ.title, *occ.aliases)
            if self._catalogue.roles.lookup(phrase) is not None or any(
                fuzz.ratio(phrase, norm_text(n)) >= FUZZY_ROLE_RATIO for n in names
            ):
                return occ.title, occ.id
            return None
        if resolution.ambiguous:
            return phrase, None
        # "teacher": several roles carry the word; keep the words rather than guess one.
        word = f" {phrase} "
        for occ in resolution.suggestions:
            names = (occ.title, *occ.aliases)
            if any(
                word in f" {norm_text(n)} " or word.rstrip() + "s " in f" {norm_text(n)} "
                for n in names
            ):
                return phrase, None
        return None

    # -- places -----------------------------------------------------------------------------------
    def location(self, text: str, *, bare: bool = False) -> tuple[str | None, str | None]:
        """(what the user typed, the BLS area name) or (None, None)."""
        cleaned = re.sub(r"[?!;:()\"]", " ", text)
        if bare:
            hit = self._place(" ".join(cleaned.split()).strip(" .,"))
            if hit is not None:
                return hit
        for match in _PLACE_LEAD.finditer(cleaned):
            tail = cleaned[match.end() :]
            words = re.findall(r"[A-Za-z][A-Za-z.'-]*|,", tail)[: MAX_PLACE_WORDS + 1]
            words = _place_words(words)
            for size in range(len(words), 0, -1):
                phrase = " ".join(words[:size]).replace(" ,", ",").strip(" ,")
                first = words[0]
                if first.lower() in _NOT_PLACE or (
                    len(first) <= 2 and not first.isupper() and first.lower() in _SHORT_WORDS
                ):
                    break
                hit = self._place(phrase)
                if hit is not None:
                    return hit
        for match in re.finditer(r"\b([A-Z][a-zA-Z.'-]+(?:\s+[A-Z][a-zA-Z.'-]+){0,2})", cleaned):
            phrase = match.group(1)
            if match.start() == 0 and phrase.split()[0].lower() in _PLACE_STOP:
                continue
            if phrase.lower() in _NOT_PLACE or self.kb.get_skill(phrase) is not None:
                continue
            hit = self._place(phrase, exact_only=True)
            if hit is not None:
                return hit
        return None, None

    def _place_uncached(
        self, phrase: str, exact_only: bool = False
    ) -> tuple[str, str | None] | None:
        if len(phrase) < 2 or phrase.lower() in _NOT_PLACE or phrase.lower() == "remote":
            return None
        if self.kb.get_skill(phrase) is not None:
            return None
        resolution = self.kb.resolve_location(phrase)
        if resolution.area is None and not exact_only and _several(resolution.message):
            return phrase, None  # "Portland": a real place in several states; keep the words
        if resolution.area is None or resolution.remote or resolution.area.is_national:
            return None
        floor = 100.0 if exact_only else LOCATION_ACCEPT
        if resolution.confidence < floor and not (
            resolution.confidence >= 60.0 and not exact_only and "," in phrase
        ):
            return None
        return phrase, resolution.area.name


def _several(message: str | None) -> bool:
    """The resolver's answer for a name several BLS areas share ("Springfield")."""
    return message is not None and "matches several areas" in message


def _place_words(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if word != "," and word.lower() in _PLACE_STOP:
            break
        out.append(word)
    while out and out[-1] == ",":
        out.pop()
    return out


def _role_kind(before: str) -> RoleKind:
    if _TARGET_BEFORE.search(before):
        return "target"
    if _CURRENT_BEFORE.search(before):
        return "current"
    return "topic"


# -- numbers --------------------------------------------------------------------------------------
def experience_years(text: str) -> float | None:
    """'5 years of experience', '10 yrs', 'been coding for 3 years', '7 years as a mechanic'."""
    for match in _YEARS.finditer(text):
        before = text[: match.start()]
        after = text[match.end() :]
        if _YEARS_NOT.search(before):
            continue
        if not (_YEARS_AFTER.match(after) or _YEARS_BEFORE.search(before)):
            continue
        raw = match.group(1).lower()
        value = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw)
        if 0 < value <= 60:
            return value
    return None


def salary_floor(text: str) -> int | None:
    """A yearly floor when the message states one: 'at least 90k', '100k+', '$45/hr'."""
    for match in _AMOUNT.finditer(text):
        raw = match["amount"]
        has_unit = "$" in raw or re.search(r"[kKmM]|thousand|million", raw) is not None
        plus = bool(match["plus"])
        hourly = bool(match["hourly"])
        if not (has_unit or plus or hourly or len(re.sub(r"\D", "", raw)) >= 5):
            continue
        window = text[max(0, match.start() - 40) : match.start()]
        if not (plus or _SALARY_CUE.search(window) or _SALARY_CUE.search(text[match.end() :][:20])):
            continue
        amount = raw + (" an hour" if hourly else "")
        try:
            return parse_salary(amount.replace(" ", "") if not hourly else amount)
        except InvalidInput:
            continue
    bare = _BARE_HOURLY.search(text)
    if bare is not None:
        try:
            return parse_salary(f"{bare.group(1)} an hour")
        except InvalidInput:
            return None
    return None


_NO_OFFICE = re.compile(
    r"\b(?:don'?t|do not|never|no more|hate|not)\b.{0,25}\b(?:office|on\s*-?\s*site|onsite|"
    r"commut\w*)\b",
    re.I,
)


def remote_preference(text: str) -> bool | None:
    if _NO_OFFICE.search(text):
        return True  # "I don't want to work in an office"
    if _REMOTE_NO.search(text):
        return False
    if _REMOTE_YES.search(text):
        return True
    return None


_PAY_Q = re.compile(
    r"\bhow much\b.{0,60}\b(?:make|makes|earn|earns|paid|pay|get|gets|salary|money)\b|"
    r"\bwhat\b.{0,40}\b(?:make|makes|earn|earns|get paid|paid)\b|"
    r"\b(?:salary|salaries|wage|wages|pay|compensation|income|earnings)\s+"
    r"(?:for|of|like|range|in|at|look)\b|"
    r"\b(?:average|median|typical|starting|entry level)\s+(?:salary|salaries|pay|wage|wages)\b|"
    r"\b(?:salary|salaries|wage|wages|pay)\s*\?|"
    r"\bpays?\s+(?:well|more|better|the most|best)\b|"
    r"\b(?:highest|best|top|well|better)[ -]paying\b|"
    r"\b(?:make|earn)\s+more\s+than\b"
)


def is_pay_question(norm: str) -> bool:
    return _PAY_Q.search(norm) is not None

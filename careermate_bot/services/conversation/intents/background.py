"""A person's background in their own words: education ("I just finished a nursing degree" ->
"nursing degree", "I have an MBA", "bootcamp grad" -> "coding bootcamp") and the field or role
they are leaving ("thinking about leaving teaching" -> "teaching").

Education is read only where the person has it (a possession or completion word before it:
"I have", "finished", "graduated with", "with a", "my"; or "grad"/"holder" after it), so
"should I get an MBA?" names no education. The result is as stated, tidied: degree words
spelled one way ("bachelors" -> "bachelor's", "phd" -> "PhD"), the field as typed.
"""

from __future__ import annotations

import re
from typing import Final

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.knowledge.families import FAMILY_WORDS, family_for
from careermate_bot.knowledge.types import Family

_DEGREE_WORDS: Final = {
    "bachelor": "bachelor's",
    "bachelors": "bachelor's",
    "bachelor's": "bachelor's",
    "master": "master's",
    "masters": "master's",
    "master's": "master's",
    "associate": "associate degree",
    "associates": "associate degree",
    "associate's": "associate degree",
    "doctorate": "doctorate",
    "phd": "PhD",
    "ph.d": "PhD",
    "ph.d.": "PhD",
    "mba": "MBA",
    "bs": "BS",
    "b.s.": "BS",
    "b.s": "BS",
    "bsc": "BSc",
    "ba": "BA",
    "b.a.": "BA",
    "b.a": "BA",
    "ms": "MS",
    "m.s.": "MS",
    "msc": "MSc",
    "ma": "MA",
    "m.a.": "MA",
    "bsn": "BSN",
    "msn": "MSN",
    "med": "MEd",
    "m.ed": "MEd",
    "m.ed.": "MEd",
    "mfa": "MFA",
}
_DEGREE = (
    r"(?P<deg>bachelor(?:'?s)?|master(?:'?s)?|associate(?:'?s)?|doctorate|ph\.?d\.?|mba|"
    r"b\.?s\.?c?|b\.?a\.?|m\.?s\.?c?|m\.?a\.?|bsn|msn|m\.?ed\.?|mfa|"
    r"(?:bachelor|master|doctor) of (?:science|arts|business administration|education|"
    r"fine arts|social work|public health|engineering)(?: in nursing)?)"
)
_FIELD = r"(?P<field>[a-z][a-z&/+.'-]*(?: [a-z&/+.'-]+){0,3}?)"
_FIELD_END = (
    r"(?=$|[,.;!?)]| and\b| but\b| from\b| at\b| with\b| so\b| because\b| last\b| this\b| in \d|"
    r" which\b| that\b| i\b| now\b| back\b| a few\b| years?\b| recently\b| online\b| too\b| "
    r"as well\b| - )"
)
_DEGREE_IN = re.compile(rf"\b{_DEGREE}(?: degree)? (?:in|of) {_FIELD}{_FIELD_END}", re.IGNORECASE)
_STOP_LEAD = frozenset(
    """a an my the his her their just recently finally finished completed got have has had
    earned with in hold holding i am im i'm did done graduated also currently pursuing
    getting doing finishing some only one two 4 year four year 2 year two year""".split()
)
_FUNCTION_WORDS = frozenset(
    """do can could what which get need want should is are was be to for of on at about any
    another no without this that""".split()
)
_KIND = (
    r"(?P<kind>degree|diploma|certificate|certification|bootcamp|boot camp|program|major|license|"
    r"licence)"
)
_KIND_WORD = re.compile(rf"(?<=[A-Za-z.'&+]) {_KIND}\b", re.IGNORECASE)
_FIELD_BEFORE = re.compile(r"(?:[A-Za-z][\w&+.'/-]*\s){0,3}[A-Za-z][\w&+.'/-]*$")
_ALONE = re.compile(r"\b(?P<deg>MBA|mba|Ph\.?D\.?|phd|PHD|GED|ged|BSN|MSN|JD|DNP|PharmD|EdD|LLM)\b")
_HIGH_SCHOOL = re.compile(r"\bhigh ?school(?: diploma| degree| education)?\b|\bhs diploma\b", re.I)
_BOOTCAMP_GRAD = re.compile(r"\bbootcamp (?:grad|graduate|alum\w*)\b|\bbootcamp\b", re.I)
_STUDENT = re.compile(
    r"\b(?:a|an) (?P<field>[a-z]+(?: [a-z]+)?) (?P<kind>student|major)\b", re.IGNORECASE
)
_HAS_BEFORE = re.compile(
    r"\b(?:i have|i've|ive|i got|i hold|i earned|i finished|i completed|i did|graduated|grad|"
    r"finished|completed|earned|got my|have my|hold an?|have an?|with an?|with my|my|i am|i'm|"
    r"im|currently (?:doing|getting|pursuing|finishing|studying)|(?:doing|getting|pursuing|"
    r"finishing|completing) (?:an?|my)|went to (?:an?|a coding)|attended (?:an?|a coding)|"
    r"only have|just have|did an?)\b[\w\s'.-]{0,25}$",
    re.IGNORECASE,
)
_HAS_AFTER = re.compile(r"^\s*(?:grad|graduate|holder|here|alum\w*|done|completed)\b", re.I)
_GENERIC_FIELD = frozenset(
    """college university school 4-year four-year two-year 2-year online good real bachelor's
    master's associate's bachelors masters associates bachelor master associate""".split()
)


def _tidy_degree(raw: str) -> str:
    key = raw.lower().rstrip()
    if key in _DEGREE_WORDS:
        return _DEGREE_WORDS[key]
    return raw


def _possessed(text: str, start: int, end: int) -> bool:
    return (
        _HAS_BEFORE.search(text[max(0, start - 60) : start]) is not None
        or _HAS_AFTER.match(text[end:]) is not None
        or len(text.split()) <= 3  # "MBA here", "BS in biology"
    )


def education(text: str) -> str | None:
    """The education the person states they have (or are completing), tidied; else None."""
    match = _DEGREE_IN.search(text)
    if match is not None and _possessed(text, match.start(), match.end()):
        degree = _tidy_degree(match["deg"])
        if degree.lower().startswith(("bachelor of", "master of", "doctor of")):
            return f"{match['deg']} in {match['field']}" if " in nursing" not in degree else degree
        return f"{degree} in {match['field'].strip()}"
    for match in _KIND_WORD.finditer(text):
        # The (up to four) words before "degree"/"bootcamp"/...: found from the kind word
        # backwards, so a long message is not scanned from every word.
        preceding = _FIELD_BEFORE.search(text, max(0, match.start() - 60), match.start())
        words: list[str] = []
        for word in reversed(preceding.group(0).split() if preceding is not None else []):
            if word.lower() in _STOP_LEAD or word.lower() in _FUNCTION_WORDS:
                break
            words.insert(0, word)
        start = match.start() - len(" ".join(words))
        if not _possessed(text, start, match.end()):
            continue
        kind = match["kind"].lower().replace("boot camp", "bootcamp")
        if kind == "program":
            continue
        if not words:
            if kind == "bootcamp":
                return "coding bootcamp"
            continue
        field = " ".join(words)
        if field.lower() in _DEGREE_WORDS:
            return _tidy_degree(field) + ("" if kind == "degree" else f" {kind}")
        if field.lower() in _GENERIC_FIELD and kind == "degree":
            return f"{field.lower()} degree"
        return f"{field} {kind}"
    alone = _ALONE.search(text)
    if alone is not None and _possessed(text, alone.start(), alone.end()):
        return _tidy_degree(alone["deg"].rstrip("."))
    high = _HIGH_SCHOOL.search(text)
    if high is not None and _possessed(text, high.start(), high.end()):
        return "high school diploma"
    camp = _BOOTCAMP_GRAD.search(text)
    if camp is not None and _possessed(text, camp.start(), camp.end()):
        return "coding bootcamp"
    student = _STUDENT.search(text)
    if student is not None and student["field"].lower() not in _STOP_LEAD:
        before = text[max(0, student.start() - 20) : student.start()].lower()
        if re.search(r"\b(?:i am|i'm|im|as)\s*$", before):
            return f"{student['field']} {student['kind'].lower()}"
    return None


# -- leaving --------------------------------------------------------------------------------------
_LEAVING = re.compile(
    r"\b(?:leav(?:e|ing)|left|quit(?:ting)?|get(?:ting)? out of|escap(?:e|ing)|exit(?:ing)?|"
    r"(?:move|moving|walk|walking|step|stepping|transition|transitioning|pivot|pivoting|switch|"
    r"switching|change|changing|go|going|come|coming) (?:away )?(?:out of|from)|"
    r"want out of|done with|burn(?:ed|t) out (?:on|of|from))\s+"
    r"(?:my |the |a |an |this )?(?P<phrase>[a-z][a-z &-]{1,40})"
)
_LEAVING_END = re.compile(
    r"\s+(?:to|for|and|but|after|because|in|so|into|or|at|with|since|now|soon|this|next|"
    r"completely|altogether|entirely|behind|forever|anymore|any more|career|careers|job|jobs|"
    r"field|industry|world|profession|work|position|role|sector|life|altogether)\b.*$"
)
_NOT_FIELDS = frozenset(
    """job my job it this that work home house here there school college town the city city
    state country company team office bed house everything all them him her""".split()
)
_EXTRA_FIELDS = frozenset(
    """military army navy air force marines corporate corporate america restaurants restaurant
    food service customer service fast food trucking warehouse classroom ministry nonprofit
    non profit call center call centers freelancing freelance startup startups agency
    consulting banking""".split()
)


def leaving(norm: str, knowledge: KnowledgeBase | None) -> str | None:
    """The field or role the person is leaving, as written ("teaching", "retail", "nursing")."""
    for match in _LEAVING.finditer(norm):
        phrase = _LEAVING_END.sub("", match["phrase"]).strip(" -")
        if not phrase or phrase in _NOT_FIELDS or len(phrase.split()) > 3:
            continue
        if phrase in _EXTRA_FIELDS or family_for(phrase) is not None:
            return phrase
        if knowledge is not None and (
            knowledge.catalogue.roles.lookup(phrase) is not None
            or family_for(phrase.rstrip("s")) is not None
        ):
            return phrase
    return None


# -- the field they want --------------------------------------------------------------------------
_WANTED_FIELD = re.compile(
    r"(?=\b(?P<cue>(?:stay|staying|remain|remaining|careers?|paths?|"
    r"opportunities|options|future|a life|interest|interested|passion|passionate)"
    r"(?: (?:are|is) there| available| out there| open to me| for me)? (?:in|within|about)|"
    r"(?:get|getting|break|breaking|move|moving|switch|switching|transition|transitioning|"
    r"pivot|pivoting|go|going|change|changing|head|heading) (?:back )?(?:in|into|to)|"
    r"from [a-z]+(?: [a-z]+)? (?:in)?to|"
    r"(?:want|wants|like|love|would|hope|hoping|plan|planning|rather|prefer|dream|keep|"
    r"continue|enjoy|enjoyed|loved|liked|chose|choose|pursue|pursuing|consider|considering|"
    r"explore|exploring)(?: to)? (?:work|working|stay|be) in|"
    r"(?:prefer|pursue|pursuing|explore|exploring|"
    r"consider|considering)) "
    r"(?:the |a |an |a career in |careers in |something in )?"
    r"(?P<phrase>[a-z][a-z &-]{1,30}))"
)
_NOT_WANTED = re.compile(r"\b(?:not|never|no longer|no more|hate|hated|stop|quit)\b")


def wanted_field(norm: str) -> Family | None:
    """The field the person wants to work (or stay) in, named as a field: "I want to stay in
    healthcare", "interested in finance", "careers in tech?" -> "healthcare", "finance",
    "tech". A field refused ("I don't want to work in sales") or left is not wanted."""
    left = leaving(norm, None)
    left_family = family_for(left) if left is not None else None
    for match in _WANTED_FIELD.finditer(norm):
        if _refused_before(norm, match.start()):
            continue
        words = _LEAVING_END.sub("", match["phrase"]).strip(" -").split()
        found = _field_at(words, 0)
        if found is not None and found != left_family:
            return found
    return None


def _refused_before(norm: str, start: int) -> bool:
    """A refusal just before `start` ("I don't want to work in", "I hate")."""
    return _NOT_WANTED.search(norm[max(0, start - 24) : start]) is not None


# -- what they enjoy ------------------------------------------------------------------------------
_ENJOY = r"(?:love|like|enjoy|into|good at|good with|great with|passionate about|drawn to)"
# (pattern on the normalised text, the field whose roles use it most, how to say it back)
_INTEREST_TABLE: Final[tuple[tuple[str, Family, str], ...]] = (
    (
        r"\b(?:work(?:ing)? with my hands|hands on (?:work|jobs?)|"
        rf"{_ENJOY} (?:building|fixing|repairing|making) things|"
        r"work(?:ing)? on (?:cars|engines))\b",
        "trades",
        "working with your hands",
    ),
    (
        rf"\b(?:{_ENJOY} (?:numbers|math|maths|spreadsheets)|good with money|"
        r"crunch(?:ing)? numbers|"
        r"work(?:ing)? with numbers)\b",
        "finance",
        "working with numbers",
    ),
    (
        rf"\b(?:{_ENJOY} (?:computers|technology|tech|coding|programming|gadgets)|"
        r"work(?:ing)? with computers)\b",
        "tech",
        "working with computers",
    ),
    (
        r"\b(?:work(?:ing)? with (?:kids|children|students|young people|teenagers)|"
        rf"{_ENJOY} (?:kids|children|teaching|explaining things))\b",
        "education",
        "working with young people",
    ),
    (
        r"\b(?:car(?:e|ing) for (?:people|patients|others|the sick|the elderly|older people)|"
        r"help(?:ing)? (?:sick |ill )?(?:people|patients|others) (?:get better|heal|recover)|"
        r"work(?:ing)? with patients)\b",
        "healthcare",
        "caring for people",
    ),
    (
        rf"\b{_ENJOY} (?:helping|supporting) (?:people|others)\b",
        "healthcare",
        "helping people",
    ),
    (
        rf"\b(?:{_ENJOY} (?:art|arts|drawing|painting|design|designing|being creative)|"
        r"(?:likes?|loves?) art|creative (?:work|jobs?|careers?|field))\b",
        "design",
        "creative work",
    ),
    (
        rf"\b{_ENJOY} (?:science|research|biology|chemistry|physics|experiments)\b|"
        r"\bwork(?:ing)? in a lab\b",
        "science",
        "science and research",
    ),
    (
        rf"\b{_ENJOY} (?:selling|persuading people|convincing people|negotiating)\b",
        "sales",
        "persuading people",
    ),
)
_INTERESTS: Final = tuple((re.compile(p), family, said) for p, family, said in _INTEREST_TABLE)


def interest(norm: str) -> tuple[Family, str] | None:
    """What the person enjoys, as the field whose roles use it most, and how to say it back:
    "I like working with my hands" -> ("trades", "working with your hands"). Not a wish to
    work there (it is never saved); a refusal ("I don't like numbers") is no interest."""
    for pattern, family, said in _INTERESTS:
        match = pattern.search(norm)
        if match is None or _refused_before(norm, match.start()):
            continue
        return family, said
    return None


def field_named(norm: str) -> Family | None:
    """The first field the text names anywhere ("top paying tech jobs" -> "tech")."""
    words = re.findall(r"[a-z]+", norm)
    for i in range(len(words)):
        found = _field_at(words, i)
        if found is not None:
            return found
    return None


def _field_at(words: list[str], i: int) -> Family | None:
    """The field named by the longest run of up to three words starting at `i`; lower-case
    "it" alone is the pronoun, not IT."""
    for size in (3, 2, 1):
        run = words[i : i + size]
        if len(run) == size and run != ["it"]:
            found = family_for(" ".join(run))
            if found is not None:
                return found
    return None


# First words of every field name ("health" of "health care"): a message with none of them
# names no field, and skips the field scans (they run on every message).
_FIELD_STARTS: Final = frozenset(
    next(w for w in key.split() if w not in ("the", "a", "an")) for key in FAMILY_WORDS
) - {"it"}  # lower-case "it" is the pronoun (see `_field_at`)


def may_name_field(norm: str) -> bool:
    return not _FIELD_STARTS.isdisjoint(norm.split())

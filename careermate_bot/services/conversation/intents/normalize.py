"""Text the rules read: lower case, no accents or apostrophes, slang expanded, typos fixed.

Typos are corrected only towards the rules' own keywords (an edit distance of 1 for words of
5-7 letters, 2 from 8 letters, a swapped pair for 4-letter words), so "carrer", "intervew",
"resme" and "jbos" read as the words they meant, while ordinary words are left alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA, Levenshtein

# Slang and contractions -> the words the rules are written for (after apostrophes are dropped).
SLANG: dict[str, str] = {
    "u": "you",
    "ya": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "plss": "please",
    "wat": "what",
    "wut": "what",
    "wats": "what is",
    "wuts": "what is",
    "ppl": "people",
    "jobz": "jobs",
    "gud": "good",
    "gd": "good",
    "nite": "night",
    "mornin": "morning",
    "evenin": "evening",
    "gr8": "great",
    "jbs": "jobs",
    "whats": "what is",
    "hows": "how is",
    "wheres": "where is",
    "whos": "who is",
    "im": "i am",
    "ive": "i have",
    "ill": "i will",
    "id": "i would",
    "dont": "do not",
    "doesnt": "does not",
    "cant": "can not",
    "cannot": "can not",
    "isnt": "is not",
    "arent": "are not",
    "wont": "will not",
    "didnt": "did not",
    "youre": "you are",
    "theyre": "they are",
    "thats": "that is",
    "lets": "let us",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "have to",
    "gimme": "give me",
    "lemme": "let me",
    "rn": "right now",
    "asap": "soon",
    "cv": "resume",
    "cvs": "resumes",
    "resumé": "resume",
    "yrs": "years",
    "yr": "year",
    "yoe": "years experience",
    "exp": "experience",
    "thx": "thanks",
    "thanx": "thanks",
    "thnx": "thanks",
    "tks": "thanks",
    "ty": "thanks",
    "tysm": "thanks",
    "tyvm": "thanks",
    "abt": "about",
    "b4": "before",
    "bc": "because",
    "cuz": "because",
    "info": "information",
    "pic": "picture",
    "k": "ok",
    "kk": "ok",
    "okay": "ok",
    "okey": "ok",
    "yeah": "yes",
    "yea": "yes",
    "yep": "yes",
    "yup": "yes",
    "nah": "no",
    "nope": "no",
    "hii": "hi",
    "hiii": "hi",
    "helo": "hello",
    "hellooo": "hello",
    "helloo": "hello",
    "heyy": "hey",
    "heyyy": "hey",
    "heyyyy": "hey",
    "sup": "what is up",
    "wassup": "what is up",
    "whatsup": "what is up",
    "gm": "good morning",
    "gn": "good night",
    "w": "with",
    "wfh": "work from home",
    "devs": "developers",
    "dev": "developer",
    "swe": "software engineer",
    "sde": "software engineer",
    "pm": "product manager",
    "ds": "data scientist",
    "ml": "machine learning",
    "certs": "certifications",
    "cert": "certification",
    "quals": "qualifications",
    "sal": "salary",
    "comp": "compensation",
}
SLANG_PHRASES: tuple[tuple[str, str], ...] = (
    ("curriculum vitae", "resume"),
    ("cover letter", "coverletter"),
    ("work from home", "remote"),
    ("how r u", "how are you"),
)

# Words the rules key on: typos are corrected towards these (and only these).
KEYWORDS = frozenset(
    """career careers resume resumes interview interviews interviewer interviewing practice
    practise mock salary salaries hiring openings opening position positions vacancy vacancies
    listings listing postings posting internship internships remember forget delete privacy
    export commands command features recommend suggest advice certification certifications
    transition experience experienced education degree bootcamp promotion promoted learn
    learning skills skill improve review feedback critique proofread profile information
    personal history account erase remove thanks thank hello morning evening afternoon tonight
    weekend tired exhausted nervous excited stressed bored happy awesome amazing question
    questions answer answers prepare preparation behavioral technical become switch change
    apply application applications qualifications available search looking employed unemployed
    compensation earn earns paying make makes wage wages hourly annual average median jobs
    tutorial instructions guide explain capable weather recipe poem story essay joke translate
    engineer developer designer manager analyst scientist nurse teacher employer employers
    hired fired firing profession professional""".split()
)
# Real words that sit one edit away from a keyword and must not be "corrected".
PROTECTED = frozenset(
    """hiking hiding biking liking mocks rock lock learned leaning earning yearn change
    charge chance changes manger manage manages answered position poison teacher teaches
    positive mocked make made male mare lake wake bake fake jokes hoping hopping rumor resumed
    resumes resuming about above exercise experiment expert tried tired tires tries ready
    sorry story stories store stored storing closes codes modes roles rules holes think thinks
    media employees listening practices translator translation transaction fixtures carriers
    carers renumber delegate delegated progression became propagation weakened apple apples
    compensating promoting thing things""".split()
)
_APOSTROPHES = str.maketrans({"’": "", "'": "", "`": "", "‘": ""})
_WORD = re.compile(r"[a-z0-9$%+#/.]+|[?!]")
_KEEP = re.compile(r"[^a-z0-9$%+#/.?!\s]")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")
_NEIGHBOURS: dict[str, set[str]] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _ch in enumerate(_row):
        near = _NEIGHBOURS.setdefault(_ch, set())
        for _dr in (-1, 0, 1):
            if 0 <= _r + _dr < len(_ROWS):
                other = _ROWS[_r + _dr]
                for _dc in (-1, 0, 1):
                    if (_dr or _dc) and 0 <= _c + _dc < len(other):
                        near.add(other[_c + _dc])


def _typo_of(word: str, keyword: str) -> bool:
    """True when `word` reads as `keyword` mistyped: same first letter, and every edit is a
    swap of neighbours, a letter left out or doubled, or a key next to the right one
    ("fired" is not "hired": f and h are not neighbours; "saying" is not "paying")."""
    if word[0] != keyword[0]:
        return False
    if sorted(word) == sorted(keyword) and OSA.distance(word, keyword) == 1:
        return True  # a swap ("jbos")
    for op in Levenshtein.editops(word, keyword):
        if op.tag != "replace":
            continue
        typed, meant = word[op.src_pos], keyword[op.dest_pos]
        if meant not in _NEIGHBOURS.get(typed, ()) and not (typed in _VOWELS and meant in _VOWELS):
            return False  # neither a neighbouring key nor a vowel for a vowel ("salery")
    return True


_SUFFIXES = frozenset(
    (
        "s es al als ally ing ings ed er ers ly ion ions ive ity ities ful ness ment ments ist ists"
    ).split()
)


def _inflection(word: str, keyword: str) -> bool:
    """Another form of the same stem: they differ only in a common suffix."""
    stem = 0
    for a, b in zip(word, keyword, strict=False):
        if a != b:
            break
        stem += 1
    if stem < 4 or min(len(word), len(keyword)) - stem > 1:
        return False  # they differ before the end: a typo, not another form
    longer = keyword if len(keyword) > len(word) else word
    if stem < len(longer) and longer[stem - 1] == longer[stem]:
        return False  # a doubled letter typed once ("skils"): a typo
    for cut in (stem, stem - 1):  # "designed"/"designer" share "design", not "designe"
        if word[cut:] in _SUFFIXES or keyword[cut:] in _SUFFIXES:
            return True
    return (word[stem:] == "" or keyword[stem:] == "") and abs(len(word) - len(keyword)) >= 2


@lru_cache(maxsize=8192)
def correct(word: str) -> str:
    """The keyword `word` is a likely typo of, or `word` itself."""
    if word in KEYWORDS or word in PROTECTED or not word.isalpha():
        return word
    size = len(word)
    if size < 4:
        return word
    limit = 1 if size < 8 else 2
    best, best_d = word, limit + 1
    for kw in KEYWORDS:
        if abs(len(kw) - size) > limit or kw[0] != word[0]:
            continue
        if size == 4 and sorted(kw) != sorted(word):
            continue  # 4 letters: only a swap ("jbos"), too many real words are 1 edit apart
        if _inflection(word, kw):
            continue  # "instructional" is not a typo of "instructions"
        d = OSA.distance(word, kw, score_cutoff=limit)
        if d < best_d and _typo_of(word, kw):
            best, best_d = kw, d
    return best


_RUN = re.compile(r"([a-z])\1\1")


def _squeeze(word: str) -> str:
    """'soooo' -> 'so', 'heyyy' -> 'hey': three or more of a letter become one."""
    return re.sub(r"([a-z])\1{2,}", r"\1", word)


@lru_cache(maxsize=2048)
def normalize(text: str) -> str:
    """The form the rules match: words separated by single spaces, '?' and '!' kept as words."""
    lowered = strip_accents(text.casefold()).translate(_APOSTROPHES)
    lowered = lowered.replace("—", " - ").replace("–", " - ")
    lowered = _KEEP.sub(" ", lowered)
    words: list[str] = []
    for raw in _WORD.findall(lowered):
        word = raw.strip(".") or raw
        if not word:
            continue
        if word.isalpha() and _RUN.search(word):
            word = _squeeze(word)
        expanded = SLANG.get(word)
        if expanded is None:
            expanded = correct(word)
        words.append(expanded)
    out = " ".join(words)
    for phrase, replacement in SLANG_PHRASES:
        if phrase in out:
            out = re.sub(rf"\b{phrase}\b", replacement, out)
    return out

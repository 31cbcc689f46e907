"""Bullet language: action verbs, quantified results, weak phrases, first person, passive voice."""

from __future__ import annotations

import re

# Base forms; past tense and 3rd person are derived (irregular pasts listed below).
_BASE = """
accelerate accomplish achieve acquire adapt add address administer advance advise advocate
align allocate analyse analyze answer anticipate apply appraise approve arbitrate architect
arrange assemble assess assign assist attain audit author automate balance benchmark boost
brief broker budget build calculate campaign capture catalog catalogue centralize chair
champion chart clarify classify close coach code collaborate collect combine command
communicate compile complete compose compute conceive conceptualize conduct configure
conserve consolidate construct consult contract contribute control convert convince
coordinate correct counsel craft create cultivate curate customize cut debug decrease
define delegate deliver demonstrate deploy design detect determine develop devise diagnose
direct discover dispatch distribute document double drive earn edit educate eliminate
enable encourage engineer enhance enlarge ensure establish estimate evaluate examine exceed
execute expand expedite experiment explain explore extend facilitate finalize fix forecast
forge form formulate foster found fulfill fund gain gather generate grow guide halve handle
head help hire host identify illustrate implement improve increase influence inform
initiate innovate inspect install institute instruct integrate interpret interview
introduce invent investigate launch lead lecture leverage liaise lower maintain manage
map market master maximize measure mediate mentor merge migrate minimize mobilize model
moderate modernize monitor motivate navigate negotiate nurse nurture obtain onboard open
operate optimize orchestrate organize originate outpace outperform overhaul oversee
participate partner perform persuade pilot pioneer plan prepare present preserve
prevent prioritize process procure produce program project promote propose prototype
provide publish purchase pursue qualify quantify raise rank rate reach rebuild receive
recommend reconcile record recruit redesign reduce refactor refine regulate rehabilitate
remodel render renegotiate reorganize repair replace report represent research resolve
respond restore restructure retain revamp review revise revitalize run safeguard save
scale schedule score screen secure select sell serve service set shape ship simplify
solve sort source spearhead specify speak sponsor standardize start steer streamline
strengthen structure succeed suggest summarize supervise supply support surpass survey
sustain synthesize systematize tailor teach test track train transcribe transform
translate treat trim triple troubleshoot tutor uncover unify update upgrade use utilize
validate verify volunteer win write
"""

_IRREGULAR = (
    "built cut drew drove forecast fought found founded grew held kept led made met oversaw "
    "overhauled ran rebuilt sold set spoke taught took gave won wrote undertook upheld "
    "brought began chose became bought thought understood overcame outran spun shipped "
    "planned programmed scanned mapped trimmed tripled doubled controlled referred transferred"
)

_NOT_ACTIONS = frozenset(
    "need needed used red bed bred shed seed speed feed fed hundred detailed skilled "
    "experienced talented dedicated motivated qualified licensed certified based related "
    "advanced united limited interested".split()
)


def _forms(verb: str) -> set[str]:
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "d", verb + "s"}
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms |= {verb[:-1] + "ied", verb[:-1] + "ies"}
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {verb + "ed", verb + "es"}
    else:
        forms |= {verb + "ed", verb + "s"}
    return forms


ACTION_VERBS: frozenset[str] = frozenset(
    {form for verb in _BASE.split() for form in _forms(verb)} | set(_IRREGULAR.split())
) - {"used", "use", "uses"}  # "used Excel" is not an achievement

WEAK_PHRASES: tuple[str, ...] = (
    "responsible for", "duties included", "duties include", "duties involved", "tasked with",
    "in charge of", "worked on", "helped with", "helped to", "assisted with", "assisted in",
    "involved in", "participated in", "was part of", "were part of", "handled various",
    "various tasks", "etc.", "team player", "hard-working", "hardworking", "hard worker",
    "detail-oriented", "detail oriented", "results-driven", "results driven", "self-starter",
    "go-getter", "think outside the box", "go the extra mile", "dynamic individual",
    "proven track record", "excellent communication skills", "works well under pressure",
    "react well to stress",
)  # fmt: skip

_WEAK = re.compile(
    "|".join(r"\b" + re.escape(p).replace(r"\ ", r"\s+") + r"(?=\W|$)" for p in WEAK_PHRASES),
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"(?<![\w/])(?:I|I'm|I've|I'd)(?![\w/.])|\b(?:me|my|myself|mine|My|Me)\b"
)
_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?"
    r"(?:\w{3,}ed|built|led|made|given|taken|done|written|chosen|held|sold|taught|brought|run|"
    r"won|shown|seen|known|grown|drawn)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19[5-9]\d|20[0-3]\d)$")
_NUMBER = re.compile(r"(?<![\w])[$€£¥]?\d[\d,.]*\s*(?:%|percent|[kKmMbB]\b|x\b|\+)?")
_METRIC_WORDS = re.compile(
    r"\b(?:doubled|tripled|quadrupled|halved|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|"
    r"million|millions|billion|dozen|dozens|percent)\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\[[^\]]{1,12}\]")
_FIRST_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def first_word(text: str) -> str:
    match = _FIRST_WORD.search(text[:40])
    return match.group(0).lower() if match else ""


_LEAD_IN = re.compile(r"^[^:–—]{2,60}?(?::|\s[–—-]\s)\s*")


_RESULT_FIRST = re.compile(r"^\s*(?:[$€£¥]\s?\d|\d[\d,.]*\s*(?:%|x\b|[kKmM]\b|\+))")


def starts_with_action(text: str) -> bool:
    """An action verb first, also after a lead-in ("Course Planner (React): built ..."), or a
    result first ("30% fewer returns after ...", "$2M in new revenue from ...")."""
    if _is_action(first_word(text)) or _RESULT_FIRST.match(text):
        return True
    lead = _LEAD_IN.match(text)
    return lead is not None and _is_action(first_word(text[lead.end() :]))


def _is_action(word: str) -> bool:
    if not word:
        return False
    if word in ACTION_VERBS:
        return True
    # Past-tense verbs not in the list ("Spearheaded", "Architected"): -ed, not an adjective.
    return len(word) > 5 and word.endswith("ed") and word not in _NOT_ACTIONS


def is_quantified(text: str) -> bool:
    """A measurable result: a number that is not a bare year (5, 30%, $2M, 3x), or a number
    word ("doubled", "a team of five")."""
    for match in _NUMBER.finditer(_PLACEHOLDER.sub(" ", text)):
        token = match.group(0).strip()
        digits = token.strip("$€£¥%+ ").rstrip("kKmMbBx ").replace(",", "").rstrip(".")
        if _YEAR.match(digits) and token == digits:
            continue
        return True
    return bool(_METRIC_WORDS.search(text))


def weak_phrase(text: str) -> str | None:
    match = _WEAK.search(text)
    return match.group(0).lower() if match else None


def first_person(text: str) -> bool:
    return bool(_FIRST_PERSON.search(text))


def passive(text: str) -> bool:
    return bool(_PASSIVE.search(text))


def language_issue(text: str) -> str | None:
    """The first style problem in a line, in words for the user; None when it reads well."""
    phrase = weak_phrase(text)
    if phrase:
        return f"the weak phrase “{phrase}”"
    if first_person(text):
        return "first person (“I”, “my”)"
    if passive(text):
        return "passive voice"
    return None

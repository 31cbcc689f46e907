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

# Duty phrasing: describes the job, not what the person achieved. Always flagged.
_TO_VERB = (
    "Start with what you did, not the duty, and add what came of it: “Responsible for "
    "scheduling” → “Scheduled [N] staff across [N] shifts”."
)
_OWN_PART = (
    "Say what you yourself did (Built, Wrote, Ran, Fixed…) and what came of it, instead of "
    "“{phrase}”."
)
_VAGUE = "Name the tasks instead of “{phrase}”: a vague line costs space and says nothing."
DUTY_PHRASES: dict[str, str] = {
    "responsible for": _TO_VERB,
    "duties included": "List what you achieved, one bullet per duty, each starting with a verb, "
    "instead of “{phrase}”.",
    "duties include": "List what you achieve, one bullet per duty, each starting with a verb, "
    "instead of “{phrase}”.",
    "duties involved": "List what you achieved, one bullet per duty, each starting with a "
    "verb, instead of “{phrase}”.",
    "tasked with": _TO_VERB,
    "in charge of": _TO_VERB,
    "worked on": _OWN_PART,
    "helped with": _OWN_PART,
    "helped to": _OWN_PART,
    "assisted with": _OWN_PART,
    "assisted in": _OWN_PART,
    "involved in": _OWN_PART,
    "participated in": _OWN_PART,
    "was part of": _OWN_PART,
    "were part of": _OWN_PART,
    "handled various": _VAGUE,
    "various tasks": _VAGUE,
    "other duties as assigned": _VAGUE,
    "other tasks as needed": _VAGUE,
    "etc.": _VAGUE,
}

# Clichés: self-descriptions a reader skips. Flagged when the line gives no evidence (a number).
_SHOW_EFFORT = (
    "Cut “{phrase}” and show it with a result, e.g. “Covered [N] extra shifts in peak season” "
    "or “Finished [N] jobs ahead of schedule”."
)
_SHOW_LEARNING = (
    "Cut “{phrase}” and name what you learned and how fast, e.g. “Learned the [system] in [N] "
    "days and trained [N] new hires on it”."
)
_SHOW_TEAMWORK = (
    "Cut “{phrase}” and show teamwork with an outcome, e.g. “Worked with [N] colleagues to "
    "[do what], cutting [what] by [X%]”."
)
_SHOW_ACCURACY = (
    "Cut “{phrase}” unless a bullet proves it, e.g. “Processed [N] orders a week with [X%] "
    "accuracy” or “Caught [$X] in billing errors”."
)
_SHOW_RESULT = "Cut “{phrase}” and let a result show it: “[Did what], raising [what] by [X%]”."
_SHOW_INITIATIVE = (
    "Cut “{phrase}” and show something you started unasked, e.g. “Set up [what], saving [N] "
    "hours a week”."
)
_SHOW_COMMUNICATION = (
    "Cut “{phrase}” and show it: who you presented or wrote to, e.g. “Presented [what] to [N] "
    "managers”."
)
_SHOW_IT = "Cut “{phrase}” and show it with a result that has a number."
CLICHES: dict[str, str] = {
    "hard worker": _SHOW_EFFORT,
    "hard-worker": _SHOW_EFFORT,
    "hard-working": _SHOW_EFFORT,
    "hardworking": _SHOW_EFFORT,
    "hard working": _SHOW_EFFORT,
    "fast learner": _SHOW_LEARNING,
    "quick learner": _SHOW_LEARNING,
    "learn fast": _SHOW_LEARNING,
    "learn quickly": _SHOW_LEARNING,
    "learns quickly": _SHOW_LEARNING,
    "team player": _SHOW_TEAMWORK,
    "detail-oriented": _SHOW_ACCURACY,
    "detail oriented": _SHOW_ACCURACY,
    "results-driven": _SHOW_RESULT,
    "results driven": _SHOW_RESULT,
    "results-oriented": _SHOW_RESULT,
    "self-starter": _SHOW_INITIATIVE,
    "self starter": _SHOW_INITIATIVE,
    "go-getter": _SHOW_INITIATIVE,
    "think outside the box": _SHOW_IT,
    "thinks outside the box": _SHOW_IT,
    "go the extra mile": _SHOW_EFFORT,
    "goes the extra mile": _SHOW_EFFORT,
    "dynamic individual": _SHOW_IT,
    "proven track record": _SHOW_RESULT,
    "excellent communication skills": _SHOW_COMMUNICATION,
    "works well under pressure": _SHOW_IT,
    "work well under pressure": _SHOW_IT,
    "react well to stress": _SHOW_IT,
    "people person": _SHOW_IT,
    "highly motivated": _SHOW_IT,
    "motivated individual": _SHOW_IT,
}
WEAK_PHRASES: tuple[str, ...] = (*DUTY_PHRASES, *CLICHES)
VAGUE_PHRASES = frozenset(p for p, fix in DUTY_PHRASES.items() if fix is _VAGUE)


def _phrase_pattern(phrases: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(
        "|".join(r"\b" + re.escape(p).replace(r"\ ", r"\s+") + r"(?=\W|$)" for p in ordered),
        re.IGNORECASE,
    )


_DUTY = _phrase_pattern(list(DUTY_PHRASES))
_DUTY_LEAD = re.compile(r"^\W*(?:" + _DUTY.pattern + ")", re.IGNORECASE)
_CLICHE = _phrase_pattern(list(CLICHES))
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
    result first ("30% fewer returns after ...", "$2M in new revenue from ..."). A duty
    phrase first ("Worked on", "Helped with", "Assisted in") is not an action."""
    if _DUTY_LEAD.match(text):
        return False
    if _is_action(first_word(text)) or _RESULT_FIRST.match(text):
        return True
    lead = _LEAD_IN.match(text)
    return lead is not None and _is_action(first_word(text[lead.end() :]))


def is_action_word(word: str) -> bool:
    """An action verb (any tense we list) or a past-tense verb not in the list."""
    return _is_action(word.lower())


IRREGULAR_PAST: frozenset[str] = frozenset(_IRREGULAR.split())


def is_past_action(word: str) -> bool:
    """ "Led", "Built", "Reduced": an action verb in the past tense."""
    word = word.lower()
    return _is_action(word) and (word.endswith("ed") or word in IRREGULAR_PAST)


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


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def duty_phrase(text: str) -> str | None:
    match = _DUTY.search(text)
    return _key(match.group(0)) if match else None


_ITEMS = re.compile(r"[,;•|·]|\.\s")


def cliches(text: str) -> list[str]:
    """Every cliché the line gives no evidence for ("hard worker", "detail-oriented"...). The
    evidence is a number in the same list item or clause: "Detail-oriented: reconciled 400
    accounts" passes; "Hard worker, reliable, can lift 50 lbs" does not."""
    found: list[str] = []
    for item in _ITEMS.split(text):
        if is_quantified(item):
            continue
        for match in _CLICHE.finditer(item):
            phrase = _key(match.group(0))
            if phrase not in found:
                found.append(phrase)
    return found


def cliche(text: str) -> str | None:
    """The first cliché the line gives no evidence for, or None."""
    found = cliches(text)
    return found[0] if found else None


def weak_phrase(text: str) -> str | None:
    return duty_phrase(text) or cliche(text)


def phrase_fix(phrase: str) -> str:
    """A concrete fix for a weak phrase found by `weak_phrase`."""
    template = DUTY_PHRASES.get(phrase) or CLICHES.get(phrase) or _SHOW_IT
    return template.format(phrase=phrase)


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

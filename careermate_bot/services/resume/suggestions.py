"""Model-free rewrite suggestions for weak bullets, built only from the bullet's own words.

    "Responsible for helping customers and running the register."
        -> "Helped [N] customers and ran the register"          (duty phrase dropped,
                                                                   verb from the gerund)
    "Duties included resetting passwords and fixing printers."
        -> "Reset [N] passwords and fixed printers"
    "Trained new hires"  -> "Trained [N] new hires"
    "Reports were prepared weekly" -> "Prepared [N] reports weekly"
    "Maintained the company blog" -> "Maintained the company blog, [what changed] by [X%]"

Nothing is invented: the verb comes from the bullet (a gerund made past tense), or from the
duty's object for "responsible for the register" ("Ran"); when the person's own part is unclear
("helped with", "worked on") the verb is left for them to choose. Numbers are placeholders.
"""

from __future__ import annotations

import re

from careermate_bot.services.resume import language
from careermate_bot.services.resume.types import BulletSuggestion

NUMBER = "[N]"
RESULT = ", [what changed] by [X%]"
CHOOSE_VERB = "[Built / Ran / Wrote…]"

_IRREGULAR = {
    "begin": "began", "bring": "brought", "build": "built", "buy": "bought", "catch": "caught",
    "choose": "chose", "cut": "cut", "deal": "dealt", "do": "did", "draw": "drew",
    "drive": "drove", "feed": "fed", "find": "found", "forecast": "forecast", "get": "got",
    "give": "gave", "go": "went", "grow": "grew", "hang": "hung", "have": "had", "hold": "held",
    "keep": "kept", "know": "knew", "lay": "laid", "lead": "led", "leave": "left", "lend": "lent",
    "let": "let", "make": "made", "meet": "met", "oversee": "oversaw", "pay": "paid",
    "put": "put", "read": "read", "rebuild": "rebuilt", "reset": "reset", "ring": "rang",
    "run": "ran", "say": "said", "see": "saw", "seek": "sought", "sell": "sold", "send": "sent",
    "set": "set", "shut": "shut", "speak": "spoke", "spend": "spent", "split": "split",
    "spread": "spread", "stand": "stood", "sweep": "swept", "take": "took", "teach": "taught",
    "tell": "told", "think": "thought", "throw": "threw", "undertake": "undertook",
    "understand": "understood", "uphold": "upheld", "win": "won", "write": "wrote",
    "babysit": "babysat", "proofread": "proofread", "broadcast": "broadcast",
}  # fmt: skip

# The verb a duty's object implies ("responsible for the register" -> "Ran the register").
_OBJECT_VERBS = {
    "register": "Ran", "registers": "Ran", "till": "Ran", "checkout": "Ran",
    "inventory": "Tracked", "stock": "Tracked", "counts": "Ran",
    "schedule": "Built", "schedules": "Built", "rota": "Built",
    "report": "Prepared", "reports": "Prepared", "reporting": "Prepared",
    "customers": "Served", "clients": "Served", "guests": "Served", "patients": "Cared for",
    "calls": "Answered", "phones": "Answered", "phone": "Answered", "emails": "Answered",
    "tickets": "Resolved", "complaints": "Resolved", "requests": "Resolved",
    "questions": "Answered", "inquiries": "Answered", "issues": "Resolved",
    "orders": "Processed", "invoices": "Processed", "payments": "Processed",
    "payroll": "Ran", "transactions": "Processed", "claims": "Processed",
    "returns": "Processed", "deposits": "Processed", "applications": "Processed",
    "training": "Ran", "onboarding": "Ran",
    "displays": "Set up", "display": "Set up",
    "deliveries": "Coordinated", "shipments": "Coordinated", "shipping": "Coordinated",
    "meetings": "Scheduled", "appointments": "Scheduled", "events": "Organised",
    "filing": "Kept", "files": "Kept", "records": "Kept", "documentation": "Kept",
    "equipment": "Operated", "machines": "Operated", "machinery": "Operated",
    "vehicles": "Operated", "forklift": "Operated",
    "repairs": "Performed", "maintenance": "Performed",
    "staff": "Supervised", "associates": "Supervised", "employees": "Supervised",
    "team": "Supervised", "crew": "Supervised", "volunteers": "Supervised",
    "budget": "Managed", "budgets": "Managed", "accounts": "Managed",
    "opening": "Opened", "closing": "Closed",
}  # fmt: skip
# Duty phrases that hand over responsibility (the object implies the verb) and those that hide
# the person's own part (the verb is theirs to choose).
_OWNED = (
    r"responsible\s+for|in\s+charge\s+of|tasked\s+with|"
    r"(?:my\s+)?(?:duties|responsibilities)\s+(?:included|include|involved|were)(?:\s*:)?"
)
_SHARED = (
    r"worked\s+on|helped\s+with|helped\s+to|assisted\s+with|assisted\s+in|involved\s+in|"
    r"participated\s+in|(?:was|were)\s+part\s+of"
)
_FIRST_PERSON = re.compile(
    r"^(?:i|we)(?:'m|\s+am|\s+was|\s+were|\s+have\s+been|\s+had\s+been|\s+also|\s+have)?\s+",
    re.IGNORECASE,
)
_DUTY_LEAD = re.compile(
    rf"^(?:(?:also|primarily|mainly|solely)\s+)?(?P<owned>{_OWNED})\s+|"
    rf"^(?:(?:also|primarily|mainly)\s+)?(?P<shared>{_SHARED})\s+",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    r"^(?P<object>[\w][\w\s,'&/-]{1,60}?)\s+(?:was|were|has\s+been|have\s+been|is|are)\s+"
    r"(?P<verb>[a-z]+ed|built|made|led|run|sold|taught|written|held|kept|set|cut)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_USED_TO = re.compile(r"^used\s+(?P<tool>.{2,40}?)\s+to\s+(?P<verb>[a-z]+)\s+(?P<rest>.+)$", re.I)
_OBJECT_ENDS = frozenset("and or & for in on at to with by from of into across per".split())
_DETERMINERS = frozenset(
    "the a an all our their its his her my any some several many various multiple numerous "
    "lots of".split()
)
_NOT_PLURAL = frozenset(
    "this his is was has as us its plus bus gas yes less across various process business "
    "status campus analysis basis series always sometimes news".split()
)
_VOWELS = "aeiou"


def past_tense(base: str) -> str:
    """ "help" -> "helped", "run" -> "ran", "stop" -> "stopped", "copy" -> "copied"."""
    word = base.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ied"
    if (
        len(word) <= 4
        and word[0] not in _VOWELS
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    ):
        return word + word[-1] + "ed"
    return word + "ed"


def gerund_to_past(word: str) -> str | None:
    """ "helping" -> "helped", "running" -> "ran", "scheduling" -> "scheduled"; None when
    the word is not a gerund."""
    lower = word.lower()
    if not lower.endswith("ing") or len(lower) < 5:
        return None
    stem = lower[:-3]
    doubled = len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsfz"
    for base in (stem, stem + "e", stem[:-1] if doubled else ""):
        if base in _IRREGULAR:
            return _IRREGULAR[base]
    if stem.endswith("y") and len(stem) > 1 and stem[-2] not in _VOWELS:
        return stem[:-1] + "ied"
    return stem + "ed"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_plural_noun(word: str) -> bool:
    lower = word.lower().strip(",.;:")
    return (
        len(lower) >= 4
        and lower.isalpha()
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "is"))
        and lower not in _NOT_PLURAL
    )


def _place_number(words: list[str]) -> tuple[list[str], str]:
    """Insert "[N]" before a countable object ("Trained [N] new hires"), else add a result
    clause. Returns the words and a hint saying where the number went."""
    position = 1
    while position < len(words) and words[position].lower() in _DETERMINERS:
        position += 1
    for offset in range(3):  # the object's noun, after at most two describing words
        index = position + offset
        if index >= len(words):
            break
        if words[index].lower() in _OBJECT_ENDS:
            break
        if _is_plural_noun(words[index]):
            noun = words[index].strip(",.;:")
            return [words[0], NUMBER, *words[position:]], f"how many {noun}"
        if words[index].endswith(","):
            break
    return words, "the result, in % or $"


def _conjoined_gerunds(words: list[str]) -> list[str]:
    """ "Helped customers, running the register and stocking" -> "..., ran ... and stocked"."""
    out = list(words)
    for i in range(1, len(out)):
        before = out[i - 1]
        if before.lower() in ("and", "&", "or") or before.endswith(","):
            past = gerund_to_past(out[i].strip(",.;"))
            if past is not None:
                trail = out[i][len(out[i].rstrip(",.;")) :]
                out[i] = past + trail
    return out


def suggest(bullet: str) -> BulletSuggestion | None:
    """A rewrite suggestion for one bullet, or None when there is nothing to change."""
    original = " ".join(bullet.split())
    text = original.rstrip(" .;")
    dropped: str | None = None
    person = _FIRST_PERSON.match(text)
    if person:
        dropped = person.group(0).strip()
        text = text[person.end() :]
    duty = _DUTY_LEAD.match(text)
    shared = False
    if duty:
        phrase = duty.group(0).strip()
        dropped = f"{dropped} {phrase}" if dropped else phrase
        shared = duty.group("shared") is not None
        text = text[duty.end() :]
    if language.duty_phrase(text) in language.VAGUE_PHRASES:
        return None  # "other duties as assigned": nothing of the person's own to build on
    passive = None if duty else _PASSIVE.match(text)
    used = _USED_TO.match(text)
    words = text.split()
    if not words:
        return None
    converted = False
    if passive is not None:
        verb = passive.group("verb")
        obj = passive.group("object").strip()
        words = [_capital(verb.lower()), obj[:1].lower() + obj[1:], *passive.group("rest").split()]
        dropped = dropped or "passive voice"
    elif used is not None:  # "Used Excel to track inventory" -> "Tracked inventory with Excel"
        verb = past_tense(used.group("verb"))
        words = [_capital(verb), *used.group("rest").split(), "with", used.group("tool")]
        dropped = dropped or "“used … to”"
    else:
        lead = words[0].strip(",.;:")
        past = gerund_to_past(lead)
        if past is not None and _noun_list(words):
            past = None  # "billing and insurance claims": a list of things, not an action
        if past is not None:
            words[0] = _capital(past)
            converted = True
        elif language.is_action_word(lead) and not duty:
            words[0] = _capital(words[0])
        elif duty is not None and not shared:
            words = [_verb_for_object(words), *words]
        elif shared or dropped:
            words = [CHOOSE_VERB, *words]
        else:
            return None  # "Pass medications for 28 residents": maybe a verb we don't know
    if converted:
        words = _conjoined_gerunds(words)
    hint = None
    if not language.is_quantified(" ".join(words)):
        words, hint = _place_number(words)
        if hint.startswith("the result"):
            words = [*words[:-1], words[-1].rstrip(",;:") + RESULT]
    text = " ".join(words)
    if text == original.rstrip(" .;") or text == original:
        return None
    return BulletSuggestion(
        original=original,
        text=_capital(text),
        verb=words[0],
        dropped=dropped,
        number_hint=hint,
    )


def _noun_list(words: list[str]) -> bool:
    """ "billing and insurance claims": a gerund joined to a plain noun is a noun itself."""
    if len(words) < 3 or words[1].lower() not in ("and", "or", "&"):
        return False
    return gerund_to_past(words[2].strip(",.;:")) is None


def _verb_for_object(words: list[str]) -> str:
    for word in words[:4]:
        verb = _OBJECT_VERBS.get(word.lower().strip(",.;:'s"))
        if verb:
            return verb
    return "Handled"


def suggest_all(bullets: list[str] | tuple[str, ...]) -> tuple[BulletSuggestion, ...]:
    found = (suggest(b) for b in bullets)
    return tuple(s for s in found if s is not None)

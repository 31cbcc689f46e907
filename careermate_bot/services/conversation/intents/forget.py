"""What a person asks to remove from their profile, as written: "forget that I live in Boston"
-> ("Boston",), "remove SQL" -> ("SQL",), "I don't know Java anymore" -> ("Java",), "take Excel
and Tableau off my skills" -> ("Excel", "Tableau"), "forget my location" -> ("location",).

Removing everything ("forget me", "delete my data", "forget what I told you") is a privacy
request, not this; "forget it" / "never mind" is chit-chat.
"""

from __future__ import annotations

import re

_LEAD = r"^(?:(?:please|pls|plz|can you|could you|would you|hey|ok|okay|actually|also|oh|and|so|"
_LEAD += r"wait|hmm|umm?|just|kindly|go ahead and)\s*,?\s+)*"
_FACT_VERB = (
    r"(?:i (?:said|told you|mentioned|wrote|typed) (?:that )?)?"
    r"(?:(?:that )?i(?:'m| am)? (?:live in|lived in|am in|'m in|am from|'m from|am based in|"
    r"'m based in|know|knew|use|have|am an?|'m an?|an?|work as an?|worked as an?|work in|want|"
    r"wanted|prefer|like|said|was an?|do|did|speak|am looking for|'m looking for|"
    r"am interested in|'m interested in|need)\s+)?"
)
_TAIL = (
    r"(?:\s+(?:from|off|out of|in|on) (?:my|the|your) (?:profile|skills?|skill ?set|skill list|"
    r"list|memory|data|info|information|records?|target roles?|roles?|preferences?|locations?|"
    r"notes|saved (?:info|stuff|details)|details|account|file)"
    r"|\s+(?:that )?(?:you|u) (?:saved|stored|have|remembered|noted|recorded|wrote down|"
    r"know|put down|added)(?: (?:for|about|on) me)?"
    r"|\s+(?:that )?i (?:gave|told|sent|mentioned to) (?:you|u)|\s+i (?:said|mentioned)"
    r"|\s+on (?:file|record))?"
)
_END = r"\s*(?:,?\s*(?:please|pls|plz|thanks|thank you|thx|i (?:barely|never|don'?t|do not|"
_END += r"no longer)[^.!?]*|it'?s (?:wrong|old|outdated)[^.!?]*))?\s*[.!?]*\s*$"
_VERBS = (
    r"(?:forget(?: about)?|remove|delete|drop|erase|scratch|clear|unsave|get rid of|strike|"
    r"cross out|cross off|take out|undo|wipe|lose)"
)
_COMMAND = re.compile(
    rf"{_LEAD}{_VERBS}\s+(?:(?:the fact )?that\s+)?{_FACT_VERB}(?P<what>.+?){_TAIL}{_END}",
    re.IGNORECASE,
)
_ABOUT = re.compile(
    rf"{_LEAD}(?:forget|ignore|disregard|scratch|drop) (?:what|everything) i (?:said|told you|"
    r"mentioned|wrote) (?:about|regarding|re) (?P<what>.+?)\s*[.!?]*\s*$",
    re.IGNORECASE,
)
_DONT_KEEP = re.compile(
    r"\bi? ?(?:do not|don'?t|dont|would rather you didn'?t) (?:want you to |need you to )?"
    r"(?:remember|save|store|keep|track) (?:my |that i |the |about my )?(?P<what>[^,.;!?]{1,40}?)"
    r"\s*(?:$|[,.;!?]| anymore\b| please\b)",
    re.IGNORECASE,
)
_TAKE_OFF = re.compile(
    r"\b(?:take|get|knock|cross|scratch|strike) (?P<what>.+?) (?:off|out of|from) (?:my|the) "
    r"(?:profile|skills?|skill ?set|list|preferences|record|locations?|target roles?)\b",
    re.IGNORECASE,
)
_NO_LONGER = re.compile(
    r"\bi(?:'m| am)? (?:(?:do not|don'?t|no longer|not|never) )(?:really )?"
    r"(?P<verb>know|use|live in|live near|work as an?|work in|work at|have|speak|own|am an?|"
    r"'m an?|work with|do)\s+(?P<what>[^,.;!?]{1,40}?)"
    r"\s+(?:anymore|any more|any longer|now)\b",
    re.IGNORECASE,
)
_NO_LONGER_FRONT = re.compile(
    r"\bi(?:'m| am)? no longer (?!want|need|like|prefer|care|wish|think|feel|enjoy|mind)"
    r"(?:an? |in |at |based in |living in |located in )?"
    r"(?:(?:know|use|live in|live near|work as an?|work in|work at|have|speak|an?)\s+)?"
    r"(?P<what>[^,.;!?]{1,40}?)\s*(?:$|[,.;!?]| and\b| but\b| so\b| because\b|"
    r" since\b| i\b)",
    re.IGNORECASE,
)
_NOT_ANYMORE = re.compile(
    r"\bi(?:'m| am|m) not (?:an? |in |at |based in |living in |located in )"
    r"(?P<what>[^,.;!?]+?)\s+(?:anymore|any more|any longer)\b",
    re.IGNORECASE,
)
_EVERYTHING_WORDS = re.compile(
    r"^(?:me|everything|all|what|it|that|this|about it|about that|about me|all of (?:it|that|this)|"
    r"it all|everything (?:about me|i (?:said|told you))|what i (?:said|told you)|"
    r"(?:all )?my (?:data|account|profile|history|info|information|details|stuff|messages|"
    r"chats?|conversations?|personal (?:data|info|information|details))|"
    r"(?:our|this|the) (?:chat|conversation|messages)|all that|the whole thing|"
    r"everything you (?:know|have|saved|stored)(?: about me)?)$",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bplus\b|\bas well as\b)\s*", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:the|my|a|an|that|those|these|this|all|your)\s+", re.IGNORECASE)
_TRAIL = re.compile(
    r"\s+(?:thing|stuff|bit|part|one|too|also|as well|please|pls|entirely|completely)$", re.I
)


_ALL_DATA = re.compile(
    r"\b(?:my|all|the|your|personal|our) (?:personal )?(?:data|information|informations|info|"
    r"details|history|account|conversations?|messages|chats?|stuff)\b|\beverything\b|\bme\b|"
    r"^all\b|^(?:personal )?(?:data|information|informations|info|history|conversations?|messages|"
    r"chats?|account|details|stuff|anything|everything)$",
    re.IGNORECASE,
)


def _items(what: str) -> tuple[str, ...]:
    what = what.strip(" \"'`.")
    if not what or _EVERYTHING_WORDS.match(what) or _ALL_DATA.search(what):
        return ()  # "delete all my data": a privacy request
    out: list[str] = []
    for part in _SPLIT.split(what):
        part = _ARTICLE.sub("", part.strip(" \"'`.")).strip()
        part = _TRAIL.sub("", part).strip()
        if part and not _EVERYTHING_WORDS.match(part) and part.lower() not in out:
            out.append(part)
    return tuple(out) if len(out) <= 5 else ()


def forget_targets(text: str) -> tuple[str, ...]:
    """What to remove, as written; () when the message asks to remove nothing specific."""
    clean = text.strip().replace("’", "'")
    if len(clean) > 200:
        return ()
    for pattern in (_ABOUT, _COMMAND):
        match = pattern.match(clean)
        if match is not None:
            found = _items(match["what"])
            if found:
                return found
            return ()
    for pattern in (_DONT_KEEP, _TAKE_OFF, _NO_LONGER, _NOT_ANYMORE, _NO_LONGER_FRONT):
        match = pattern.search(clean)
        if match is not None:
            found = _items(match["what"])
            if found:
                return found
    return ()

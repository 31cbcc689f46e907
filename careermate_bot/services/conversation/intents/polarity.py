"""Polarity: which words a negation covers, and the work arrangement and schedule a message
states or refuses ("I don't want to do remote, I prefer hybrid" -> hybrid, remote=False).

Everything here reads `lowered(text)`: the text in lower case with the same character offsets as
the original (so a skill found in the original can be checked against a negated span).

A negation cue ("not", "don't", "no", "never", "without", "no longer", "rather not", "tired
of", "instead of") covers the words after it up to the end of its phrase: punctuation, a
contrast ("but", "though", "so", "because") or a new subject ("and I"), at most eight words.
Cues that are really preferences ("don't mind", "wouldn't mind", "no problem with", "not opposed
to") and uncertainty ("not sure", "no idea") negate nothing.
"""

from __future__ import annotations

import re
from typing import Final

from careermate_bot.services.conversation.intents.types import Arrangement, Schedule

Span = tuple[int, int]

_NOT_NEGATION = (
    r"(?:do not|don'?t|wouldn'?t|would not) mind|not opposed|no problem|not (?:sure|certain)|"
    r"no idea|no matter|not only|(?:do not|don'?t) care|doesn'?t matter|no worries|not a problem"
)
_CUE = re.compile(
    rf"\b(?!{_NOT_NEGATION})(?:no longer|no more|rather not|anything but|instead of|other than|"
    r"except(?: for)?|tired of|sick of|done with|fed up with|burn(?:ed|t) out (?:on|of|from)|"
    r"not|no|non|never|without|nor|hate|dislike|avoid|"
    r"(?:do|does|did|would|could|will|ca|is|are|was|were|have|has|should)(?:n'?t| not)|"
    r"won'?t|cannot|can'?t|dont|doesnt|didnt|wont|cant|isnt|arent|wouldnt|not interested in)\b"
)
_SCOPE_END = re.compile(
    r"[,.;:!?()\n]|\s[-–—]\s|\b(?:but|though|although|however|so|because|since|yet|while|"
    r"and i|and i'm|and im|and my|i'd|i would|i want|i prefer|i need|i'm|i am)\b"
)
MAX_SCOPE_WORDS = 8


def lowered(text: str) -> str:
    """Lower case, one character for one character (offsets stay those of `text`)."""
    low = text.lower()
    if len(low) == len(text):
        return low.replace("’", "'").replace("‘", "'")
    out = []
    for ch in text:
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out).replace("’", "'").replace("‘", "'")


def negated_spans(low: str) -> list[Span]:
    """Character spans of `low` that a negation cue covers (the cue itself excluded)."""
    spans: list[Span] = []
    for cue in _CUE.finditer(low):
        start = cue.end()
        end_match = _SCOPE_END.search(low, start)
        end = end_match.start() if end_match is not None else len(low)
        words = list(re.finditer(r"\S+", low[start:end]))
        if len(words) > MAX_SCOPE_WORDS:
            end = start + words[MAX_SCOPE_WORDS - 1].end()
        if end > start:
            spans.append((start, end))
    return spans


def inside(spans: list[Span], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


# -- work arrangement -----------------------------------------------------------------------------
_ARRANGEMENT: Final[tuple[tuple[Arrangement | None, re.Pattern[str]], ...]] = (
    (
        "remote",
        re.compile(
            r"\b(?:fully |100% |full |completely )?remote(?:ly)?\b|\bwfh\b|"
            r"\bwork(?:ing)? (?:from|at) home\b|\bfrom home\b|\btelecommut\w*|\bhome[- ]based\b"
        ),
    ),
    ("hybrid", re.compile(r"\bhybrid\b")),
    (
        "onsite",
        re.compile(
            r"\bon[- ]?site\b|\bin[- ]?(?:the |an )?office\b|\bin[- ]person\b|\bat the office\b|"
            r"\bin[- ]office\b|\bgo(?:ing)? (?:in|into) (?:the )?office\b"
        ),
    ),
    # Only as a refusal: "I won't commute" means remote; "I can commute" says little.
    (None, re.compile(r"\bcommut\w*\b")),
)
_PREFERENCE_BEFORE = re.compile(
    r"\b(?:prefer|preferably|rather|want|wanna|like|love|looking for|look for|seeking|only|"
    r"ideally|need|open to|interested in|fine with|ok with|okay with|mind|happy with|hoping for|"
    r"searching for|go|be|must be|has to be|needs to be|should be)\b[\w\s'-]{0,20}$"
)
_PREFERENCE_AFTER = re.compile(r"^\s*(?:only|preferred|please|is best|is ideal|if possible)\b")


def arrangement(low: str, spans: list[Span]) -> tuple[bool | None, Arrangement | None]:
    """(remote, arrangement) stated in `low`. `remote` is True for remote, False for hybrid,
    on-site or a refused remote; the arrangement is the preferred one (the first said with a
    preference word, else the first said at all)."""
    mentions: list[tuple[int, Arrangement | None, bool, bool]] = []
    for kind, pattern in _ARRANGEMENT:
        for match in pattern.finditer(low):
            negated = inside(spans, match.start(), match.end())
            wanted_here = not negated and (
                _PREFERENCE_BEFORE.search(low[max(0, match.start() - 40) : match.start()])
                is not None
                or _PREFERENCE_AFTER.match(low[match.end() :]) is not None
            )
            mentions.append((match.start(), kind, negated, wanted_here))
    if not mentions:
        return None, None
    mentions.sort(key=lambda m: m[0])
    positive = [m for m in mentions if not m[2] and m[1] is not None]
    preferred = [m for m in positive if m[3]]
    chosen = preferred or positive
    wanted: Arrangement | None = chosen[0][1] if chosen else None
    refused = {m[1] for m in mentions if m[2]}
    if any(m[1] == "remote" for m in chosen):
        return True, wanted
    if wanted in ("hybrid", "onsite") or "remote" in refused:
        return False, wanted
    if refused & {"onsite", None}:
        return True, None  # "I don't want to commute", "no office"
    return None, wanted


# -- refused kinds of work ------------------------------------------------------------------------
_AVOID = re.compile(
    r"\b(?:(?:do not|don'?t|dont|never|no longer|would not|wouldn'?t) (?:really )?(?:want|like|"
    r"enjoy|wanna|want to do|want to work in|want to work as|want to be|want to go into)|"
    r"not (?:interested|looking) (?:in|for)|no more|anything but|(?:i )?hate|avoid|"
    r"(?:would )?rather not(?: do| work in| be)?|not (?:a )?fan of|nothing (?:in|with))"
    r"(?: (?:a|an|the|any|anything|something|more|doing|working in|working as|being|to do|to "
    r"work in|to work as|to be an?|to deal with|dealing with))*\s+(?P<what>[a-z][a-z '&/-]{1,40})"
)
_AVOID_END = re.compile(
    r"\s*(?:[,.;!?]|\b(?:but|and i|so|because|though|anymore|any more|again|please|since|"
    r"ever|at all|for me|right now|now|lol|tbh)\b).*$"
)
_NOT_WORK = re.compile(
    r"^(?:it|this|that|them|my job|this job|that job|my boss|my manager|my life|work|working|"
    r"the job|a job|jobs|anything|everything|to|you|me|remote\w*|hybrid|on ?site|offices?|"
    r"in an office|commut\w*|home|relocat\w*|move|moving|weekends?|nights?|night shifts?|"
    r"evenings?|part ?time|full ?time|contract\w*|shifts?|mondays|people|know|think|feel|"
    r"care|mind|understand|get|have|need|answer|say|talk|discuss|share|tell|go|do|be|wait|deal|"
    r"think about|hear)\b"
)


def refused_work(low: str) -> tuple[str, ...]:
    """Kinds of work refused: "not interested in sales roles" -> ("sales roles",). Places,
    arrangements and schedules are left to their own slots; "I hate my job" refuses nothing."""
    out: list[str] = []
    for match in _AVOID.finditer(low):
        what = _AVOID_END.sub("", match["what"]).strip(" '-")
        words = what.split()
        if not words or len(words) > 4 or _NOT_WORK.match(what):
            continue
        if what not in out:
            out.append(what)
    return tuple(out)


# -- relocation -----------------------------------------------------------------------------------
_RELOCATE = re.compile(
    r"\brelocat\w*|\b(?:move|moving) (?:for (?:a|the) (?:job|role|right job)|anywhere|cities|"
    r"states|across the country|out of state)\b"
)
_RELOCATE_ASKS = re.compile(r"\b(?:should i|how do i|how to|is it worth|what if)\b[^.?!]{0,30}$")


def relocation(low: str, spans: list[Span]) -> bool | None:
    """True: willing to relocate; False: won't ("not looking to relocate", "can't move");
    None: not said, or asked about ("should I relocate for a job?" is a question)."""
    for match in _RELOCATE.finditer(low):
        if _RELOCATE_ASKS.search(low[max(0, match.start() - 40) : match.start()]):
            return None
        return not inside(spans, match.start(), match.end())
    return None


# -- schedule -------------------------------------------------------------------------------------
_SCHEDULE: Final[tuple[tuple[Schedule, re.Pattern[str]], ...]] = (
    ("part_time", re.compile(r"\bpart[- ]?time\b|\bpt (?:jobs?|work|roles?|gigs?)\b")),
    ("full_time", re.compile(r"\bfull[- ]?time\b")),
    ("weekends", re.compile(r"\bweekends?\b")),
    ("evenings", re.compile(r"\bevenings?\b")),
    (
        "nights",
        re.compile(r"\bnights\b|\bnight shifts?\b|\bovernights?\b|\bgraveyard\b|\bthird shift\b"),
    ),
    (
        "flexible",
        re.compile(
            r"\bflex(?:ible)? ?(?:hours|schedules?|shifts?|time|timing|work)\b|\bflexibility\b|"
            r"\bset my own (?:hours|schedule)\b"
        ),
    ),
    (
        "contract",
        re.compile(
            r"\bcontract(?:-to-hire| to hire)?(?: based)? (?:work|roles?|jobs?|positions?|gigs?)\b|"
            r"\bcontracting\b|\bcontractor\b|\b1099\b"
        ),
    ),
)
_SCHEDULE_CONTEXT = re.compile(
    r"\b(?:work|works|working|job|jobs|role|roles|position|positions|shift|shifts|hours|gig|"
    r"gigs|only|prefer|want|need|available|can do|looking|open to|schedule|employment|"
    r"opportunit\w+|openings?)\b"
)


def schedule(low: str, spans: list[Span]) -> tuple[tuple[Schedule, ...], tuple[Schedule, ...]]:
    """(the schedules a message asks for or states: "part-time, evenings and weekends"; the ones
    it refuses: "no night shifts"). Chit-chat ("how was your weekend") names none."""
    found: list[tuple[int, Schedule, bool]] = []
    for kind, pattern in _SCHEDULE:
        for match in pattern.finditer(low):
            found.append((match.start(), kind, inside(spans, match.start(), match.end())))
    if not found:
        return (), ()
    found.sort()
    wanted: list[Schedule] = []
    refused: list[Schedule] = []
    for start, kind, negated in found:
        out = refused if negated else wanted
        sentence_start = max(low.rfind(".", 0, start), low.rfind("?", 0, start), 0)
        sentence_end = min(
            (i for i in (low.find(".", start), low.find("?", start)) if i >= 0), default=len(low)
        )
        window = low[max(sentence_start, start - 40) : min(sentence_end, start + 40)]
        if (negated or _SCHEDULE_CONTEXT.search(window)) and kind not in out:
            out.append(kind)
    return tuple(wanted), tuple(k for k in refused if k not in wanted)

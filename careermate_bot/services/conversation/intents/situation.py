"""Life situations that deserve an empathetic line before the help: "I got laid off today",
"another rejection", "applied to 200 jobs and heard nothing back", "I'm burned out".

Read on `normalize`d text. A situation is the person's own (said about "I"/"me"/"my", or an
event phrased without a subject: "got laid off", "another rejection"); a fear or a hypothetical
("worried about getting laid off", "how do I avoid burnout") and a negation ("I wasn't fired")
are not situations. When several are named the most serious wins (the order of `SITUATIONS`).
"""

from __future__ import annotations

import re
from typing import Final

from careermate_bot.services.conversation.intents.types import Situation

_EVENT = r"(?:i|i am|i was|i have been|i got|got|been|was|just|getting|being|after being|me)"
SITUATIONS: Final[tuple[tuple[Situation, re.Pattern[str]], ...]] = (
    (
        "laid_off",
        re.compile(
            r"\b(?:laid off|let go|lay ?off|layoffs?)\b|\blost (?:my|our) (?:job|position|role)\b|"
            r"\b(?:my |our )?(?:position|role|job|team|department) (?:was|got|has been|is being|"
            r"were) (?:eliminated|cut|dissolved|made redundant)\b|\bdownsized\b|"
            r"\bmade redundant\b|\b(?:let|laid) me (?:go|off)\b|\bjob loss\b"
        ),
    ),
    (
        "fired",
        re.compile(
            rf"\b{_EVENT} (?:fired|terminated|sacked|canned|dismissed)\b|"
            r"\b(?:fired|terminated|sacked|dismissed) me\b|\bfired (?:for|from|today|yesterday|"
            r"last)\b|\bgetting fired\b"
        ),
    ),
    (
        "no_replies",
        re.compile(
            r"\b(?:no|zero|not a single|not one|never (?:get|got|hear|heard)|barely any|"
            r"hardly any) (?:\w+ ){0,2}(?:replies|reply|responses?|callbacks?|call backs?|answers?|"
            r"emails? back|response)\b|\bheard (?:nothing|anything)(?: back)?\b|"
            r"\b(?:nothing|none) back\b|"
            r"\bnever hear(?:d)? back\b|\b(?:no ?one|nobody|no body|nobody ever|no one ever) "
            r"(?:replies|responds|calls|answers|gets back|writes back|replied|responded)\b|"
            r"\bghost(?:ed|ing|s)?\b|\bcrickets\b|\bno luck\b|"
            r"\bnot (?:getting|get|got|receiving|hearing) (?:any|a single|one|back|anything)\b|"
            r"\b(?:applied|applying|sent|send|submitted|applications?|apps)\b.{0,40}"
            r"(?:\b0 (?:interviews?|replies|responses|callbacks|offers)\b|\b(?:nothing|"
            r"no luck|zero|no (?:interviews?|replies|responses?|callbacks?|offers?)|not (?:a|one) "
            r"(?:single )?(?:interview|reply|response|callback))\b)"
        ),
    ),
    (
        "rejected",
        re.compile(
            r"\brejections?\b|\b(?:got|been|was|get|getting|keep getting|rejected) rejected\b|"
            r"\brejected (?:me|again|from|after|for|by)\b|\bturned down (?:for|again|after)\b|"
            r"\b(?:got|been|was|keep getting|get) turned down\b|\bturned me down\b|"
            r"\bdid not get (?:the|that|this|my dream) (?:job|offer|role|position)\b|"
            r"\bpassed over\b|\bwent with (?:another|someone else|a different) candidate\b|"
            r"\blos(?:e|ing) out\b|\bkeep losing\b|\balways (?:the )?(?:second|runner up)\b|"
            r"\b(?:bombed|blew|tanked|flunked|messed up|screwed up|failed) (?:my|the|an|that|"
            r"another|today s|this) (?:\w+ )?(?:interview|assessment|screen|test)\b"
        ),
    ),
    (
        "burned_out",
        re.compile(
            r"\bburn(?:ed|t|ing)? ?out\b|\bburnout\b|\bburning me out\b|\bburns me out\b|"
            r"\bcan (?:barely|not|hardly) get out of bed\b|\bdrained\b|"
            r"\bexhausted (?:by|from|with) (?:my |this )?(?:job|work)\b"
        ),
    ),
    (
        "stressed",
        re.compile(
            r"\b(?:stressed|stressing|stressful|overwhelmed|anxious|anxiety|panicking|panic|"
            r"freaking out|worried sick|losing my mind)\b"
        ),
    ),
    (
        "stuck",
        re.compile(
            r"\bstuck\b|\bdead ?end\b|\bgoing nowhere\b|\bplateau\w*\b|\bin a rut\b|"
            r"\bspinning my wheels\b|\bno (?:room|chance) (?:to|for) grow\w*\b"
        ),
    ),
)
_SELF = re.compile(
    r"\b(?:i|me|my|mine|we|our|us|got|been|just|another|again|keep|kept|today|yesterday|"
    r"this (?:morning|week|month)|last (?:week|month|night|friday|monday))\b|"
    r"^(?:applied|sent|got|been|lost|was|had|went|submitted|heard|spent|so|really|very|super|"
    r"kinda|feeling|getting)\b"
)
_SELF_FEELING = re.compile(
    r"\b(?:i|my|me)\b|^(?:so|really|very|super|kinda|feeling|just|been|getting|totally)\b"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:worried|afraid|scared|fear|might|may|could|if|what if|rumou?rs?|in case|avoid|"
    r"prevent|preventing|avoiding|signs of|before|risk|likely|possible|chance|expect)\b"
    r"(?: \w+){0,4} ?$"
)
_NEGATED = re.compile(
    r"\b(?:not|never|no|was not|were not|did not|have not|am not|is not|wasnt|didnt)"
    r"(?: \w+){0,2} ?$"
)


def situation(norm: str) -> Situation | None:
    """The most serious life situation the person says they are in, if any."""
    if not _SELF.search(norm):
        return None
    for kind, pattern in SITUATIONS:
        for match in pattern.finditer(norm):
            before = norm[: match.start()]
            if _HYPOTHETICAL.search(before) or _NEGATED.search(before):
                continue
            if kind in ("stressed", "stuck") and not _SELF_FEELING.search(norm):
                continue
            return kind
    return None

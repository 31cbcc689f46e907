"""A DM mock interview waiting for an answer: is this message the answer, or something else?

`interview_command(text)`: the typed controls ("hint", "skip", "next question", "end",
"stop", "leave", "pause the interview") -> "hint" | "skip" | "next" | "end" | "pause" | None.

`answer_likeness(text, question)`: 0..1, how much the message reads as an answer to
`question`. Answers are statements that address the question: first-person accounts, reasons,
a plan, a yes/no to a yes/no question, a figure to a salary question. A question to the bot, a
request ("find me remote jobs instead"), a typed command, chit-chat ("lol this is hard") and
a bare profile preference ("I prefer hybrid and need 80k", asked about motivation) are not.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from careermate_bot.services.conversation.intents.normalize import normalize
from careermate_bot.services.conversation.intents.rules import is_ack

Command = Literal["hint", "skip", "next", "end", "pause"]
ANSWER_AT: Final = 0.5  # answer_likeness at or above this is scored as the answer
MAX_COMMAND_WORDS = 8  # "can I think about it for a sec": longer is a message, not a control

_POLITE = (
    r"(?:please|pls|plz|now|then|thanks|thank you|ok|okay|yes|yeah|lets|let us|can we|hmm+|um+|"
)
_POLITE += r"uh+|erm|so|"
_POLITE += r"could we|can you|could you|i want to|i would like to|i wanna|i want|just|maybe)"
_COMMANDS: Final[tuple[tuple[Command, re.Pattern[str]], ...]] = (
    (
        "hint",
        re.compile(
            r"^(?:(?:give me|i need|can i (?:get|have)|could i (?:get|have)|may i have|got) )?"
            r"(?:a |an |another |some )?(?:hint|clue|tip|nudge|help with this(?: one)?)s?$"
        ),
    ),
    (
        "skip",
        re.compile(
            r"^(?:skip|pass)(?: (?:this|that|it|the question|this question|this one|that one))?$"
        ),
    ),
    (
        "next",
        re.compile(
            r"^(?:next|next question|next one|go to the next(?: question| one)?|"
            r"move on|another question|another one|new question)$"
        ),
    ),
    (
        "end",
        re.compile(
            r"^(?:end|stop|quit|exit|leave|finish|cancel|terminate|done with (?:this|the "
            r"interview|it)|i am done|im done|end it|stop it|i quit)(?: (?:the|this|my))?"
            r"(?: (?:interview|session|practice|mock(?: interview)?|it|now))?$"
        ),
    ),
    (
        "pause",
        re.compile(
            r"^(?:(?:give me|i need) a (?:sec|second|minute|moment)|"
            r"let me think(?: about (?:it|that))?|"
            r"can i think(?: about (?:it|that))?(?: for a (?:sec|second|minute|moment|bit))?|"
            r"one (?:sec|second|moment)|hmm+ (?:let me think|one sec))$|"
            r"^(?:pause|hold on|hold|wait|break|take a break|brb)(?: (?:the|this|my))?"
            r"(?: (?:interview|session|practice|mock(?: interview)?|it|a (?:sec|second|minute)|"
            r"for (?:a|now)(?: (?:sec|second|minute|bit))?))?$"
        ),
    ),
)
_STRIP_POLITE = re.compile(
    rf"^(?:{_POLITE} )+|(?: {_POLITE})+$|"
    r"(?: (?:i will|ill|i am going to|gonna|will) (?:come back|be back|continue|return|finish|"
    r"pick (?:it|this) up)(?: to (?:it|this))?(?: later| soon| tomorrow| after)?)$"
)


def interview_command(text: str) -> Command | None:
    """The interview control a short message types, in any phase; None for anything else."""
    norm = normalize(text).replace("!", " ").replace("?", " ").replace(".", " ")
    norm = " ".join(norm.lstrip("/!").split())
    if not norm or len(norm.split()) > MAX_COMMAND_WORDS + 3:
        return None
    norm = _STRIP_POLITE.sub("", norm).strip()
    if len(norm.split()) > MAX_COMMAND_WORDS:
        return None
    for command, pattern in _COMMANDS:
        if pattern.match(norm):
            return command
    return None


# -- answer-likeness ------------------------------------------------------------------------------
# A piece of the message that asks the bot something (not a rhetorical "when ..." in a story).
_ASKS_BOT = re.compile(
    r"\?$|^(?:so |and |but |ok |wait |hmm |also |hey |actually |honestly |please )*(?:how (?:do|"
    r"can|should|would|could|does|is|much|many|long|about)|what (?:do|does|should|can|is|are|"
    r"about|if|kind|jobs|careers)|which (?:one|is|are|should|would|do|of)|should i|can you|"
    r"could you|would you|will you|can i|"
    r"could i|can we|could we|shall we|should we|is there|are there|do you|did you|is it|are you|"
    r"any (?:tips|advice|jobs|ideas)|"
    r"where (?:do|can|should) i|why (?:do|does|is|are|should) (?:you|it|this|they))\b"
)
_PIECES = re.compile(r"(?<=[.?!;])\s+|,\s+|\s+-+\s+")
_REQUEST = re.compile(
    r"^(?:so |and |but |ok |wait |hmm |also |hey |actually |please |instead )*(?:find|show|"
    r"search|look up|help me|give me|tell me|review|check|list|recommend|suggest|explain|"
    r"write|let us|lets|can you|could you|please|switch|change|go back|start|open|send)\b|"
    r"\b(?:instead|rather than this|forget (?:this|the interview))\b|"
    r"^i (?:want|need|would like|wanna) (?:to )?(?:find|see|search|look for|browse|check)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:i|my|me|we|our|us|mine|myself)\b")
_NARRATIVE = re.compile(
    r"\b(?:because|so that|so i|which|when|then|after|before|while|result\w*|led|built|made|"
    r"managed|handled|solved|improved|reduced|increased|cut|saved|learned|worked|took|was|were|"
    r"had|did|decided|helped|created|delivered|launched|organized|trained|taught|listened|"
    r"explained|asked|realized|focus\w*|prioriti[sz]\w*|team|project|customer|client|manager|"
    r"example|situation|task|action|outcome|goal|plan|would|will|want|hope|love|enjoy|believe|"
    r"think|feel|strength|weakness|experience|years?|honestly|usually|always|try|first|"
    r"ideally|probably)\b"
)
_YES_NO_QUESTION = re.compile(
    r"^(?:are|do|did|have|has|can|could|would|will|is|were|was|any|anything)\b", re.IGNORECASE
)
_YES_NO_ANSWER = re.compile(
    r"^(?:yes|yeah|yep|yup|sure|absolutely|definitely|of course|certainly|no|nope|not really|"
    r"i am|i do|i have|i can|i would|i will|i did|not at all|totally|correct|that works|"
    r"it depends|depends)\b"
)
_MONEY_QUESTION = re.compile(r"\b(?:salary|pay|compensation|expect\w*|rate|money|range)\b")
_MONEY = re.compile(r"\$?\d[\d,.]*\s*(?:k|K|thousand|an hour|/hr|per hour)?")
_PLACE_QUESTION = re.compile(
    r"\b(?:relocat\w*|move|travel|commute|remote|on ?site|office|hybrid|location|where|schedule|"
    r"hours|shifts?|weekends?|nights?|start|availab\w*|notice)\b"
)
_PREFERENCE_ONLY = re.compile(
    r"^(?:i (?:prefer|want|need|would like|would prefer|only want|am looking for|am open to|"
    r"live in|moved to|just moved to|am (?:now )?(?:based|located|living) in|am in)|"
    r"my name is|(?:remote|hybrid|on site|onsite|part time|full time)\b|(?:at least|minimum|"
    r"min) )"
)
_SELF_QUESTION = re.compile(
    r"\b(?:about yourself|introduce yourself|describe yourself|your background|walk me through|"
    r"who are you)\b"
)
_SEARCH_WORDS = re.compile(r"\b(?:jobs|openings|remote|hybrid|salary|pay|\d+k)\b")
_CHIT_CHAT = re.compile(
    r"\b(?:lol|lmao|haha\w*|hehe\w*|ugh|omg|hmm+|this is (?:hard|tough|difficult)|"
    r"(?:that is |thats )?a (?:tough|hard|good|great) (?:one|question)|no idea|i do not know|"
    r"idk|dunno|not sure)\b"
)
_STOP: Final = frozenset(
    """a an the and or but of to in on at for with about your you yours me my i is are was were
    be been do does did have has had what why how when where which who tell describe time
    would could should can will this that it its there their they them as by from so if""".split()
)


def _content(norm: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]+", norm) if w not in _STOP and len(w) > 2}


def answer_likeness(text: str, question: str) -> float:
    """0..1: how much `text` reads as an answer to the interview `question`."""
    if interview_command(text) is not None:
        return 0.0
    norm = normalize(text)
    words = norm.split()
    if not words:
        return 0.0
    q_norm = normalize(question)
    score = 0.5
    size = len([w for w in words if w not in ("?", "!")])
    pieces = [normalize(p) for p in _PIECES.split(text) if p.strip()]
    asks = any(_ASKS_BOT.search(piece) for piece in pieces)
    request = any(_REQUEST.search(piece) for piece in pieces)
    if asks:
        score -= 0.45
    if request:
        score -= 0.4
    yes_no = _YES_NO_QUESTION.match(q_norm) is not None and _YES_NO_ANSWER.match(norm) is not None
    if yes_no and not asks:
        score += 0.35
    if _MONEY_QUESTION.search(q_norm) and _MONEY.search(text) and not asks:
        score += 0.3
    if _CHIT_CHAT.search(norm) and size <= 8:
        score -= 0.35
    elif is_ack(norm) and not yes_no:
        score -= 0.35
    about_place_or_pay = _PLACE_QUESTION.search(q_norm) or _MONEY_QUESTION.search(q_norm)
    if (
        _PREFERENCE_ONLY.match(norm)
        and not about_place_or_pay
        and not _SELF_QUESTION.search(q_norm)
    ):
        score -= 0.4  # "I prefer hybrid and need 80k", asked what motivates them
    elif _SEARCH_WORDS.search(norm) and not about_place_or_pay and size <= 12:
        score -= 0.2
    if size >= 8:
        score += 0.12
    if size >= 20:
        score += 0.08
    if size <= 2 and not yes_no:
        score -= 0.2
    if _FIRST_PERSON.search(norm):
        score += 0.1
    if _NARRATIVE.search(norm):
        score += 0.1
    overlap = _content(norm) & _content(q_norm)
    if overlap:
        score += min(0.2, 0.08 * len(overlap))
    return round(max(0.0, min(1.0, score)), 3)

"""The deterministic intent classifier: weighted cue patterns + clause structure + slots.

    classify("I know Python and SQL - what jobs fit me?")
    -> intent="job_search", secondary="profile_update", slots.skills=("Python", "SQL")

The message is split into clauses ("I know Python. What jobs fit me?"), and each clause is a
question, a request or a statement. Each gets a score per intent from `rules.RULES`, scaled by
its kind (how-to and should-I wording counts for less in a statement), plus structural signals
from its slots: a pay question about a role (pay), two things compared (compare), a fact to
remove (forget), a life situation (advice, unless the person asks to be cheered up), a job
offer (advice: negotiation), "what is a <role>" (role_info), "how do I become" with no role or
field to become (advice, not how_to_become). A statement about the person that carries facts
(skills, a place they live, years, a current or target role, education, the field they are
leaving, a salary floor, an arrangement or schedule, said or refused) scores for
`profile_update`. When a message has both fact clauses and an ask, the ask decides the intent
(a comparison or "how do I become" can span clauses: "I'm thinking about nursing or IT. Which
one fits me?") and `secondary="profile_update"` says to save the facts too. `facts` holds only
the slots of the fact clauses: that is what may be saved, never what a question mentions.

With `ConversationContext.interview_question` set, a message that reads as an answer
(`interview.answer_likeness`) is `interview_answer`; a typed control ("skip", "hint") is
`interview_practice` (see `interview_command`); anything else keeps its own intent. A pasted
résumé (`looks_like_resume`) is `resume_review`.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from dataclasses import dataclass
from typing import Literal

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.knowledge.families import family_for
from careermate_bot.services.conversation.intents.interview import (
    ANSWER_AT,
    answer_likeness,
    interview_command,
)
from careermate_bot.services.conversation.intents.normalize import normalize
from careermate_bot.services.conversation.intents.resume_text import looks_like_resume
from careermate_bot.services.conversation.intents.rules import (
    CHEER,
    MILITARY,
    is_ack,
    is_help_alone,
    rule_scores,
)
from careermate_bot.services.conversation.intents.situation import situation
from careermate_bot.services.conversation.intents.slots import RANKING as _RANKING
from careermate_bot.services.conversation.intents.slots import ClauseKind, SlotExtractor
from careermate_bot.services.conversation.intents.types import (
    ConversationContext,
    Intent,
    IntentResult,
    IntentSlots,
)

log = logging.getLogger(__name__)

MAX_TEXT = 2000
OTHER_BASELINE = 1.2  # "other" wins when nothing else says more
QUESTION_MIN = 2.0  # a question clause must score this much to pair with a fact clause
PROFILE_MIN = 2.5
LOW_CONFIDENCE = 0.4  # below this a capable LLM is asked (see llm_stage.py)
MAX_SKILL_WORDS = 4  # a piece of a bare skill list ("Google Cloud Platform") is this short

_LEAD_IN = (
    r"^(?:(?:so|and|but|ok|okay|hey|hi|hello|yo|also|then|now|well|um|uh|btw|oh|hmm|actually|"
    r"sorry|quick question|question|honestly|seriously|real quick|serious question|wait|lol) "
    r",?)*"
)
_QUESTION_START = re.compile(
    _LEAD_IN + r"(?:what|how|which|where|when|who|"
    r"why|should|can|could|would|will|is|are|do|does|did|any|anyone|may|might|shall|whats|"
    r"is there|are there)\b"
)
_REQUEST_START = re.compile(
    r"^(?:so |and |but |ok |hey |hi |also |then |now |please |can you |could you )?"
    r"(?:find|show|search|look|help|"
    r"give|tell|review|check|list|recommend|suggest|quiz|ask|drill|prep|start|let us|run|test|"
    r"rate|roast|scan|evaluate|proofread|fix|analy[sz]e|explain|write|solve|translate|"
    r"summarize|delete|erase|export|forget|clear|wipe|download|reset|nuke|compare|get me|"
    r"pretend|go|make|sing|generate|book|interview|draw|paint|play|plan|cook|order|buy|remind|"
    r"send|call|text|set|teach|train me|show me how|best|top|any good|ignore|draft|cheer|"
    r"remove|take|scratch|drop|undo)\b"
)
# "I'm looking for remote work": a search, not a fact (but "I only want remote jobs" is one).
_SEARCHING = re.compile(
    r"\b(?:(?:looking for|searching for|hunting for|on the hunt for|in need of|i am after)"
    r"(?: [a-z0-9$+#/.]+){0,4}|need(?: (?:a|an|some|new|another))?(?: [a-z]+){0,3}|"
    r"want (?:a|an|another|some) (?:new |better |good |different |real |decent )?(?=job|work|"
    r"position|role|gig)) ?"
    r"(?:jobs?|work|positions?|roles?|gigs?|internships?|openings?|employment)\b"
)
_SAVE_START = re.compile(
    r"^(?:please )?(?:add|save|remember|note|put down|update my|set my|change my|record)\b"
)
_FACT_VERBS = re.compile(
    r"\bi (?:also |just |recently |currently |now |really |already |mostly )*"
    r"(?:know|use|used|speak|code|program|am fluent|am proficient|am skilled|"
    r"am experienced|am good at|am certified|am a certified|have experience|have worked|"
    r"work|worked|live|lived|am based|am located|moved|am moving|am relocating|relocated|"
    r"am (?:now |currently )?(?:in|from|near|out of)|"
    r"am willing to relocate|just learned|learned|have learned|have been|am learning|"
    r"graduated|studied|have (?:an?|my) (?:degree|masters|bachelors|phd|license|"
    r"certification)|got my|earned|can code|do mostly|do)\b|"
    r"\bmy (?:current |present )?(?:job|role|title|position) is\b|"
    r"\b(?:my (?:skills|goal|goals|target|location|name|minimum|salary|dream|background|"
    r"experience)|i am (?:an?|the) |(?:living|based|located|residing) in|fyi|note that|"
    r"remember that|put down|willing to relocate|(?:salary expectations?|expected salary|"
    r"minimum salary|target salary|desired salary|salary floor|minimum pay) (?:is|are|would be)|"
    r"open to relocation|i (?:want|would like|hope|plan|aim|am aiming|am looking) to "
    r"(?:be|become|work as)|someday|one day|i (?:only want|prefer|am open to)|"
    r"i am (?:switching|changing|moving|transitioning|pivoting|retraining)|"
    r"(?:hoping|planning|aiming) to (?:land|move into) (?:an?|the|my)|"
    r"i am (?:aiming|going|gunning|shooting) for|i am targeting|i aim for|i would prefer|"
    r"i would rather|i would like to work)\b"
)
_FIRST_PERSON = re.compile(
    r"^(?:(?:and|but|so|also|plus|oh|well|ok|actually) )?(?:i|my|been|currently|fyi|looking to|"
    r"hoping to|aiming to|planning to|want to|trying to|"
    r"open to|willing to|looking for|seeking|expecting|hoping for|aiming for|only|remote|"
    r"on site|onsite|hybrid)\b"
)
_BACKGROUND = re.compile(
    r"\b(?:student|graduat\w+|degree|masters|bachelors|phd|diploma|license|licensed|certified|"
    r"certification|bootcamp|relocat\w+|retired|veteran|military|army|navy|freelanc\w+|"
    r"self employed|speak (?:\w+ )?(?:english|spanish|french|german|"
    r"chinese|mandarin|"
    r"hindi|arabic|portuguese|japanese|korean))\b"
)
_PERSONAL = re.compile(r"\b(?:i|me|my|we|our|you|your)\b")
_FEELING_STATEMENT = re.compile(
    r"^i am (?:so |really |kinda |kind of |very |super |a bit |just )*(?:tired|exhausted|"
    r"bored|happy|sad|down|stressed|nervous|excited|anxious|lonely|upset|angry|annoyed|"
    r"frustrated|good|fine|ok|great|sleepy|hungry|done|back|here|glad|proud)\b"
)
_FOLLOW_UP = re.compile(
    r"^(?:and |ok |so |but |hmm )*(?:what|how) about\b|^and (?:in|for|at|with|as)\b|"
    r"^(?:same|now) (?:for|in|with)\b|^what if\b|^(?:in|for) [a-z]+(?: [a-z]+){0,2} \?$|"
    r"^and (?:\w+ ){0,3}\w+ \?$|^(?:and )?(?:there|here) \?$|"
    r"^(?:and |ok |so )?(?:any|anything|some|more|ones?)(?: \w+)? (?:in|near|around|for|at)\b"
)
_CLAUSE_SPLIT = re.compile(
    r"(?<=[?!;])\s+|(?<=[^.]\.)\s+|,\s*(?=(?:and |but |so )?(?:(?:i|im|ive|id)(?!'?m? (?:mean|"
    r"guess|think|suppose|said|know what)\b)|my (?:skills|background|experience|goal|degree)|"
    r"currently)\b)|\s+and\s+(?=i(?:'m|'ve|'d)? (?!mean\b|guess\b)\w)|"
    r"\s+[-–—]+\s+|\s*[—–]\s*|"
    r",\s*(?=(?:so |and |but |then )?(?:what|how|which|where|who|any|anyone|can|could|should|"
    r"would|is|are|am|was|will|did|do|does|find|show|help|quiz|give|tell|let|search|look|got|"
    r"please|quick|thoughts|ideas|advice|tips|suggestions|pointers)\b)|"
    r"\s+(?:so|but|and)\s+(?=(?:what|how|which|where|who|any|can|could|should|would|do|does|"
    r"find|show|help|quiz|give|tell me|please|let)\b)",
    re.I,
)


@functools.cache
def _shipped_knowledge() -> KnowledgeBase | None:
    """For `classify(text)` called with no context (scripts, outside code): the knowledge base
    in the default data directory, loaded once; None (intents without slots) if it can't load.
    The app's router always passes its own knowledge base in the context."""
    try:
        return KnowledgeBase.load()
    except Exception:  # no wage data, unreadable data dir: classify without slots
        log.exception("intent slots unavailable: the knowledge base did not load")
        return None


_ABBREVIATION_END = re.compile(
    r"\b(?:st|ste|mt|ft|dr|mr|mrs|ms|jr|sr|vs|etc|e\.g|i\.e|no|approx|inc|co|corp|ltd|u\.s|"
    r"d\.c|a\.m|p\.m)\.$",
    re.I,
)


def split_clauses(text: str) -> list[str]:
    parts: list[str] = []
    for part in (p.strip() for p in _CLAUSE_SPLIT.split(text) if p and p.strip()):
        if parts and _ABBREVIATION_END.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {part}"  # "St. Louis" is one place, not two clauses
        else:
            parts.append(part)
    return [p for p in parts if any(ch.isalnum() for ch in p) or p.strip() in {"?", "??"}] or [text]


_PAY_START = re.compile(
    r"^(?:the )?(?:average |median |typical |starting |entry level )?(?:salary|salaries|pay|"
    r"wages?|income|earnings|compensation)\b(?! (?:of \$?\d|is\b|would be\b|expectations?\b|"
    r"requirements?\b|floor\b|target\b|goal\b|minimum\b|needs?\b|\$?\d))"
)


# "RN salary NYC", "nurse pay in ohio": a pay question typed as a noun phrase.
_PAY_PHRASE = re.compile(
    r"^(?!i |my |our )(?:[a-z+#]+ ){0,3}(?:salary|salaries|pay|wages?|earnings)"
    r"(?: [a-z]+){0,3}$"
)


def is_question(norm: str) -> bool:
    return (
        norm.endswith("?")
        or _PAY_PHRASE.match(norm) is not None
        or _QUESTION_START.match(norm) is not None
        or _PAY_START.match(norm) is not None  # "salary of a pm in austin"
    )


_JOB_NOUNS = re.compile(r"\b(?:jobs|positions|openings|gigs|vacancies|internships)\b")
_SELF_START = re.compile(r"^(?:i|my|me)\b")


_POLITE_REQUEST = re.compile(
    r"^(?:i would like|i want|i need|i wanna|i would love|i am hoping) (?:to |you to )?(?:see|find|"
    r"look at|browse|check|view|search|hear about)\b"
)


def is_request(norm: str) -> bool:
    return (
        is_question(norm)
        or _POLITE_REQUEST.match(norm) is not None
        or _REQUEST_START.match(norm) is not None
        or _SEARCHING.search(norm) is not None
        # "remote python jobs please": a search typed as a noun phrase
        or (_JOB_NOUNS.search(norm) is not None and _SELF_START.match(norm) is None)
        or (" can you " in f" {norm} " or " could you " in f" {norm} ")
    )


_THIRD_PARTY = re.compile(
    r"^(?:and |but |so |also )?(?:my|our|the) (?:resumes?|cv|coverletter|boss|manager|coworkers?|"
    r"colleagues?|team|company|interviewer|recruiter|friends?|wife|husband|partner|mom|dad|"
    r"sister|brother|kids?|son|daughter|landlord|offer|interview)\b"
)
_PREFERENCE_VERBS = re.compile(
    r"\bi (?:do not|would rather not|will not|can not|never|only|really|also|just|would|still)?"
    r" ?(?:want|prefer|need|like|do|take|work|accept|consider|mind|rather|can(?: only)? "
    r"(?:work|do)|am (?:not )?(?:open|interested|looking|available|willing|fine|ok))\b|"
    r"^(?:no|only|not|never|prefer|preferably|ideally|remote|hybrid|on site|onsite|in office|"
    r"full time|part time|willing|open|unable|can not|cannot|"
    r"weekends?|evenings?|nights|flexible|contract)\b|\b(?:only|please)$|\bfor me\b"
)


def _fact_score(norm: str, slots: IntentSlots, kind: ClauseKind) -> float:
    """How strongly a clause states facts about the person (0 for questions and requests)."""
    saving = _SAVE_START.match(norm) is not None
    if (kind != "statement" and not saving) or _THIRD_PARTY.match(norm) or slots.compare:
        return 0.0  # a question, "my resume is all teaching stuff", "torn between A and B"
    if _FEELING_STATEMENT.match(norm) and not (slots.skills or slots.leaving):
        return 0.0
    score = 2.5 if saving else 0.0
    verbs = _FACT_VERBS.search(norm) is not None
    prefers = _PREFERENCE_VERBS.search(norm) is not None
    if verbs:
        score += 1.5
    elif prefers:
        score += 1.0
    if _FIRST_PERSON.match(norm):
        score += 1.0
    facts = 0.0
    if slots.skills:
        facts += 2.0
    if slots.experience_years is not None:
        facts += 2.0
    if slots.min_salary is not None:
        facts += 2.0
    if (
        slots.remote is not None
        or slots.arrangement
        or slots.schedule
        or slots.not_schedule
        or slots.relocate is not None
        or slots.avoid
    ) and (verbs or prefers or _FIRST_PERSON.match(norm)):
        facts += 2.5
    if slots.location is not None and (verbs or saving):
        facts += 1.5
    if slots.role is not None and slots.role_kind in ("current", "target"):
        facts += 1.5
    if slots.education is not None:
        facts += 2.5
    if slots.leaving is not None:
        facts += 2.5
    if slots.wanted_field is not None and _FIRST_PERSON.match(norm):
        facts += 2.5  # "I want to stay in healthcare": remembered, and its careers shown
    if slots.topic_skills and (verbs or _FIRST_PERSON.match(norm)):
        facts += 2.0  # "I'm interested in machine learning": an interest, not a skill
    if _BACKGROUND.search(norm) and (
        verbs or _FIRST_PERSON.match(norm) or slots.experience_years is not None
    ):
        facts += 1.5
    if facts == 0.0 and not verbs:
        return 0.0
    if facts == 0.0:
        score -= 0.5  # "I have a masters in statistics": fact verbs, nothing extracted
    return score + facts


_LIST_LABEL = re.compile(
    r"^\s*(?:my\s+)?(?:main\s+)?(?:skills?|tech stack|stack|tools|languages|skillset|skill set)"
    r"\s*(?:are|include|:|-)?\s*",
    re.I,
)
_LIST_SPLIT = re.compile(r"[,;/&+]|\band\b|\bplus\b", re.I)


def _only_skills(text: str, slots: IntentSlots, knowledge: KnowledgeBase | None) -> bool:
    """'Python, SQL, Tableau' or 'Skills: Excel, Power BI': a bare list of skills."""
    if not slots.skills or knowledge is None:
        return False
    body = _LIST_LABEL.sub("", text)
    pieces = [p.strip(" .!") for p in _LIST_SPLIT.split(body) if p.strip(" .!")]
    if not pieces or any(len(piece.split()) > MAX_SKILL_WORDS for piece in pieces):
        return False
    for piece in pieces:
        if knowledge.get_skill(piece) is not None:
            continue
        covered = sum(m.end - m.start for m in knowledge.skill_mentions(piece))
        if covered < len(piece) - 2:  # other words besides the skill: not a bare list
            return False
    return True


_WHAT_IS = re.compile(
    r"^(?:so |and |ok |hmm |wait )?what (?:is|are) (?:an? |the )?"
    r"(?P<what>(?:(?!for\b|of\b|in\b|like\b|to\b|with\b|at\b|near\b)[^? ]+ ?){1,4}?)"
    r"(?: exactly| really| anyway| though)?(?: \?)*$"
)
_NOT_A_ROLE = re.compile(
    r"\b(?:questions?|interviews?|salary|salaries|pay|jobs?|skills?|requirements?|degrees?|hours|"
    r"benefits|tips|steps|duties|demand|outlook|future|openings?|best|most|common|top|good)\b"
)
_TELL_ABOUT = re.compile(
    r"\b(?:tell me|teach me|talk to me|info|information|more) (?:more )?(?:about|on) "
    r"(?!yourself|you\b|a time|the time|me\b|my\b|your)"
)
_FIELD_AFTER = re.compile(
    r"\b(?:into|in|become an?|becoming an?|as an?|to)\s+(?P<field>[a-z]+(?: [a-z]+)?)"
)
_WHICH = re.compile(
    r"\bwhich\b|\bbetter\b|\bmore sense\b|\bshould i (?:choose|pick|go with|go for|do)\b|"
    r"\bwhat do you (?:think|recommend|suggest)\b|\bor\b|\bvs\b|\bthose two\b|\bbetween\b"
)
_GENERIC_START = re.compile(
    r"\bwhere (?:do|should|can) i (?:even |actually )?(?:start|begin)\b|\bhow do i (?:even )?"
    r"(?:start|begin|do (?:it|that|this)|get there|get started|go about (?:it|this|that))\b|"
    r"\bwhat (?:are the )?(?:first )?steps\b|\bwhat do i (?:need|do)\b|"
    r"\bwhere to (?:start|begin)\b|"
    r"\bany tips\b|\bhow (?:do|can|would) i\b|\bhow\b.{0,20}\b(?:start|begin)\b|"
    r"\bwhat should i do\b|\bhelp me\b|\bhow long\b"
)
_JOKE = re.compile(r"\b(?:jokes?|funny|laugh|pun)\b")
_JOB_STRATEGY = re.compile(
    r"\bhow (?:do|can|should|would) i (?:ever |even )?(?:get|find|land|secure|score) "
    r"(?:a |an |my |the |any |some )?(?:\w+ ){0,2}(?:job|work|position|role|offer|internship)s?\b"
)
_DECIDING = re.compile(
    _LEAD_IN + r"(?:should i|shall i|is it (?:ok|okay|bad|worth|smart|wise|normal|better)|"
    r"would it be|do i need to|am i (?:wrong|crazy|stupid))\b"
)
_LEARNING = re.compile(r"\b(?:certs?|certifications?|certificates?|degrees?|skills?|courses?)\b")
VAGUE_ASK = 2.6  # an ask this weak takes its topic from a statement beside it
_REVIEW_IT = re.compile(
    _LEAD_IN + r"(?:can|could|would|will) you (?:please )?(?:check|review|look at|look over|read|"
    r"fix|rate|improve|critique|go over) (?:it|this|that|them|mine)\b"
)
_QUOTING = re.compile(
    r"^\s*((?:please |can you |could you )?(?:translate|paraphrase|spell ?check)\b[^:]{0,40}):",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"^(?:(?:so|and|any|your|ok) )*(?:thoughts|opinions?|feedback|what do you think|how does it "
    r"look|is it (?:good|ok|okay|any good)|good|thoughts on it)\b"
)
_GENERIC_HELP = re.compile(
    r"\bwhat (?:am i|should i|do i|can i|now)\b|\bany (?:advice|tips|ideas|thoughts)\b|"
    r"\bhelp\b|\bhow (?:do|can|should|would) (?:i|people|you|others|one) (?:deal|cope|handle|"
    r"move on|get over|bounce back|stay|manage|survive|keep going)\b|"
    r"\bwhat (?:would|do) you (?:do|suggest|recommend)\b|\bwhere do i go\b|\bnow what\b|"
    r"\bwhat next\b|\bwhy\b"
)
_GENERIC_HOW = re.compile(
    r"^(?:so |and |but |ok |hey |hi |also |honestly |please )*(?:how (?:do|can|should|would|could)"
    r" (?:i|you|one|people|someone|we)|how to|what is the best way to|best way to)\b"
)
_CAREER_WORDS = re.compile(
    r"\b(?:career|coworkers?|colleagues?|employers?|team|salary|hr|recruiters?|hiring|promotion|"
    r"skills?|profession\w*|industry|field|workplace|client|clients|customers?)\b"
)
_ARTICLES = frozenset({"a", "an", "the", "my", "being", "as"})
_SCHOOL = re.compile(
    r"(?:an? |the |my )?(?:[\w-]+ ){0,3}(?:school|college|university|program|bootcamp|course|"
    r"class|masters?|degree|phd|residency|academy)\b",
    re.IGNORECASE,
)
_JOB_NOUNS_AFTER = frozenset(
    "job jobs role roles position positions career careers field work world industry".split()
)
_DESTINATION_CUE = re.compile(
    r"\b(?:into|to|become|becoming|be an?|as an?|career in)\s+(?=\S)", re.IGNORECASE
)
_SEARCH_STRESS = re.compile(
    r"\b(?:interviews?|job (?:search|hunt\w*)|applications?|applying|offer|rejections?|"
    r"unemploy\w*|career)\b"
)
_JOB_WORDS = re.compile(
    r"\b(?:job|jobs|work|career|interview\w*|boss|manager|search|applying|applications?|"
    r"resume|coworkers?|office|shift|hired|hiring|offer|workplace|company)\b"
)
_ANAPHOR = re.compile(
    r"\b(?:with|for|in|about|using|from) (?:that|it|this|those|them|there)\b|\bthat degree\b|"
    r"\bwith (?:my|that|this|a|the) (?:degree|background|certificate|diploma|education)\b"
)
# Scaled in a statement: how-to and should-I wording that describes, rather than asks.
_ASK_INTENTS: tuple[Intent, ...] = ("advice", "how_to_become", "role_info", "pay", "compare")
_SERIOUS = frozenset({"laid_off", "fired", "no_replies", "rejected", "burned_out"})
_NOT_FACTS = {"compare": (), "forget": (), "offer": None, "situation": None, "pay_question": False}


@dataclass(slots=True)
class _Clause:
    text: str
    norm: str
    kind: ClauseKind
    scores: dict[Intent, float]
    slots: IntentSlots
    fact: float = 0.0

    def best(self) -> tuple[Intent | None, float]:
        ranked = [
            (k, v) for k, v in self.scores.items() if k not in ("small_talk", "other") and v > 0
        ]
        if not ranked:
            return None, 0.0
        return max(ranked, key=lambda kv: kv[1])


def clause_kind(norm: str) -> ClauseKind:
    if is_question(norm):
        return "question"
    return "request" if is_request(norm) else "statement"


class IntentClassifier:
    """Deterministic, thread-safe; one per knowledge base (or none: intents without slots)."""

    def __init__(self, knowledge: KnowledgeBase | None = None) -> None:
        self.extractor = SlotExtractor(knowledge) if knowledge is not None else None

    def classify(self, text: str, context: ConversationContext | None = None) -> IntentResult:
        text = (text or "").strip()[:MAX_TEXT]
        if not text:
            return IntentResult(intent="small_talk", confidence=0.5)
        question = context.interview_question if context is not None else None
        if question and (
            interview_command(text) is not None or _ABOUT_THE_QUESTION.search(normalize(text))
        ):
            # "skip", "what does this question even mean?": about the interview itself
            return IntentResult(intent="interview_practice", confidence=0.95)
        if looks_like_resume(text):
            return IntentResult(intent="resume_review", confidence=0.9)
        quoting = _QUOTING.match(text)
        if quoting is not None:
            text = quoting.group(1)  # "translate this: I need a job": the text is not the ask
        bare = context is not None and context.awaiting == "location"
        parts = split_clauses(text)
        norms = [normalize(part) for part in parts]
        whole = norms[0] if len(norms) == 1 else " ".join(norms)
        cheer = CHEER.search(whole) is not None or (
            _JOKE.search(whole) is not None and situation(whole) is not None
        )
        clauses = [
            self._clause(part, norm, bare=bare and len(parts) == 1, cheer=cheer)
            for part, norm in zip(parts, norms, strict=True)
        ]
        if len(clauses) == 1 and is_help_alone(clauses[0].norm):
            clauses[0].scores["help"] = clauses[0].scores.get("help", 0.0) + 4.0
        clauses = _after_correction(clauses)
        slots = _message_slots(clauses)
        if question:
            likeness = answer_likeness(text, question)
            if likeness >= ANSWER_AT:
                return IntentResult(
                    intent="interview_answer",
                    confidence=likeness,
                    slots=slots,
                    scores={"interview_answer": likeness},
                )

        _across_clauses(clauses)
        # Soft searches ("I'm looking for remote work") next to a real question are facts.
        if any(c.kind == "question" for c in clauses):
            for clause in clauses:
                if clause.kind == "request" and _SOFT_SEARCH.match(clause.norm):
                    clause.kind = "statement"
                    clause.scores["job_search"] = clause.scores.get("job_search", 0.0) * 0.4
        kb = self.extractor.kb if self.extractor is not None else None
        totals: dict[Intent, float] = {}
        facts_from: list[_Clause] = []
        asks: list[_Clause] = []
        profile_total = 0.0
        for clause in clauses:
            fact = _fact_score(clause.norm, clause.slots, clause.kind)
            if fact >= PROFILE_MIN and "career_advice" in clause.scores:
                clause.scores["career_advice"] *= 0.5  # "I'm switching careers to …": stated
            if _only_skills(clause.text, clause.slots, kb):
                fact = max(fact, 4.0)
            if clause.slots.forget:
                fact = 0.0
            clause.fact = fact
            if fact >= PROFILE_MIN:
                facts_from.append(clause)
                profile_total += fact
            elif clause.kind != "statement" and clause.best()[1] >= QUESTION_MIN:
                asks.append(clause)
            for intent, value in clause.scores.items():
                totals[intent] = totals.get(intent, 0.0) + value
        if profile_total:
            totals["profile_update"] = totals.get("profile_update", 0.0) + profile_total
        baseline = OTHER_BASELINE if is_request(whole) else OTHER_BASELINE - 0.4
        totals["other"] = totals.get("other", 0.0) + baseline

        facts = _facts(facts_from)
        if context is not None:
            followed = self._follow_up(text, slots, totals, context)
            if followed is not None:
                return followed
            slots = _with_anaphora(whole, slots, context)
        if len(totals) == 1 and not is_request(whole) and not _gibberish(whole):
            totals["small_talk"] = baseline + 0.1  # "I love my new team": chit-chat
        ranked = sorted(totals.items(), key=lambda kv: -kv[1])
        intent, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        secondary: Literal["profile_update"] | None = None
        main = _main_ask(asks, clauses)
        asked_from_clause = False
        if main is not None and (facts_from or len(clauses) > 1):
            asked = main.best()[0]
            assert asked is not None
            if (asked != intent or facts_from) and totals.get(asked, 0.0) >= totals["other"]:
                intent = asked
                asked_from_clause = True
                top = max(top, totals.get(asked, 0.0))
                rest = [v for k, v in totals.items() if k not in (intent, "profile_update")]
                second = max(rest, default=0.0)
            if main.slots.role is not None or main.slots.location is not None:
                slots = _prefer(slots, main.slots)
        if facts_from and intent != "profile_update" and (asked_from_clause or intent == "forget"):
            secondary = "profile_update"
        elif intent == "profile_update" and not facts_from:
            intent, top = ranked[1] if len(ranked) > 1 else ("other", OTHER_BASELINE)
        return IntentResult(
            intent=intent,
            confidence=_confidence(top, second),
            slots=slots,
            facts=facts if intent == "profile_update" or secondary else IntentSlots(),
            secondary=secondary,
            scores={k: round(v, 2) for k, v in ranked},
        )

    # -- one clause -------------------------------------------------------------------------------
    def _clause(self, text: str, norm: str, *, bare: bool, cheer: bool) -> _Clause:
        kind = clause_kind(norm)
        slots = (
            self.extractor.extract(text, norm, kind=kind, bare_place=bare)
            if self.extractor is not None
            else IntentSlots()
        )
        destination = self._destination(text, slots) or _field_named(norm)
        scores = _score(norm, kind, slots, cheer=cheer, destination=destination)
        return _Clause(text, norm, kind, scores, slots)

    def _destination(self, text: str, slots: IntentSlots) -> bool:
        """A role named as where the person wants to go, not where they come from ("from
        retail to an office job" names none; "from sales to product management" does)."""
        if self.extractor is None:
            return slots.role is not None
        cues = list(_DESTINATION_CUE.finditer(text))
        schooled = False
        for match in self.extractor.roles_in(text):
            after = text[match.end :].split()[:1]
            if after and _SCHOOL.match(after[0]):
                schooled = True  # "get into nursing school": a school, not a role
                continue
            before = [w for w in text[: match.start].lower().split() if w not in _ARTICLES]
            if not {"from", "leaving", "leave", "quit", "quitting"} & set(before[-1:]):
                return True
        if cues and not schooled:
            cue = cues[-1]
            words = [w for w in text[cue.end() :].split()[:4] if w.lower() not in _ARTICLES]
            while words and words[-1].lower().strip("?.!,") in _JOB_NOUNS_AFTER:
                words.pop()
            phrase = " ".join(words).strip("?.!, ")
            if phrase and self.extractor.is_entity(phrase):
                return True  # "from teaching to corporate training"
        return not schooled and slots.role is not None and slots.role_kind == "target"

    def _follow_up(
        self,
        text: str,
        slots: IntentSlots,
        totals: dict[Intent, float],
        context: ConversationContext,
    ) -> IntentResult | None:
        last = context.last_intent
        if last is None or last in ("small_talk", "other", "privacy", "help", "forget"):
            return None
        norm = normalize(text)
        strongest = max(
            (v for k, v in totals.items() if k not in ("other", "small_talk")), default=0.0
        )
        answered = (
            context.awaiting is not None
            and len(norm.split()) <= 6
            and _fills(context.awaiting, slots)
        )
        follow = _FOLLOW_UP.search(norm) is not None and (
            slots.location or slots.role or slots.skills or slots.remote is not None
        )
        if not (answered or (follow and strongest < 3.0)):
            return None
        merged = slots.merged(context.last_slots) if context.last_slots else slots
        # Skills given because the bot asked for them are facts about the person: save them.
        told_skills = answered and context.awaiting == "skills"
        return IntentResult(
            intent=last,
            confidence=0.9,
            slots=merged,
            facts=IntentSlots(skills=slots.skills) if told_skills else IntentSlots(),
            secondary="profile_update" if told_skills else None,
            source="context",
            scores={k: round(v, 2) for k, v in totals.items()},
        )


_ABOUT_THE_QUESTION = re.compile(
    r"\b(?:what (?:does|do you mean by) (?:this|that|the|your) question|what do you mean|"
    r"(?:can|could) you (?:rephrase|repeat|reword|clarify|explain) (?:that|this|the question|it)|"
    r"i do not (?:understand|get) (?:the|this|that|your) question|"
    r"(?:this|that|the) question (?:even )?mean|(?:an? |the )?(?:example|sample|model) answer|"
    r"give me an example|show me (?:an? |the )?(?:example|good answer)|"
    r"(?:can|could|shall|should) we (?:continue|finish|pick (?:this|it) up|do this|resume|stop|"
    r"pause)(?: this| it)? (?:later|tomorrow|another time|some other time)|"
    r"(?:continue|finish) (?:this |it )?later)\b"
)
_SOFT_SEARCH = re.compile(
    r"^(?:and |also |so |but |currently |right now )*(?:i am |im |i have been |been )?"
    r"(?:also |currently |now |mainly |mostly )?(?:looking for|searching for|seeking|hunting for|"
    r"after|open to|hoping for|interested in)\b"
)


def _score(
    norm: str, kind: ClauseKind, slots: IntentSlots, *, cheer: bool, destination: bool
) -> dict[Intent, float]:
    """A clause's score per intent: the rules, scaled by the clause's kind, plus its slots."""
    scores = rule_scores(norm)

    def add(intent: Intent, value: float) -> None:
        scores[intent] = scores.get(intent, 0.0) + value

    if kind == "statement":
        for intent in _ASK_INTENTS:
            if intent in scores:
                scores[intent] *= 0.5
        if "job_search" in scores:
            scores["job_search"] *= 0.6  # "I hate job hunting": a statement, not a search
        if "other" in scores:
            # Off-topic words in a statement ("back from vacation") are chit-chat.
            add("small_talk", scores.pop("other"))
    if _SEARCHING.search(norm):  # "I'm after a remote role in finance"
        add("job_search", 2.5)
    if _JOB_STRATEGY.search(norm) and "job_search" in scores:
        # "how do I get a job with no experience": strategy; "... a nursing job in Denver": a search
        if slots.role is None and slots.location is None and not slots.skills:
            scores["job_search"] = max(0.0, scores["job_search"] - 3.5)
        else:
            add("job_search", 1.0)
    ranking = _RANKING.search(norm) is not None
    deciding = _DECIDING.match(norm) is not None  # "should I accept a lower salary": advice
    if slots.pay_question and kind == "question" and not ranking and not deciding:
        # "what certs help nurses earn more": about the certificates, not the figure
        add("pay", 2.25 if _LEARNING.search(norm) else 4.5)
    on_topic = any(
        scores.get(k, 0.0) >= 1.5
        for k in ("career_advice", "job_search", "interview_practice", "resume_review", "pay")
    )
    role = slots.role is not None
    if role and (on_topic or "other" not in scores):
        if kind == "question" and not _strong(scores):
            add("career_advice", 1.0)  # "electrician?": a question about an occupation
        if "other" in scores:  # "any job for a cook": an occupation is not off-topic
            scores["other"] = max(0.0, scores["other"] - 2.5)
    if slots.skills_demand and not _strong(scores):
        add("career_advice", 3.0)  # "hottest skills in tech": a question about the market
    if MILITARY.search(norm) and _GENERIC_HELP.search(norm):
        add("advice", 3.0)  # "I was in the navy for 8 years, now what": asked, not only told
    wanted = slots.wanted_field or slots.interest_field
    no_role = slots.role_id is None or slots.role_kind == "topic"  # "I like coding": no aim
    if wanted is not None and no_role and not _strong(scores):
        # "I want to stay in healthcare", "interested in finance": the field's careers
        add("career_advice", 3.5 if kind == "statement" else 2.0)
        scores.pop("small_talk", None)
    if role and kind != "statement":
        what = _WHAT_IS.match(norm)
        if what is not None and not _NOT_A_ROLE.search(what["what"]) and not slots.pay_question:
            add("role_info", 5.0)  # "what's a scrum master?"
        if _TELL_ABOUT.search(norm):
            add("role_info", 4.5)
    if scores.get("how_to_become", 0.0) > 0 and not destination:
        moved = scores.pop("how_to_become")  # "how do I become more confident": advice
        if _JOB_WORDS.search(norm) or _CAREER_WORDS.search(norm) or role:
            add("advice", moved)  # ("the best way to lose weight" is neither)
    if scores.get("role_info", 0.0) > 0 and not (role or _field_named(norm)):
        add("career_advice", scores.pop("role_info") * 0.5)
    if slots.compare:
        add("compare", 6.0)
    if slots.forget:
        add("forget", 7.0)
    if slots.situation in _SERIOUS and not cheer:
        add("advice", 5.5 if slots.situation == "no_replies" else 4.0)
    elif slots.situation is not None and not cheer and _SEARCH_STRESS.search(norm):
        add(
            "advice", 3.5
        )  # "my interview is tomorrow and I'm freaking out"; plain stress is chit-chat
    if slots.offer is not None:
        add("advice", 3.0)
        if "pay" in scores:
            scores["pay"] = max(0.0, scores["pay"] - 3.0)
    if cheer and "other" in scores:
        add("small_talk", scores.pop("other"))
    if is_ack(norm):
        add("small_talk", 3.5)
    if _GENERIC_HOW.match(norm) and (_JOB_WORDS.search(norm) or _CAREER_WORDS.search(norm)):
        add("advice", 1.5)  # "how do I handle a coworker who takes credit for my work"
    if ranking and "job_search" in scores:
        scores["job_search"] = max(0.0, scores["job_search"] - 3.5)  # a ranking, not listings
    if "other" in scores and _strong_career(scores):
        scores["other"] = max(0.0, scores["other"] - 2.0)  # "best career for someone good at math"
    return scores


def _strong_career(scores: dict[Intent, float]) -> bool:
    return any(v >= 3.0 for k, v in scores.items() if k not in ("small_talk", "other", "help"))


def _strong(scores: dict[Intent, float]) -> bool:
    return any(
        v >= 3.0 for k, v in scores.items() if k not in ("career_advice", "small_talk", "other")
    )


def _field_named(norm: str) -> bool:
    """A field after "into"/"become a"/"in" ("get into cybersecurity", "a career in finance")."""
    for match in _FIELD_AFTER.finditer(norm):
        words = match["field"].split()
        if family_for(match["field"]) is not None or family_for(words[0]) is not None:
            return True
    return False


def _across_clauses(clauses: list[_Clause]) -> None:
    """Asks that lean on another clause: "I'm thinking about nursing or IT. Which one fits me
    better?" (compare); "I want to become a pilot, what steps do I take?" (how to become)."""
    if len(clauses) < 2:
        return
    compared = next((c for c in clauses if c.slots.compare), None)
    target = next(
        (c for c in clauses if c.slots.role_kind == "target" and c.slots.role is not None), None
    )
    troubled = any(
        c.slots.situation in _SERIOUS
        or (c.slots.situation is not None and _JOB_WORDS.search(c.norm) is not None)
        for c in clauses
    )
    resume = any(c.scores.get("resume_review", 0.0) >= 4.0 for c in clauses)
    for clause in clauses:
        if clause.kind != "question" or clause.slots.compare or clause.slots.role is not None:
            continue
        best = max(clause.scores.values(), default=0.0)
        if resume and _REVIEW_IT.match(clause.norm):
            clause.scores["resume_review"] = max(best, 4.0) + 1.5  # "..., can you check it?"
            continue
        if troubled and best < 4.0 and _GENERIC_HELP.search(clause.norm):
            # "I keep getting rejected after final rounds, what am I missing?"
            clause.scores["advice"] = max(best, clause.scores.get("advice", 0.0)) + 1.0
        if compared is not None and _WHICH.search(clause.norm):
            clause.scores["compare"] = max(best, 4.0) + 1.0
            clause.slots = clause.slots.model_copy(update={"compare": compared.slots.compare})
        elif target is not None and target is not clause and _GENERIC_START.search(clause.norm):
            clause.scores["how_to_become"] = max(best, 4.0) + 1.0


def _main_ask(asks: list[_Clause], clauses: list[_Clause]) -> _Clause | None:
    """The clause that carries the main ask: the strongest; on a tie, the later one. A vague
    ask ("how do I make it look good") leans on a statement that names the topic ("my resume
    is all teaching stuff")."""
    if not asks:
        return None
    main = asks[0]
    for clause in asks[1:]:
        best, current = clause.best()[1], main.best()[1]
        if best >= current - 0.25 or best >= max(3.0, 0.75 * current):
            main = clause  # the later of two real asks: usually the one the message ends on
    if main.best()[1] < VAGUE_ASK and (_GENERIC_HOW.match(main.norm) or _OPINION.match(main.norm)):
        topical = [
            c
            for c in clauses
            if c.kind == "statement" and c.best()[1] >= 4.0 and c.best()[0] != "profile_update"
        ]
        if topical:
            main = max(topical, key=lambda c: c.best()[1])
    return main


_CORRECTION = re.compile(
    r"^(?:actually|nah|no|nope|never mind|nevermind|nvm|wait|scratch that|on second thought|"
    r"forget (?:that|it))\b"
)


def _after_correction(clauses: list[_Clause]) -> list[_Clause]:
    """ "Can you write my cover letter? Actually no, tell me a joke": the asks before a
    correction are withdrawn (their facts still count)."""
    for index in range(len(clauses) - 1, 0, -1):
        if not _CORRECTION.match(clauses[index].norm):
            continue
        later = clauses[index:]
        if any(c.best()[1] + c.scores.get("other", 0.0) >= QUESTION_MIN for c in later):
            for earlier in clauses[:index]:
                if earlier.kind != "statement":
                    earlier.scores = {}
        break
    return clauses


def _message_slots(clauses: list[_Clause]) -> IntentSlots:
    """The message's slots: the clauses' slots merged (the first value of each, skills and
    the other lists joined; the most serious situation)."""
    if len(clauses) == 1:
        return clauses[0].slots
    merged = clauses[0].slots
    for clause in clauses[1:]:
        merged = _join(merged, clause.slots)
    return merged


_LISTS = ("skills", "topic_skills", "schedule", "not_schedule", "forget", "avoid")
_SCALARS = tuple(name for name in IntentSlots.model_fields if name not in _LISTS)


def _join(first: IntentSlots, other: IntentSlots) -> IntentSlots:
    update: dict[str, object] = {}
    lists: dict[str, tuple[str, ...]] = {}
    for name in _LISTS:
        mine, theirs = getattr(first, name), getattr(other, name)
        extra = tuple(x for x in theirs if x not in mine)
        lists[name] = mine + extra
    for name in _SCALARS:
        value = getattr(other, name)
        if value is None or value is False:
            continue
        if getattr(first, name) in (None, False, ()):
            update[name] = value
    if first.role is None and other.role is not None:
        for name in ("role", "role_id", "role_kind"):
            update[name] = getattr(other, name)
    if first.location is None and other.location is not None:
        update["location_area"] = other.location_area
    lists["topic_skills"] = tuple(t for t in lists["topic_skills"] if t not in lists["skills"])
    update.update(lists)
    return first.model_copy(update=update)


def _prefer(slots: IntentSlots, main: IntentSlots) -> IntentSlots:
    """The main ask's role and place over those of the fact clauses ("I'm a teacher in Texas,
    how much do instructional designers make in Austin?")."""
    update: dict[str, object] = {}
    if main.role is not None:
        update.update(role=main.role, role_id=main.role_id, role_kind=main.role_kind)
    if main.location is not None:
        update.update(location=main.location, location_area=main.location_area)
    return slots.model_copy(update=update)


def _facts(clauses: list[_Clause]) -> IntentSlots:
    """What the fact clauses state about the person: their slots without the ones that are
    not profile facts (a comparison, an offer, a situation, what to forget)."""
    merged = _message_slots(clauses) if clauses else IntentSlots()
    return merged.model_copy(update=_NOT_FACTS) if clauses else merged


def _with_anaphora(norm: str, slots: IntentSlots, context: ConversationContext) -> IntentSlots:
    """ "what jobs can I get with that?": the gaps filled from the last turn."""
    if context.last_slots is None or _ANAPHOR.search(norm) is None:
        return slots
    return slots.merged(context.last_slots)


def _gibberish(norm: str) -> bool:
    """'asdfghjkl': no vowels, or a long run of consonants."""
    letters = norm.replace(" ", "")
    return bool(letters) and (
        (not re.search(r"[aeiouy]", letters) and len(letters) > 3)
        or re.search(r"[bcdfghjklmnpqrstvwxz]{5,}", letters) is not None
    )


def _fills(awaiting: str, slots: IntentSlots) -> bool:
    return {
        "role": slots.role is not None,
        "location": slots.location is not None,
        "skills": bool(slots.skills),
    }.get(awaiting, False)


def _confidence(top: float, second: float) -> float:
    """0..1 from the winning score and its lead over the runner-up."""
    if top <= 0:
        return 0.0
    strength = 1.0 - math.exp(-top / 2.5)
    lead = min(1.0, max(0.0, top - second) / 2.5)
    return round(strength * (0.45 + 0.55 * lead), 3)


@functools.lru_cache(maxsize=8)
def classifier_for(knowledge: KnowledgeBase | None) -> IntentClassifier:
    """One classifier per knowledge base (building one compiles its slot patterns)."""
    return IntentClassifier(knowledge)


def classify(text: str, context: ConversationContext | None = None) -> IntentResult:
    """Classify one message; no LLM, no I/O after the knowledge base's first load."""
    knowledge = context.knowledge if context is not None else None
    if knowledge is None:
        knowledge = _shipped_knowledge()
    return classifier_for(knowledge).classify(text, context)

"""The deterministic intent classifier: weighted cue patterns + statement features + slots.

    classify("I know Python and SQL - what jobs fit me?")
    -> intent="job_search", secondary="profile_update", slots.skills=("Python", "SQL")

The message is split into clauses ("I know Python. What jobs fit me?"). Each clause gets a score
per intent from `rules.RULES`; a clause that *states* something about the person (not a
question or request) and carries facts (skills, a place they live, years, a role they hold or
want, a salary floor, a remote preference) scores for `profile_update`. When a message has
both a fact clause and a question clause, the question decides the intent and
`secondary="profile_update"` says to save the facts too. `facts` holds only the slots of the
fact clauses: that is what may be saved, never what a question merely mentions.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from typing import Literal

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.services.conversation.intents.normalize import normalize
from careermate_bot.services.conversation.intents.rules import is_ack, is_help_alone, rule_scores
from careermate_bot.services.conversation.intents.slots import SlotExtractor, is_pay_question
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

_QUESTION_START = re.compile(
    r"^(?:so |and |but |ok |hey |hi |also |then |now |well )?(?:what|how|which|where|when|who|"
    r"why|should|can|could|would|will|is|are|do|does|did|any|anyone|may|might|shall|whats|"
    r"is there|are there)\b"
)
_REQUEST_START = re.compile(
    r"^(?:so |and |but |ok |hey |hi |also |then |now |please )?(?:find|show|search|look|help|"
    r"give|tell|review|check|list|recommend|suggest|quiz|ask|drill|prep|start|let us|run|test|"
    r"rate|roast|scan|evaluate|proofread|fix|analy[sz]e|explain|write|solve|translate|"
    r"summarize|delete|erase|export|forget|clear|wipe|download|reset|nuke|compare|get me|"
    r"pretend|go|make|sing|generate|book|interview|draw|paint|play|plan|cook|order|buy|remind|"
    r"send|call|text|set|teach|train me|show me how|best|top|any good)\b"
)
# "I'm looking for remote work": a search, not a fact (but "I only want remote jobs" is one).
_SEARCHING = re.compile(
    r"\b(?:(?:looking for|searching for|hunting for|on the hunt for|in need of|i am after)"
    r"(?: [a-z0-9$+#/.]+){0,4}|need(?: (?:a|an|some|new|another|\w+ing)){0,2}(?: [a-z]+)?) "
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
    r"^(?:i|my|been|currently|fyi|looking to|hoping to|aiming to|planning to|want to|trying to|"
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
    r"(?<=[?!.;])\s+|\s+[-–—]+\s+|\s*[—–]\s*|"
    r",\s*(?=(?:so |and |but |then )?(?:what|how|which|where|who|any|anyone|can|could|should|"
    r"would|is|are|do|does|find|show|help|quiz|give|tell|let|search|look|got|please)\b)|"
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


def is_question(norm: str) -> bool:
    return (
        norm.endswith("?")
        or _QUESTION_START.match(norm) is not None
        or _PAY_START.match(norm) is not None  # "salary of a pm in austin"
    )


_JOB_NOUNS = re.compile(r"\b(?:jobs|positions|openings|gigs|vacancies|internships)\b")
_SELF_START = re.compile(r"^(?:i|my|me)\b")


def is_request(norm: str) -> bool:
    return (
        is_question(norm)
        or _REQUEST_START.match(norm) is not None
        or _SEARCHING.search(norm) is not None
        # "remote python jobs please": a search typed as a noun phrase
        or (_JOB_NOUNS.search(norm) is not None and _SELF_START.match(norm) is None)
        or (" can you " in f" {norm} " or " could you " in f" {norm} ")
    )


def _fact_score(norm: str, slots: IntentSlots) -> float:
    """How strongly a clause states facts about the person (0 for questions and requests)."""
    saving = _SAVE_START.match(norm) is not None
    if is_request(norm) and not saving:
        return 0.0
    if _FEELING_STATEMENT.match(norm) and not slots.skills:
        return 0.0
    score = 2.5 if saving else 0.0
    verbs = _FACT_VERBS.search(norm) is not None
    if verbs:
        score += 1.5
    if _FIRST_PERSON.match(norm):
        score += 1.0
    facts = 0.0
    if slots.skills:
        facts += 2.0
    if slots.experience_years is not None:
        facts += 2.0
    if slots.min_salary is not None:
        facts += 2.0
    if slots.remote is not None and (verbs or _FIRST_PERSON.match(norm)):
        facts += 1.5
    if slots.location is not None and (verbs or saving):
        facts += 1.5
    if slots.role is not None and slots.role_kind in ("current", "target"):
        facts += 1.5
    if _BACKGROUND.search(norm) and (verbs or _FIRST_PERSON.match(norm)):
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
    if not pieces:
        return False
    for piece in pieces:
        if knowledge.get_skill(piece) is not None:
            continue
        covered = sum(m.end - m.start for m in knowledge.skill_mentions(piece))
        if covered < len(piece) - 2:  # other words besides the skill: not a bare list
            return False
    return True


class IntentClassifier:
    """Deterministic, thread-safe; one per knowledge base (or none: intents without slots)."""

    def __init__(self, knowledge: KnowledgeBase | None = None) -> None:
        self.extractor = SlotExtractor(knowledge) if knowledge is not None else None

    def classify(self, text: str, context: ConversationContext | None = None) -> IntentResult:
        text = (text or "").strip()[:MAX_TEXT]
        if not text:
            return IntentResult(intent="small_talk", confidence=0.5)
        bare = context is not None and context.awaiting == "location"
        slots = self._slots(text, normalize(text), bare=bare)
        clauses = split_clauses(text)
        totals: dict[Intent, float] = {}
        fact_slots: list[IntentSlots] = []
        question_best = 0.0
        question_intent: Intent | None = None
        profile_total = 0.0
        for clause in clauses:
            norm = normalize(clause)
            scores = rule_scores(norm)
            clause_slots = self._slots(clause, norm) if len(clauses) > 1 else slots
            if _SEARCHING.search(norm):  # "I'm after a remote role in finance"
                scores["job_search"] = scores.get("job_search", 0.0) + 2.5
            question = is_question(norm)
            if question and is_pay_question(norm):
                scores["career_advice"] = scores.get("career_advice", 0.0) + 3.5
            on_topic = any(
                scores.get(k, 0.0) >= 1.5
                for k in ("career_advice", "job_search", "interview_practice", "resume_review")
            )
            if clause_slots.role is not None and (on_topic or "other" not in scores):
                if question:  # "electrician vs plumber?": a question about an occupation
                    scores["career_advice"] = scores.get("career_advice", 0.0) + 1.5
                if "other" in scores:  # "any job for a cook": an occupation is not off-topic
                    scores["other"] = max(0.0, scores["other"] - 2.5)
            if not is_request(norm) and "job_search" in scores:
                scores["job_search"] *= 0.6  # "I hate job hunting": a statement, not a search
            if not is_request(norm) and "other" in scores:
                # Off-topic words in a statement ("back from vacation") are chit-chat.
                scores["small_talk"] = scores.get("small_talk", 0.0) + scores.pop("other")
            if is_ack(norm):
                scores["small_talk"] = scores.get("small_talk", 0.0) + 3.5
            if len(clauses) == 1 and is_help_alone(norm):
                scores["help"] = scores.get("help", 0.0) + 4.0
            fact = _fact_score(norm, clause_slots)
            if fact >= PROFILE_MIN and "career_advice" in scores:
                scores["career_advice"] *= 0.5  # "I'm switching careers to …": a fact, stated
            kb = self.extractor.kb if self.extractor is not None else None
            if _only_skills(clause, clause_slots, kb):
                fact = max(fact, 4.0)
            if fact >= PROFILE_MIN:
                fact_slots.append(clause_slots)
                profile_total += fact
            else:
                for intent, value in scores.items():
                    if intent in ("small_talk", "other") or value < QUESTION_MIN:
                        continue
                    if value > question_best:
                        question_best, question_intent = value, intent
            for intent, value in scores.items():
                totals[intent] = totals.get(intent, 0.0) + value
        if profile_total:
            totals["profile_update"] = totals.get("profile_update", 0.0) + profile_total
        whole = normalize(text)
        baseline = OTHER_BASELINE if is_request(whole) else OTHER_BASELINE - 0.4
        totals["other"] = totals.get("other", 0.0) + baseline

        facts = _merge_facts(fact_slots)
        if context is not None:
            followed = self._follow_up(text, slots, totals, context)
            if followed is not None:
                return followed
        if len(totals) == 1 and not is_request(whole) and not _gibberish(whole):
            totals["small_talk"] = baseline + 0.1  # "I love my new team": chit-chat
        ranked = sorted(totals.items(), key=lambda kv: -kv[1])
        intent, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        secondary: Literal["profile_update"] | None = None
        if fact_slots and question_intent is not None and question_intent != "profile_update":
            intent = question_intent
            top = max(top, totals.get(question_intent, 0.0))
            secondary = "profile_update"
            second = max(v for k, v in totals.items() if k not in (intent, "profile_update"))
        elif intent == "profile_update" and not fact_slots:
            intent, top = ranked[1] if len(ranked) > 1 else ("other", OTHER_BASELINE)
        return IntentResult(
            intent=intent,
            confidence=_confidence(top, second),
            slots=slots,
            facts=facts if intent == "profile_update" or secondary else IntentSlots(),
            secondary=secondary,
            scores={k: round(v, 2) for k, v in ranked},
        )

    def _slots(self, text: str, norm: str, *, bare: bool = False) -> IntentSlots:
        if self.extractor is None:
            return IntentSlots()
        return self.extractor.extract(text, norm, bare_place=bare)

    def _follow_up(
        self,
        text: str,
        slots: IntentSlots,
        totals: dict[Intent, float],
        context: ConversationContext,
    ) -> IntentResult | None:
        last = context.last_intent
        if last is None or last in ("small_talk", "other", "privacy", "help"):
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


def _merge_facts(parts: list[IntentSlots]) -> IntentSlots:
    if not parts:
        return IntentSlots()
    if len(parts) == 1:
        return parts[0]
    merged = parts[0]
    skills = list(merged.skills)
    for part in parts[1:]:
        skills.extend(s for s in part.skills if s not in skills)
        update = {
            k: v
            for k, v in part.model_dump().items()
            if k != "skills" and v not in (None, False, ()) and getattr(merged, k) in (None, False)
        }
        merged = merged.model_copy(update=update)
    return merged.model_copy(update={"skills": tuple(skills)})


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

"""Slots from one clause: skills (the taxonomy's extractor; owned, searched for, or only a
topic), a role (the catalogue's role-phrase index over the raw text: titles, aliases, slang,
plurals, typos, "<role> jobs"; then `resolve_occupation` on a phrase after "become a"/"as a"),
a place (`resolve_location` on the words after "in"/"near"/"moved to"..., or a capitalised
name), years of experience, a salary floor and a job offer (`parse_salary`), the work
arrangement and schedule with their polarity (polarity.py), education and the field being left
(background.py), a comparison (compare.py), a life situation (situation.py) and what to forget
(forget.py).

The clause's kind decides what a skill is: in a statement, "I know SQL" owns it, "I want to
learn Rust" / "I'm interested in ML" makes it a topic, "not Java" drops it; in a question or a
request a skill after "learn", "or", "vs", "worth", "what is" is a topic, any other is a search
term ("python jobs in Austin", "what can I do with SQL?").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from careermate_bot.common.salary_input import parse_salary
from careermate_bot.errors import InvalidInput
from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.knowledge.families import family_for
from careermate_bot.knowledge.text import norm_text
from careermate_bot.knowledge.types import SkillMention
from careermate_bot.services.conversation.intents.background import (
    education,
    field_named,
    interest,
    leaving,
    may_name_field,
    wanted_field,
)
from careermate_bot.services.conversation.intents.compare import comparison
from careermate_bot.services.conversation.intents.forget import forget_targets
from careermate_bot.services.conversation.intents.normalize import normalize
from careermate_bot.services.conversation.intents.polarity import (
    arrangement,
    inside,
    lowered,
    negated_spans,
    refused_work,
    relocation,
    schedule,
)
from careermate_bot.services.conversation.intents.situation import situation
from careermate_bot.services.conversation.intents.types import IntentSlots, RoleKind

ClauseKind = Literal["question", "request", "statement"]

# Cheap gates: each extractor's patterns all contain one of these words, so a clause without
# any skips it (most clauses name no education, no schedule, nothing to forget).
_NEGATION_WORD = re.compile(
    r"not|no|never|without|nor|hate|dislike|avoid|n't|nt\b|cannot|rather|instead|other than|"
    r"except|tired|sick|done|fed up|burn|anything but"
)
_MOVE_WORD = re.compile(r"relocat|move|moving")
_LEAVING_WORD = re.compile(
    r"leav|left|quit|out of|escap|exit|from|done with|burn|tired|sick|want out"
)
_ARRANGEMENT_WORD = re.compile(r"remote|wfh|home|telecommut|hybrid|site|office|person|commut")
_FORGET_WORD = re.compile(
    r"forget|remove|delete|drop|erase|scratch|clear|unsave|rid of|strike|cross|take|undo|wipe|"
    r"lose|ignore|disregard|get|knock|no longer|not|n't|dont|never|anymore|any more|any longer"
)
_NUMBER = re.compile(
    r"\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|couple|"
    r"few"
)
_SCHEDULE_WORD = re.compile(
    r"time|pt |weekend|evening|night|overnight|graveyard|shift|flex|own hours|own schedule|"
    r"contract|1099"
)
_EDUCATION_WORD = re.compile(
    r"degree|diploma|certificat|bootcamp|boot camp|program|major|student|bachelor|master|"
    r"associate|doctor|ph\.?d|mba|ged|bs|ba\b|b\.|ms\b|m\.|ma\b|bsn|msn|med\b|mfa|jd\b|licen|"
    r"dnp|pharmd|edd|llm|high ?school|hs "
)
_SITUATION_WORD = re.compile(
    r"laid|let go|lay ?off|lost|eliminat|cut|dissolv|redundan|downsiz|let me|job loss|fired|"
    r"terminat|sacked|canned|dismissed|repl|respon|callback|call back|answer|email|heard|back|"
    r"hear|ghost|cricket|luck|appl|sent|send|submit|reject|turned|did not get|passed over|"
    r"went with|burn|bed|drain|exhaust|stress|overwhelm|anxi|panic|freak|worried|losing|stuck|"
    r"dead ?end|nowhere|plateau|rut|wheels|grow|bomb|blew|tank|flunk|messed|screwed|failed|"
    r"los(?:e|ing) out|second|runner|not (?:getting|get|got|receiving|hearing)"
)

MAX_PLACE_WORDS = 4
LOCATION_ACCEPT = 85.0

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "a couple": 2,
    "a few": 3,
}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_YEARS = re.compile(rf"\b{_NUM}\s*\+?\s*(?:years?|yrs?|yoe)\b", re.I)
_YEARS_AFTER = re.compile(
    r"^\s*(?:of\b|experience\b|exp\b|as\b|in\b|doing\b|working\b|coding\b|programming\b|"
    r"at\b|on\b|with\b|under\b|professionally\b|now\b|yoe\b|$|[,.;!])",
    re.I,
)
_YEARS_BEFORE = re.compile(
    r"\b(?:for|been|have|had|got|with|over|almost|nearly|about|around|spent|after)\s*$", re.I
)
_YEARS_NOT = re.compile(r"\b(?:in|next|within|another|past|last|at|age|aged|old|see)\s*$", re.I)

_AMOUNT = re.compile(
    r"(?P<amount>\$\s*\d[\d,]*(?:\.\d+)?\s*(?:k|m|thousand|million)?\b"
    r"|\d[\d,]*(?:\.\d+)?\s*(?:k|m|thousand|million)\b"
    r"|\d[\d,]{4,})"
    r"(?P<plus>\s*\+)?"
    r"(?P<hourly>\s*(?:/\s*h(?:ou)?r\b|an hour|per hour|/\s*hour|hourly|a hr))?",
    re.I,
)
_SALARY_CUE = re.compile(
    r"\b(?:at least|min(?:imum)?|over|above|more than|no less than|minimum of|paying|pays?|"
    r"salary|salaries|wage|want|need|target|expect(?:ing|ation|ations)?|looking for|floor|"
    r"starting at|comp(?:ensation)?|take|accept|for)\b|>=?",
    re.I,
)
# After an amount, only words that make it a floor ("100k or more"); "60k now and want 75k" is
# the current pay, then the floor.
_SALARY_CUE_AFTER = re.compile(
    r"^\s*(?:\+|or (?:more|above|higher|better|up)|and up|minimum|min\b|at least|floor|"
    r"(?:a |per )?(?:year|yr|annually)? ?(?:minimum|or more))",
    re.I,
)
_OFFER_BEFORE = re.compile(r"\boffer(?:ed|ing|s)?\b[^.!?;]{0,30}$", re.I)
_OFFER_AFTER = re.compile(r"^[^.!?;,]{0,12}\b(?:offer|counteroffer)\b", re.I)
_BARE_HOURLY = re.compile(
    r"\b(\d{1,3}(?:\.\d+)?)\s*(?:an hour|per hour|/\s*h(?:ou)?r\b|hourly)", re.I
)

_PLACE_LEAD = re.compile(
    r"\b(?:in|near|around|at|from|to|about|for|based in|live in|living in|located in|"
    r"relocate to|relocating to|move to|moving to|moved to)\s+",
    re.I,
)
_PLACE_STOP = frozenset(
    """and or but for with that who which where when what how why paying pay as if so then
    because while who is are am be was were have has had do does did will would can could
    should right now next this last month year years week today tomorrow jobs job roles role
    positions position openings work area city state please pls thanks the a an my your our
    their his her its it me i you we they someone something anything anyone here there
    tech it sales marketing data finance healthcare education retail office person general
    python java go rust excel ?""".split()
)
# Two-letter words that are not places even though a state uses them as its abbreviation.
_SHORT_WORDS = frozenset(
    "me or ok hi oh in it so an as at be do go he if is my no of on to up us we am id".split()
)
_NOT_PLACE = frozenset(
    """i me my the a an tech it sales marketing data finance healthcare education retail
    office person software engineering design school college home general industry field
    interview interviews practice jobs job work career careers resume mind life love years
    year months time order fact particular advance total""".split()
)

_CURRENT_BEFORE = re.compile(
    r"\b(?:i am|i work as|i have been|i was|worked as|working as|currently|as a|as an|job as|"
    r"(?:current|present|day|actual) (?:job|role|position|title) is|my (?:job|role|title) is)"
    r"\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$"
)
_TARGET_BEFORE = re.compile(
    r"\b(?:become|becoming|be|goal|aim|aiming|aiming for|target|targeting|transition to|"
    r"transition into|move into|moving into|switch to|switch into|pivot to|pivot into|get into|"
    r"break into|towards?|dream|someday as|want to work as|like to work as|apply as|land|"
    r"stay in|remain in|keep working in|continue in|"
    r"(?:dream|ideal|target|goal) (?:job|role|career|position) (?:is|would be))"
    r"\s+(?:an?\s+|the\s+|is\s+(?:to\s+)?(?:become\s+)?(?:an?\s+)?)?(?:\w+\s+)?$"
)
_ROLE_PHRASE = re.compile(
    r"\b(?:become|becoming|be|as|work as|working as|aiming for|aim for|transition to|"
    r"move into|switch to|for|interview for|i am|i have been|land|get)\s+(?:an?|the)\s+"
    r"(?P<phrase>[a-z][a-z .&/+-]{2,40})"
)
# "get a job", "land a new role": no occupation named.
_GENERIC_NOUNS = frozenset(
    """job jobs work career position role offer raise interview promotion degree break lot bit
    chance new good better real full part time remote decent paying well""".split()
)
_ROLE_PHRASE_END = re.compile(
    r"\s+(?:in|at|near|with|and|or|but|role|roles|job|jobs|position|positions|interview|"
    r"who|that|what|how|someday|next|one day|please|\?|!|\.).*$"
)


class SlotExtractor:
    """Bound to one knowledge base; `extract` is fast (a dictionary scan, cached lookups)."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.kb = knowledge
        self._catalogue = knowledge.catalogue
        self._catalogue.roles  # noqa: B018 - build the role index now, not on the first message
        self._place = lru_cache(maxsize=4096)(self._place_uncached)
        self._scan_role = lru_cache(maxsize=4096)(self._scan_role_uncached)
        self.roles_in = lru_cache(maxsize=1024)(self._catalogue.find_roles)
        # First three letters of every word of every place name the resolver knows (areas,
        # states, nicknames such as "NYC", "bay area"): a phrase that starts with none of them
        # ("eight", "evenings") is not worth its fuzzy search (~4 ms on a phrase not seen yet).
        # The resolver has no public list of its names, hence getattr with the area names as
        # the fallback.
        names = getattr(knowledge.locations, "_choices", None) or [
            norm_text(area.name) for area in knowledge.locations.areas.values()
        ]
        self._place_starts = frozenset(
            word[:3] for name in names for word in name.split() if len(word) >= 3
        )

    def clear_caches(self) -> None:
        """Forget every cached message, phrase and place (for honest timing: bench/intents.py)."""
        for cached in (self._place, self._scan_role, self.roles_in):
            cached.cache_clear()
        self._resolve_role.cache_clear()
        self.is_entity.cache_clear()

    # -- one clause -------------------------------------------------------------------------------
    def extract(
        self,
        text: str,
        norm: str | None = None,
        *,
        kind: ClauseKind = "statement",
        bare_place: bool = False,
    ) -> IntentSlots:
        norm = normalize(text) if norm is None else norm
        low = lowered(text)
        spans = negated_spans(low) if _NEGATION_WORD.search(low) else []
        role, role_id, role_kind = self.role(norm, text)
        location, area = self.location(text, bare=bare_place)
        if role is not None and location is not None and norm_text(location) in norm_text(role):
            location, area = None, None
        compared = comparison(text, self.is_entity)
        left = leaving(norm, self.kb) if _LEAVING_WORD.search(norm) else None
        owned, topics, refused = self._skills(text, low, spans, kind, compared, left)
        remote, wanted = arrangement(low, spans) if _ARRANGEMENT_WORD.search(low) else (None, None)
        forget = forget_targets(text) if _FORGET_WORD.search(low) else ()
        if not forget and refused and kind == "statement" and _NOT_KNOW.match(norm):
            forget = refused  # "I don't know SQL": not a skill of theirs, remove it if saved
        numbers = _NUMBER.search(low) is not None
        wanted_hours, refused_hours = (
            schedule(low, spans) if _SCHEDULE_WORD.search(low) else ((), ())
        )
        offer = offer_amount(text) if numbers else None
        enjoys = interest(norm)
        fields = may_name_field(norm)
        ranking, demand = is_pay_ranking(norm), asks_skills_in_demand(norm)
        return IntentSlots(
            skills=owned,
            location=location,
            location_area=area,
            role=role,
            role_id=role_id,
            role_kind=role_kind,
            experience_years=experience_years(text) if numbers else None,
            min_salary=salary_floor(text) if numbers else None,
            remote=remote,
            arrangement=wanted,
            schedule=wanted_hours,
            not_schedule=refused_hours,
            relocate=relocation(low, spans) if _MOVE_WORD.search(low) else None,
            avoid=tuple(a for a in refused_work(low) if a != left) if spans else (),
            education=education(text) if _EDUCATION_WORD.search(low) else None,
            leaving=left,
            wanted_field=wanted_field(norm) if fields else None,
            interest=enjoys[1] if enjoys else None,
            interest_field=enjoys[0] if enjoys else None,
            topic_skills=topics,
            compare=compared or (),
            situation=situation(norm) if _SITUATION_WORD.search(norm) else None,
            forget=forget,
            offer=offer,
            pay_question=is_pay_question(norm),
            pay_ranking=ranking,
            skills_demand=demand,
            without_degree=without_degree(norm),
            field_named=field_named(norm) if fields and (ranking or demand) else None,
        )

    # -- skills -----------------------------------------------------------------------------------
    def _skills(
        self,
        text: str,
        low: str,
        spans: list[tuple[int, int]],
        kind: ClauseKind,
        compared: tuple[str, str] | None,
        left: str | None,
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(skills owned or searched for, skills named only as a topic: canonical names; skills
        refused, as written: "not Java")."""
        mentions = self.kb.skill_mentions(text)
        if not mentions:
            return (), (), ()
        roles = [
            (m.start, m.start + len(" ".join(text[m.start :].split()[: m.size])))
            for m in self.roles_in(text)
        ]
        sides = [low.find(side.lower()) for side in compared or ()]
        owned: list[str] = []
        topics: list[str] = []
        refused: list[str] = []
        for mention in mentions:
            if any(
                a <= mention.start and mention.end <= b and b - a > mention.end - mention.start
                for a, b in roles
            ):
                continue  # "math" in "math teacher": part of a role's name
            if left is not None and mention.text.lower() in left:
                continue  # "leaving teaching": not a skill they offer
            if inside(spans, mention.start, mention.end):
                refused.append(mention.text)  # "I know Python but not Java"
                continue
            if mention.text.lower().endswith("ing") and _BEING.search(low[: mention.start]):
                continue  # "I'm interviewing at Amazon": a verb, not a skill
            topic = any(0 <= s <= mention.start < s + 60 for s in sides) or _topic(
                low, mention, kind
            )
            target = topics if topic else owned
            if mention.skill not in target:
                target.append(mention.skill)
        return tuple(owned), tuple(t for t in topics if t not in owned), tuple(refused)

    @lru_cache(maxsize=4096)  # noqa: B019 - one extractor per knowledge base, kept for the process
    def is_entity(self, phrase: str) -> bool:
        """Something one compares: a role, a skill or a field ("nursing", "data engineering")."""
        if family_for(phrase) is not None or self.kb.get_skill(phrase) is not None:
            return True
        if self._catalogue.roles.lookup(phrase) is not None:
            return True
        covered = sum(m.end - m.start for m in self.kb.skill_mentions(phrase))
        return covered >= 0.5 * len(phrase)

    # -- roles ------------------------------------------------------------------------------------
    def role(
        self, norm: str, text: str | None = None
    ) -> tuple[str | None, str | None, RoleKind | None]:
        """(title, or the words of an ambiguous form such as "pm" or "teaching"; occupation id
        or None; kind). `text` is the message as typed: the role index reads it (capitals tell
        "RN" from "rn" = right now); `norm` is its normalised form for the phrase fallback."""
        raw = norm if text is None else text
        scanned = self._scan_role(raw)
        if scanned is not None:
            title, role_id, start = scanned
            before = normalize(raw[:start]) if text is not None else raw[:start].strip()
            return title, role_id, _role_kind(before + " " if before else "")
        found = self._role_phrase(norm)
        if found is None:
            return None, None, None
        title, role_id, start = found
        return title, role_id, _role_kind(norm[:start])

    def _scan_role_uncached(self, text: str) -> tuple[str, str | None, int] | None:
        """The longest role named in `text`: (title or ambiguous words, id or None, offset).
        Of equally long ones, a role the person wants ("become a data engineer from a data
        analyst") wins, then one asked about ("I'm an RN, how much do NPs make?"), then the
        first."""
        found = self.roles_in(text)
        if not found:
            return None
        size = max(m.size for m in found)
        longest = [m for m in found if m.size == size]
        match = longest[0]
        if len(longest) > 1:
            rank = {"target": 0, "topic": 1, "current": 2}
            kinds = []
            for candidate in longest:
                before = normalize(text[: candidate.start])
                kinds.append(rank[_role_kind(before + " " if before else "")])
            match = longest[kinds.index(min(kinds))]
        if match.ambiguous:
            return match.label, None, match.start
        occupation = self._catalogue.by_id[match.ids[0]]
        return occupation.title, occupation.id, match.start

    def _role_phrase(self, norm: str) -> tuple[str, str | None, int] | None:
        """A role named after "become a", "as a", "I am a": (title or words, id, offset)."""
        for match in _ROLE_PHRASE.finditer(norm):
            phrase = _ROLE_PHRASE_END.sub("", match["phrase"]).strip()
            if (
                len(phrase) < 3
                or len(phrase.split()) > 4
                or all(w in _GENERIC_NOUNS for w in phrase.split())
            ):
                continue
            resolution = self._resolve_role(phrase)
            if resolution is not None:
                return (*resolution, match.start("phrase"))
        return None

    @lru_cache(maxsize=4096)  # noqa: B019 - one extractor per knowledge base, kept for the process
    def _resolve_role(self, phrase: str) -> tuple[str, str | None] | None:
        """The role-phrase index's reading of a phrase after "become a"/"as a" (titles, aliases,
        slang, plurals, typos): (title, id), or (the words, None) when they name several roles
        ("teacher"). The index is a dictionary lookup; the catalogue's fuzzy search is not used
        here (it costs ~10 ms on a phrase it has not seen)."""
        match = self._catalogue.roles.lookup(phrase)
        if match is None:
            return None
        if match.ambiguous:
            return phrase, None
        occupation = self._catalogue.by_id[match.ids[0]]
        return occupation.title, occupation.id

    # -- places -----------------------------------------------------------------------------------
    def location(self, text: str, *, bare: bool = False) -> tuple[str | None, str | None]:
        """(what the user typed, the BLS area name) or (None, None)."""
        cleaned = re.sub(r"[?!;:()\"]", " ", text)
        if bare:
            hit = self._place(" ".join(cleaned.split()).strip(" .,"))
            if hit is not None:
                return hit
        for match in _PLACE_LEAD.finditer(cleaned):
            tail = cleaned[match.end() :]
            words = re.findall(r"[A-Za-z][A-Za-z.'-]*|,", tail)[: MAX_PLACE_WORDS + 1]
            words = _place_words(words)
            if len(words) > 1 and words[0].lower() == "the":
                words = words[1:]  # "in the Bay Area"
            for size in range(len(words), 0, -1):
                phrase = " ".join(words[:size]).replace(" ,", ",").strip(" ,")
                if size < len(words) and not phrase[:1].isupper():
                    continue  # "start over in": only the whole phrase, unless it is a Name
                phrase = re.sub(r"(?<=[a-z]{3})\.$", "", phrase)  # "in Columbus." ends a sentence
                first = words[0]
                if first.lower() in _NOT_PLACE or (
                    len(first) <= 2 and not first.isupper() and first.lower() in _SHORT_WORDS
                ):
                    break
                hit = self._place(phrase)
                if hit is not None:
                    return hit
        for match in re.finditer(r"\b([A-Z][a-zA-Z.'-]+(?:\s+[A-Z][a-zA-Z.'-]+){0,2})", cleaned):
            phrase = match.group(1)
            if match.start() == 0 and phrase.split()[0].lower() in _PLACE_STOP:
                continue
            if phrase.lower() in _NOT_PLACE or self.kb.get_skill(phrase) is not None:
                continue
            hit = self._place(phrase, exact_only=True)
            if hit is not None:
                return hit
        return None, None

    def _place_uncached(
        self, phrase: str, exact_only: bool = False
    ) -> tuple[str, str | None] | None:
        if len(phrase) < 2 or phrase.lower() in _NOT_PLACE or phrase.lower() == "remote":
            return None
        first = norm_text(phrase).split()[0] if norm_text(phrase) else ""
        if len(first) >= 3 and first[:3] not in self._place_starts:
            return None
        if self.kb.get_skill(phrase) is not None:
            return None
        resolution = self.kb.resolve_location(phrase)
        if resolution.area is None and not exact_only and _several(resolution.message):
            return phrase, None  # "Portland": a real place in several states; keep the words
        if resolution.area is None or resolution.remote or resolution.area.is_national:
            return None
        floor = 100.0 if exact_only else LOCATION_ACCEPT
        if resolution.confidence < floor and not (
            resolution.confidence >= 60.0 and not exact_only and "," in phrase
        ):
            return None
        return phrase, resolution.area.name


def _several(message: str | None) -> bool:
    """The resolver's answer for a name several BLS areas share ("Springfield")."""
    return message is not None and "matches several areas" in message


def _place_words(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if word != "," and word.lower() in _PLACE_STOP:
            break
        out.append(word)
    while out and out[-1] == ",":
        out.pop()
    return out


def _role_kind(before: str) -> RoleKind:
    if _TARGET_BEFORE.search(before):
        return "target"
    if _CURRENT_BEFORE.search(before):
        return "current"
    return "topic"


_BEING = re.compile(r"\b(?:am|are|is|was|were|been|be|im|i'm|we're|currently)\s+$")
_NOT_KNOW = re.compile(
    r"^(?:honestly |actually |also |and |but )?i (?:do not|never|no longer|can not) (?:really |"
    r"actually )?(?:know|use|have|speak|work with|code in|program in|do)\b"
)
_TOPIC_STATEMENT = re.compile(
    r"\b(?:want(?:s)? to|wanna|would like to|hope to|hoping to|plan(?:ning)? to|going to|gonna|"
    r"need to|trying to|try to|thinking (?:of|about)|considering|should|might|will|could)\s+"
    r"(?:\w+\s+){0,2}(?:learn|learning|study|studying|pick up|get into|try|master|improve|"
    r"get better at|brush up on|take up|start|switch to|move into|go into)\b[^.!?;]{0,60}$|"
    r"\b(?:interested in|curious about|passionate about|fascinated by|drawn to|excited about|"
    r"intrigued by|eager to learn|keen on|into learning)\b[^.!?;]{0,60}$"
)
_TOPIC_QUESTION = re.compile(
    r"\b(?:learn|learning|study|studying|pick up|master|improve|get better at|brush up on|"
    r"worth|should i|do i need|need to know|how long|how hard|what is|whats|what are|"
    r"certification|certifications|course|courses|class|interested in|curious about|get into|"
    r"go into|switch to|move into|compare|between|instead of|than)\b[^.!?;]{0,50}$|"
    r"^\s*(?:is|are)\s+$"
)
# After the skill: "Kubernetes worth it", "a SQL certification". (A skill beside "or"/"vs" is a
# topic only as one side of a comparison: compare.py decides that, not a bare "or".)
_TOPIC_AFTER = re.compile(r"^\W{0,2}\s*(?:worth|certification|cert|course)\b")
# "my Python and SQL skills": the person's own, even inside a question.
_OWNED = re.compile(r"\b(?:my|our)\s+(?:[\w+#./-]+\s*(?:,|and|&)?\s+){0,3}$")


def _topic(low: str, mention: SkillMention, kind: ClauseKind) -> bool:
    """Is this skill named as a topic (to learn, to compare, to ask about) rather than owned?"""
    before = low[max(0, mention.start - 80) : mention.start]
    if _OWNED.search(before):
        return False
    if kind == "statement":
        return _TOPIC_STATEMENT.search(before) is not None
    if kind == "request":
        return (
            _TOPIC_STATEMENT.search(before) is not None
            or _TOPIC_AFTER.match(low[mention.end :]) is not None
        )
    return (
        _TOPIC_QUESTION.search(before) is not None
        or _TOPIC_AFTER.match(low[mention.end :]) is not None
    )


# -- numbers --------------------------------------------------------------------------------------
def experience_years(text: str) -> float | None:
    """'5 years of experience', '10 yrs', 'been coding for 3 years', '7 years as a mechanic'."""
    for match in _YEARS.finditer(text):
        before = text[: match.start()]
        after = text[match.end() :]
        if _YEARS_NOT.search(before):
            continue
        if not (_YEARS_AFTER.match(after) or _YEARS_BEFORE.search(before)):
            continue
        raw = match.group(1).lower()
        value = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw)
        if 0 < value <= 60:
            return value
    return None


def _is_offer(text: str, start: int, end: int) -> bool:
    return (
        _OFFER_BEFORE.search(text[max(0, start - 40) : start]) is not None
        or _OFFER_AFTER.match(text[end:]) is not None
    )


def _yearly(match: re.Match[str]) -> int | None:
    raw = match["amount"]
    hourly = bool(match["hourly"])
    amount = raw + (" an hour" if hourly else "")
    try:
        return parse_salary(amount.replace(" ", "") if not hourly else amount)
    except InvalidInput:
        return None


def offer_amount(text: str) -> int | None:
    """A job offer's yearly amount: "they offered 65k", "a $32/hr offer", "offer of $80,000"."""
    for match in _AMOUNT.finditer(text):
        raw = match["amount"]
        has_unit = "$" in raw or re.search(r"[kKmM]|thousand|million", raw) is not None
        if not (has_unit or match["hourly"] or len(re.sub(r"\D", "", raw)) >= 5):
            continue
        if _is_offer(text, match.start(), match.end()):
            return _yearly(match)
    return None


def salary_floor(text: str) -> int | None:
    """A yearly floor when the message states one: 'at least 90k', '100k+', '$45/hr'."""
    for match in _AMOUNT.finditer(text):
        raw = match["amount"]
        has_unit = "$" in raw or re.search(r"[kKmM]|thousand|million", raw) is not None
        plus = bool(match["plus"])
        hourly = bool(match["hourly"])
        if not (has_unit or plus or hourly or len(re.sub(r"\D", "", raw)) >= 5):
            continue
        if _is_offer(text, match.start(), match.end()):
            continue  # an offer is not what they want (offer_amount reads it)
        window = text[max(0, match.start() - 40) : match.start()]
        if not (plus or _SALARY_CUE.search(window) or _SALARY_CUE_AFTER.match(text[match.end() :])):
            continue
        value = _yearly(match)
        if value is not None:
            return value
    bare = _BARE_HOURLY.search(text)
    if bare is not None and not _is_offer(text, bare.start(), bare.end()):
        try:
            return parse_salary(f"{bare.group(1)} an hour")
        except InvalidInput:
            return None
    return None


def remote_preference(text: str) -> bool | None:
    """True: wants remote; False: doesn't (a refused remote, hybrid, on-site); None: not said."""
    low = lowered(text)
    return arrangement(low, negated_spans(low))[0]


# "highest paying jobs", "careers that pay well": a ranking by pay, not one role's figure
RANKING = re.compile(
    r"\b(?:highest|best|top|most)[ -]?paying\b|\bpays? (?:the )?(?:most|best)\b|"
    r"\bmost money\b|\bmake the most\b|\b(?:jobs?|careers?|roles?|fields?|trades?|degrees?|"
    r"majors?|industries|occupations|positions|work)\b(?: \w+){0,4} (?:that )?pays? "
    r"(?:well|good|decent|more|better)\b"
)
_NO_DEGREE = re.compile(
    r"\b(?:without|no|not|w/?o|never|skip(?:ping)?) "
    r"(?:an? |any |my |the |getting an? |having an? )?"
    r"(?:college |university |4 year |four year |bachelors? )?(?:degree|diploma|college|"
    r"university|bachelors?)\b|"
    r"\b(?:do not|dont|did not|never) (?:have|got|finish\w*|went to) "
    r"(?:an? |any )?(?:degree|college|university)\b|\bhigh school (?:only|diploma only)\b"
)


_PAY_Q = re.compile(
    r"\bhow much\b.{0,60}\b(?:make|makes|earn|earns|paid|pay|get|gets|salary|money)\b|"
    r"\bwhat\b.{0,40}\b(?:make|makes|earn|earns|get paid|paid)\b"
    r"(?! sense| it\b| the (?:switch|jump|move|change)| a (?:switch|change|move|difference))|"
    r"\b(?:salary|salaries|wage|wages|pay|compensation|income|earnings)\s+"
    r"(?:for|of|like|range|in|at|look)\b|"
    r"\b(?:average|median|typical|starting|entry level)\s+(?:salary|salaries|pay|wage|wages)\b|"
    r"\b(?:salary|salaries|wage|wages|pay)\s*\?|"
    r"\bpays?\s+(?:well|more|better|the most|best)\b|"
    r"\b(?:highest|best|top|well|better)[ -]paying\b|"
    r"\b(?:make|earn)\s+more\s+than\b|\bearnings? potential\b|"
    r"\b(?:salary|pay|wage|rate)\b.{0,25}\b(?:ask for|expect|request|negotiate for|aim for)\b|"
    r"\bwhat should my (?:salary|pay|rate)(?: expectations?| requirements?)? be\b|"
    r"\bwhat is an? (?:good|fair|reasonable|normal|realistic|typical|decent|livable|competitive) "
    r"(?:salary|pay|wage|rate|starting salary)\b|"
    r"^(?!i |my |our )(?:[a-z+#]+ ){0,3}(?:salary|salaries|pay|wages?|earnings)(?: [a-z]+){0,3}"
    r"(?: \?)?$|"
    r"\b(?:make|makes|earn|earns|get paid|paid) (?:good|decent|great|a lot of|much|enough|ok|"
    r"okay|fair|a living|bank|well)\b|"
    r"\b(?:salary|salaries|wages?|pay|earnings|income) (?:compare|vary|differ|change|by state|"
    r"across)\b|\b(?:salary|pay|wage|wages) (?:can|could|would|should|do|will) (?:i|you|one|"
    r"they|we) (?:expect|make|get|earn|ask for)\b|\bwhat (?:kind of |sort of )?(?:salary|pay|"
    r"wage)\b"
)


_DEMAND = re.compile(
    r"\b(?:skills?|skill ?sets?|abilities)\b(?: \w+){0,4} (?:are |is )?"
    r"(?:(?:most |really |highly )?in (?:high )?demand|"
    r"(?:most )?(?:wanted|needed|sought after|valuable|marketable)|"
    r"(?:employers|companies|recruiters|hiring managers) (?:want|look for|need|value))\b|"
    r"\b(?:in demand|most wanted|most needed|most valuable|most marketable|hot|top|hottest) "
    r"skills\b|\bwhat do (?:employers|companies) (?:want|look for)\b"
)


def asks_skills_in_demand(norm: str) -> bool:
    """ "what skills are in demand?", "skills employers want", "hottest skills in tech"."""
    return _DEMAND.search(norm) is not None


def is_pay_ranking(norm: str) -> bool:
    return RANKING.search(norm) is not None


def without_degree(norm: str) -> bool:
    """ "without a degree", "no college", "I never went to college": no degree to count on."""
    return _NO_DEGREE.search(norm) is not None


def is_pay_question(norm: str) -> bool:
    return _PAY_Q.search(norm) is not None

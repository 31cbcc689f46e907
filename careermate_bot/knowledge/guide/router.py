"""From a free-text question to what the guide should answer: a `GuideRoute`.

Two stages, both deterministic:

1. Structure. Occupations and certifications named in the question are found by a dictionary
   scan (mentions.py), skills by the knowledge base's taxonomy. A few frames decide the kind:
   two entities of one kind around "vs"/"or"/"difference between" -> a comparison; "become",
   "get into", "path to" before a role -> how to become; "what does a ... do", "tell me about"
   before a role -> role facts; a certification on its own -> that certification.
2. Topics. Otherwise the playbook index (BM25F, index.py) ranks the advice topics. Its
   confidence combines the top score's strength with its lead over the runner-up; below
   `CLARIFY_BELOW` the route is "clarify" and carries the two best candidates, so a front end
   can ask one short question or show two buttons.

`route` takes well under a millisecond on a warm index (bench/advice.py prints p50/p99).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process

from careermate_bot.knowledge.guide.index import Scored, TopicIndex
from careermate_bot.knowledge.guide.loading import Guide
from careermate_bot.knowledge.guide.mentions import (
    Mention,
    NameScanner,
    Token,
    cert_scanner,
    role_scanner,
    tokens,
)
from careermate_bot.knowledge.guide.text import STOP
from careermate_bot.knowledge.types import Occupation, Skill

RouteKind = Literal[
    "topic",
    "become",
    "role_info",
    "compare_roles",
    "compare_skills",
    "compare_certs",
    "certification",
    "clarify",
]
CLARIFY_BELOW = 0.25
MIN_CANDIDATE_SCORE = 1.2  # below this a topic shares only a stray word with the question
SITUATION_SCORE = 7.0  # a topic this strong beats a how-to-become/role-facts frame
SITUATION_CONFIDENCE = 0.6
FUZZY_ROLE = 88.0  # edit ratio for a misspelt role after "become"
STRENGTH_HALF = 4.0  # a top BM25 score of this size counts as half-strength
MAX_COMPARE_GAP = 6  # tokens allowed between two compared names ("A vs B", "A and B")
MAX_OR_GAP = 3  # "A or B" is common in any question: only when the names are close

# "get into data science": field words that name the usual target role.
FIELD_ROLES: dict[str, str] = {
    "data science": "data-scientist",
    "data analytics": "data-analyst",
    "data analysis": "data-analyst",
    "analytics": "data-analyst",
    "data engineering": "data-engineer",
    "machine learning": "machine-learning-engineer",
    "ml": "machine-learning-engineer",
    "ai": "ai-engineer",
    "artificial intelligence": "ai-engineer",
    "cybersecurity": "information-security-analyst",
    "cyber security": "information-security-analyst",
    "cyber": "information-security-analyst",
    "infosec": "information-security-analyst",
    "information security": "information-security-analyst",
    "software engineering": "software-developer",
    "software development": "software-developer",
    "programming": "software-developer",
    "coding": "software-developer",
    "tech": "software-developer",
    "web development": "web-developer",
    "web design": "web-developer",
    "game development": "game-developer",
    "devops": "devops-engineer",
    "cloud": "cloud-architect",
    "cloud computing": "cloud-architect",
    "ux": "ux-designer",
    "ux design": "ux-designer",
    "ui design": "ui-designer",
    "graphic design": "graphic-designer",
    "product management": "product-manager",
    "project management": "project-manager",
    "nursing": "registered-nurse",
    "medicine": "family-physician",
    "dentistry": "dentist",
    "pharmacy": "pharmacist",
    "physical therapy": "physical-therapist",
    "occupational therapy": "occupational-therapist",
    "social work": "social-worker",
    "law": "lawyer",
    "accounting": "accountant",
    "finance": "financial-analyst",
    "investment banking": "investment-banking-analyst",
    "real estate": "real-estate-agent",
    "insurance": "insurance-sales-agent",
    "hr": "hr-specialist",
    "human resources": "hr-specialist",
    "recruiting": "recruiter",
    "digital marketing": "digital-marketing-specialist",
    "marketing": "marketing-manager",
    "sales": "sales-representative",
    "teaching": "elementary-teacher",
    "teacher": "elementary-teacher",
    "teachers": "elementary-teacher",
    "trucking": "truck-driver",
    "aviation": "airline-pilot",
    "welding": "welder",
    "plumbing": "plumber",
    "construction": "construction-laborer",
    "law enforcement": "police-officer",
    "policing": "police-officer",
    "firefighting": "firefighter",
}

# Licences people ask how to get: the occupation whose route explains it.
LICENCE_ROLES: dict[str, str] = {
    "cdl": "truck-driver",
    "commercial driver's license": "truck-driver",
    "commercial drivers license": "truck-driver",
    "commercial driver's licence": "truck-driver",
    "nclex": "registered-nurse",
    "nclex rn": "registered-nurse",
    "nclex pn": "licensed-practical-nurse",
    "rn license": "registered-nurse",
    "nursing license": "registered-nurse",
    "real estate license": "real-estate-agent",
    "real estate licence": "real-estate-agent",
    "bar exam": "lawyer",
    "cosmetology license": "hairdresser",
    "cosmetology licence": "hairdresser",
    "epa 608": "hvac-technician",
    "section 608": "hvac-technician",
    "a&p license": "aircraft-mechanic",
    "a p license": "aircraft-mechanic",
    "a&p certificate": "aircraft-mechanic",
    "series 7": "securities-sales-agent",
    "pe license": "civil-engineer",
    "pe exam": "civil-engineer",
    "fe exam": "civil-engineer",
    "teaching license": "elementary-teacher",
    "teaching licence": "elementary-teacher",
    "teaching certificate": "elementary-teacher",
    "teaching credential": "elementary-teacher",
    "cna license": "nursing-assistant",
    "cna certification": "nursing-assistant",
    "emt certification": "emt",
    "pilot license": "airline-pilot",
    "pilot licence": "airline-pilot",
    "atp certificate": "airline-pilot",
    "nmls license": "loan-officer",
    "insurance license": "insurance-sales-agent",
    "insurance licence": "insurance-sales-agent",
    "electrical license": "electrician",
    "electrician license": "electrician",
    "journeyman license": "electrician",
    "plumbing license": "plumber",
    "lcsw": "healthcare-social-worker",
    "pharmacy license": "pharmacist",
    "naplex": "pharmacist",
    "usmle": "family-physician",
    "mcat": "family-physician",
    "lsat": "lawyer",
}

_BECOME = re.compile(
    r"(?:\bbecome|\bbecoming|\bbe|\bget into|\bgetting into|\bgo into|\bgoing into|\bbreak into|"
    r"\bbreaking into|\bpath to|\bpath into|\bpathway to|\bcareer as|\bcareer in|\bstart as|"
    r"\bstarting as|\bwork as|\bworking as|\bjob as|\btrain to be|\btrain as|\bqualify as|"
    r"\blicensed as|\bcertified as|\bget started as|\bget started in|\bstart a career in|"
    r"\bstart a career as|\bbecom\w*|\bbecoem\w*|\bbcome|\bbecum\w*)"
    r"\s+(?:an?\s+|the\s+)?$"
)
_INFO = re.compile(
    r"(?:\bwhat (?:does|do|is|are)|\bwhats|\bwhat s|\btell me about|\bdescribe|\bexplain|"
    r"\binfo on|\binformation on|\binformation about|\bmore about|\bday in the life of|\blife of|"
    r"\bjob of|\brole of|\bduties of|\bresponsibilities of|\bwhat exactly is|\bwhat exactly does|"
    r"\bwhat kind of work does|\bwhat work does|\bwhat do you do as|\bcareer path for|"
    r"\bcareer path of|\bcareer path as|\bcareer progression for|\bcareer ladder for)"
    r"\s+(?:being\s+|working as\s+)?(?:an?\s+|the\s+)?$"
)
# "how much do nurses make", "is nursing a good career": the role's facts (pay, education, tasks).
_PAY_OR_WORTH = re.compile(
    r"\bhow much (?:do|does|can|could|will)\b"
    r"|\b(?:salary|salaries|wage|wages|pay|earnings|income)\b"
    r"|\b(?:earn|earns|make|makes|paid)\b.{0,12}$|\bgood (?:career|job|field|profession|choice)\b"
    r"|\bworth (?:it|going)\b|\bjob outlook\b|\bin demand\b|\bdemand for\b|\bfuture of\b"
)
_FIELD_QUESTION = re.compile(
    r"\bgood (?:career|job|field|profession|choice)\b|\bjob outlook\b|\bdemand for\b|"
    r"\bfuture of\b|\bhow much\b.*\b(?:make|makes|earn|earns|paid)\b|\bsalary in\b"
)
_ADVICE_WORDS = re.compile(
    r"\b(?:offer\w*|negotiat\w*|raise|counter\w*|laid|fired|quit\w*|interview\w*|resume|cv|"
    r"cover|promot\w*|boss|ask\w*|expect\w*|history|current|underpaid|cut|"
    r"my (?:job|company|employer))\b"
)
_COMPARE_CUE = re.compile(
    r"\b(?:vs|versus|compare|comparing|comparison|compared|difference|differences|differ|"
    r"better|or)\b"
)
_COMPARATORS = frozenset({"vs", "versus", "or", "v", "compared", "and", "over"})
_WEAK_COMPARATORS = frozenset({"and", "over"})  # need a cue elsewhere ("difference between")
_LINK_WORDS = frozenset("a an the to with being becoming as".split())
# One-word skill names that are common English words: only when typed with a capital.
_SAFE_IN_COMPARISON = frozenset({"excel", "rust", "swift", "ruby", "dart", "react"})
_CAPITAL_ONLY_SKILLS = frozenset(
    {"go", "r", "c", "rust", "excel", "swift", "ruby", "dart", "react"}
)


class KnowledgeLike(Protocol):
    """What the router needs from `KnowledgeBase` (kept narrow for tests)."""

    @property
    def occupations(self) -> tuple[Occupation, ...]: ...

    def get_skill(self, name: str) -> Skill | None: ...


class Candidate(BaseModel):
    """One possible reading of the question."""

    model_config = ConfigDict(frozen=True)

    kind: RouteKind
    ids: tuple[str, ...]
    label: str
    score: float = 0.0


class GuideRoute(BaseModel):
    """What to answer. `ids` are occupation ids, certification ids, canonical skill names or one
    topic id, by kind. For "clarify", `candidates` holds the two best readings."""

    model_config = ConfigDict(frozen=True)

    question: str
    kind: RouteKind
    ids: tuple[str, ...] = ()
    confidence: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    roles: tuple[str, ...] = ()  # occupations named anywhere in the question
    via: str = ""  # which rule decided (for logs and the bench)

    @property
    def id(self) -> str | None:
        return self.ids[0] if self.ids else None

    @property
    def clarify(self) -> bool:
        return self.kind == "clarify"


@dataclass
class _Parsed:
    toks: list[Token]
    norm: str
    offsets: list[int]  # start of each token in `norm`
    roles: list[Mention] = field(default_factory=list)
    certs: list[Mention] = field(default_factory=list)
    skills: list[Mention] = field(default_factory=list)

    def before(self, index: int) -> str:
        return self.norm[: self.offsets[index]] if index < len(self.offsets) else self.norm


class GuideRouter:
    def __init__(
        self, guide: Guide, knowledge: KnowledgeLike, index: TopicIndex | None = None
    ) -> None:
        self.guide = guide
        self.knowledge = knowledge
        self.index = index or TopicIndex(guide.topics.values())
        occupations = list(knowledge.occupations)
        self.titles = {o.id: o.title for o in occupations}
        self.roles: NameScanner = role_scanner(occupations)
        self.certs: NameScanner = cert_scanner(
            (c.id, c.name, c.aliases) for c in guide.certifications.values()
        )
        self.fields: NameScanner = NameScanner("role")
        for name, role_id in FIELD_ROLES.items():
            if role_id in self.titles:
                self.fields.add(name, role_id)
        self._role_names: list[str] = []
        self._role_ids: list[str] = []
        for occ in occupations:
            for name in (occ.title, *occ.aliases):
                if len(name) >= 5:
                    self._role_names.append(name.casefold())
                    self._role_ids.append(occ.id)
        self._fuzzy_role = lru_cache(maxsize=4096)(self._fuzzy_role_uncached)
        self.licences: NameScanner = NameScanner("role")
        for name, role_id in LICENCE_ROLES.items():
            if role_id in self.titles:
                self.licences.add(name, role_id)

    # -- entry point ------------------------------------------------------------------------------
    def route(self, question: str) -> GuideRoute:
        text = question.strip()[:2000]
        parsed = self._parse(text)
        roles = tuple(dict.fromkeys(m.id for m in parsed.roles))
        found = (
            self._compare(parsed)
            or self._become(parsed)
            or self._licence(parsed)
            or self._role_info(parsed)
            or self._certification(parsed)
        )
        if found is not None and found.kind in ("become", "role_info"):
            found = self._situation(text, parsed, found)
        if found is not None:
            return found.model_copy(update={"question": text, "roles": roles})
        return self._topic(text, parsed).model_copy(update={"roles": roles})

    def topic_candidates(self, question: str, limit: int = 3) -> list[Candidate]:
        return [self._topic_candidate(s) for s in self.index.search(question, limit)]

    # -- parsing ----------------------------------------------------------------------------------
    def _parse(self, text: str) -> _Parsed:
        toks = tokens(text)
        offsets, parts, pos = [], [], 0
        for tok in toks:
            offsets.append(pos)
            parts.append(tok.low)
            pos += len(tok.low) + 1
        parsed = _Parsed(toks, " ".join(parts), offsets)
        certs = self.certs.scan(toks)
        roles = self.roles.scan(toks)
        cert_spans = {(m.start, m.end) for m in certs}
        # A name that is both (CPA, CFP, CSM, CMA) is a certification unless the question is
        # about becoming one or names no other certification.
        parsed.certs = certs
        parsed.roles = [m for m in roles if (m.start, m.end) not in cert_spans]
        shared = [m for m in roles if (m.start, m.end) in cert_spans]
        if shared and len(certs) < 2:
            parsed.roles = sorted(parsed.roles + shared, key=lambda m: m.start)
        parsed.skills = self._skills(toks)
        return parsed

    def _skills(self, toks: list[Token], relaxed: bool = False) -> list[Mention]:
        """Skills named in the question. `relaxed` (inside a comparison) also takes one-word
        names that are ordinary English words when typed in lower case ("excel", "react")."""
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            for size in (3, 2, 1):
                window = toks[i : i + size]
                if len(window) < size:
                    continue
                phrase = " ".join(t.raw for t in window)
                if (
                    size == 1
                    and window[0].low in _CAPITAL_ONLY_SKILLS
                    and window[0].raw.islower()
                    and not (relaxed and window[0].low in _SAFE_IN_COMPARISON)
                ):
                    continue
                if size == 1 and (window[0].low in STOP or len(window[0].low) < 1):
                    continue
                skill = self.knowledge.get_skill(phrase)
                if skill is not None:
                    out.append(Mention("role", skill.name, i, i + size, phrase))
                    i += size - 1
                    break
            i += 1
        return out

    # -- frames -----------------------------------------------------------------------------------
    def _compare(self, p: _Parsed) -> GuideRoute | None:
        if not _COMPARE_CUE.search(p.norm):
            return None
        strong_cue = re.search(
            r"\b(?:vs|versus|compare|comparing|comparison|difference|differences|differ)\b", p.norm
        )
        roles = self._distributed_roles(p)
        for kind, mentions in (
            ("compare_certs", p.certs),
            ("compare_roles", roles),
            ("compare_skills", self._skills(p.toks, relaxed=True)),
        ):
            pair = _pair(mentions, p.toks, bool(strong_cue))
            if pair is None:
                continue
            a, b = pair
            label = f"{self._label(kind, a.id)} vs {self._label(kind, b.id)}"
            return GuideRoute(
                question="",
                kind=kind,  # type: ignore[arg-type]
                ids=(a.id, b.id),
                confidence=0.9,
                candidates=(Candidate(kind=kind, ids=(a.id, b.id), label=label, score=1.0),),  # type: ignore[arg-type]
                via="compare",
            )
        return None

    def _distributed_roles(self, p: _Parsed) -> list[Mention]:
        """Role mentions plus a shared head noun spread to the word before a comparator:
        "frontend vs backend developer" also names "frontend developer"."""
        taken = {i for m in p.roles for i in range(m.start, m.end)}
        extra: list[Mention] = [  # field words ("teacher", "data science") count as roles here
            m for m in self.fields.scan(p.toks) if not taken & set(range(m.start, m.end))
        ]
        for mention in p.roles:
            k = mention.start - 1
            if mention.end - mention.start < 2 or k < 1 or p.toks[k].low not in _COMPARATORS:
                continue
            head = p.toks[mention.start + 1 : mention.end]
            for size in (2, 1):
                left = p.toks[max(0, k - size) : k]
                if len(left) < size:
                    continue
                found = self.roles.scan([*left, *head])
                if found and found[0].end == len(left) + len(head) and found[0].start == 0:
                    extra.append(Mention("role", found[0].id, k - size, k, found[0].text))
                    break
        if not extra:
            return p.roles
        return sorted([*p.roles, *extra], key=lambda m: m.start)

    def _become(self, p: _Parsed) -> GuideRoute | None:
        for mention in p.roles + p.certs:
            if _BECOME.search(p.before(mention.start)):
                if mention.kind == "cert":
                    role = self._cert_role(mention.id)
                    if role is None:
                        continue
                    return self._single("become", role, 0.85, "become:cert")
                return self._single("become", mention.id, 0.95, "become")
        for mention in self.fields.scan(p.toks):
            if _BECOME.search(p.before(mention.start)):
                return self._single("become", mention.id, 0.8, "become:field")
        match = re.search(
            r"\b(?:becom\w*|becoem\w*|bcome|becum\w*)\s+(?:an?\s+)?(?P<rest>[a-z ]{3,40})", p.norm
        )
        if match:
            phrase = re.split(
                r"\b(?:in|at|with|and|or|if|when|without|after|before|by)\b", match["rest"]
            )[0]
            words = [w for w in phrase.split() if w not in STOP][:4]
            if words:
                role = self._fuzzy_role(" ".join(words))
                if role is not None:
                    return self._single("become", role, 0.7, "become:fuzzy")
        return None

    def _fuzzy_role_uncached(self, phrase: str) -> str | None:
        """A misspelt role name ("dental hygenist"): the closest catalogue title or alias by
        edit ratio, only when it is close (a plain ratio over ~2,400 names: about a millisecond,
        where the catalogue's own resolver, built for did-you-mean lists, takes several)."""
        if len(phrase) < 5:
            return None
        hit = process.extractOne(
            phrase, self._role_names, scorer=fuzz.ratio, score_cutoff=FUZZY_ROLE
        )
        return self._role_ids[hit[2]] if hit else None

    def _licence(self, p: _Parsed) -> GuideRoute | None:
        """ "How do I get a CDL?", "tips for the NCLEX": the licensing route of that role."""
        found = self.licences.scan(p.toks)
        if found and not p.certs:
            return self._single("become", found[0].id, 0.85, "licence")
        return None

    def _role_info(self, p: _Parsed) -> GuideRoute | None:
        for mention in p.roles:
            if _INFO.search(p.before(mention.start)):
                return self._single("role_info", mention.id, 0.9, "role_info")
        if p.roles and _PAY_OR_WORTH.search(p.norm) and not _ADVICE_WORDS.search(p.norm):
            return self._single("role_info", p.roles[0].id, 0.8, "role_info:pay")
        if not p.roles:
            fields = self.fields.scan(p.toks)
            if fields and _FIELD_QUESTION.search(p.norm) and not _ADVICE_WORDS.search(p.norm):
                return self._single("role_info", fields[0].id, 0.7, "role_info:field")
        if len(p.roles) == 1 and not p.certs:
            rest = [
                t.low
                for i, t in enumerate(p.toks)
                if not p.roles[0].start <= i < p.roles[0].end and t.low not in STOP
            ]
            if len(rest) <= 3 and all(w in _ROLE_ONLY_WORDS for w in rest):
                return self._single("role_info", p.roles[0].id, 0.75, "role_info:bare")
        return None

    def _certification(self, p: _Parsed) -> GuideRoute | None:
        ids = list(dict.fromkeys(m.id for m in p.certs))
        if len(ids) == 1:
            return self._single("certification", ids[0], 0.85, "certification")
        return None

    def _situation(self, text: str, p: _Parsed, found: GuideRoute) -> GuideRoute:
        """ "Can I become a nurse with a criminal record?": when the rest of the question is
        clearly one playbook situation, answer that topic (the role stays in `roles` and the
        answer adds its licensing); the role's own entry becomes the second candidate."""
        rest = " ".join(
            t.raw for i, t in enumerate(p.toks) if not any(m.start <= i < m.end for m in p.roles)
        )
        hits = self.index.search(rest, 3)
        if (
            not hits
            or hits[0].score < SITUATION_SCORE
            or topic_confidence(hits) < SITUATION_CONFIDENCE
        ):
            return found
        topic = self._topic_candidate(hits[0])
        return GuideRoute(
            question=text,
            kind="topic",
            ids=topic.ids,
            confidence=topic_confidence(hits),
            candidates=(topic, *found.candidates),
            via=f"topic:over-{found.via}",
        )

    # -- topics -----------------------------------------------------------------------------------
    def _topic(self, text: str, p: _Parsed) -> GuideRoute:
        hits = [h for h in self.index.search(text, 3) if h.score >= MIN_CANDIDATE_SCORE]
        candidates = [self._topic_candidate(s) for s in hits]
        if p.roles:  # a role is named but no frame matched: its facts are a fair second reading
            role = p.roles[0].id
            candidates.append(
                Candidate(kind="role_info", ids=(role,), label=f"About: {self.titles[role]}")
            )
        if not hits:
            return GuideRoute(
                question=text,
                kind="clarify",
                confidence=0.0,
                candidates=tuple(candidates[:2]),
                via="topic:none",
            )
        confidence = topic_confidence(hits)
        if confidence < CLARIFY_BELOW:
            return GuideRoute(
                question=text,
                kind="clarify",
                ids=(hits[0].topic_id,),
                confidence=confidence,
                candidates=tuple(candidates[:2]),
                via="topic:low",
            )
        return GuideRoute(
            question=text,
            kind="topic",
            ids=(hits[0].topic_id,),
            confidence=confidence,
            candidates=tuple(candidates[:3]),
            via="topic",
        )

    def _topic_candidate(self, scored: Scored) -> Candidate:
        topic = self.guide.topics[scored.topic_id]
        return Candidate(
            kind="topic", ids=(topic.id,), label=topic.title, score=round(scored.score, 3)
        )

    # -- helpers ----------------------------------------------------------------------------------
    def _single(self, kind: RouteKind, target: str, confidence: float, via: str) -> GuideRoute:
        label = self._label(kind, target)
        return GuideRoute(
            question="",
            kind=kind,
            ids=(target,),
            confidence=confidence,
            candidates=(Candidate(kind=kind, ids=(target,), label=label, score=1.0),),
            via=via,
        )

    def _label(self, kind: str, target: str) -> str:
        if kind in ("compare_certs", "certification"):
            return self.guide.certifications[target].name
        if kind == "compare_skills":
            return target
        return self.titles.get(target, target)

    def _cert_role(self, cert_id: str) -> str | None:
        """The occupation a licence-like certification stands for ("become a CPA")."""
        serves = self.guide.certifications[cert_id].serves
        return serves[0] if serves else None


_ROLE_ONLY_WORDS = frozenset(
    """career careers job jobs role roles field profession path info about life day duties
    responsibilities description overview""".split()
)


def _pair(
    mentions: list[Mention], toks: list[Token], strong_cue: bool
) -> tuple[Mention, Mention] | None:
    """Two different names with a comparator between them, close together."""
    distinct: list[Mention] = []
    for m in mentions:
        if all(m.id != d.id for d in distinct):
            distinct.append(m)
    for first, second in itertools.pairwise(distinct):
        between = [t.low for t in toks[first.end : second.start]]
        gap = [w for w in between if w not in _LINK_WORDS]
        comparators = [w for w in gap if w in _COMPARATORS]
        if not comparators:
            if strong_cue and not gap:
                return first, second  # "data analyst, data scientist: differences?"
            continue
        if all(c in _WEAK_COMPARATORS for c in comparators) and not strong_cue:
            continue
        limit = MAX_OR_GAP if comparators == ["or"] else MAX_COMPARE_GAP
        if len(gap) <= limit:
            return first, second
    return None


def topic_confidence(hits: list[Scored]) -> float:
    """0..1 from the top score's size and its lead over the second."""
    top = hits[0].score
    second = hits[1].score if len(hits) > 1 else 0.0
    strength = top / (top + STRENGTH_HALF)
    lead = (top - second) / top if top > 0 else 0.0
    return round(min(1.0, 0.6 * strength + 0.4 * lead + 0.15 * strength * (1 - lead)), 3)

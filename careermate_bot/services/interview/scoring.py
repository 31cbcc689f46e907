"""Deterministic, explainable 0-100 scores for interview answers. No LLM, a few milliseconds.

Behavioral (and any question that is not a bank question):
    STAR 40 (situation, task, action, result: 10 each; one cue = 7, two or more = 10)
  + specificity 20 (numbers 0/5/8, named tools/people/places 0/4/6, an outcome 0/6)
  + ownership 15 ("I" actions vs "we" actions: >=60% 15, >=40% 10, else 5; no "I" action 0)
  + length 15 (words: <15 0, 15-39 5, 40-79 10, 80-400 15, 401-600 10, more 6)
  + relevance 10 (the question's topic or competency words in the answer: 2+ 10, 1 5)
Technical and role questions:
    key points 60 (each point matched = full share, half-matched = half; taxonomy + fuzzy words)
  + skills 15 (the question's and the role's skills named: 1 = 8, 2+ = 15)
  + depth 15 (reasoning cues: because, for example, trade-off, ...: 1 = 5, 2 = 10, 3+ = 15)
  + length 10 (words: <10 0, 10-29 4, 30-59 7, 60-450 10, more 7)
Then: an empty answer or "idk" scores 0-3, keyboard noise / lorem ipsum / one word repeated
scores at most 2, an answer on another topic at most 10, hedging costs 5.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process

from careermate_bot.common.user_text import visible_multiline
from careermate_bot.knowledge.base import OCCUPATIONS_FILE, SKILLS_FILE, KnowledgeBase
from careermate_bot.knowledge.catalogue import OccupationCatalogue
from careermate_bot.knowledge.extraction import SkillExtractor
from careermate_bot.knowledge.loading import package_data_dir
from careermate_bot.knowledge.taxonomy import SkillTaxonomy
from careermate_bot.knowledge.types import Occupation
from careermate_bot.services.interview.bank import (
    BankIndex,
    QuestionKind,
    QuestionSnapshot,
    infer_competency,
    shipped_bank,
)
from careermate_bot.services.interview.lexicon import (
    ACTION_CUES,
    COMMON_WORDS,
    COMPETENCY_WORDS,
    DEPTH_CUES,
    I_WORDS,
    NON_ANSWER_PATTERNS,
    NON_ANSWER_PHRASES,
    REASON_CUES,
    RESULT_CUES,
    SITUATION_CUES,
    STORY_CUES,
    TASK_CUES,
    WE_WORDS,
    WORK_WORDS,
)
from careermate_bot.services.interview.text import (
    acronyms,
    content_stems,
    noise_report,
    numbers,
    stem,
    words,
)

MAX_ANSWER_CHARS = 4000
OFF_TOPIC_CAP = 10
OTHER_QUESTION_CAP = 50  # a good story that answers a different question
_BROAD_COMPETENCIES = frozenset({"motivation"})  # "why this job?" answers vary too much
GIBBERISH_CAP = 2
NON_ANSWER_CAP = 3
HEDGE_PENALTY = 5
FUZZY_WORD_CUTOFF = 85
BEHAVIORAL_EXTRACT_CHARS = 2500


class ScorePart(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    points: int
    max_points: int
    detail: str = ""


class AnswerScore(BaseModel):
    """One answer's score and everything that explains it."""

    model_config = ConfigDict(frozen=True)

    score: int  # 0-100
    kind: QuestionKind
    question_id: str | None = None
    competency: str | None = None
    parts: tuple[ScorePart, ...] = ()
    matched: tuple[str, ...] = ()  # what the answer did (STAR elements, key points, skills)
    missed: tuple[str, ...] = ()  # what it lacked
    tips: tuple[str, ...] = ()  # what to do next time, most points first
    strengths: tuple[str, ...] = ()
    penalties: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # empty, non_answer, gibberish, off_topic, too_short, hedging
    skills: tuple[str, ...] = ()  # relevant skills the answer named
    words: int = 0
    how_scored: str = ""

    @property
    def band(self) -> str:
        if self.score >= 80:
            return "strong"
        if self.score >= 60:
            return "good"
        if self.score >= 35:
            return "fair"
        return "weak"


# -- knowledge ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoringKnowledge:
    """What scoring needs from the knowledge layer: skill extraction and role lookup."""

    extract: Callable[[str], list[str]]
    resolve_role: Callable[[str], Occupation | None]
    known_words: frozenset[str]  # words of skill names and aliases (never "noise")
    soft_skills: frozenset[str] = frozenset()  # "Teamwork" is a claim, not a named specific

    @classmethod
    def from_parts(
        cls, taxonomy: SkillTaxonomy, extractor: SkillExtractor, catalogue: OccupationCatalogue
    ) -> ScoringKnowledge:
        known: set[str] = set()
        for skill in taxonomy.skills.values():
            for written in (skill.name, *skill.aliases):
                known.update(words(written))

        @lru_cache(maxsize=256)
        def resolve(text: str) -> Occupation | None:
            found = catalogue.get(text)
            return found if found is not None else catalogue.resolve(text).occupation

        soft = frozenset(n for n, skill in taxonomy.skills.items() if skill.category == "soft")
        return cls(extractor.extract, resolve, frozenset(known), soft)

    @classmethod
    def from_knowledge_base(cls, kb: KnowledgeBase) -> ScoringKnowledge:
        return cls.from_parts(kb.taxonomy, kb.extractor, kb.catalogue)


@functools.cache
def shipped_knowledge() -> ScoringKnowledge:
    """Taxonomy and catalogue from the shipped data (read once; no wage database needed).
    Runtime code builds its `ScoringKnowledge` from the app's knowledge base instead."""
    pkg = package_data_dir()
    taxonomy = SkillTaxonomy.from_yaml(pkg / SKILLS_FILE)
    catalogue = OccupationCatalogue.from_yaml(pkg / OCCUPATIONS_FILE)
    extractor = SkillExtractor(taxonomy.rules, {n: s.category for n, s in taxonomy.skills.items()})
    return ScoringKnowledge.from_parts(taxonomy, extractor, catalogue)


# -- compiled cues -----------------------------------------------------------------------------
def _compile(patterns: tuple[str, ...], label: str) -> re.Pattern[str]:
    return re.compile("|".join([rf"\b{label}\s*[:\-]", *patterns]))


_SITUATION = _compile(SITUATION_CUES, "situation")
_TASK = _compile(TASK_CUES, "task")
_ACTION = _compile(ACTION_CUES, "action")
_RESULT = _compile(RESULT_CUES, "result")
_DEPTH = [re.compile(p) for p in DEPTH_CUES]
_REASON = re.compile("|".join(REASON_CUES))
_I_ACTION = re.compile(
    r"\bi (?:then |also |first |quickly |personally |immediately |finally |have |had |'ve )?"
    r"(?:[a-z]{3,}ed|built|wrote|led|made|took|ran|set|spoke|met|began|brought|chose|drew|drove|"
    r"found|gave|got|held|kept|sent|showed|sought|spent|stood|taught|told|won|did|went|put|"
    r"broke|caught|fought|paid|said|sat|split|thought|understood)\b"
)
_WE_ACTION = re.compile(
    r"\bwe (?:then |also |first |finally |all )?"
    r"(?:[a-z]{3,}ed|built|wrote|led|made|took|ran|set|spoke|met|began|brought|chose|drew|drove|"
    r"found|gave|got|held|kept|sent|showed|spent|won|did|went|put|broke|split|thought)\b"
)
_NOT_ACTIONS = frozenset({"i need", "i wanted", "i liked", "i loved", "i used", "i hated"})
_HEDGES = re.compile(
    r"\b(?:i guess|maybe|i'm not sure|not sure|probably|i think maybe|kind of|sort of)\b"
)
_NON_ANSWER = re.compile(rf"(?:{'|'.join(NON_ANSWER_PATTERNS)})[\s.!?]*")
_CAP_WORD = r"[A-Z](?:[A-Za-z0-9&+#'’-]|\.(?=[A-Za-z0-9]))*"
_PROPER = re.compile(rf"\b{_CAP_WORD}(?: {_CAP_WORD})*")


# -- entry points ------------------------------------------------------------------------------
def score_answer(
    question: str,
    answer: str,
    role: str | None = None,
    *,
    bank: BankIndex | None = None,
    knowledge: ScoringKnowledge | None = None,
) -> AnswerScore:
    """Score `answer` to `question` (free text). A question that matches a bank question is
    scored as that question (technical ones by their key points); any other as behavioral."""
    index = bank if bank is not None else shipped_bank()
    snapshot = index.match(question) or QuestionSnapshot(
        kind="behavioral", text=question, competency=infer_competency(question)
    )
    return score_question(snapshot, answer, role, knowledge=knowledge)


def score_question(
    question: QuestionSnapshot,
    answer: str,
    role: str | Occupation | None = None,
    *,
    knowledge: ScoringKnowledge | None = None,
) -> AnswerScore:
    """Score an answer to a known question (the session service's path)."""
    kn = knowledge or shipped_knowledge()
    occupation = (
        kn.resolve_role(role)
        if isinstance(role, str) and role.strip()
        else (role if not isinstance(role, str) else None)
    )
    # Zero-width characters and other invisibles are dropped: an answer of only those is empty.
    text = visible_multiline((answer or "")[:MAX_ANSWER_CHARS])
    base = {"kind": question.kind, "question_id": question.id, "competency": question.competency}
    if not text:
        return _floor(
            base, 0, "empty", "No answer was given.", "Answer the question, even briefly."
        )
    answer_words = words(text)
    if _is_non_answer(text, answer_words):
        return _floor(
            base,
            min(NON_ANSWER_CAP, len(answer_words) // 3),
            "non_answer",
            "The answer says there is no answer.",
            "Pick any real example - from work, study or volunteering - and walk through it.",
            words=len(answer_words),
        )
    if not answer_words:  # only numbers, emoji or punctuation
        return _floor(base, 0, "gibberish", "The answer has no words.", "Answer in full sentences.")
    noise = noise_report(answer_words, kn.known_words | acronyms(text))
    if question.kind == "behavioral":
        result = _behavioral(question, text, answer_words, kn)
    else:
        result = _technical(question, text, answer_words, kn, occupation)
    if noise.gibberish:
        what = "filler text" if noise.lorem_share >= 0.3 else "mostly noise, not words"
        return _floor(
            base,
            min(GIBBERISH_CAP, result.score // 20),
            "gibberish",
            f"The answer is {what}.",
            "Write a real answer in full sentences.",
            words=len(answer_words),
        )
    return result


# -- floors (empty, non-answers, noise) --------------------------------------------------------
def _floor(
    base: dict[str, Any], score: int, flag: str, why: str, tip: str, words: int = 0
) -> AnswerScore:
    return AnswerScore(
        score=max(0, score),
        **base,
        missed=(why,),
        tips=(tip,),
        penalties=(why,),
        flags=(flag,),
        words=words,
        how_scored=f"{why} Such answers score 0-{NON_ANSWER_CAP}. = {max(0, score)}/100",
    )


def _is_non_answer(text: str, answer_words: list[str]) -> bool:
    lowered = " ".join(text.casefold().replace("’", "'").split())
    if _NON_ANSWER.fullmatch(lowered):
        return True
    if len(answer_words) <= 8:
        return any(phrase in lowered for phrase in NON_ANSWER_PHRASES)
    return False


# -- behavioral --------------------------------------------------------------------------------
_STAR_TIPS = {
    "Situation": "Open with the situation: where you were and what was going on (one sentence).",
    "Task": "Say what you had to achieve - the goal, deadline or problem that was yours.",
    "Action": "Describe the steps you took yourself, with 'I' and action verbs.",
    "Result": "Finish with the result: what changed, ideally with a number, and what you learned.",
}


def _star_points(hits: int) -> int:
    return 0 if hits == 0 else (7 if hits == 1 else 10)


def _behavioral(
    question: QuestionSnapshot, text: str, answer_words: list[str], kn: ScoringKnowledge
) -> AnswerScore:
    lowered = " ".join(text.casefold().replace("’", "'").split())
    n = len(answer_words)
    matched: list[str] = []
    missed: list[str] = []
    tips: list[tuple[int, str]] = []
    strengths: list[str] = []

    # STAR 40
    i_actions = [m for m in _I_ACTION.findall(lowered) if m not in _NOT_ACTIONS]
    story = _asks_for_story(question.text)
    reasons = 0 if story else len(_REASON.findall(lowered))
    star_hits = {
        "Situation": _count(_SITUATION, lowered),
        "Task": _count(_TASK, lowered) + reasons,
        "Action": _count(_ACTION, lowered) + len(set(i_actions)),
        "Result": _count(_RESULT, lowered),
    }
    star = 0
    found_elements = []
    for element, hits in star_hits.items():
        pts = _star_points(hits)
        star += pts
        if pts:
            found_elements.append(element.lower())
            matched.append(element)
        else:
            missed.append(element)
            tips.append((10, _STAR_TIPS[element]))
    if star >= 34:
        strengths.append("A clear STAR structure: situation, task, action and result.")

    # specificity 20
    nums = numbers(text)
    # Two named things are the most specificity pays for; a long answer names them early.
    skills = kn.extract(text[:BEHAVIORAL_EXTRACT_CHARS])
    proper = _proper_nouns(text)
    hard_skills = [sk for sk in skills if sk not in kn.soft_skills]
    named = list(dict.fromkeys([*hard_skills, *proper]))
    outcome = star_hits["Result"] > 0
    spec = 0 if not nums else (5 if len(nums) == 1 else 8)
    spec += 0 if not named else (4 if len(named) == 1 else 6)
    spec += 6 if outcome else 0
    if nums:
        matched.append(f"numbers ({', '.join(nums[:3])})")
    else:
        missed.append("numbers")
        tips.append((8, "Put a number on it: how many people, how much time, what % changed."))
    if named:
        matched.append(f"named specifics ({', '.join(named[:3])})")
    else:
        missed.append("named tools, people or places")
        tips.append((6, "Name the specifics: the tool, the team, the customer, the project."))
    if spec >= 16:
        strengths.append("Specific: numbers and named details make the story credible.")

    # ownership 15
    we_actions = _WE_ACTION.findall(lowered)
    mine, ours = len(i_actions), len(we_actions)
    if mine == 0:
        own = 0
        missed.append("your own actions ('I ...')")
        tips.append((15, "Say what *you* did: 'I called...', 'I rewrote...', not only 'we'."))
    else:
        share = mine / (mine + ours)
        own = 15 if share >= 0.6 else (10 if share >= 0.4 else 5)
        matched.append(f"'I' actions ({mine} vs {ours} 'we')")
        if own < 15:
            tips.append((15 - own, "Say more about what *you* did; 'we' hides your part."))
        else:
            strengths.append("Clear ownership: the answer says what you did yourself.")

    # length 15
    length = _band(n, ((15, 0), (40, 5), (80, 10), (401, 15), (601, 10)), 6)
    if n < 40:
        tips.append(
            (15 - length, f"Say more: {n} words is thin; aim for 80-300 (about 1-2 minutes).")
        )
    elif n > 400:
        tips.append((15 - length, f"Tighten it: {n} words is long; aim for 80-300."))

    # relevance 10
    topic = _topic_stems(question)
    answer_stems = set(content_stems(text))
    work_hits = sum(1 for w in set(answer_words) if w in WORK_WORDS)
    if topic:
        rel_hits = len(topic & answer_stems)
    else:
        rel_hits = min(2, work_hits)
    relevance = 10 if rel_hits >= 2 else (5 if rel_hits == 1 else 0)
    if relevance == 0:
        missed.append("the question's theme")
        tips.append((10, "Tie the story to what was asked" + _about(question) + "."))

    parts = (
        ScorePart(
            name="STAR", points=star, max_points=40, detail=", ".join(found_elements) or "none"
        ),
        ScorePart(name="specificity", points=spec, max_points=20),
        ScorePart(name="ownership", points=own, max_points=15),
        ScorePart(name="length", points=length, max_points=15, detail=f"{n} words"),
        ScorePart(name="relevance", points=relevance, max_points=10),
    )
    total = sum(p.points for p in parts)
    flags: list[str] = []
    penalties: list[str] = []
    if n < 15:
        flags.append("too_short")
    if rel_hits == 0 and work_hits == 0:
        flags.append("off_topic")
        penalties.append(
            f"Off topic: nothing in it relates to the question (capped at {OFF_TOPIC_CAP})."
        )
        total = min(total, OFF_TOPIC_CAP)
    elif (
        rel_hits == 0
        and question.competency in COMPETENCY_WORDS
        and question.competency not in _BROAD_COMPETENCIES
        and total > OTHER_QUESTION_CAP
    ):
        flags.append("other_question")
        penalties.append(
            "A story, but not about what was asked"
            + _about(question)
            + f" (capped at {OTHER_QUESTION_CAP})."
        )
        total = OTHER_QUESTION_CAP
    total = _hedge(lowered, total, flags, penalties)
    return _result(
        question, total, parts, matched, missed, tips, strengths, penalties, flags, skills, n
    )


# -- technical ---------------------------------------------------------------------------------
def _technical(
    question: QuestionSnapshot,
    text: str,
    answer_words: list[str],
    kn: ScoringKnowledge,
    occupation: Occupation | None,
) -> AnswerScore:
    lowered = " ".join(text.casefold().split())
    n = len(answer_words)
    answer_stems = set(content_stems(text))
    stem_list = sorted(answer_stems)
    answer_skills = kn.extract(text)
    matched: list[str] = []
    missed: list[str] = []
    tips: list[tuple[int, str]] = []
    strengths: list[str] = []

    # key points 60
    points = question.key_points or (question.text,)
    credit = 0.0
    half: list[str] = []
    any_hit = False
    for point, (weights, point_skills) in zip(
        points, _point_weights(question.text, points, kn.extract), strict=True
    ):
        coverage, hits = _coverage(weights, point_skills, answer_stems, stem_list, answer_skills)
        if hits:
            any_hit = True
        if coverage >= 0.5 or (hits >= 2 and coverage >= 0.4):
            credit += 1
            matched.append(point)
        elif coverage >= 0.25 and hits >= 1:
            credit += 0.5
            half.append(point)
            missed.append(point + " (partly)")
        else:
            missed.append(point)
    key = round(60 * credit / len(points))
    full = sum(1 for p in points if p in matched)
    first_missing = next((p for p in points if p not in matched), None)
    if first_missing is not None:
        tips.append((round(60 / len(points)), f"Cover: {first_missing}."))
    if credit >= len(points) * 0.8:
        strengths.append("Covers the key points an interviewer listens for.")

    # skills 15
    relevant = set(question.skills) | _question_skills(
        question.text, question.key_points, kn.extract
    )
    if occupation is not None:
        relevant.update(getattr(occupation, "core_skills", ()))
    named = [s for s in answer_skills if s in relevant] if relevant else list(answer_skills)
    if not named and question.skills and credit >= len(points) / 2:
        named = [question.skills[0]]  # shown through the key points without naming it
    skill_pts = 0 if not named else (8 if len(named) == 1 else 15)
    if named:
        matched.append(f"skills named ({', '.join(named[:4])})")
    else:
        ordered = [*question.skills, *sorted(relevant - set(question.skills))]
        wanted = ", ".join(ordered[:3])
        missed.append("the relevant skills by name")
        tips.append(
            (15, f"Name the tools and methods you would use{f' ({wanted})' if wanted else ''}.")
        )

    # depth 15
    depth_hits = sum(1 for rx in _DEPTH if rx.search(lowered))
    depth = 0 if depth_hits == 0 else (5 if depth_hits == 1 else (10 if depth_hits == 2 else 15))
    if depth < 10:
        tips.append((15 - depth, "Explain why: a reason, an example, a trade-off you weighed."))
    else:
        strengths.append("Explains the reasoning, not only the answer.")

    # length 10
    length = _band(n, ((10, 0), (30, 4), (60, 7), (451, 10)), 7)
    if n < 30:
        tips.append((10 - length, f"Say more: {n} words rarely covers a technical question."))

    parts = (
        ScorePart(
            name="key points",
            points=key,
            max_points=60,
            detail=f"{full}/{len(points)}" + (f" (+{len(half)} partly)" if half else ""),
        ),
        ScorePart(name="skills", points=skill_pts, max_points=15),
        ScorePart(name="depth", points=depth, max_points=15),
        ScorePart(name="length", points=length, max_points=10, detail=f"{n} words"),
    )
    total = sum(p.points for p in parts)
    flags: list[str] = []
    penalties: list[str] = []
    topic = _topic_stems(question)
    if n < 10:
        flags.append("too_short")
    if not any_hit and not named and not (topic & answer_stems):
        flags.append("off_topic")
        penalties.append(f"Off topic: it doesn't address the question (capped at {OFF_TOPIC_CAP}).")
        total = min(total, OFF_TOPIC_CAP)
    total = _hedge(lowered, total, flags, penalties)
    return _result(
        question, total, parts, matched, missed, tips, strengths, penalties, flags, named, n
    )


# -- helpers -----------------------------------------------------------------------------------
def _count(rx: re.Pattern[str], text: str, cap: int = 2) -> int:
    """Matches of `rx` in `text`, counting no further than `cap` (STAR pays for two)."""
    found = 0
    for _ in rx.finditer(text):
        found += 1
        if found >= cap:
            break
    return found


def _band(n: int, bands: tuple[tuple[int, int], ...], beyond: int) -> int:
    for limit, points in bands:
        if n < limit:
            return points
    return beyond


def _hedge(lowered: str, total: int, flags: list[str], penalties: list[str]) -> int:
    if len(_HEDGES.findall(lowered)) >= 2 and total > HEDGE_PENALTY:
        flags.append("hedging")
        penalties.append(f"Hedging ('maybe', 'I guess') twice or more: -{HEDGE_PENALTY}.")
        return total - HEDGE_PENALTY
    return total


@lru_cache(maxsize=2048)
def _asks_for_story(question: str) -> bool:
    lowered = question.casefold()
    return any(cue in lowered for cue in STORY_CUES)


def _about(question: QuestionSnapshot) -> str:
    if question.competency and question.competency != "general":
        return f" ({question.competency})"
    return ""


def _proper_nouns(text: str) -> list[str]:
    """Runs of capitalised words ("St Mary's", "Acme", "Power BI") that are not a sentence's
    first word or "I": names of people, places, companies and tools."""
    found: list[str] = []
    for m in _PROPER.finditer(text):
        parts = m.group().split(" ")
        before = text[: m.start()].rstrip()
        if not before or before[-1] in ".!?:;\n\"'(":
            parts = parts[1:]  # a sentence's first word is capitalised anyway
        while parts and parts[0].casefold().rstrip("'’s") in COMMON_WORDS | I_WORDS | WE_WORDS:
            parts = parts[1:]
        name = " ".join(parts).removesuffix("'s").removesuffix("’s")
        if len(name) >= 2 and name.casefold() not in COMMON_WORDS | I_WORDS | WE_WORDS:
            found.append(name)
    return list(dict.fromkeys(found))


@lru_cache(maxsize=2048)
def _topic_stems_cached(text: str, competency: str | None) -> frozenset[str]:
    stems = set(content_stems(text))
    if competency and competency in COMPETENCY_WORDS:
        stems |= {stem(w) for w in COMPETENCY_WORDS[competency]}
    return frozenset(stems)


def _topic_stems(question: QuestionSnapshot) -> frozenset[str]:
    return _topic_stems_cached(question.text, question.competency)


@lru_cache(maxsize=1024)
def _question_skills(
    question: str, points: tuple[str, ...], extract: Callable[[str], list[str]]
) -> frozenset[str]:
    found = set(extract(question))
    for point in points:
        found.update(extract(point))
    return frozenset(found)


@lru_cache(maxsize=1024)
def _point_weights(
    question: str, points: tuple[str, ...], extract: Callable[[str], list[str]]
) -> tuple[tuple[dict[str, float], frozenset[str]], ...]:
    """Per key point: {stem: weight} and its skills. Words of the question itself weigh 0.25
    (every answer repeats them), words shared with another key point 0.5, skills 2."""
    asked = set(content_stems(question))
    parsed = []
    for point in points:
        skills = frozenset(extract(point))
        skill_words = {stem(w) for s in skills for w in words(s)}
        parsed.append((skills, {s for s in content_stems(point) if s not in skill_words}))
    out = []
    for i, (skills, stems) in enumerate(parsed):
        others = set().union(*(p[1] for j, p in enumerate(parsed) if j != i))
        weights = {s: 0.25 if s in asked else (0.5 if s in others else 1.0) for s in sorted(stems)}
        out.append((weights, skills))
    return tuple(out)


def _coverage(
    weights: dict[str, float],
    skills: frozenset[str],
    answer_stems: set[str],
    stem_list: list[str],
    answer_skills: list[str],
) -> tuple[float, int]:
    """(weighted share of the point the answer has, distinctive units hit)."""
    total = sum(weights.values()) + 2 * len(skills)
    if total == 0:
        return 0.0, 0
    hits = sum(1 for s in skills if s in answer_skills)
    got = 2.0 * hits
    for s, weight in weights.items():
        found = s in answer_stems
        if not found and len(s) >= 5 and stem_list:
            found = bool(
                process.extractOne(s, stem_list, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD_CUTOFF)
            )
        if found:
            got += weight
            hits += 1 if weight >= 1 else 0
    return got / total, hits


def _result(
    question: QuestionSnapshot,
    total: int,
    parts: tuple[ScorePart, ...],
    matched: list[str],
    missed: list[str],
    tips: list[tuple[int, str]],
    strengths: list[str],
    penalties: list[str],
    flags: list[str],
    skills: list[str],
    n: int,
) -> AnswerScore:
    total = max(0, min(100, total))
    ordered_tips = [tip for pts, tip in sorted(tips, key=lambda x: -x[0]) if pts > 0]
    line = " · ".join(
        f"{p.name} {p.points}/{p.max_points}" + (f" ({p.detail})" if p.detail else "")
        for p in parts
    )
    if penalties:
        line += " · " + " ".join(penalties)
    return AnswerScore(
        score=total,
        kind=question.kind,
        question_id=question.id,
        competency=question.competency,
        parts=parts,
        matched=tuple(matched),
        missed=tuple(missed),
        tips=tuple(dict.fromkeys(ordered_tips)),
        strengths=tuple(strengths),
        penalties=tuple(penalties),
        flags=tuple(flags),
        skills=tuple(skills),
        words=n,
        how_scored=f"{line} = {total}/100",
    )

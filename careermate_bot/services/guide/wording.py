"""Words for a guide answer: a capable model's conversational opening; the entry stays the answer.

The model writes only the opening (2-3 sentences) that replaces `GuideAnswer.lead`; the sections
(steps, facts, the person's own figures) stay exactly as the entry composed them, so every step
is kept by construction. The model sees the title, the entry's own lead, the answer's facts with
their sources, the person's sections ("For you", "Your skill gap") and the names of the other
sections (`wording_facts`), and its reply must come through, in order:

1. reply hygiene with the persona and English checks, a sentence at a time while it streams
   (`wording_guard`: no echo of the facts, no loop; never the user's voice, a signature, a
   meeting or a life of its own, no "I'm a data analyst" / "my" / "we've" at all, no recital
   of the facts' labels): one failure and the entry's lead is kept;
2. grounding (`llm.grounding.ground`): a sentence with a figure the facts don't have is dropped
   ("70k" for "$70,000" is a changed figure too; a small count must be the facts' own or the
   number of sections), as are list lines and a "Here is the opening:" lead-in;
3. every figure of the entry's lead is still there ("job zone 4" in "How to become...");
4. it names the role or the topic (`subject_names`: titles, aliases, a topic's keywords) and
   draws on the entry: at least two content words besides the title shared with the facts;
5. something usable is left (8+ words, ending on a finished sentence) that fits the embed.

    worded = await word_answer(llm, answer, user_id=42, names=subject_names(answer, kb, guide))
    worded.lead, worded.worded      # the model's opening and True, or the answer unchanged

`word_answer` raises the LLM layer's `LLMError`s (down, busy, timeout); `GuideService.worded`
keeps the entry's lead then, and after `WORDING_TIMEOUT` seconds, and only asks a model that
passed the `guide_wording` evaluation (`careermate doctor --eval`).
`careermate_bot.cli.model_eval` measures exactly these steps.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Hashable, Iterable, Sequence

from careermate_bot.knowledge import KnowledgeBase
from careermate_bot.knowledge.guide.loading import Guide
from careermate_bot.llm import LLMClient, LLMMessage, load_prompt, message
from careermate_bot.llm.capability import Task
from careermate_bot.llm.checks import (
    PASS,
    ReplyCheck,
    Verdict,
    check_reply,
    language_check,
    mentions_any,
    persona_check,
    sentences,
    shared_words,
)
from careermate_bot.llm.grounding import MIN_WORDS, ground
from careermate_bot.llm.hygiene import StreamGuard, guarded
from careermate_bot.services.guide.types import (
    LEAD_LIMIT,
    TOTAL_LIMIT,
    WORDED_NOTE,
    GuideAnswer,
    clip,
)

TASK: Task = "guide_wording"
log = logging.getLogger(__name__)

WORDING_MAX_TOKENS = 140  # 2-3 sentences, with room to finish the last one
WORDING_TEMPERATURE = 0.3
# The opening is optional: past this, the person gets the entry as composed rather than wait
# (a queue position and a slow engine both count).
WORDING_TIMEOUT = 45.0
PERSONAL_SECTIONS = ("For you", "Your ")  # the person's own figures: the model may use them
MAX_PERSONAL_CHARS = 500

_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NUMBERING = re.compile(r"^(?:\d+\.\s*)+")
_FINISHED = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
_WORD = re.compile(r"[^\W_]+")
_TITLE_PARTS = re.compile(r"\s*[:(]\s*")
MIN_SHARED_WORDS = 2  # content words besides the title an opening shares with the facts
# The facts' own labels: an opening that says them is reciting its prompt.
FACT_LABELS = (
    "question answered",
    "the guide's own opening",
    "figures to keep",
    "facts, with their sources",
    "shown below your opening",
    "write the opening now",
)
# The coach's voice needs no "my", "our", no past of its own and no role: "I'm a Data Analyst
# and a CareerMate", "my career coach", "we've been working together" (seen from a 135M model).
_FIRST_PERSON = re.compile(
    r"\b(?:my|mine|myself|our|ours|ourselves)\b"
    r"|\bwe(?:'ve| have| had| were| did| used to)\b"
    r"|\bi(?:'ve| have| had| was| did| used to| worked| studied| went| remember)\b"
    r"|\bi(?:'m| am)\b(?! (?:sorry|so sorry|glad|happy|here|careermate|an? (?:ai|bot|coach|"
    r"career coach)\b))"
)
_QUOTED = re.compile(r"[\"“][^\"”]{1,300}[\"”]")
_LEAD_IN = re.compile(
    r"^\s*(?:(?:sure|okay|ok|of course)[,!.]?\s*)?here(?:'s| is) (?:the |my |your |an? )?"
    r"(?:\w+ )?(?:answer|opening|response|reply|introduction|intro)\b[^\n.:]{0,40}[:.]\s*",
    re.IGNORECASE,
)
_LIST_LINE = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


# -- what the model is shown -----------------------------------------------------------------
def figures(text: str) -> set[str]:
    """The figures in `text`, as grounding compares them ("$70,000" -> "70000")."""
    return {n.replace(",", "").rstrip(".") for n in _FIGURE.findall(text)}


def lead_figures(answer: GuideAnswer) -> list[str]:
    """The entry lead's figures as written, in order (the opening must keep each)."""
    return list(dict.fromkeys(n.rstrip(".,") for n in _FIGURE.findall(answer.lead)))


def _personal(answer: GuideAnswer) -> list[tuple[str, str]]:
    return [
        (s.name, " ".join(clip(s.value, MAX_PERSONAL_CHARS).split()))
        for s in answer.sections
        if s.name.startswith(PERSONAL_SECTIONS)
    ]


def wording_facts(answer: GuideAnswer) -> str:
    """Everything the model may use, one item a line; the grounding compares with exactly this."""
    lines = [f"Question answered: {answer.title}", f"The guide's own opening: {answer.lead}"]
    keep = lead_figures(answer)
    if keep:
        lines.append("Figures to keep: " + ", ".join(keep))
    if answer.facts:
        lines.append("Facts, with their sources:")
        lines += [f"- {f.label}: {f.value} ({f.source})" for f in answer.facts]
    personal = _personal(answer)
    lines += [f"{name}: {value}" for name, value in personal]
    mine = {name for name, _ in personal}
    rest = [_NUMBERING.sub("", s.name) for s in answer.sections if s.name not in mine]
    if rest:
        lines.append("Shown below your opening: " + "; ".join(rest))
    return "\n".join(lines)


def wording_messages(answer: GuideAnswer) -> list[LLMMessage]:
    """The system prompt (the same for everyone: cache friendly), then this answer's facts."""
    return [
        message("system", load_prompt("guide_wording")),
        message("user", f"Facts:\n{wording_facts(answer)}\n\nWrite the opening now."),
    ]


def check_voice(text: str) -> Verdict:
    """The coach's own voice for an opening: no "my", "our", "I've", "I was", "I'm a ..."
    outside quotes (an example line for the person to say may have them)."""
    if _FIRST_PERSON.search(_QUOTED.sub(" ", text.replace("’", "'")).casefold()):
        return Verdict(False, "persona", "first_person")
    return PASS


def check_labels(text: str) -> Verdict:
    """No label of the facts' format ("The guide's own opening:"): that is a recital."""
    lowered = text.replace("’", "'").casefold()
    if any(label in lowered for label in FACT_LABELS):
        return Verdict(False, "recital", "fact_labels")
    return PASS


def wording_checks() -> list[ReplyCheck]:
    """Persona (never the user's voice, a signature, a meeting, a life; no first person beyond
    "I'm sorry" / "I'd"), no recital of the facts' labels, and English. The model is not given
    the person's name, so it has no name to sign with."""
    return [persona_check(["CareerMate"]), check_voice, check_labels, language_check()]


def wording_guard(answer: GuideAnswer) -> StreamGuard:
    """Reply hygiene and `wording_checks` for the streamed opening (an echo of the facts is
    dropped: copying the entry is not wording it)."""
    return StreamGuard(
        system_prompt=load_prompt("guide_wording"),
        facts=[wording_facts(answer)],
        checks=wording_checks(),
        task=TASK,
    )


# -- what the opening may name ---------------------------------------------------------------
def subject_names(answer: GuideAnswer, knowledge: KnowledgeBase, guide: Guide) -> tuple[str, ...]:
    """Names that show an opening is about this answer: the roles' titles and aliases, the
    certifications' names, the skills, the topic's title and keywords."""
    names: list[str] = [answer.title, _main_part(answer.title)]
    for item in answer.ids:
        occ = knowledge.catalogue.by_id.get(item)
        if occ is not None:
            names += [occ.title, *occ.aliases]
        cert = guide.certifications.get(item)
        if cert is not None:
            names += [cert.name, cert.id, *cert.aliases]
        topic = guide.topics.get(item)
        if topic is not None:
            names += [topic.title, _main_part(topic.title), *topic.keywords]
    if answer.kind == "compare_skills":
        names += answer.ids
    if answer.kind == "cover_letter":
        names.append("cover letter")
    return tuple(dict.fromkeys(n for n in names if n.strip()))


def _main_part(title: str) -> str:
    """ "After a layoff: first steps (U.S.)" -> "After a layoff" (the rest is too generic)."""
    return _TITLE_PARTS.split(title, maxsplit=1)[0]


# -- judging the opening ---------------------------------------------------------------------
def opening_room(answer: GuideAnswer) -> int:
    """How long the opening may be: the lead's own limit, and what keeps every section inside
    Discord's 6,000 characters (a longer opening must never push a step out)."""
    rest = answer.embed_size - len(answer.lead) - len(answer.footer)
    footer = len(answer.source) + len(WORDED_NOTE) + 3
    return max(0, min(LEAD_LIMIT, TOTAL_LIMIT - rest - footer))


def _finished(text: str) -> str:
    """`text` up to its last finished sentence ("" when none)."""
    text = text.strip()
    if _FINISHED.search(text):
        return text
    ends = list(_SENTENCE_END.finditer(text))
    return text[: ends[-1].end()].strip() if ends else ""


def _prose(text: str) -> str:
    """The reply without a "Here is the opening:" lead-in and without list lines (an opening is
    plain prose; a list is the facts recited)."""
    lines = [line for line in text.splitlines() if not _LIST_LINE.match(line)]
    return _LEAD_IN.sub("", "\n".join(lines).strip(), count=1)


def allowed_figures(answer: GuideAnswer) -> set[str]:
    """The figures an opening may state: the facts' own, and how many sections or steps follow
    (grounding alone lets any count up to 10 through; "1 year of experience" is not a count)."""
    steps = sum(1 for s in answer.sections if _NUMBERING.match(s.name))
    counts = {str(n) for n in (len(answer.sections), steps) if n}
    return figures(wording_facts(answer)) | counts


def _source_text(answer: GuideAnswer) -> str:
    """What the model saw, without the format's own labels (for the shared-words check)."""
    parts = [answer.lead, *(f"{f.label}: {f.value} ({f.source})" for f in answer.facts)]
    parts += [f"{name}: {value}" for name, value in _personal(answer)]
    parts += [s.name for s in answer.sections]
    return "\n".join(parts)


def draws_on_the_entry(text: str, answer: GuideAnswer) -> bool:
    """At least `MIN_SHARED_WORDS` content words besides the title's shared with the facts: an
    opening about the role in general ("millions of people work to achieve their goals") is
    not a wording of this entry."""
    title = {w.casefold() for w in _WORD.findall(answer.title)}
    rest = " ".join(w for w in _WORD.findall(text) if w.casefold() not in title)
    return shared_words(rest, _source_text(answer)) >= MIN_SHARED_WORDS


def judge_opening(text: str, answer: GuideAnswer, names: Iterable[str]) -> tuple[str, Verdict]:
    """The opening to show and PASS, or ("", the first check it failed): grounding (sentences
    with a figure the facts don't have are dropped), persona, labels and English, the lead's
    figures, the role or topic named and the entry drawn on, something finished and long
    enough left."""
    facts = wording_facts(answer)
    room = opening_room(answer)
    grounded = ground(_prose(text), facts, load_prompt("guide_wording"), max_chars=room)
    allowed = allowed_figures(answer)
    grounded = " ".join(s for s in sentences(grounded) if figures(s) <= allowed)
    grounded = _finished(grounded)
    if len(_WORD.findall(grounded)) < MIN_WORDS:
        return "", Verdict(False, "grounding", "nothing_left")
    verdict = check_reply(grounded, wording_checks())
    if not verdict.ok:
        return "", verdict
    if not figures(answer.lead) <= figures(grounded):
        return "", Verdict(False, "figures", "lead_figure_lost")
    wanted: Sequence[str] = list(names)
    if wanted and not mentions_any(grounded, wanted):
        return "", Verdict(False, "relevance", "off_topic")
    if not draws_on_the_entry(grounded, answer):
        return "", Verdict(False, "relevance", "not_from_the_entry")
    return grounded, PASS


async def word_answer(
    llm: LLMClient, answer: GuideAnswer, *, user_id: Hashable, names: Iterable[str]
) -> GuideAnswer:
    """`answer` with the model's opening as its lead (and `worded`), or unchanged when the
    opening fails a check. Raises `LLMError` subclasses (down, busy, timeout, ...)."""
    guard = wording_guard(answer)
    stream = llm.stream(
        wording_messages(answer),
        user_id=user_id,
        max_tokens=min(WORDING_MAX_TOKENS, llm.max_tokens),
        temperature=WORDING_TEMPERATURE,
    )
    shown = "".join([part async for part in guarded(stream, guard)])
    if guard.failed:  # the guard logged which check, without the reply's words
        return answer
    opening, verdict = judge_opening(shown, answer, names)
    if not verdict.ok:
        log.info(
            "%s: model opening dropped by the %s check (%s)", TASK, verdict.check, verdict.reason
        )
        return answer
    return answer.model_copy(update={"lead": opening, "worded": True})


__all__ = [
    "FACT_LABELS",
    "TASK",
    "WORDING_MAX_TOKENS",
    "WORDING_TEMPERATURE",
    "WORDING_TIMEOUT",
    "allowed_figures",
    "check_labels",
    "check_voice",
    "draws_on_the_entry",
    "figures",
    "judge_opening",
    "lead_figures",
    "opening_room",
    "subject_names",
    "word_answer",
    "wording_checks",
    "wording_facts",
    "wording_guard",
    "wording_messages",
]

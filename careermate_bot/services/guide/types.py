"""Typed inputs and outputs of the guide service: the user's facts in, a `GuideAnswer` out.

`GuideAnswer` is front-end neutral: a title, a short lead, named sections (embed fields), the
facts used with their sources, a source footer and follow-up actions. Every answer is fitted to
Discord's embed limits when it is built (`fit`), and `to_text()` renders the same content for
the terminal. `worded` is True when a capable model wrote the lead from the answer's facts
(`GuideService.worded`, `services/guide/wording.py`); the sections are the entry's own either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from careermate_bot.knowledge.guide.types import Action

AnswerKind = Literal[
    "topic",
    "become",
    "role_info",
    "compare_roles",
    "compare_skills",
    "compare_certs",
    "certification",
    "cover_letter",
    "field",
    "clarify",
]

# Discord embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FIELDS_LIMIT = 25
FOOTER_LIMIT = 2048
TOTAL_LIMIT = 6000
LEAD_LIMIT = 600  # our own: the lead is one or two sentences
WORDED_NOTE = "opening worded by the language model from these facts"

ACTION_LABELS: dict[Action, str] = {
    "check_pay": "Check pay",
    "review_resume": "Review my résumé",
    "practice_interview": "Practice interview",
    "career_paths": "Career paths",
    "skill_gap": "My skill gap",
    "job_search": "Find jobs",
    "cover_letter": "Draft a cover letter",
}


# --- the user's facts ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResumeFacts:
    """What the stored résumé review summary holds (never the résumé text itself)."""

    score: int | None = None
    words: int | None = None
    skills: tuple[str, ...] = ()
    target_role: str | None = None
    coverage_percent: int | None = None


@dataclass(frozen=True, slots=True)
class GuideProfile:
    """The user's facts the guide may use. Built by the caller from the profile and the latest
    résumé review summary; the guide never reads the database."""

    name: str | None = None
    skills: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    current_role: str | None = None
    education: str | None = None
    target_roles: tuple[str, ...] = ()
    experience_years: float | None = None
    min_salary: int | None = None
    remote_ok: bool | None = None
    resume_summary: ResumeFacts | None = None


EMPTY_PROFILE = GuideProfile()


# --- the answer ----------------------------------------------------------------------------------


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class AnswerSection(_Frozen):
    name: str
    value: str
    inline: bool = False


class FactUsed(_Frozen):
    """One figure or fact the answer states, with where it comes from (a wording model must keep
    these exactly)."""

    label: str
    value: str
    source: str


class FollowUp(_Frozen):
    """A button to the tool that helps next; `role` is an occupation id when one applies."""

    action: Action
    label: str
    role: str | None = None


class AnswerOption(_Frozen):
    """A reading to offer when the question was unclear (a button)."""

    kind: str
    ids: tuple[str, ...]
    label: str


class GuideAnswer(_Frozen):
    kind: AnswerKind
    title: str
    lead: str
    sections: tuple[AnswerSection, ...] = ()
    facts: tuple[FactUsed, ...] = ()
    source: str = ""
    actions: tuple[FollowUp, ...] = ()
    options: tuple[AnswerOption, ...] = ()
    ids: tuple[str, ...] = ()  # topic id, occupation ids, certification ids or skills
    confidence: float = 1.0
    worded: bool = False  # the lead was written by a model from `facts` (the rest is not)

    @property
    def footer(self) -> str:
        """The source line, and that the opening was worded by the model when it was."""
        if not self.worded:
            return self.source
        return f"{self.source} · {WORDED_NOTE}" if self.source else WORDED_NOTE.capitalize()

    @property
    def embed_size(self) -> int:
        """Characters Discord counts against the 6,000 total."""
        return (
            len(self.title)
            + len(self.lead)
            + sum(len(s.name) + len(s.value) for s in self.sections)
            + len(self.footer)
        )

    def fits_embed(self) -> bool:
        return (
            len(self.title) <= TITLE_LIMIT
            and len(self.lead) <= DESCRIPTION_LIMIT
            and len(self.sections) <= FIELDS_LIMIT
            and all(
                0 < len(s.name) <= FIELD_NAME_LIMIT and 0 < len(s.value) <= FIELD_VALUE_LIMIT
                for s in self.sections
            )
            and len(self.footer) <= FOOTER_LIMIT
            and self.embed_size <= TOTAL_LIMIT
        )

    def to_text(self) -> str:
        """Plain text for the terminal: the same content as the embed."""
        lines = [self.title, "=" * min(len(self.title), 72)]
        if self.lead:
            lines += [self.lead, ""]
        for section in self.sections:
            lines.append(f"{section.name}")
            lines += [f"  {line}" if line else "" for line in section.value.splitlines()]
            lines.append("")
        if self.options:
            lines.append("Options: " + " | ".join(o.label for o in self.options))
        if self.actions:
            lines.append("Next: " + " | ".join(a.label for a in self.actions))
        if self.footer:
            lines.append(f"Source: {self.footer}")
        return "\n".join(lines).rstrip() + "\n"


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word boundary, with an ellipsis when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-")
    return cut + "…"


def fit(answer: GuideAnswer) -> GuideAnswer:
    """The answer trimmed to Discord's embed limits (title, fields, values, footer, total)."""
    sections = [
        AnswerSection(
            name=clip(s.name, FIELD_NAME_LIMIT) or "-",
            value=clip(s.value, FIELD_VALUE_LIMIT) or "-",
            inline=s.inline,
        )
        for s in answer.sections[:FIELDS_LIMIT]
    ]
    fitted = answer.model_copy(
        update={
            "title": clip(answer.title, TITLE_LIMIT),
            "lead": clip(answer.lead, LEAD_LIMIT),
            "source": clip(answer.source, FOOTER_LIMIT),
            "sections": tuple(sections),
        }
    )
    while fitted.embed_size > TOTAL_LIMIT and len(fitted.sections) > 1:
        over = fitted.embed_size - TOTAL_LIMIT
        last = fitted.sections[-1]
        if len(last.value) - over >= 200:  # shorten the last section rather than drop it
            shorter = last.model_copy(update={"value": clip(last.value, len(last.value) - over)})
            fitted = fitted.model_copy(update={"sections": (*fitted.sections[:-1], shorter)})
        else:
            fitted = fitted.model_copy(update={"sections": fitted.sections[:-1]})
    return fitted

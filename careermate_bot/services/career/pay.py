"""What a role pays, as one short answer with its source (BLS OEWS percentiles for an area)."""

from __future__ import annotations

from dataclasses import dataclass

from careermate_bot.knowledge import SALARY_SOURCE_LONG, KnowledgeBase, UnknownOccupationError

LOCAL_HINT = "\n*Tell me a city or state for local figures — e.g. “what about in Denver?”*"


@dataclass(frozen=True, slots=True)
class PayFigure:
    role: str  # the catalogue title
    area: str  # the BLS area the figure is for
    text: str  # the whole answer, with its source
    source: str


def pay_figure(
    knowledge: KnowledgeBase, role: str, location: str | None, *, hint_place: bool = False
) -> PayFigure:
    """The pay answer for `role` (an id or a title) in `location` (None: national). Raises
    `UnknownOccupationError` (with did-you-mean) for a role it can't place."""
    info = knowledge.salary(role, location)
    title = info.occupation_title
    if not info.available:
        text = (
            f"BLS publishes no pay estimate for **{title}** in {info.area.name}. "
            f"Source: {info.source}."
        )
    else:
        yearly = info.annual is not None and info.annual.has_estimate
        text = (
            f"**{title}** in **{info.area.name}**: {info.range_text()}"
            f"{' a year' if yearly else ''} (25th–75th percentile, median in brackets)."
        )
        if info.fallback and info.requested_area is not None:
            text += f" No figure is published for {info.requested_area.name}."
        for note in info.notes:
            text += f" {note}"
        text += f"\nSource: {SALARY_SOURCE_LONG}."
    if hint_place:
        text += LOCAL_HINT
    return PayFigure(role=title, area=info.area.name, text=text, source=info.source)


__all__ = ["PayFigure", "UnknownOccupationError", "pay_figure"]

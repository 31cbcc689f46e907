"""What a reader hands to the review: the text plus layout facts an ATS would stumble on."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class FileKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"
    TEXT = "text"
    PASTE = "paste"


@dataclass(frozen=True, slots=True)
class LayoutRisk:
    """A layout feature applicant tracking systems often misread (tables, text boxes...)."""

    code: str  # "tables", "text_boxes", "images", "header_footer", "columns", "icon_glyphs"
    message: str  # what we saw, for the user


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    kind: FileKind
    pages: int | None = None  # PDF only; None when the format has no fixed pages
    risks: tuple[LayoutRisk, ...] = field(default=())

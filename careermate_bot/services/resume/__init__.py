"""Résumé review: read a file (or pasted text), score it, match it to a role, suggest fixes.

    text = extract_text(data, "cv.pdf")                 # type from the bytes; ResumeError if bad
    result = review(kb, text, target_role="Data Analyst")
    result.score, result.checks, result.skills, result.fixes, result.coverage

Async front ends: `review_file_async` / `review_text_async` read the file in a worker process
(killed past the time limit, with CPU and memory limits) and review it in a bounded thread
pool. Rewrites of weak bullets by the LLM: `rewrites.stream_rewrites`. Storing the summary for
"compare with my last review": `store`. Discord-free; see docs/resume.md.
"""

from careermate_bot.services.resume.document import Document, FileKind, LayoutRisk
from careermate_bot.services.resume.errors import (
    MAX_BYTES,
    MAX_PAGES,
    CorruptFile,
    EmptyDocument,
    EncryptedPdf,
    FileTooLarge,
    NotAResume,
    ParseTimeout,
    ResumeError,
    ScannedPdf,
    TooManyPages,
    UnsupportedType,
    ZipBomb,
)
from careermate_bot.services.resume.files import extract_text, from_paste, read_document
from careermate_bot.services.resume.review import review, review_document
from careermate_bot.services.resume.runner import (
    extract_text_async,
    read_document_async,
    review_file_async,
    review_text_async,
)
from careermate_bot.services.resume.types import (
    CheckResult,
    FitSuggestion,
    Fix,
    KeywordCoverage,
    MissingKeyword,
    ResumeReview,
    ResumeStats,
)

__all__ = [
    "MAX_BYTES",
    "MAX_PAGES",
    "CheckResult",
    "CorruptFile",
    "Document",
    "EmptyDocument",
    "EncryptedPdf",
    "FileKind",
    "FileTooLarge",
    "FitSuggestion",
    "Fix",
    "KeywordCoverage",
    "LayoutRisk",
    "MissingKeyword",
    "NotAResume",
    "ParseTimeout",
    "ResumeError",
    "ResumeReview",
    "ResumeStats",
    "ScannedPdf",
    "TooManyPages",
    "UnsupportedType",
    "ZipBomb",
    "extract_text",
    "extract_text_async",
    "from_paste",
    "read_document",
    "read_document_async",
    "review",
    "review_document",
    "review_file_async",
    "review_text_async",
]

"""Résumé review: read a file (or pasted text), score it, match it to a role, suggest fixes.

    text = extract_text(data, "cv.pdf")                 # type from the bytes; ResumeError if bad
    result = review(kb, text, target_role="Data Analyst")   # or None: the résumé's stated role
    result.score, result.checks, result.skills, result.fixes, result.coverage
    result.target_role, result.target_source, result.suggestions  # model-free bullet rewrites

The feature's façade is `ResumeService` (plan -> review a file or pasted text off the event loop
-> stored summary, chart, then the model's rewrites, each checked by `claims.rewrite_problem`:
no invented skill, employer, title or seniority). `review_file_async` / `review_text_async`
read the file in a worker process (killed past the time limit, with CPU and memory limits) and
review it in a bounded thread pool. Discord-free; see docs/resume.md.
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
from careermate_bot.services.resume.headings import LABELS as SECTION_LABELS
from careermate_bot.services.resume.report import bar
from careermate_bot.services.resume.review import review, review_document
from careermate_bot.services.resume.rewrites import Rewrite
from careermate_bot.services.resume.runner import (
    extract_text_async,
    read_document_async,
    review_file_async,
    review_text_async,
)
from careermate_bot.services.resume.service import (
    ResumeService,
    ReviewOutcome,
    ReviewPlan,
    ReviewRequest,
)
from careermate_bot.services.resume.store import Comparison, StoredReview
from careermate_bot.services.resume.types import (
    BulletSuggestion,
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
    "SECTION_LABELS",
    "BulletSuggestion",
    "CheckResult",
    "Comparison",
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
    "ResumeService",
    "ResumeStats",
    "ReviewOutcome",
    "ReviewPlan",
    "ReviewRequest",
    "Rewrite",
    "ScannedPdf",
    "StoredReview",
    "TooManyPages",
    "UnsupportedType",
    "ZipBomb",
    "bar",
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

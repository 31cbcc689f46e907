"""Typed résumé errors: one class per bad-input case, each with a short message for the user.

All derive from `ResumeError` (a `UserFacingError`), so front ends show `user_message` and log
`str(error)` (the detail, which never contains résumé text or contact details).
"""

from __future__ import annotations

import re

from careermate_bot.errors import UserFacingError

MAX_BYTES = 5 * 1024 * 1024
MAX_PAGES = 10
MAX_CHARS = 60_000  # about 10 dense pages of text
MIN_WORDS = 40  # less than this is not something we can review
SAVE_AS = (
    "Export it as a .docx, a PDF with selectable text, or paste the text with `/resume paste`."
)


class ResumeError(UserFacingError):
    """Anything that stops a review; `code` names the case (tests, logs, metrics)."""

    code = "resume_error"


class FileTooLarge(ResumeError):
    code = "too_large"

    def __init__(self, size: int, limit: int = MAX_BYTES) -> None:
        super().__init__(
            f"That file is {size / 1_048_576:.1f} MB; the limit is {limit // 1_048_576} MB. "
            "A résumé is usually well under 1 MB: remove large images or export it again.",
            detail=f"file of {size} bytes over the {limit} byte limit",
        )


class TooManyPages(ResumeError):
    code = "too_many_pages"

    def __init__(self, pages: int | None, limit: int = MAX_PAGES) -> None:
        shown = f"{pages} pages" if pages else f"longer than {limit} pages of text"
        super().__init__(
            f"That document is {shown}; I review résumés of up to {limit} pages. "
            "Send just your résumé (one or two pages is ideal).",
            detail=f"document with {pages} pages over the {limit} page limit",
        )


class ScannedPdf(ResumeError):
    code = "scanned_pdf"

    def __init__(self, pages: int) -> None:
        super().__init__(
            "That PDF has no text I can read — it looks scanned or saved as an image, and an "
            f"applicant tracking system can't read it either. {SAVE_AS}",
            detail=f"PDF with {pages} pages and no text layer",
        )


class EncryptedPdf(ResumeError):
    code = "encrypted"

    def __init__(self) -> None:
        super().__init__(
            "That PDF is password-protected, so I can't open it (and neither can most "
            "applicant tracking systems). Save a copy without a password and send that.",
            detail="encrypted PDF",
        )


# A reason in a logged detail is a case name or an exception type, never a parser's message
# (pypdf and lxml quote the file's bytes: names, emails, phone numbers).
_CASE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,40}(?: [A-Za-z][A-Za-z0-9_]{0,40}){0,4}")


def case_name(reason: str) -> str:
    """`reason` if it is a short case name ("bad zip", "PdfReadError"), else "unreadable"."""
    return reason if _CASE_NAME.fullmatch(reason) else "unreadable"


class CorruptFile(ResumeError):
    code = "corrupt"

    def __init__(self, kind: str, reason: str = "") -> None:
        super().__init__(
            f"I couldn't read that {kind} file — it seems damaged or incomplete. "
            f"Open it on your computer, save it again and resend it. {SAVE_AS}",
            detail=f"corrupt {kind}: {case_name(reason)}",
        )


class ZipBomb(ResumeError):
    code = "zip_bomb"

    def __init__(self, reason: str) -> None:
        super().__init__(
            "That Word file unpacks to far more data than any résumé, so I won't open it. "
            "Save your résumé again as a normal .docx or PDF and resend it.",
            detail=f"docx refused: {reason}",
        )


class EmptyDocument(ResumeError):
    code = "empty"

    def __init__(self, kind: str = "file", words: int = 0) -> None:
        what = "is empty" if words == 0 else f"has only {words} words of text"
        super().__init__(
            f"That {kind} {what}, so there is nothing to review. "
            "Send the file with your full résumé, or paste the text with `/resume paste`.",
            detail=f"{kind} with {words} words",
        )


class UnsupportedType(ResumeError):
    code = "unsupported"

    def __init__(self, detected: str, filename: str = "") -> None:
        named = _named_as(filename)
        if detected.endswith("image"):
            text = (
                f"That file{named} is actually {_article(detected)} {detected}, not a document, "
                f"so there is no text to read. {SAVE_AS}"
            )
        else:
            text = (
                f"I can't read {detected} files{'' if not named else ' (' + named.strip() + ')'}"
                ". I read .pdf, .docx, .odt, .txt and .md. " + SAVE_AS
            )
        # The detail (logged) has the type only: a file name often carries a person's name.
        super().__init__(text, detail=f"unsupported type {detected}")
        self.detected = detected


class NotAResume(ResumeError):
    code = "not_a_resume"

    def __init__(self, reason: str, *, job_ad: bool = False) -> None:
        text = (
            "This looks like a job posting, not a résumé. Send your own résumé, and give the "
            "job's title as the target role to see which of its keywords you cover."
            if job_ad
            else "This doesn't look like a résumé — I found no usual résumé sections "
            "(Experience, Education, Skills), dates or skills, so I won't score it. If it is "
            "one, add clear section headings and send it again."
        )
        super().__init__(text, detail=f"not a résumé: {reason}")


class ParseTimeout(ResumeError):
    code = "timeout"

    def __init__(self, seconds: float) -> None:
        super().__init__(
            "Reading that file took too long, so I stopped. Try a simpler export (.docx or a "
            "text PDF), or paste the text with `/resume paste`.",
            detail=f"parsing took over {seconds:g} s",
        )


class TooComplex(ResumeError):
    """Reading the file needs far more work or memory than any résumé: refused by a reader's
    work limit, or its worker process hit its CPU or memory limit."""

    code = "too_complex"

    def __init__(self, kind: str = "file", reason: str = "") -> None:
        super().__init__(
            f"That {kind} is far more complex inside than any résumé, so I stopped reading it. "
            "Try a simpler export (.docx or a text PDF), or paste the text with `/resume paste`.",
            detail=f"{kind} over a work limit: {case_name(reason)}",
        )


class ParserBusy(ResumeError):
    code = "busy"

    def __init__(self, waited: float) -> None:
        super().__init__(
            "I'm reading a lot of files right now. Please send yours again in a minute, or "
            "paste the text with `/resume paste`.",
            detail=f"no parse slot free within {waited:g} s",
        )


def _named_as(filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f" named .{suffix}" if suffix and len(suffix) <= 5 and suffix.isalnum() else ""


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"

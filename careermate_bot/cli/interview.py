"""`careermate interview ROLE`: the same mock interview as in Discord, as text in a terminal.

The terminal user is the profile with ``discord_id=0`` (like `careermate chat`); an unfinished
terminal interview is resumed (``--new`` starts over). Type an answer over one or more lines and
finish it with an empty line; ``/hint``, ``/skip``, ``/end`` act like the buttons, ``/quit``
leaves the interview unfinished for later. Scores work without a model; with one, a short
coach's comment follows each score.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING, Any, TextIO

from careermate_bot.services.conversation.chat import CLI_USER_ID

if TYPE_CHECKING:
    from careermate_bot.config import Settings
    from careermate_bot.services.interview import (
        AnswerView,
        InterviewReport,
        InterviewService,
        SessionView,
    )

EXIT_BAD_INPUT = 1
COMMANDS = "(finish with an empty line; /hint, /skip, /end, /quit)"


def run_interview(
    settings: Settings,
    role: str,
    *,
    kind: str = "mixed",
    questions: int = 5,
    difficulty: str | None = None,
    new: bool = False,
) -> int:
    return asyncio.run(
        interview_session(
            settings,
            role,
            kind=kind,
            questions=questions,
            difficulty=difficulty,
            new=new,
        )
    )


async def interview_session(
    settings: Settings,
    role: str,
    *,
    kind: str = "mixed",
    questions: int = 5,
    difficulty: str | None = None,
    new: bool = False,
    llm: Any = "auto",
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """The whole terminal interview; returns the exit code. `llm="auto"` builds the
    configured client (none if it can't be created: scores only)."""
    from careermate_bot.knowledge import get_knowledge_base
    from careermate_bot.llm.capability import Capabilities
    from careermate_bot.services.interview import ActiveSession, InterviewError, InterviewService
    from careermate_bot.storage.database import close_db, init_db

    out = stdout or sys.stdout
    inp = stdin or sys.stdin
    client = await _client(settings) if llm == "auto" else llm
    kb = await asyncio.to_thread(get_knowledge_base, settings.data_dir)
    await init_db(settings)
    try:
        # The coach's words come from the model only where it passed that task (llm.capability).
        caps = (
            Capabilities.for_model(client.provider, client.model, settings.data_dir)
            if client is not None
            else None
        )
        service = InterviewService(llm=client, knowledge=kb, capabilities=caps)
        try:
            view = await service.start(
                CLI_USER_ID,
                role,
                kind=kind,
                questions=questions,
                difficulty=difficulty,
                replace=new,
            )
        except ActiveSession as busy:
            view = busy.session
            _say(out, f"Resuming your unfinished {view.role} interview (--new starts over).")
        except InterviewError as error:
            print(error.user_message, file=sys.stderr)
            return EXIT_BAD_INPUT
        _say(out, f"Mock interview: {view.role} · {view.kind} · {view.total} questions")
        await _loop(service, view, inp, out)
    finally:
        if client is not None and hasattr(client, "aclose"):
            await client.aclose()
        await close_db()
    return 0


async def _client(settings: Settings) -> Any:
    from careermate_bot.llm import LLMError, create_llm_client

    try:
        return await create_llm_client(settings)
    except LLMError:
        return None


async def _loop(service: InterviewService, view: SessionView, inp: TextIO, out: TextIO) -> None:
    user = CLI_USER_ID
    while view.active:
        if view.phase == "feedback":
            view = await service.next(view.id, user)
            continue
        question = view.question
        assert question is not None
        tags = " · ".join(filter(None, [question.kind, question.competency, question.difficulty]))
        _say(out, f"\nQuestion {view.current + 1} of {view.total} ({tags})\n  {question.text}")
        _say(out, f"Your answer {COMMANDS}:")
        text = await _read_answer(inp)
        command = "/quit" if text is None else text.strip().casefold()
        if text is None or command == "/quit":
            _say(out, "Paused. Run the same command again to continue.")
            return
        if command == "/hint":
            _say(out, "Hint: " + await service.hint(view.id, user))
            continue
        if command == "/skip":
            view = await service.skip(view.id, user)
            continue
        if command == "/end":
            view = await service.end(view.id, user)
            break
        if not command:
            continue
        view = await service.answer(view.id, user, text)
        answer = view.last_answer
        assert answer is not None
        _say(out, score_text(answer))
        if service.llm is not None:
            _say(out, "Coach: " + await service.feedback(view.id, user, answer.index))
    if view.status == "completed":
        _say(out, "\n" + report_text(await service.report(view.id, user)))
    else:
        _say(out, "The interview ended before any answer.")


async def _read_answer(inp: TextIO) -> Any:
    """Lines up to an empty line (a command is one line on its own); None at end of input."""
    lines: list[str] = []
    while True:
        line = await asyncio.to_thread(inp.readline)
        if not line:
            return "\n".join(lines) if lines else None
        line = line.rstrip("\r\n")
        if not lines and line.strip().startswith("/"):
            return line
        if not line.strip():
            if lines:
                return "\n".join(lines)
            continue
        lines.append(line)


def score_text(answer: AnswerView) -> str:
    details = answer.details
    lines = [f"Score: {answer.score}/100" + (f" ({details.band})" if details else "")]
    if details is not None:
        if details.matched:
            lines.append("What worked: " + "; ".join(details.matched))
        if details.missed:
            lines.append("What was missing: " + "; ".join(details.missed))
        if details.tips:
            lines.append("Next time: " + details.tips[0])
        lines.append("How it was scored: " + details.how_scored)
    return "\n".join(lines)


def report_text(report: InterviewReport) -> str:
    overall = "-" if report.overall is None else f"{report.overall}/100"
    lines = [
        f"Interview report: {report.role}",
        f"Overall: {overall} ({report.answered} answered, {report.skipped} skipped"
        + (f", ended after {report.asked} of {report.total}" if report.ended_early else "")
        + ")",
        "Per question:",
    ]
    for item in report.items:
        shown = "skipped" if item.skipped else f"{item.score}"
        lines.append(f"  {item.number}. {shown} · {item.area} · {item.question}")
    if report.strengths:
        lines.append("Strengths:")
        lines.extend(f"  - {s}" for s in report.strengths)
    if report.work_on:
        lines.append("Two things to work on:")
        lines.extend(f"  - {s}" for s in report.work_on)
    if report.areas:
        lines.append("By area: " + ", ".join(f"{a.area} {a.score}" for a in report.areas))
    lines.append(report.how_scored)
    return "\n".join(lines)


def _say(out: TextIO, text: str) -> None:
    out.write(text + "\n")
    out.flush()

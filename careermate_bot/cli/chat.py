"""`careermate chat`: talk to CareerMate in a terminal, streamed, stored like a DM (source=cli).

The terminal user is the profile with ``discord_id=0`` (`CLI_USER_ID`). Ctrl-C while a reply is
streaming stops that reply; Ctrl-C at the prompt, Ctrl-D, ``/quit`` or ``/exit`` end the chat.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import threading
from typing import TYPE_CHECKING, TextIO

from careermate_bot.cli.render import plain, render_turn
from careermate_bot.errors import UserFacingError
from careermate_bot.llm import LLMCancelled, LLMClient, LLMError
from careermate_bot.services.container import AppServices, build_services
from careermate_bot.services.conversation import (
    CLI_USER_ID,
    STEER_BACK,
    ModelChat,
    Origin,
    Turn,
)
from models import MessageSource

if TYPE_CHECKING:
    from careermate_bot.config import Settings

log = logging.getLogger(__name__)

QUIT_WORDS = {"/quit", "/exit", "/q"}


def _cli_name() -> str:
    """No name: the OS account ("root", "ubuntu") is not the person's name, and telling the
    model "Name: root" made it call people root. "" keeps a name stored in the profile."""
    return ""


class _LineReader:
    """Reads lines in a daemon thread, so a pending read never keeps the process alive."""

    def __init__(self, stream: TextIO, loop: asyncio.AbstractEventLoop) -> None:
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._stream = stream
        self._loop = loop
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        while True:
            try:
                line: str | None = self._stream.readline()
            except (OSError, ValueError):
                line = ""
            if not line:
                line = None
            try:
                self._loop.call_soon_threadsafe(self._queue.put_nowait, line)
            except RuntimeError:
                return
            if line is None:
                return

    async def readline(self) -> str | None:
        """The next line without its newline, or None at end of input."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="stdin", daemon=True)
            self._thread.start()
        line = await self._queue.get()
        return None if line is None else line.rstrip("\r\n")


class TerminalSession:
    """One terminal conversation: the person's last saved change (for "undo")."""

    def __init__(self, services: AppServices, name: str) -> None:
        self.services = services
        self.origin = Origin(user_id=CLI_USER_ID, display_name=name, source=MessageSource.CLI)
        self.last_undo: str | None = None

    async def answer(self, text: str, out: TextIO, err: TextIO) -> bool:
        """Route one message like a DM, print the result; the model's answers stream.
        Returns False when it failed."""
        conversation = self.services.conversation
        if text.strip().lower() == "undo" and self.last_undo:
            done = await conversation.undo(CLI_USER_ID, self.last_undo)
            self.last_undo = None
            out.write((done or "Nothing to undo.") + "\n")
            out.flush()
            return True
        try:
            turn = await conversation.route(self.origin, text)
            if turn.saved is not None and turn.saved.token:
                self.last_undo = turn.saved.token
            if not isinstance(turn.action, ModelChat):
                out.write(await render_turn(self.services, turn, self.origin) + "\n")
                out.flush()
                return True
        except UserFacingError as error:
            out.write(plain(error.user_message) + "\n")
            out.flush()
            return True
        if turn.action.lead:
            out.write(plain(turn.action.lead) + "\n")
        return await self._stream(text, turn, turn.action.steer, out, err)

    async def _stream(self, text: str, turn: Turn, steer: bool, out: TextIO, err: TextIO) -> bool:
        def show_position(position: int) -> None:
            if position > 0:
                err.write(f"(waiting for the model: you're #{position} in line)\n")
                err.flush()

        wrote = False
        try:
            async for delta in self.services.conversation.stream_reply(
                self.origin, text, turn, on_position=show_position
            ):
                out.write(delta)
                out.flush()
                wrote = True
            if steer:
                out.write(f"\n\n{STEER_BACK}")
        except LLMCancelled:
            out.write(" [stopped]\n" if wrote else "[stopped]\n")
            out.flush()
            return True
        except LLMError as error:
            if wrote:
                out.write("\n")
            log.warning("terminal chat: %s (%s)", error, error.kind)
            err.write(f"{error.user_message}\n")
            if error.fix:
                err.write(f"  fix: {error.fix}\n")
            err.flush()
            return False
        out.write("\n")
        out.flush()
        return True


async def run_terminal_chat(
    settings: Settings,
    once: str | None = None,
    *,
    input_stream: TextIO | None = None,
    output: TextIO | None = None,
    errors: TextIO | None = None,
    client: LLMClient | None = None,
) -> int:
    """Run the terminal chat. Returns the exit code: 0 fine, 1 the model could not answer.

    Builds its services like the bot does (`build_services`: the LLM client, the knowledge
    base), starts them (the database) and finally stops them. `once` answers one message and
    returns. The keyword arguments exist for tests (streams, an `LLMClient` over a fake engine).
    """
    out = output or sys.stdout
    err = errors or sys.stderr
    try:
        services = (
            AppServices(settings, llm=client, backups_enabled=False)
            if client is not None
            else await build_services(settings, backups_enabled=False)
        )
    except LLMError as error:
        log.error("no LLM for the terminal chat: %s", error)
        err.write(f"CareerMate can't chat yet: {error.user_message}\n")
        if error.fix:
            err.write(f"  fix: {error.fix}\n")
        return 1
    await services.start()
    try:
        session = TerminalSession(services, _cli_name())
        if once is not None:
            return 0 if await session.answer(once, out, err) else 1
        return await _interactive(session, input_stream or sys.stdin, out, err)
    finally:
        await services.stop()


async def _interactive(session: TerminalSession, stdin: TextIO, out: TextIO, err: TextIO) -> int:
    llm = session.services.llm
    loop = asyncio.get_running_loop()
    reader = _LineReader(stdin, loop)
    generating = False
    quit_requested = asyncio.Event()

    def on_interrupt() -> None:
        if generating:
            llm.cancel(CLI_USER_ID)
        else:
            quit_requested.set()

    handled = False
    if stdin.isatty():
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGINT, on_interrupt)
            handled = True
    out.write(
        f"CareerMate ({llm.provider}: {llm.model}). Ask about careers, CVs, interviews. "
        "Ctrl-C stops a reply; /quit or Ctrl-D leaves.\n"
    )
    out.flush()
    try:
        while True:
            out.write("\nyou> ")
            out.flush()
            read = asyncio.ensure_future(reader.readline())
            quit_wait = asyncio.ensure_future(quit_requested.wait())
            done, _ = await asyncio.wait({read, quit_wait}, return_when=asyncio.FIRST_COMPLETED)
            quit_wait.cancel()
            if read not in done:
                read.cancel()
                out.write("\n")
                return 0
            line = read.result()
            if line is None:
                out.write("\n")
                return 0
            text = line.strip()
            if not text:
                continue
            if text.lower() in QUIT_WORDS:
                return 0
            out.write("careermate> ")
            out.flush()
            generating = True
            try:
                await session.answer(text, out, err)
            finally:
                generating = False
    finally:
        if handled:
            loop.remove_signal_handler(signal.SIGINT)

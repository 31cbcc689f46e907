"""Reading untrusted résumé files in worker processes that can be stopped.

pypdf and lxml run code a thread cannot interrupt, so a hostile 2 KB file could hold a thread,
and a parse slot, for minutes. Here a small pool of worker processes reads the files and the
event loop only waits on a socket:

- a slot (one of `size`) is taken in the event loop before anything is sent; waiting for one is
  bounded too (`ParserBusy`), and a waiting file holds no thread;
- each worker limits itself with `setrlimit`: its address space (`memory_bytes` above what it
  uses when ready) and its CPU time per file (`cpu_seconds`); it has no core dumps;
- the parent kills a worker whose file runs past the wall-clock limit (`ParseTimeout`); the slot
  is free at once and the next file gets a fresh worker;
- workers are recycled after `jobs_per_worker` files, and after any file that hit a limit.

    document = await parse_pool().read(data, "cv.pdf", time_limit=15.0)

A worker is a fresh interpreter (`python -I -c ...`, started in about half a second, before
the clock of the file it reads starts) importing this package from where the parent did; it
says "ready" once its limits are set. Bytes go in; JSON comes back (the parent never unpickles
what a worker wrote). Nothing is logged in a worker: parser warnings can quote the file.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import math
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from careermate_bot.services.resume.document import Document, FileKind, LayoutRisk
from careermate_bot.services.resume.errors import (
    MAX_BYTES,
    CorruptFile,
    FileTooLarge,
    ParserBusy,
    ParseTimeout,
    ResumeError,
    TooComplex,
)
from careermate_bot.workers import Work, executor, run_in

try:
    import resource
except ImportError:  # not on Windows: the wall-clock kill still applies there
    resource = None  # type: ignore[assignment]

PARSE_CONCURRENCY = 2  # files read at once (two cores stay responsive)
CPU_SECONDS = 10  # CPU time per file; a long résumé takes well under one second
MEMORY_BYTES = 256 * 1024 * 1024  # address space a worker may add while reading one file
JOBS_PER_WORKER = 25
QUEUE_LIMIT = 120.0  # seconds a file may wait for a free slot
START_LIMIT = 60.0  # seconds a new worker may take to import its readers and say "ready"
READY = b"R"

_REQUEST = struct.Struct("!II")  # filename length, data length
_REPLY = struct.Struct("!I")


@dataclass(frozen=True, slots=True)
class Limits:
    cpu_seconds: int = CPU_SECONDS
    memory_bytes: int = MEMORY_BYTES
    jobs_per_worker: int = JOBS_PER_WORKER


# -- the worker process ----------------------------------------------------------------------------
class CpuTimeExceeded(BaseException):
    """SIGXCPU: the file used its CPU seconds. A BaseException, so readers that turn every
    Exception into "damaged file" let it through."""


def _on_sigxcpu(_signum: int, _frame: FrameType | None) -> None:
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)  # the kernel repeats it every second
    raise CpuTimeExceeded()


def serve(fd: int, cpu_seconds: int, memory_bytes: int, jobs_per_worker: int) -> None:
    """A worker's life (the entry point `_start_worker` runs): read up to `jobs_per_worker`
    files sent on the socket `fd`, then exit."""
    limits = Limits(cpu_seconds, memory_bytes, jobs_per_worker)
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    from careermate_bot.services.resume.files import read_document

    _warm_up(read_document)  # every reader's lazy imports, before the memory limit
    _limit_memory(limits.memory_bytes)
    with socket.socket(fileno=fd) as sock:
        sock.sendall(READY)
        for _ in range(limits.jobs_per_worker):
            request = _receive_request(sock)
            if request is None:
                return  # the parent closed the socket (recycled, or it exited)
            data, filename = request
            reply = _read_one(read_document, data, filename, limits.cpu_seconds)
            del data, request
            payload = json.dumps(reply).encode()  # ASCII: a lone surrogate survives as \udXXX
            sock.sendall(_REPLY.pack(len(payload)) + payload)
            if reply.get("recycle"):
                return


def _read_one(
    read_document: Callable[[bytes, str], Document], data: bytes, filename: str, cpu_seconds: int
) -> dict[str, Any]:
    """The reply: {"document": ...} or {"error": ...}; "recycle" when this worker hit one of its
    own limits or a reader bug, and should not read another file."""
    try:
        with _cpu_budget(cpu_seconds):
            document = read_document(data, filename)
        return {"document": _document_fields(document)}
    except ResumeError as error:  # including a reader's own work limit: the worker is fine
        return {"error": _error_fields(error)}
    except (CpuTimeExceeded, MemoryError, RecursionError) as error:
        too_complex = TooComplex(_kind(data), type(error).__name__)
        return {"error": _error_fields(too_complex), "recycle": True}
    except Exception as error:  # a reader's bug on hostile input: unreadable, never a crash
        return {
            "error": _error_fields(CorruptFile(_kind(data), type(error).__name__)),
            "recycle": True,
        }


@contextlib.contextmanager
def _cpu_budget(seconds: int) -> Iterator[None]:
    """`seconds` more CPU time (rounded up to the next whole second) for this process; past it,
    `CpuTimeExceeded` is raised (SIGXCPU). The previous limit and handler come back afterwards."""
    if resource is None:
        yield
        return
    before = resource.getrlimit(resource.RLIMIT_CPU)
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(used.ru_utime + used.ru_stime) + seconds
    hard = before[1]
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    handler = signal.signal(signal.SIGXCPU, _on_sigxcpu)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    try:
        yield
    finally:
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_CPU, before)
        signal.signal(signal.SIGXCPU, handler)


def _warm_up(read_document: Callable[[bytes, str], Document]) -> None:
    """Read a tiny PDF, Word file and text once, so the imports the readers do on first use
    happen now (an import failing under the memory limit would look like a damaged file)."""
    samples = [(_tiny_pdf(), "w.pdf"), (_tiny_docx(), "w.docx"), (b"Warm up.", "w.txt")]
    for data, name in samples:
        with contextlib.suppress(ResumeError):
            read_document(data, name)


def _tiny_pdf() -> bytes:
    content = b"BT /F1 12 Tf 72 700 Td (Warm up the PDF reader before any file arrives) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _tiny_docx() -> bytes:
    import io
    import zipfile

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>Warm up</w:t></w:r></w:p>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", body + "</w:body></w:document>")
        archive.writestr("word/header1.xml", f'<w:hdr xmlns:w="{w}"/>')
    return buffer.getvalue()


def _kind(data: bytes) -> str:
    return "PDF" if b"%PDF-" in data[:1024] else "file"


def _limit_memory(extra: int) -> None:
    if resource is None:
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    limit = _address_space() + extra
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 where /proc is missing: no limit)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _receive_request(sock: socket.socket) -> tuple[bytes, str] | None:
    header = _recv_exactly(sock, _REQUEST.size)
    if header is None:
        return None
    name_length, data_length = _REQUEST.unpack(header)
    name = _recv_exactly(sock, name_length)
    data = _recv_exactly(sock, data_length)
    if name is None or data is None:
        return None
    return data, name.decode("utf-8", "replace")


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        count = sock.recv_into(view[got:])
        if count == 0:
            return None
        got += count
    return bytes(buffer)


def _document_fields(document: Document) -> dict[str, Any]:
    return {
        "text": document.text,
        "kind": document.kind.value,
        "pages": document.pages,
        "risks": [[risk.code, risk.message] for risk in document.risks],
    }


def _error_fields(error: ResumeError) -> dict[str, Any]:
    plain = (str, int, float, bool, type(None))
    return {
        "code": error.code,
        "args": [a for a in error.args if isinstance(a, plain)],
        "attrs": {k: v for k, v in vars(error).items() if isinstance(v, plain)},
    }


# -- the parent side -------------------------------------------------------------------------------
class WorkerDied(Exception):
    """The worker exited without a reply (its CPU or memory limit, or a crash)."""


def _document_from(fields: dict[str, Any]) -> Document:
    kind = FileKind(str(fields["kind"]))
    pages = fields.get("pages")
    risks = tuple(LayoutRisk(str(code), str(message)) for code, message in fields["risks"])
    return Document(
        text=str(fields["text"]),
        kind=kind,
        pages=int(pages) if isinstance(pages, int) else None,
        risks=risks,
    )


def _error_from(fields: dict[str, Any]) -> ResumeError:
    """The `ResumeError` a worker raised, rebuilt (same class, message and detail)."""
    cls = _error_classes().get(str(fields.get("code")), ResumeError)
    error = cls.__new__(cls)
    error.args = tuple(fields.get("args") or ())
    error.__dict__.update(fields.get("attrs") or {})
    if not isinstance(getattr(error, "user_message", None), str):
        return CorruptFile("file", "bad worker reply")
    return error


def _error_classes() -> dict[str, type[ResumeError]]:
    found: dict[str, type[ResumeError]] = {}
    pending: list[type[ResumeError]] = [ResumeError]
    while pending:
        cls = pending.pop()
        found.setdefault(cls.code, cls)
        pending.extend(cls.__subclasses__())
    return found


def _import_path() -> list[str]:
    """The parent's import path, led by the folder this package was imported from (the current
    directory may have changed since: a worker must run the parent's code)."""
    root = str(Path(__file__).resolve().parents[3])
    return [root, *(p for p in sys.path if p and p != root)]


def _worker_command(fd: int, limits: Limits) -> list[str]:
    code = (
        f"import sys; sys.path[:] = {_import_path()!r}; "
        "from careermate_bot.services.resume.sandbox import serve; "
        f"serve({fd}, {limits.cpu_seconds}, {limits.memory_bytes}, {limits.jobs_per_worker})"
    )
    return [sys.executable, "-I", "-c", code]


class _Worker:
    def __init__(self, process: subprocess.Popen[bytes], sock: socket.socket) -> None:
        self.process = process
        self.sock = sock
        self.jobs = 0

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Kill it now; the process is reaped in the background."""
        with contextlib.suppress(OSError):
            self.sock.close()
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(RuntimeError):  # the pools were shut down: exit reaps it
            executor(Work.PARSING).submit(_reap, self.process)


def _reap(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)


class ParsePool:
    """Up to `size` worker processes reading résumé files with `limits`.

    Not bound to one event loop: the slots are remade for each loop that uses the pool (a test
    run starts many loops; the bot has one)."""

    def __init__(
        self,
        size: int = PARSE_CONCURRENCY,
        limits: Limits | None = None,
        *,
        queue_limit: float = QUEUE_LIMIT,
    ) -> None:
        self.size = size
        self.limits = limits or Limits()
        self.queue_limit = queue_limit
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()  # the idle list (loops of different threads may share it)
        self._slots: asyncio.Semaphore | None = None
        self._slots_loop: asyncio.AbstractEventLoop | None = None
        self.started = 0  # worker processes started so far (tests, figures)
        self.stopped_early = 0  # workers stopped by a timeout, a limit or a cancellation

    async def read(self, data: bytes, filename: str = "", *, time_limit: float) -> Document:
        """`read_document(data, filename)` in a worker. Raises its `ResumeError`, or
        `ParseTimeout` after `time_limit` seconds (the worker is killed), `TooComplex` when the
        worker hit a limit, `ParserBusy` when no slot frees up within `queue_limit`."""
        if len(data) > MAX_BYTES:
            raise FileTooLarge(len(data))
        slots = self._slots_for_this_loop()
        try:
            async with asyncio.timeout(self.queue_limit):
                await slots.acquire()
        except TimeoutError:
            raise ParserBusy(self.queue_limit) from None
        try:
            worker = await self._take_worker()
            return await self._run(worker, data, filename, time_limit)
        finally:
            slots.release()

    def _slots_for_this_loop(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots_loop is not loop:
            self._slots, self._slots_loop = asyncio.Semaphore(self.size), loop
        return self._slots

    async def _take_worker(self) -> _Worker:
        while True:
            with self._lock:
                worker = self._idle.pop() if self._idle else None
            if worker is None:
                break
            if worker.alive():
                return worker
            worker.stop()
        return await run_in(Work.PARSING, self._start_worker)

    def _start_worker(self) -> _Worker:
        """A new worker, once it is ready (blocking: runs in the parsing thread pool). Raises
        `RuntimeError` when it can't start: that is a broken install, not a bad file."""
        parent, child = socket.socketpair()
        try:
            with child:
                process = subprocess.Popen(
                    _worker_command(child.fileno(), self.limits),
                    pass_fds=(child.fileno(),),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                )
            worker = _Worker(process, parent)
            parent.settimeout(START_LIMIT)
            try:
                ready = parent.recv(1)
            except OSError:
                ready = b""
            if ready != READY:
                worker.stop()
                raise RuntimeError(
                    f"a résumé parse worker did not start (exit code {process.poll()}); "
                    "its error, if any, is above in the bot's standard error"
                )
        except BaseException:
            parent.close()
            raise
        parent.setblocking(False)
        self.started += 1
        return worker

    async def _run(
        self, worker: _Worker, data: bytes, filename: str, time_limit: float
    ) -> Document:
        loop = asyncio.get_running_loop()
        name = filename.encode("utf-8", "replace")[:1024]
        keep = False
        try:
            async with asyncio.timeout(time_limit):
                await loop.sock_sendall(worker.sock, _REQUEST.pack(len(name), len(data)))
                await loop.sock_sendall(worker.sock, name + data)
                reply = await _receive_reply(loop, worker.sock)
            worker.jobs += 1
            keep = worker.jobs < self.limits.jobs_per_worker and not reply.get("recycle")
            if "document" in reply:
                return _document_from(reply["document"])
            raise _error_from(reply["error"])
        except TimeoutError:
            raise ParseTimeout(time_limit) from None
        except (WorkerDied, OSError):
            raise TooComplex("file", "worker stopped") from None
        except (ValueError, KeyError, TypeError):
            raise CorruptFile("file", "bad worker reply") from None
        finally:
            if keep:
                with self._lock:
                    self._idle.append(worker)
            else:
                if worker.jobs < self.limits.jobs_per_worker:
                    self.stopped_early += 1
                worker.stop()

    def close(self) -> None:
        """Stop the idle workers (a busy one is stopped when its file ends)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


async def _receive_reply(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> dict[str, Any]:
    header = await _receive_exactly(loop, sock, _REPLY.size)
    (length,) = _REPLY.unpack(header)
    reply = json.loads(await _receive_exactly(loop, sock, length))
    if not isinstance(reply, dict):
        raise ValueError("reply is not an object")
    return reply


async def _receive_exactly(
    loop: asyncio.AbstractEventLoop, sock: socket.socket, size: int
) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left:
        chunk = await loop.sock_recv(sock, min(left, 1 << 20))
        if not chunk:
            raise WorkerDied()
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


@functools.cache
def parse_pool() -> ParsePool:
    """The process-wide pool of parse workers (created on first use; a process resource like
    the event loop's own executor, closed when the services stop)."""
    return ParsePool()

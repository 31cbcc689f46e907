"""A throwaway real `redis-server` for tests: 127.0.0.1, a free port, no persistence.

    server = RedisServer.start_new(tmp_path)     # or the `redis_server` fixture (tests/shared)
    server.url                                   # redis://127.0.0.1:<port>/0
    server.restart()                             # same port, all data gone (like a crash)
    server.stop()

When `redis-server` is not installed the fixtures skip with the reason (CI installs Debian's
package and sets CAREERMATE_REQUIRE_REDIS=1, which turns that skip into a failure).
Other suites (the cluster test) can import this module as it is.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

REQUIRE_ENV = "CAREERMATE_REQUIRE_REDIS"


def redis_server_binary() -> str | None:
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )


def require_redis_server() -> str:
    """The binary's path, or a skip (a failure when CAREERMATE_REQUIRE_REDIS is set)."""
    binary = redis_server_binary()
    if binary is None:
        reason = (
            "redis-server is not installed (sudo apt-get install -y redis-server); .ci/run "
            "installs it, so CI runs these tests"
        )
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{REQUIRE_ENV} is set but {reason}")
        pytest.skip(reason)
    return binary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    def __init__(self, binary: str, workdir: Path, port: int | None = None) -> None:
        self.binary = binary
        self.workdir = workdir
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @classmethod
    def start_new(cls, workdir: Path) -> RedisServer:
        server = cls(require_redis_server(), workdir)
        server.start()
        return server

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        log = open(self.workdir / "redis.log", "ab")
        self.process = subprocess.Popen(
            [
                self.binary,
                "--bind", "127.0.0.1",
                "--port", str(self.port),
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.workdir),
                "--daemonize", "no",
                "--maxmemory-policy", "noeviction",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"redis-server exited ({self.process.returncode}); see {self.workdir}/redis.log"
                )
            if self._answers():
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        """Kill it (like a crash: no save, connections drop)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None

    def restart(self) -> None:
        """Crash and start again on the same port: every key is gone."""
        self.stop()
        self.start()

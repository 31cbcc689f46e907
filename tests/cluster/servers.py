"""A throwaway PostgreSQL server from Debian's packages, on a free 127.0.0.1 port, that the
cluster test can restart (a fault) and always stops. (Redis: tests/redis_server.py.)

`scripts/test_cluster.sh` installs the packages when they are missing (as .ci/run does for
PostgreSQL); here we only find and run them. As root, PostgreSQL runs as the `postgres` user
(the server refuses to run as root), like scripts/test_postgres.sh.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_port(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing listens on 127.0.0.1:{port}") from None
            time.sleep(0.05)


def postgres_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if found and Path(found[-1], "initdb").exists():
        return Path(found[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PostgresServer:
    """`initdb` in `workdir`, then `pg_ctl start`; `restart()` stops it hard (`-m immediate`,
    like a crash) and starts it again on the same port."""

    def __init__(self, workdir: Path) -> None:
        bindir = postgres_bindir()
        if bindir is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install -y postgresql)")
        self.bindir = bindir
        self.workdir = workdir
        self.data = workdir / "pgdata"
        self.port = free_port()
        self.as_root = os.geteuid() == 0

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/careermate"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, timeout=120, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stderr or done.stdout}")

    def start(self) -> PostgresServer:
        if not self.data.exists():
            self.workdir.mkdir(parents=True, exist_ok=True)
            self.workdir.chmod(0o755)
            if self.as_root:
                shutil.chown(self.workdir, "postgres")
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
            self._pg_ctl_start()
            subprocess.run(
                [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U",
                 "postgres", "-qAt", "-c", "CREATE DATABASE careermate"],
                check=True, capture_output=True, timeout=60,
            )  # fmt: skip
        else:
            self._pg_ctl_start()
        return self

    def _pg_ctl_start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.workdir} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.workdir / "server.log"), "-w",
            "-t", "60", "-o", options, "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
        except RuntimeError:
            pass  # already stopped

    def restart(self, down_seconds: float = 1.0) -> None:
        self.stop("immediate")
        time.sleep(down_seconds)
        self._pg_ctl_start()

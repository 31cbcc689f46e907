"""Which database the tests use: SQLite files (default) or a real PostgreSQL server.

`scripts/test_postgres.sh` starts a throwaway server and sets CAREERMATE_TEST_DATABASE_URL;
then `database_url_for_test()` hands every caller a brand-new, empty database on that server
(dropped after the test), so PostgreSQL tests are as isolated as SQLite's per-test files.
Tests that are inherently SQLite (its files, WAL, pragmas, file backups) use `@sqlite_only`.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import threading
import uuid
from collections.abc import Coroutine
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_URL_ENV = "CAREERMATE_TEST_DATABASE_URL"

_created: list[str] = []
_lock = threading.Lock()


def pg_url() -> str | None:
    """The PostgreSQL server's URL for tests, or None (SQLite)."""
    url = os.environ.get(PG_URL_ENV, "").strip()
    return url or None


def on_postgres() -> bool:
    return pg_url() is not None


sqlite_only = pytest.mark.skipif(
    on_postgres(), reason="SQLite-specific (files, WAL, pragmas); the PostgreSQL pass skips it"
)
postgres_only = pytest.mark.skipif(
    not on_postgres(), reason=f"needs PostgreSQL: run scripts/test_postgres.sh (sets {PG_URL_ENV})"
)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _run(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to completion from sync code, even inside a running event loop."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coro)
        except BaseException as error:  # re-raised in the caller's thread
            result["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


async def _admin(url: str, *statements: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(_with_database(url, "postgres"))
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


def fresh_database_url() -> str:
    """A new empty database on the test server; its `postgres://` URL."""
    base = pg_url()
    if base is None:
        raise RuntimeError(f"{PG_URL_ENV} is not set")
    name = f"cm_test_{uuid.uuid4().hex[:16]}"
    _run(_admin(base, f'CREATE DATABASE "{name}"'))
    with _lock:
        if not _created:
            atexit.register(drop_created_databases)
        _created.append(name)
    return _with_database(base, name)


def drop_database(url: str) -> None:
    base = pg_url()
    name = urlsplit(url).path.lstrip("/")
    if base is None or not name.startswith("cm_test_"):
        return
    _run(_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    with _lock:
        if name in _created:
            _created.remove(name)


def drop_created_databases() -> None:
    base = pg_url()
    with _lock:
        names = list(_created)
        _created.clear()
    if base is None or not names:
        return
    try:
        _run(_admin(base, *(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in names)))
    except Exception:  # the server may already be gone; the cluster is throwaway anyway
        pass


def database_url_for_test() -> str:
    """An empty URL (SQLite under DATA_DIR), or a fresh PostgreSQL database in the PG pass."""
    return fresh_database_url() if on_postgres() else ""


def created_count() -> int:
    with _lock:
        return len(_created)


def drop_databases_created_since(count: int) -> None:
    """Drop the databases created after `created_count()` returned `count` (a test's own)."""
    base = pg_url()
    with _lock:
        names = _created[count:]
        del _created[count:]
    if base is not None and names:
        _run(_admin(base, *(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in names)))

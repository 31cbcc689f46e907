"""Which process runs the fleet's once-only jobs: the idle-interview sweep, scheduled backups and
the slash-command sync.

- SQLite: one bot process per database (the run lock, `storage.runlock`), so that process is
  always the leader, as before.
- PostgreSQL: the leader is the process whose own connection holds
  `pg_try_advisory_xact_lock(LEADER_LOCK_KEY)` inside an open transaction. Every other process
  tries again every `retry_seconds`; the leader checks its connection every `keepalive_seconds`
  and steps down the moment that fails. When the leader dies (even `kill -9`), its connection
  closes, PostgreSQL ends the transaction and frees the lock, and the next try of another
  process takes over. A transaction-scoped lock (rather than a session lock) also works behind
  PgBouncer in transaction pooling mode: the open transaction pins one server connection.

Advisory locks are per database, so two CareerMate installs on one server never compete. The
leader's connection is its own (not one of the ORM pool's); a follower connects only for its
short tries. `is_leader` is a snapshot: a job checks it when it starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from careermate_bot.config import Settings
from careermate_bot.storage.own_connection import CONNECT_TIMEOUT, connect_own, lock_key
from careermate_bot.storage.postgres_backup import is_postgres

if TYPE_CHECKING:
    import asyncpg

log = logging.getLogger(__name__)

# A fixed 64-bit key: the same in every CareerMate process and version.
LEADER_LOCK_KEY = lock_key("careermate:leader")
RETRY_SECONDS = 15.0
KEEPALIVE_SECONDS = 10.0

ElectedCallback = Callable[[], Awaitable[None]]


class Leadership:
    """`await start()` once (it makes the first attempt before returning), read `is_leader`
    before a leader job, `await stop()` on shutdown (a PostgreSQL leader hands over at once)."""

    def __init__(
        self,
        settings: Settings,
        *,
        retry_seconds: float = RETRY_SECONDS,
        keepalive_seconds: float = KEEPALIVE_SECONDS,
    ) -> None:
        self.settings = settings
        self.retry_seconds = retry_seconds
        self.keepalive_seconds = keepalive_seconds
        self.shared = is_postgres(settings)  # False: SQLite, this process alone
        self._leader = not self.shared
        self._conn: asyncpg.Connection | None = None
        self._tx: Any = None  # asyncpg's Transaction while leading
        self._task: asyncio.Task[None] | None = None
        self._callbacks: list[ElectedCallback] = []
        self._pending: set[asyncio.Task[None]] = set()
        self.last_error: str | None = None

    @property
    def is_leader(self) -> bool:
        return self._leader

    @property
    def mode(self) -> str:
        """How leadership is decided: "postgres advisory lock" or "single process"."""
        return "postgres advisory lock" if self.shared else "single process"

    def on_elected(self, callback: ElectedCallback) -> None:
        """Run `callback` (in its own task; errors are logged) each time this process becomes
        the leader after start-up (start-up itself: check `is_leader`)."""
        self._callbacks.append(callback)

    async def start(self) -> bool:
        """Decide once (SQLite: leader; PostgreSQL: one attempt), then keep campaigning in the
        background. Returns `is_leader`."""
        if not self.shared:
            return True
        if self._task is not None:
            return self._leader
        try:
            await self._try_once()
        except Exception as error:  # the database is down: the loop retries
            self._lost(error)
        self._task = asyncio.get_running_loop().create_task(self._run(), name="leader-election")
        return self._leader

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for pending in list(self._pending):
            pending.cancel()
        await self._close()
        self._leader = False if self.shared else self._leader

    # -- PostgreSQL -------------------------------------------------------------------------------
    async def _run(self) -> None:
        while True:
            try:
                if self._leader:
                    await asyncio.sleep(self.keepalive_seconds)
                    await self._keepalive()
                else:
                    await asyncio.sleep(self.retry_seconds)
                    await self._try_once()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self._lost(error)

    async def _connect(self) -> asyncpg.Connection:
        from careermate_bot.storage.database import connection_config

        return await connect_own(connection_config(self.settings)["credentials"])

    async def _try_once(self) -> bool:
        conn = self._conn = self._conn or await self._connect()
        tx = conn.transaction()
        await tx.start()
        got = await asyncio.wait_for(
            conn.fetchval("SELECT pg_try_advisory_xact_lock($1)", LEADER_LOCK_KEY),
            CONNECT_TIMEOUT,
        )
        if not got:
            # A follower holds no connection between tries.
            await self._close()
            return False
        self._tx = tx
        self._leader = True
        self.last_error = None
        log.info("this process is the leader (it runs the sweep, backups and command sync)")
        for callback in self._callbacks:
            task = asyncio.get_running_loop().create_task(self._call(callback))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)
        return True

    async def _keepalive(self) -> None:
        assert self._conn is not None
        await asyncio.wait_for(self._conn.fetchval("SELECT 1"), CONNECT_TIMEOUT)

    async def _call(self, callback: ElectedCallback) -> None:
        try:
            await callback()
        except Exception:
            log.exception("a job run on becoming the leader failed")

    def _lost(self, error: BaseException) -> None:
        text = f"{type(error).__name__}: {error}"
        if self._leader:
            log.warning("lost the leader lock (%s); another process will take over", text)
        elif self.last_error != text:
            log.warning("leader election: cannot reach PostgreSQL (%s); retrying", text)
        self.last_error = text
        self._leader = False
        conn, self._conn, self._tx = self._conn, None, None
        if conn is not None:
            conn.terminate()  # a broken connection: no goodbye, the server frees the lock

    async def _close(self) -> None:
        conn, self._conn, self._tx = self._conn, None, None
        if conn is None:
            return
        try:
            await asyncio.wait_for(conn.close(), CONNECT_TIMEOUT)  # ends the transaction
        except Exception:
            conn.terminate()

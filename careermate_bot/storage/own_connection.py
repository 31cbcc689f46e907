"""A PostgreSQL connection of a process's own, outside the ORM's pool, for locks that must
outlive one query: the leader's advisory lock (`storage.leader`) and the lock that serialises
schema set-up between processes starting together (`schema_lock`)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncpg

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0
# Migrations on a large database can take minutes; a process waiting longer than this for
# another's set-up gives up with the error rather than hanging its start for ever.
SCHEMA_LOCK_TIMEOUT = 600.0
_CREDENTIAL_KEYS = ("host", "port", "user", "password", "database", "ssl")


def lock_key(name: str) -> int:
    """A fixed signed 64-bit advisory-lock key: the same in every process and version."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


SCHEMA_LOCK_KEY = lock_key("careermate:schema")


async def connect_own(credentials: Mapping[str, Any]) -> asyncpg.Connection:
    import asyncpg

    options = {k: credentials[k] for k in _CREDENTIAL_KEYS if k in credentials}
    connection: asyncpg.Connection = await asyncpg.connect(
        **options, timeout=CONNECT_TIMEOUT, server_settings={"application_name": "careermate"}
    )
    return connection


@contextlib.asynccontextmanager
async def schema_lock(credentials: Mapping[str, Any]) -> AsyncIterator[None]:
    """Hold a transaction-scoped advisory lock on a connection of our own while the body runs.

    Two processes creating the same tables at once deadlock in PostgreSQL (Tortoise's script
    takes locks table by table, e.g. for `COMMENT ON`); under this lock the second waits and
    then finds the work done. Transaction-scoped, so it also works behind PgBouncer in
    transaction pooling mode, and a dead holder's lock goes with its connection."""
    connection = await connect_own(credentials)
    try:
        transaction = connection.transaction()
        await transaction.start()
        await asyncio.wait_for(
            connection.execute("SELECT pg_advisory_xact_lock($1)", SCHEMA_LOCK_KEY),
            SCHEMA_LOCK_TIMEOUT,
        )
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                await transaction.rollback()
    finally:
        with contextlib.suppress(Exception):
            await connection.close(timeout=CONNECT_TIMEOUT)

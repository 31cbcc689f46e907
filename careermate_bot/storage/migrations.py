"""Schema versions: an upgrade adds to the database, it never drops user data.

How a start-up brings any database to the current schema (see `db.init_db`):

1. `schema_meta` (one row: the schema version) says where the database stands. A database from
   before versioning has our tables but no `schema_meta`: it is version 1 (`BASELINE_VERSION`).
   A brand-new database is stamped with `CURRENT_VERSION` and needs no migrations.
2. Each pending migration (ordered by version) runs in its own transaction together with the
   version bump, so a failure leaves the database at the last good version, never half-way.
3. `Tortoise.generate_schemas(safe=True)` then creates brand-new tables (a new model needs no
   migration) and any missing indexes.
4. `check_schema` compares every model's columns with the database and names what is missing.

Writing a migration: append `Migration(version=N, description=..., apply=fn)` to `MIGRATIONS`,
where `fn(ctx)` uses the `MigrationContext` helpers (`add_column`, `create_index`, `execute`).
The helpers are idempotent and skip tables that do not exist yet (step 3 creates those in their
final shape), so a migration is safe to run on any database at the previous version. SQLite can
only `ADD COLUMN` a column that is nullable or has a constant default.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

log = logging.getLogger(__name__)

META_TABLE = "schema_meta"
BASELINE_VERSION = 1
# Tables every CareerMate database has had since version 1.
CORE_TABLES = ("user_profiles", "chat_messages")

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class MigrationError(RuntimeError):
    """The database could not be brought to the current schema; the message says why."""


def _ident(name: str) -> str:
    """Quote an identifier we control (and refuse anything that is not a plain name)."""
    if not _IDENT.match(name):
        raise ValueError(f"not a plain SQL identifier: {name!r}")
    return f'"{name}"'


class MigrationContext:
    """What a migration gets: the transaction's connection plus dialect-aware helpers."""

    def __init__(self, conn: BaseDBAsyncClient) -> None:
        self.conn = conn
        self.dialect: str = conn.capabilities.dialect  # "sqlite" or "postgres"

    async def execute(self, *statements: str) -> None:
        """Run SQL statements one by one (never as a script: that would commit on SQLite)."""
        for statement in statements:
            await self.conn.execute_query(statement)

    async def tables(self) -> set[str]:
        return await table_names(self.conn)

    async def columns(self, table: str) -> set[str]:
        return await column_names(self.conn, table)

    async def add_column(self, table: str, column: str, ddl: str) -> bool:
        """`ALTER TABLE table ADD COLUMN column <ddl>` unless the table is missing (it will be
        created whole) or the column exists. `ddl` is the type and constraints, e.g.
        `"VARCHAR(32)"` or `"INT NOT NULL DEFAULT 0"`. Returns True when it added the column."""
        if table not in await self.tables() or column in await self.columns(table):
            return False
        await self.execute(f"ALTER TABLE {_ident(table)} ADD COLUMN {_ident(column)} {ddl}")
        return True

    async def create_index(self, name: str, table: str, columns: Sequence[str]) -> bool:
        """`CREATE INDEX IF NOT EXISTS` (skipped while the table does not exist)."""
        if table not in await self.tables():
            return False
        cols = ", ".join(_ident(c) for c in columns)
        await self.execute(f"CREATE INDEX IF NOT EXISTS {_ident(name)} ON {_ident(table)} ({cols})")
        return True


MigrationFn = Callable[[MigrationContext], Awaitable[None]]


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: MigrationFn


@dataclass
class MigrationReport:
    from_version: int | None  # None: a brand-new database
    to_version: int
    applied: list[Migration] = field(default_factory=list)

    @property
    def created(self) -> bool:
        return self.from_version is None


# -- The migrations, oldest first -----------------------------------------------------------------


async def _v2_history_index(ctx: MigrationContext) -> None:
    # "Last N messages of one user" and deleting a user's messages both look rows up by user.
    await ctx.create_index("idx_chat_messages_user_history", "chat_messages", ["user_id", "id"])


async def _v3_resume_reviews(ctx: MigrationContext) -> None:
    # Résumé review summaries are a new table (created whole by generate_schemas); an older
    # database that somehow has it gets the per-user lookup index.
    await ctx.create_index("idx_resume_reviews_user", "resume_reviews", ["user_id", "id"])


async def _v4_interviews(ctx: MigrationContext) -> None:
    # Interview sessions and answers are new tables (created whole by generate_schemas); an
    # older database that somehow has the sessions table gets the per-user lookup index.
    await ctx.create_index(
        "idx_interview_sessions_user", "interview_sessions", ["user_id", "status"]
    )


async def _v5_conversation_state(ctx: MigrationContext) -> None:
    # The conversation's context per person is a new table (created whole by generate_schemas);
    # nothing to change in existing tables.
    return None


MIGRATIONS: list[Migration] = [
    Migration(2, "index chat_messages by (user_id, id) for recent history", _v2_history_index),
    Migration(3, "résumé review summaries (score, checks, skills)", _v3_resume_reviews),
    Migration(4, "interview sessions and answers (mock interviews)", _v4_interviews),
    Migration(
        5,
        "the conversation's context per person (follow-ups survive a restart)",
        _v5_conversation_state,
    ),
]

CURRENT_VERSION = MIGRATIONS[-1].version if MIGRATIONS else BASELINE_VERSION


# -- Introspection (SQLite and PostgreSQL) --------------------------------------------------------


async def table_names(conn: BaseDBAsyncClient) -> set[str]:
    if conn.capabilities.dialect == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    else:
        sql = (
            "SELECT table_name AS name FROM information_schema.tables "
            "WHERE table_schema = current_schema()"
        )
    return {row["name"] for row in await conn.execute_query_dict(sql)}


async def column_names(conn: BaseDBAsyncClient, table: str) -> set[str]:
    _ident(table)  # validates the name before it goes into SQL
    if conn.capabilities.dialect == "sqlite":
        sql = f"SELECT name FROM pragma_table_info('{table}')"
    else:
        sql = (
            "SELECT column_name AS name FROM information_schema.columns "
            f"WHERE table_schema = current_schema() AND table_name = '{table}'"
        )
    return {row["name"] for row in await conn.execute_query_dict(sql)}


async def read_version(conn: BaseDBAsyncClient) -> int | None:
    """The stored schema version; BASELINE for a pre-versioning database; None if brand new."""
    tables = await table_names(conn)
    if META_TABLE in tables:
        rows = await conn.execute_query_dict(f"SELECT version FROM {META_TABLE} WHERE id = 1")
        if rows:
            return int(rows[0]["version"])
    return BASELINE_VERSION if "user_profiles" in tables else None


async def _write_version(conn: BaseDBAsyncClient, version: int) -> None:
    version = int(version)
    await conn.execute_query(
        f"CREATE TABLE IF NOT EXISTS {META_TABLE} "
        "(id INTEGER PRIMARY KEY, version INTEGER NOT NULL)"
    )
    # Two statements instead of an upsert: the same SQL on SQLite and PostgreSQL.
    await conn.execute_query(f"DELETE FROM {META_TABLE} WHERE id <> 1")
    rows = await conn.execute_query_dict(f"SELECT version FROM {META_TABLE} WHERE id = 1")
    if rows:
        await conn.execute_query(f"UPDATE {META_TABLE} SET version = {version} WHERE id = 1")
    else:
        await conn.execute_query(f"INSERT INTO {META_TABLE} (id, version) VALUES (1, {version})")


def pending_migrations(
    version: int | None, migrations: Sequence[Migration] = MIGRATIONS
) -> list[Migration]:
    if version is None:
        return []
    return sorted((m for m in migrations if m.version > version), key=lambda m: m.version)


def _check_order(migrations: Sequence[Migration]) -> None:
    versions = [m.version for m in migrations]
    if versions != sorted(set(versions)) or (versions and versions[0] <= BASELINE_VERSION):
        raise MigrationError(
            f"migration versions must be unique, ascending and above {BASELINE_VERSION}: {versions}"
        )


async def migrate(
    conn: BaseDBAsyncClient,
    migrations: Sequence[Migration] = MIGRATIONS,
    *,
    current: int | None = None,
) -> MigrationReport:
    """Bring the database to `current` (default: the last migration's version).

    Does not create model tables: `db.init_db` runs `generate_schemas(safe=True)` afterwards.
    """
    _check_order(migrations)
    target = (
        current
        if current is not None
        else (migrations[-1].version if migrations else BASELINE_VERSION)
    )
    start = await read_version(conn)
    if start is None:
        # Brand new: stamp it first, so an interrupted first start resumes as "current, with
        # some tables missing" and generate_schemas completes it.
        async with in_transaction(conn.connection_name) as tx:
            await _write_version(tx, target)
        return MigrationReport(from_version=None, to_version=target)
    if start > target:
        raise MigrationError(
            f"the database is at schema version {start}, newer than this CareerMate "
            f"(version {target}). Upgrade CareerMate, or restore a backup made by this version."
        )

    report = MigrationReport(from_version=start, to_version=start)
    if META_TABLE not in await table_names(conn):
        # A pre-versioning database: record where it stands before changing anything.
        async with in_transaction(conn.connection_name) as tx:
            await _write_version(tx, start)
    for migration in pending_migrations(start, [m for m in migrations if m.version <= target]):
        try:
            async with in_transaction(conn.connection_name) as tx:
                # Take the write lock first (SQLite waits up to busy_timeout for it), then
                # re-read: another process may have migrated meanwhile.
                await tx.execute_query(f"UPDATE {META_TABLE} SET version = version WHERE id = 1")
                now = await read_version(tx)
                if now is not None and now >= migration.version:
                    report.to_version = now
                    continue
                log.info(
                    "migrating the database to version %d: %s",
                    migration.version,
                    migration.description,
                )
                await migration.apply(MigrationContext(tx))
                await _write_version(tx, migration.version)
        except MigrationError:
            raise
        except Exception as error:
            raise MigrationError(
                f"migration to schema version {migration.version} ({migration.description}) "
                f"failed and was rolled back; the database is unchanged at version "
                f"{report.to_version}. Cause: {error}"
            ) from error
        report.applied.append(migration)
        report.to_version = migration.version
    if report.to_version < target:
        # No migration left to run, but the stored version lags behind `current`.
        async with in_transaction(conn.connection_name) as tx:
            await _write_version(tx, target)
        report.to_version = target
    return report


async def check_schema(conn: BaseDBAsyncClient) -> list[str]:
    """Every model table and column the database lacks, as readable lines (empty = all good)."""
    problems: list[str] = []
    existing = await table_names(conn)
    apps = Tortoise.apps
    models = list(apps.get_models_iterable()) if apps is not None else []
    for model in models:
        table = model._meta.db_table
        if table not in existing:
            problems.append(f"table {table} is missing")
            continue
        have = await column_names(conn, table)
        for column in sorted(set(model._meta.fields_db_projection.values()) - have):
            problems.append(
                f"column {table}.{column} is missing (a model gained a field without a "
                "migration: add one to careermate_bot/migrations.py)"
            )
    return problems

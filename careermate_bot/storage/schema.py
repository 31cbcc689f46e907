"""The schema the models define, read from the model classes (no initialised ORM needed, so it
works while the bot's own ORM is open): what a backup may hold, for SQLite and PostgreSQL."""

from __future__ import annotations

import models
from careermate_bot.storage import migrations


def expected_tables() -> dict[str, frozenset[str]]:
    """Every table the models define, plus `schema_meta`, with its columns."""
    tables: dict[str, frozenset[str]] = {migrations.META_TABLE: frozenset({"id", "version"})}
    for model in models.__models__:
        meta = model._meta
        columns = set(meta.fields_db_projection.values())
        for name in meta.fk_fields | meta.o2o_fields:
            # Before the ORM is initialised a foreign key's column is not projected yet.
            field = meta.fields_map[name]
            columns.add(getattr(field, "source_field", None) or f"{name}_id")
        tables[meta.db_table] = frozenset(columns)
    return tables

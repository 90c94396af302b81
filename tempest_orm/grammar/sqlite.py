"""SQLite: the stdlib driver binds ``?`` itself; text stands in for rich types."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import ClassVar

from tempest_orm.grammar.base import Grammar
from tempest_orm.grammar.lexer import Lexicon

_VERSION = sqlite3.sqlite_version_info


class SQLiteGrammar(Grammar):
    """The grammar of SQLite 3."""

    name = "sqlite"
    lexicon = Lexicon("sqlite")
    supports_returning = _VERSION >= (3, 35, 0)
    supports_for_update = False
    max_bindings = 32_766 if _VERSION >= (3, 32, 0) else 999
    # IMMEDIATE takes the write lock up front, so two writers queue on the busy
    # timeout instead of deadlocking when both try to upgrade a read lock.
    begin_sql: ClassVar[str] = "BEGIN IMMEDIATE"

    def compile_limit(self, limit: int | None, offset: int | None) -> str:
        """SQLite needs a LIMIT before an OFFSET: -1 means no limit."""
        if offset and limit is None:
            return f" LIMIT -1 OFFSET {int(offset)}"
        return super().compile_limit(limit, offset)

    def adapt_datetime(self, value: datetime) -> object:
        """Store ISO text with a space, as SQLite's own date functions write it."""
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.isoformat(sep=" ")

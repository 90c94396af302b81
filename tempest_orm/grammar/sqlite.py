"""SQLite: the stdlib driver binds ``?`` itself; text stands in for rich types."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import ClassVar

from tempest_orm.grammar.base import Adapter, Grammar, in_utc
from tempest_orm.grammar.lexer import Lexicon

_VERSION = sqlite3.sqlite_version_info
_INT64 = range(-(2**63), 2**63)


class SQLiteGrammar(Grammar):
    """The grammar of SQLite 3."""

    name = "sqlite"
    lexicon = Lexicon("sqlite", backtick_names=True, bracket_names=True)
    supports_returning = _VERSION >= (3, 35, 0)
    supports_for_update = False
    keys_from_rowid = True
    max_bindings = 32_766 if _VERSION >= (3, 32, 0) else 999
    # IMMEDIATE takes the write lock up front, so two writers queue on the busy
    # timeout instead of deadlocking when both try to upgrade a read lock.
    begin_sql: ClassVar[str] = "BEGIN IMMEDIATE"
    # float is checked on its way in, as SQLite silently stores a NaN as NULL.
    native_types = frozenset({int, str, bytes, bool, type(None)})

    def adapters(self) -> dict[type, Adapter]:
        """The shared converters, plus the check of floats."""
        return {**super().adapters(), float: self.adapt_float}

    def driver_checks(self) -> dict[type, Adapter]:
        """sqlite3 refuses integers past 64 bits when it binds them."""
        return {int: self.adapt_int}

    def adapt_int(self, value: int) -> int:
        """Refuse integers that do not fit SQLite's signed 64 bits."""
        if value not in _INT64:
            raise self.refuse(
                "an integer outside the signed 64-bit range",
                "INTEGER holds 64 bits",
            )
        return value

    def adapt_float(self, value: float) -> float:
        """Refuse NaN, which SQLite would store as NULL; infinities are kept."""
        if value != value:
            raise self.refuse("a float NaN", "SQLite stores NaN as NULL")
        return value

    def compile_limit(self, limit: int | None, offset: int | None) -> str:
        """SQLite needs a LIMIT before an OFFSET: -1 means no limit."""
        if offset and limit is None:
            return f" LIMIT -1 OFFSET {int(offset)}"
        return super().compile_limit(limit, offset)

    def adapt_datetime(self, value: datetime) -> object:
        """Store ISO text with a space, as SQLite's own date functions write it."""
        if value.tzinfo is not None:
            value = in_utc(self, value)
        return value.isoformat(sep=" ")

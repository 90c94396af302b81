"""MySQL and MariaDB through PyMySQL: backticks, ``%s`` and backslash escapes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import ClassVar

from tempest_orm.grammar.base import Grammar
from tempest_orm.grammar.lexer import Lexicon


class MysqlGrammar(Grammar):
    """The grammar of MySQL 8 and MariaDB 10."""

    name = "mysql"
    lexicon = Lexicon(
        "mysql",
        backslash_escapes=True,
        double_quoted_strings=True,
        hash_comments=True,
        placeholder="%s",
    )
    quote_char = "`"
    # MariaDB could return inserted rows, MySQL cannot; both report the first
    # generated key of a statement, which serves either.
    supports_returning = False
    max_bindings = 65_535
    begin_sql: ClassVar[str] = "START TRANSACTION"
    native_types = Grammar.native_types | {Decimal, date, time, timedelta}

    def adapt_datetime(self, value: datetime) -> object:
        """DATETIME has no zone: store aware values as naive UTC."""
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def compile_limit(self, limit: int | None, offset: int | None) -> str:
        """MySQL has no OFFSET without LIMIT: use the largest LIMIT there is."""
        if offset and limit is None:
            return f" LIMIT 18446744073709551615 OFFSET {int(offset)}"
        return super().compile_limit(limit, offset)

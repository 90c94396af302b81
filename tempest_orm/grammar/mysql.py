"""MySQL and MariaDB through PyMySQL: backticks, ``%s`` and backslash escapes."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import ClassVar

from tempest_orm.grammar.base import Adapter, Grammar, in_utc
from tempest_orm.grammar.lexer import Lexicon

# The range the MySQL manual promises for DATE and DATETIME; earlier years
# "might work" on some servers, which is not a round trip to rely on.
_FIRST_YEAR = 1000


class MysqlGrammar(Grammar):
    """The grammar of MySQL 8 and MariaDB 10."""

    name = "mysql"
    lexicon = Lexicon(
        "mysql",
        backslash_escapes=True,
        double_quoted_strings=True,
        hash_comments=True,
        backtick_names=True,
        placeholder="%s",
    )
    quote_char = "`"
    # MariaDB could return inserted rows, MySQL cannot; both report the first
    # generated key of a statement, which serves either.
    supports_returning = False
    max_bindings = 65_535
    begin_sql: ClassVar[str] = "START TRANSACTION"
    # date is left out so that it passes its check: DATE starts at the year
    # 1000. PyMySQL itself refuses infinite and NaN floats before sending.
    native_types: ClassVar[frozenset[type]] = Grammar.native_types | {
        Decimal,
        time,
        timedelta,
    }

    def adapters(self) -> dict[type, Adapter]:
        """The shared converters, plus the check of dates."""
        return {**super().adapters(), date: self.adapt_date}

    def driver_checks(self) -> dict[type, Adapter]:
        """PyMySQL refuses infinite and NaN floats when it quotes them."""
        return {float: self.adapt_float}

    def adapt_float(self, value: float) -> float:
        """Refuse infinities and NaN, which DOUBLE cannot hold."""
        if not math.isfinite(value):
            raise self.refuse(
                "an infinite or NaN float", "DOUBLE holds finite numbers only"
            )
        return value

    def adapt_date(self, value: date) -> date:
        """Refuse dates before the year 1000."""
        if value.year < _FIRST_YEAR:
            raise self.refuse("a date before the year 1000", _RANGE)
        return value

    def adapt_datetime(self, value: datetime) -> object:
        """DATETIME has no zone: store aware values as naive UTC, from the year 1000."""
        if value.tzinfo is not None:
            value = in_utc(self, value).replace(tzinfo=None)
        if value.year < _FIRST_YEAR:
            raise self.refuse("a datetime before the year 1000", _RANGE)
        return value

    def compile_limit(self, limit: int | None, offset: int | None) -> str:
        """MySQL has no OFFSET without LIMIT: use the largest LIMIT there is."""
        if offset and limit is None:
            return f" LIMIT 18446744073709551615 OFFSET {int(offset)}"
        return super().compile_limit(limit, offset)


_RANGE = "DATE and DATETIME are promised from 1000-01-01 to 9999-12-31"

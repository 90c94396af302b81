"""PostgreSQL through psycopg2: ``%s``, RETURNING and array parameters."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID

from tempest_orm.builder.parts import In
from tempest_orm.grammar.base import ArrayBinding, Grammar
from tempest_orm.grammar.lexer import Lexicon


class PostgresGrammar(Grammar):
    """The grammar of PostgreSQL 12 and later."""

    name = "postgres"
    lexicon = Lexicon(
        "postgres", escape_strings=True, dollar_quotes=True, placeholder="%s"
    )
    supports_array_bindings = True
    max_bindings = 65_535
    native_types = Grammar.native_types | {
        Decimal,
        UUID,
        datetime,
        date,
        time,
        timedelta,
    }

    def compile_in(self, predicate: In, bindings: list[object]) -> str:
        """Past the binding limit, send the whole list as one array parameter."""
        if len(predicate.values) < self.max_bindings:
            return super().compile_in(predicate, bindings)

        bindings.append(ArrayBinding(predicate.values))
        column = self.quote(predicate.column)
        if predicate.negate:
            return f"NOT ({column} = ANY(?))"
        return f"{column} = ANY(?)"

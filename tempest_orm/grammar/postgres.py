"""PostgreSQL through psycopg2: ``%s``, RETURNING and array parameters."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from tempest_orm.builder.parts import In
from tempest_orm.grammar.base import Adapter, ArrayBinding, Grammar, in_utc
from tempest_orm.grammar.lexer import Lexicon


class PostgresGrammar(Grammar):
    """The grammar of PostgreSQL 12 and later."""

    name = "postgres"
    lexicon = Lexicon(
        "postgres", escape_strings=True, dollar_quotes=True, placeholder="%s"
    )
    supports_array_bindings = True
    max_bindings = 65_535
    # datetime is left out so that aware values go in UTC. psycopg2 itself
    # refuses text holding NUL before sending.
    native_types: ClassVar[frozenset[type]] = Grammar.native_types | {
        Decimal,
        UUID,
        date,
        time,
        timedelta,
    }

    def driver_checks(self) -> dict[type, Adapter]:
        """psycopg2 refuses text holding NUL when it quotes it."""
        return {str: self.adapt_text}

    def adapt_text(self, value: str) -> str:
        """Refuse text holding NUL, which PostgreSQL text cannot hold."""
        if "\x00" in value:
            raise self.refuse(
                "text holding a NUL character", "text cannot hold NUL (use bytes)"
            )
        return value

    def adapt_datetime(self, value: datetime) -> object:
        """Bind aware datetimes in UTC: PostgreSQL takes offsets up to 15:59 only."""
        if value.tzinfo is not None:
            return in_utc(self, value)
        return value

    def compile_in(self, predicate: In, bindings: list[object]) -> str:
        """Past the binding limit, send the whole list as one array parameter."""
        if len(predicate.values) < self.max_bindings:
            return super().compile_in(predicate, bindings)

        bindings.append(ArrayBinding(predicate.values))
        column = self.quote(predicate.column)
        if predicate.negate:
            return f"NOT ({column} = ANY(?))"
        return f"{column} = ANY(?)"

"""The grammar every dialect shares; each dialect overrides only what differs."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, ClassVar
from uuid import UUID

from tempest_orm.builder.parts import (
    Condition,
    DeleteParts,
    Group,
    In,
    InsertParts,
    Null,
    Raw,
    SelectParts,
    UpdateParts,
)
from tempest_orm.exceptions import QueryError, ValueNotStorable
from tempest_orm.grammar.lexer import Lexicon, check_fragment
from tempest_orm.mapping.json_text import dumps
from tempest_orm.model.primary_key import PrimaryKey

_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*\Z")
_JOIN_KEYWORD = re.compile(
    r"\s*(?:(?:NATURAL\s+)?(?:LEFT|RIGHT|FULL|INNER|CROSS)(?:\s+OUTER)?\s+)?JOIN\b",
    re.IGNORECASE,
)

Adapter = Callable[[Any], object]
# How many compiled INSERT shapes a grammar keeps before starting afresh.
_SHAPES_KEPT = 256


class ArrayBinding(tuple[object, ...]):
    """A list of values bound as one array parameter (PostgreSQL ``= ANY(?)``)."""

    __slots__ = ()


class Grammar:
    """Compiles builder parts to SQL and adapts values for one dialect's driver."""

    name: ClassVar[str] = "base"
    lexicon: ClassVar[Lexicon]
    quote_char: ClassVar[str] = '"'
    supports_returning: ClassVar[bool] = True
    supports_for_update: ClassVar[bool] = True
    supports_array_bindings: ClassVar[bool] = False
    # Whether generated integer keys are the rowid the driver reports for the
    # last row inserted (SQLite), so no RETURNING is needed to learn them.
    keys_from_rowid: ClassVar[bool] = False
    max_bindings: ClassVar[int] = 32_766
    begin_sql: ClassVar[str] = "BEGIN"
    native_types: ClassVar[frozenset[type]] = frozenset(
        {int, float, str, bytes, bool, type(None)}
    )

    def __init__(self) -> None:
        self._adapters: dict[type, Adapter] = self.adapters()
        self._checks: dict[type, Adapter] = self.driver_checks()
        self._quoted: dict[str, str] = {}
        self._inserts: dict[tuple[object, ...], str] = {}

    # Names -----------------------------------------------------------------

    def quote(self, name: str) -> str:
        """Quote a plain or dotted name, refusing anything else."""
        quoted = self._quoted.get(name)
        if quoted is not None:
            return quoted

        parts = name.split(".")
        if len(parts) > 3 or not all(_PLAIN_NAME.match(part) for part in parts):
            last_is_star = parts[-1] == "*" and len(parts) > 1
            if not (last_is_star and all(_PLAIN_NAME.match(p) for p in parts[:-1])):
                raise QueryError(
                    f"{name!r} is not a plain name: use letters, digits and _ only",
                    dialect=self.name,
                )

        q = self.quote_char
        quoted = ".".join(part if part == "*" else f"{q}{part}{q}" for part in parts)
        self._quoted[name] = quoted
        return quoted

    def check(self, fragment: str, what: str) -> str:
        """Let a SQL fragment through when it holds a single statement's text."""
        check_fragment(fragment, self.lexicon, what)
        return fragment

    # Statements ------------------------------------------------------------

    def compile_select(self, parts: SelectParts) -> tuple[str, list[object]]:
        """Compile a SELECT and gather its bindings in order."""
        bindings: list[object] = []
        columns = ", ".join(parts.columns) if parts.columns else "*"
        sql = "SELECT DISTINCT " if parts.distinct else "SELECT "
        sql += f"{columns} FROM {self.quote(parts.table)}"

        for join in parts.joins:
            sql += f" {self.compile_join(join)}"
        if parts.conditions:
            sql += f" WHERE {self.compile_conditions(parts.conditions, bindings)}"
        if parts.groups:
            sql += f" GROUP BY {', '.join(parts.groups)}"
        if parts.having:
            sql += f" HAVING {self.compile_having(parts.having, bindings)}"
        if parts.orders:
            sql += f" ORDER BY {', '.join(parts.orders)}"

        sql += self.compile_limit(parts.limit, parts.offset)
        if parts.for_update:
            sql += self.compile_lock()
        return sql, bindings

    def insert_sql(
        self, table: str, columns: tuple[str, ...], rows: int, returning: str | None
    ) -> str:
        """The INSERT of ``rows`` rows of ``columns``, compiled once per shape."""
        # Inserts come in few shapes, and a bulk insert's text is long.
        shape = (table, columns, rows, returning)
        sql = self._inserts.get(shape)
        if sql is None:
            if len(self._inserts) >= _SHAPES_KEPT:
                self._inserts.clear()
            parts = InsertParts(table, columns, rows, returning)
            sql = self._inserts[shape] = self._compile_insert(parts)
        return sql

    def _compile_insert(self, parts: InsertParts) -> str:
        if not parts.columns:
            return self.compile_insert_defaults(parts)
        columns = ", ".join(self.quote(column) for column in parts.columns)
        row = "(" + ", ".join("?" * len(parts.columns)) + ")"

        sql = f"INSERT INTO {self.quote(parts.table)} ({columns}) VALUES "
        sql += ", ".join([row] * parts.rows)
        return sql + self.compile_returning(parts.returning)

    def compile_insert_defaults(self, parts: InsertParts) -> str:
        """Compile an INSERT of a row made only of column defaults."""
        sql = f"INSERT INTO {self.quote(parts.table)} DEFAULT VALUES"
        return sql + self.compile_returning(parts.returning)

    def compile_returning(self, column: str | None) -> str:
        """Ask for the inserted key back, where the dialect can."""
        if column is None or not self.supports_returning:
            return ""
        return " RETURNING *" if column == "*" else f" RETURNING {self.quote(column)}"

    def compile_update(self, parts: UpdateParts) -> tuple[str, list[object]]:
        """Compile an UPDATE; the values' bindings come before the conditions'."""
        bindings: list[object] = []
        assignments = ", ".join(f"{self.quote(column)} = ?" for column in parts.columns)
        sql = f"UPDATE {self.quote(parts.table)} SET {assignments}"
        if parts.conditions:
            sql += f" WHERE {self.compile_conditions(parts.conditions, bindings)}"
        return sql, bindings

    def compile_delete(self, parts: DeleteParts) -> tuple[str, list[object]]:
        """Compile a DELETE."""
        bindings: list[object] = []
        sql = f"DELETE FROM {self.quote(parts.table)}"
        if parts.conditions:
            sql += f" WHERE {self.compile_conditions(parts.conditions, bindings)}"
        return sql, bindings

    # Clauses ---------------------------------------------------------------

    def compile_join(self, clause: str) -> str:
        """Use a clause that starts with a join keyword as it is; else INNER JOIN."""
        if _JOIN_KEYWORD.match(clause):
            return clause.strip()
        return f"INNER JOIN {clause}"

    def compile_conditions(
        self, conditions: Sequence[Condition], bindings: list[object]
    ) -> str:
        """Join conditions with their booleans; AND binds tighter than OR."""
        wrap = len(conditions) > 1
        sql = ""
        for index, condition in enumerate(conditions):
            text = self.compile_predicate(condition.predicate, bindings, wrap)
            sql = text if index == 0 else f"{sql} {condition.boolean} {text}"
        return sql

    def compile_predicate(
        self, predicate: Raw | In | Null | Group, bindings: list[object], wrap: bool
    ) -> str:
        """Compile one predicate, in parentheses when it shares the clause."""
        if isinstance(predicate, Raw):
            bindings.extend(predicate.bindings)
            return f"({predicate.sql})" if wrap else predicate.sql
        if isinstance(predicate, In):
            return self.compile_in(predicate, bindings)
        if isinstance(predicate, Null):
            test = "IS NOT NULL" if predicate.negate else "IS NULL"
            return f"{self.quote(predicate.column)} {test}"
        return f"({self.compile_conditions(predicate.conditions, bindings)})"

    def compile_in(self, predicate: In, bindings: list[object]) -> str:
        """Compile ``IN``; an empty list is always false (or always true negated)."""
        if not predicate.values:
            return "1 = 1" if predicate.negate else "1 = 0"

        column = self.quote(predicate.column)
        operator = "NOT IN" if predicate.negate else "IN"
        bindings.extend(predicate.values)
        return f"{column} {operator} ({', '.join('?' * len(predicate.values))})"

    def compile_having(self, having: Sequence[Raw], bindings: list[object]) -> str:
        """Join HAVING fragments with AND."""
        texts = []
        for fragment in having:
            bindings.extend(fragment.bindings)
            texts.append(f"({fragment.sql})" if len(having) > 1 else fragment.sql)
        return " AND ".join(texts)

    def compile_limit(self, limit: int | None, offset: int | None) -> str:
        """Compile LIMIT and OFFSET from validated integers."""
        sql = ""
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        if offset:
            sql += f" OFFSET {int(offset)}"
        return sql

    def compile_lock(self) -> str:
        """Lock the selected rows for the rest of the transaction."""
        return " FOR UPDATE" if self.supports_for_update else ""

    def savepoint(self, name: str) -> str:
        """Start a savepoint."""
        return f"SAVEPOINT {name}"

    def release(self, name: str) -> str:
        """Forget a savepoint, keeping its work."""
        return f"RELEASE SAVEPOINT {name}"

    def rollback_to(self, name: str) -> str:
        """Undo the work since a savepoint."""
        return f"ROLLBACK TO SAVEPOINT {name}"

    # Values ----------------------------------------------------------------

    def adapters(self) -> dict[type, Adapter]:
        """Converters of Python values the driver cannot bind as they are."""
        return {
            Decimal: str,
            UUID: str,
            datetime: self.adapt_datetime,
            date: date.isoformat,
            time: time.isoformat,
            dict: _to_json,
            list: _to_json,
            ArrayBinding: list,
            PrimaryKey: self.adapt_key,
        }

    def adapt_key(self, key: PrimaryKey) -> object:
        """Bind the value a PrimaryKey wraps."""
        return self.adapt_value(key.value)

    def adapt_datetime(self, value: datetime) -> object:
        """Bind a datetime as it is; dialects decide how aware values travel."""
        return value

    def refuse(self, kind: str, why: str) -> ValueNotStorable:
        """The error for a value this dialect cannot hold; it never quotes the value."""
        return ValueNotStorable(
            f"{kind} cannot be stored on {self.name}: {why}", dialect=self.name
        )

    def driver_checks(self) -> dict[type, Adapter]:
        """Checks of native values that the driver itself refuses before sending.

        They cost nothing on the way in; once the driver has refused a
        statement, they name the value it refused.
        """
        return {}

    def adapt(self, bindings: Sequence[object]) -> tuple[object, ...]:
        """Convert bindings for the driver; a native value costs one set lookup."""
        native = self.native_types
        for value in bindings:
            if type(value) not in native:
                break
        else:
            # The usual case, which needs no new value.
            return tuple(bindings)

        # A type with its own adapter skips adapt_value's dispatch.
        own = self._adapters
        adapt = self.adapt_value
        return tuple(
            [v if type(v) in native else own.get(type(v), adapt)(v) for v in bindings]
        )

    def find_unstorable(
        self, bindings: Sequence[object]
    ) -> tuple[int, ValueNotStorable] | None:
        """The first binding this dialect cannot store, with its refusal."""
        for index, value in enumerate(bindings):
            check = self._checks.get(type(value))
            try:
                if check is not None:
                    check(value)
                else:
                    self.adapt_value(value)
            except ValueNotStorable as error:
                return index, error
        return None

    def adapt_value(self, value: object) -> object:
        """Convert one binding for the driver."""
        kind = type(value)
        if kind in self.native_types:
            return value

        adapter = self._adapters.get(kind)
        if adapter is not None:
            return adapter(value)
        if isinstance(value, enum.Enum):
            return self.adapt_value(value.value)
        for base, base_adapter in self._adapters.items():
            if isinstance(value, base):
                self._adapters[kind] = base_adapter
                return base_adapter(value)
        return value


def in_utc(grammar: Grammar, value: datetime) -> datetime:
    """An aware datetime moved to UTC; refused when UTC falls outside years 1-9999."""
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise grammar.refuse(
            "an aware datetime", "its UTC instant falls outside the years 1 to 9999"
        ) from None


def _to_json(value: object) -> str:
    return dumps(value)

"""CountQueryBuilder: ``SELECT COUNT(...)`` with conditions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self, TypeVar

from tempest_orm.builder.base import Builder
from tempest_orm.builder.conditions import Conditions
from tempest_orm.builder.parts import SelectParts
from tempest_orm.builder.select import collect_raw
from tempest_orm.query import Query

if TYPE_CHECKING:
    from tempest_orm.grammar.base import Grammar

T = TypeVar("T")


class CountQueryBuilder(Conditions, Builder[T]):
    """Counts rows; ``execute`` returns an int."""

    def __init__(self, source: str | type[T], column: str | None = None) -> None:
        super().__init__(source)
        self.column = column
        self.conditions = []
        self.joins: list[str] = []
        self.is_distinct = False

    def distinct(self) -> Self:
        """Count distinct values of the column."""
        self.is_distinct = True
        return self

    def join(self, clause: str, on: str | None = None) -> Self:
        """Join another table, as the select builder does."""
        self.joins.append(clause if on is None else f"{clause} ON {on}")
        return self

    def compile(self, grammar: Grammar) -> Query:
        """The COUNT in ``grammar``'s dialect."""
        column = "*" if self.column is None else grammar.quote(self.column)
        if self.is_distinct:
            if self.column is None:
                raise ValueError("a distinct count needs a column")
            column = f"DISTINCT {column}"

        for fragment in (
            *self.joins,
            *(raw.sql for raw in collect_raw(self.conditions)),
        ):
            grammar.check(fragment, "count")
        parts = SelectParts(
            self.table,
            columns=[f"COUNT({column}) AS aggregate"],
            joins=self.joins,
            conditions=self.conditions,
        )
        sql, bindings = grammar.compile_select(parts)
        return Query(sql, bindings)

    def execute(self) -> int:
        """The number of matching rows."""
        row = self.database.fetch_first(self)
        return int(row["aggregate"]) if row else 0

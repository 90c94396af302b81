"""UpdateQueryBuilder and DeleteQueryBuilder: writes that need a where clause."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar

from tempest_orm.builder.base import Builder
from tempest_orm.builder.conditions import Conditions
from tempest_orm.builder.parts import DeleteParts, UpdateParts
from tempest_orm.builder.select import collect_raw
from tempest_orm.exceptions import QueryError
from tempest_orm.query import Query

if TYPE_CHECKING:
    from tempest_orm.grammar.base import Grammar

T = TypeVar("T")


class _GuardedWrite(Conditions, Builder[T]):
    """A write that refuses to touch every row unless told to."""

    verb = "write"

    def __init__(self, source: str | type[T]) -> None:
        super().__init__(source)
        self.conditions = []
        self.every_row = False

    def all_rows(self) -> Self:
        """Allow this statement to run without a where clause, on every row."""
        self.every_row = True
        return self

    def _guard(self, grammar: Grammar) -> None:
        if not self.conditions and not self.every_row:
            raise QueryError(
                f"refusing to {self.verb} every row of {self.table} without a where "
                "clause; call .all_rows() if that is what you mean",
                dialect=grammar.name,
            )
        for fragment in collect_raw(self.conditions):
            grammar.check(fragment.sql, "where")

    def execute(self) -> int:
        """Run the statement; the number of rows matched."""
        return self.database.execute(self)


class UpdateQueryBuilder(_GuardedWrite[T]):
    """Builds and runs an UPDATE; ``execute`` returns the rows matched."""

    verb = "update"

    def __init__(self, source: str | type[T], **values: Any) -> None:
        super().__init__(source)
        self.values: dict[str, Any] = dict(values)

    def set(self, **values: Any) -> Self:
        """Add values to write."""
        self.values.update(values)
        return self

    def compile(self, grammar: Grammar) -> Query:
        """The UPDATE in ``grammar``'s dialect."""
        self._guard(grammar)
        values = self.assignments()
        if not values:
            raise QueryError(f"an update of {self.table} needs values to set")

        parts = UpdateParts(self.table, list(values), self.conditions)
        sql, condition_bindings = grammar.compile_update(parts)
        return Query(sql, [*values.values(), *condition_bindings])

    def assignments(self) -> dict[str, Any]:
        """The column -> value pairs to write."""
        return self.values


class DeleteQueryBuilder(_GuardedWrite[T]):
    """Builds and runs a DELETE; ``execute`` returns the rows deleted."""

    verb = "delete"

    def compile(self, grammar: Grammar) -> Query:
        """The DELETE in ``grammar``'s dialect."""
        self._guard(grammar)
        sql, bindings = grammar.compile_delete(DeleteParts(self.table, self.conditions))
        return Query(sql, bindings)

"""UpdateQueryBuilder and DeleteQueryBuilder: writes that need a where clause."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar

from tempest_orm.builder.base import Builder
from tempest_orm.builder.conditions import Conditions
from tempest_orm.builder.parts import Condition, DeleteParts, In, UpdateParts
from tempest_orm.builder.select import collect_raw
from tempest_orm.exceptions import QueryError
from tempest_orm.mapping.serializer import row_of, values_of
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

    def __init__(self, source: str | type[T], *models: T, **values: Any) -> None:
        super().__init__(source)
        self.values: dict[str, Any] = dict(values)
        self.models = list(models)
        if len(self.models) > 1:
            raise TypeError("update one model at a time, or use conditions")

    def set(self, **values: Any) -> Self:
        """Add values to write."""
        self.values.update(values)
        return self

    _by_key: Condition | None = None

    def _compile(self, grammar: Grammar) -> Query:
        self._guard(grammar)
        values = self.assignments()
        if not values:
            raise QueryError(f"an update of {self.table} needs values to set")

        parts = UpdateParts(self.table, list(values), self.conditions)
        sql, condition_bindings = grammar.compile_update(parts)
        return Query(sql, [*values.values(), *condition_bindings], tuple(values))

    def compile(self, grammar: Grammar) -> Query:
        """The UPDATE in ``grammar``'s dialect."""
        if self.models and self.meta is not None:
            key = self.meta.key()
            model = self.models[0]
            value = model.__dict__.get(key.name)
            if value is None:
                raise QueryError(
                    f"cannot update a {self.meta.name} that has no key yet"
                )
            self.conditions = [c for c in self.conditions if c is not self._by_key]
            self._by_key = Condition("AND", In(key.column, (value,)))
            self.conditions.append(self._by_key)
        return self._compile(grammar)

    def assignments(self) -> dict[str, Any]:
        """The column -> value pairs to write."""
        if self.meta is None:
            return self.values

        strategy = self.database.config.naming_strategy
        row: dict[str, Any] = {}
        if self.models:
            row = row_of(self.meta, self.models[0], strategy)
            row.pop(self.meta.key().column, None)
        row.update(values_of(self.meta, self.values, strategy))
        return row


class DeleteQueryBuilder(_GuardedWrite[T]):
    """Builds and runs a DELETE; ``execute`` returns the rows deleted."""

    verb = "delete"

    def __init__(self, source: str | type[T], *models: T) -> None:
        super().__init__(source)
        if models:
            if self.meta is None:
                raise TypeError("delete(model) needs a model class, not a table name")
            key = self.meta.key()
            values = tuple(m.__dict__.get(key.name) for m in models)
            if any(value is None for value in values):
                raise QueryError(f"cannot delete a {self.meta.name} that has no key")
            self.where_in(key.column, values)

    def compile(self, grammar: Grammar) -> Query:
        """The DELETE in ``grammar``'s dialect."""
        self._guard(grammar)
        sql, bindings = grammar.compile_delete(DeleteParts(self.table, self.conditions))
        return Query(sql, bindings)

"""``query(table_or_model)``: the entry point to the five builders."""

from __future__ import annotations

from typing import Any, Generic, TypeVar, overload

from tempest_orm.builder.count import CountQueryBuilder
from tempest_orm.builder.insert import InsertQueryBuilder
from tempest_orm.builder.select import SelectQueryBuilder
from tempest_orm.builder.write import DeleteQueryBuilder, UpdateQueryBuilder

T = TypeVar("T")


class QueryFactory(Generic[T]):
    """Starts a builder on one table or model."""

    def __init__(self, source: str | type[T]) -> None:
        self.source = source

    def select(self, *columns: str) -> SelectQueryBuilder[T]:
        """A SELECT of these columns (all of them when none are given)."""
        return SelectQueryBuilder(self.source, *columns)

    def insert(
        self, *rows: T | dict[str, Any], **values: object
    ) -> InsertQueryBuilder[T]:
        """An INSERT of dicts, models or keyword values."""
        return InsertQueryBuilder(self.source, *rows, **values)

    def update(self, *models: T, **values: Any) -> UpdateQueryBuilder[T]:
        """An UPDATE setting these values, or writing a model back to its row."""
        return UpdateQueryBuilder(self.source, *models, **values)

    def delete(self, *models: T) -> DeleteQueryBuilder[T]:
        """A DELETE, of the rows of these models when given."""
        return DeleteQueryBuilder(self.source, *models)

    def count(self, column: str | None = None) -> CountQueryBuilder[T]:
        """A COUNT of rows, or of a column's values."""
        return CountQueryBuilder(self.source, column)


@overload
def query(source: str) -> QueryFactory[dict[str, Any]]: ...
@overload
def query(source: type[T]) -> QueryFactory[T]: ...


def query(source: str | type[Any]) -> QueryFactory[Any]:
    """Start building a query on a table name or a model class."""
    return QueryFactory(source)

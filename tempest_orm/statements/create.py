"""CREATE TABLE as data: columns, foreign keys and indexes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from tempest_orm.statements.base import RunsOnDatabase
from tempest_orm.statements.columns import Column, ColumnMethods, ForeignKey, Index
from tempest_orm.statements.dialects import ddl_for

if TYPE_CHECKING:
    from tempest_orm.grammar.base import Grammar


class CreateTableStatement(ColumnMethods, RunsOnDatabase):
    """A table to create, declared column by column."""

    def __init__(self, table: str, if_not_exists: bool = False) -> None:
        self.table = table
        self.if_not_exists = if_not_exists
        self.columns: list[Column] = []
        self.foreign_keys: list[ForeignKey] = []
        self.indexes: list[Index] = []

    def add_column(self, column: Column, foreign_key: ForeignKey | None = None) -> Self:
        """Add a column, and its foreign key when it has one."""
        self.columns.append(column)
        if foreign_key is not None:
            self.foreign_keys.append(foreign_key)
        if column.unique:
            self.indexes.append(Index(self.table, (column.name,), unique=True))
        return self

    def unique(self, *columns: str) -> Self:
        """A unique index over these columns together."""
        self.indexes.append(Index(self.table, _columns(columns), unique=True))
        return self

    def index(self, *columns: str) -> Self:
        """An index over these columns together."""
        self.indexes.append(Index(self.table, _columns(columns)))
        return self

    def compile(self, grammar: Grammar) -> list[str]:
        """CREATE TABLE, then one CREATE INDEX per index."""
        ddl = ddl_for(grammar)
        create = ddl.compile_create_table(
            self.table, self.columns, self.foreign_keys, self.if_not_exists
        )
        return [create, *(ddl.compile_index(index) for index in self.indexes)]


def _columns(columns: tuple[str, ...]) -> tuple[str, ...]:
    if not columns:
        raise ValueError("an index needs at least one column")
    return columns

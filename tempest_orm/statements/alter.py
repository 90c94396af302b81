"""ALTER TABLE as data: columns added, renamed or dropped, indexes added or dropped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from tempest_orm.statements.base import RunsOnDatabase, Step
from tempest_orm.statements.columns import (
    Column,
    ColumnMethods,
    ForeignKey,
    Index,
    index_name,
)
from tempest_orm.statements.dialects import Ddl, ddl_for

if TYPE_CHECKING:
    from tempest_orm.grammar.base import Grammar


@dataclass(frozen=True)
class _AddColumn:
    column: Column
    key: ForeignKey | None

    def plan(self, ddl: Ddl, table: str) -> list[Step]:
        steps = ddl.plan_add_column(table, self.column, self.key)
        if self.column.unique:
            index = Index(table, (self.column.name,), unique=True)
            steps.append(ddl.compile_index(index))
        return steps


@dataclass(frozen=True)
class _RenameColumn:
    old: str
    new: str

    def plan(self, ddl: Ddl, table: str) -> list[Step]:
        return [ddl.compile_rename_column(table, self.old, self.new)]


@dataclass(frozen=True)
class _DropColumn:
    name: str

    def plan(self, ddl: Ddl, table: str) -> list[Step]:
        return ddl.plan_drop_column(table, self.name)


@dataclass(frozen=True)
class _AddIndex:
    index: Index

    def plan(self, ddl: Ddl, table: str) -> list[Step]:
        return [ddl.compile_index(self.index)]


@dataclass(frozen=True)
class _DropIndex:
    name: str

    def plan(self, ddl: Ddl, table: str) -> list[Step]:
        return [ddl.compile_drop_index(table, self.name)]


_Operation = _AddColumn | _RenameColumn | _DropColumn | _AddIndex | _DropIndex


class AlterTableStatement(ColumnMethods, RunsOnDatabase):
    """Changes to an existing table, applied in the order they were declared.

    On SQLite, dropping a column, and adding one that has a foreign key or is
    NOT NULL without a default, rebuild the table; their compiled SQL is the
    ALTER statement they stand for.
    """

    def __init__(self, table: str) -> None:
        self.table = table
        self.operations: list[_Operation] = []

    def add_column(self, column: Column, foreign_key: ForeignKey | None = None) -> Self:
        """Add a column, and its foreign key when it has one."""
        if column.primary:
            raise ValueError("a primary key cannot be added to an existing table")
        self.operations.append(_AddColumn(column, foreign_key))
        return self

    def rename_column(self, old: str, new: str) -> Self:
        """Rename a column, keeping its data."""
        self.operations.append(_RenameColumn(old, new))
        return self

    def drop_column(self, name: str) -> Self:
        """Drop a column and the indexes that cover it."""
        self.operations.append(_DropColumn(name))
        return self

    def index(self, *columns: str) -> Self:
        """Add an index over these columns together."""
        self.operations.append(_AddIndex(Index(self.table, _columns(columns))))
        return self

    def unique(self, *columns: str) -> Self:
        """Add a unique index over these columns together."""
        index = Index(self.table, _columns(columns), unique=True)
        self.operations.append(_AddIndex(index))
        return self

    def drop_index(self, *columns: str) -> Self:
        """Drop the index that ``index(*columns)`` created."""
        name = index_name(self.table, _columns(columns), "index")
        self.operations.append(_DropIndex(name))
        return self

    def drop_unique(self, *columns: str) -> Self:
        """Drop the unique index that ``unique(*columns)`` or ``unique=True`` made."""
        name = index_name(self.table, _columns(columns), "unique")
        self.operations.append(_DropIndex(name))
        return self

    def plan(self, grammar: Grammar) -> list[Step]:
        """The SQL and table rebuilds that carry the changes out."""
        ddl = ddl_for(grammar)
        return [step for op in self.operations for step in op.plan(ddl, self.table)]

    def compile(self, grammar: Grammar) -> list[str]:
        """The SQL of the changes, a rebuild standing as its ALTER statement."""
        return [
            step if isinstance(step, str) else step.sql for step in self.plan(grammar)
        ]


def _columns(columns: tuple[str, ...]) -> tuple[str, ...]:
    if not columns:
        raise ValueError("an index needs at least one column")
    return columns

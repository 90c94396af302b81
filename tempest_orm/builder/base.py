"""What every builder has: a table, maybe a model, and the database it runs on."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from tempest_orm import registry
from tempest_orm.config.configs import Tag
from tempest_orm.model.inspector import ModelMeta, inspect
from tempest_orm.query import Query

if TYPE_CHECKING:
    from tempest_orm.database import Database
    from tempest_orm.grammar.base import Grammar

T = TypeVar("T")


class Builder(Generic[T]):
    """The shared state of the five builders."""

    def __init__(self, source: str | type[T]) -> None:
        self.model: type[T] | None = None
        self.meta: ModelMeta | None = None
        self._table: str | None = None
        if isinstance(source, str):
            self._table = source
        else:
            self.model = source
            self.meta = inspect(source)
        self.tag: Tag = None

    @property
    def table(self) -> str:
        """The table: given, or the model's under its connection's naming strategy."""
        if self._table is not None:
            return self._table
        assert self.meta is not None
        return self.meta.table_for(self.database.config.naming_strategy)

    def on_database(self, tag: Tag) -> Self:
        """Run on the connection of ``tag`` instead of the default one."""
        self.tag = tag
        return self

    @property
    def database(self) -> Database:
        """The Database this builder runs on."""
        return registry.database(self.tag)

    def compile(self, grammar: Grammar) -> Query:
        """The Query of this builder in ``grammar``'s dialect."""
        raise NotImplementedError

    def build(self) -> Query:
        """The Query of this builder for its own database."""
        return self.compile(self.database.grammar)

    def to_sql(self) -> tuple[str, list[Any]]:
        """The SQL and bindings this builder would run, for debugging."""
        query = self.build()
        return query.sql, list(query.bindings)

    def clone(self) -> Self:
        """A copy that can change without changing this builder."""
        twin = copy.copy(self)
        for name, value in vars(self).items():
            if isinstance(value, list):
                setattr(twin, name, list(value))
        return twin

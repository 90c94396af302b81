"""What every builder has: a table, maybe a model, and the database it runs on."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from tempest_orm.config.configs import Tag
from tempest_orm.query import Query

if TYPE_CHECKING:
    from tempest_orm.database import Database
    from tempest_orm.grammar.base import Grammar

T = TypeVar("T")


class Builder(Generic[T]):
    """The shared state of the five builders."""

    def __init__(self, source: str | type[T]) -> None:
        self.model: type[T] | None = None
        if isinstance(source, str):
            self.table = source
        else:
            self.model = source
            self.table = table_of(source)
        self.tag: Tag = None

    def on_database(self, tag: Tag) -> Self:
        """Run on the connection of ``tag`` instead of the default one."""
        self.tag = tag
        return self

    @property
    def database(self) -> Database:
        """The Database this builder runs on."""
        from tempest_orm.registry import database

        return database(self.tag)

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


def table_of(model: type) -> str:
    """The table a model class is stored in."""
    from tempest_orm.model.inspector import inspect

    return inspect(model).table

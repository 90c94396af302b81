"""Dialect grammars: one class per database, holding only what differs."""

from __future__ import annotations

from tempest_orm.grammar.base import ArrayBinding, Grammar
from tempest_orm.grammar.mysql import MysqlGrammar
from tempest_orm.grammar.postgres import PostgresGrammar
from tempest_orm.grammar.sqlite import SQLiteGrammar

GRAMMARS: dict[str, type[Grammar]] = {
    "sqlite": SQLiteGrammar,
    "mysql": MysqlGrammar,
    "postgres": PostgresGrammar,
}

__all__ = [
    "GRAMMARS",
    "ArrayBinding",
    "Grammar",
    "MysqlGrammar",
    "PostgresGrammar",
    "SQLiteGrammar",
]

"""The five query builders and the ``query()`` entry point."""

from __future__ import annotations

from tempest_orm.builder.conditions import WhereGroup
from tempest_orm.builder.count import CountQueryBuilder
from tempest_orm.builder.factory import QueryFactory, query
from tempest_orm.builder.insert import InsertQueryBuilder
from tempest_orm.builder.select import Page, SelectQueryBuilder
from tempest_orm.builder.write import DeleteQueryBuilder, UpdateQueryBuilder
from tempest_orm.query import BuildsQuery

__all__ = [
    "BuildsQuery",
    "CountQueryBuilder",
    "DeleteQueryBuilder",
    "InsertQueryBuilder",
    "Page",
    "QueryFactory",
    "SelectQueryBuilder",
    "UpdateQueryBuilder",
    "WhereGroup",
    "query",
]

"""DDL as data: statements that compile to SQL for each dialect."""

from __future__ import annotations

from tempest_orm.statements.alter import AlterTableStatement
from tempest_orm.statements.base import (
    OnDelete,
    OnUpdate,
    PlansSteps,
    Procedure,
    QueryStatement,
    RawStatement,
    plan_of,
)
from tempest_orm.statements.columns import UNSET, Column, ForeignKey, Index
from tempest_orm.statements.create import CreateTableStatement
from tempest_orm.statements.drop import DropTableStatement

__all__ = [
    "UNSET",
    "AlterTableStatement",
    "Column",
    "CreateTableStatement",
    "DropTableStatement",
    "ForeignKey",
    "Index",
    "OnDelete",
    "OnUpdate",
    "PlansSteps",
    "Procedure",
    "QueryStatement",
    "RawStatement",
    "plan_of",
]

"""tempest_orm: an active-record ORM in the spirit of Tempest and Eloquent."""

from __future__ import annotations

import logging

from tempest_orm import mapper
from tempest_orm.builder import BuildsQuery, query
from tempest_orm.config import env, root_path
from tempest_orm.database import Database
from tempest_orm.exceptions import (
    ConfigurationError,
    ConnectionLost,
    DatabaseError,
    IntegrityError,
    ModelError,
    QueryError,
    RelationNotLoaded,
    ValueNotStorable,
)
from tempest_orm.model.active_record import IsDatabaseModel
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.query import Query
from tempest_orm.registry import configure, database

logging.getLogger("tempest_orm").addHandler(logging.NullHandler())

__all__ = [
    "BuildsQuery",
    "ConfigurationError",
    "ConnectionLost",
    "Database",
    "DatabaseError",
    "IntegrityError",
    "IsDatabaseModel",
    "ModelError",
    "PrimaryKey",
    "Query",
    "QueryError",
    "RelationNotLoaded",
    "ValueNotStorable",
    "configure",
    "database",
    "env",
    "mapper",
    "query",
    "root_path",
]

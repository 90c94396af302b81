"""Migrations: the protocols, the manager, hashing and the migrations table."""

from __future__ import annotations

from tempest_orm.migrations.base import (
    DatabaseMigration,
    MigratesDown,
    MigratesUp,
    Migration,
    ShouldMigrate,
    SqlFileMigration,
)
from tempest_orm.migrations.exceptions import (
    MigrationError,
    MigrationFailed,
    MigrationsLocked,
    MigrationsTampered,
)
from tempest_orm.migrations.hashing import hash_statements
from tempest_orm.migrations.manager import (
    MIGRATIONS_TABLE,
    MigrationEvent,
    MigrationManager,
    MigrationStatus,
)

__all__ = [
    "MIGRATIONS_TABLE",
    "DatabaseMigration",
    "MigratesDown",
    "MigratesUp",
    "Migration",
    "MigrationError",
    "MigrationEvent",
    "MigrationFailed",
    "MigrationManager",
    "MigrationStatus",
    "MigrationsLocked",
    "MigrationsTampered",
    "ShouldMigrate",
    "SqlFileMigration",
    "hash_statements",
]

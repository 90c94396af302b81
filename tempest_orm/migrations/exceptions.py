"""What can go wrong while migrating, each named as what happened."""

from __future__ import annotations

from tempest_orm.exceptions import DatabaseError


class MigrationError(DatabaseError):
    """Root of the errors of migrating a database."""


class MigrationFailed(MigrationError):
    """A migration could not be applied or undone; no record of it was written."""

    def __init__(
        self,
        message: str,
        *,
        migration: str,
        applied: int = 0,
        sql: str | None = None,
        dialect: str | None = None,
        tag: str | None = None,
    ) -> None:
        self.migration = migration
        self.applied = applied
        super().__init__(message, sql=sql, dialect=dialect, tag=tag)


class MigrationsTampered(MigrationError):
    """Applied migrations whose SQL changed since they were applied."""

    def __init__(
        self, names: list[str], *, dialect: str | None, tag: str | None
    ) -> None:
        self.names = names
        listed = ", ".join(names)
        noun = "migration was" if len(names) == 1 else "migrations were"
        super().__init__(
            f"{len(names)} {noun} changed after being applied: {listed} "
            "(migrate:rehash accepts the changes)",
            dialect=dialect,
            tag=tag,
        )


class MigrationsLocked(MigrationError):
    """Another process held the migration lock for too long."""

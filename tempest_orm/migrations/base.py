"""The migration protocols: up, down, both, and which databases a migration is for."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING

from tempest_orm.statements.base import QueryStatement, RawStatement

if TYPE_CHECKING:
    from tempest_orm.database import Database

Statements = QueryStatement | list[QueryStatement]


class MigratesUp(ABC):
    """A migration that moves the schema forward; ``name`` orders it."""

    name: str

    @abstractmethod
    def up(self) -> Statements:
        """The statement, or statements, that apply this migration."""


class MigratesDown(ABC):
    """A migration that can move the schema back."""

    name: str

    @abstractmethod
    def down(self) -> Statements:
        """The statement, or statements, that undo this migration."""


class DatabaseMigration(MigratesUp, MigratesDown):
    """A migration with both directions."""


class ShouldMigrate(ABC):
    """A migration that runs only on the databases it picks."""

    @abstractmethod
    def should_migrate(self, database: Database) -> bool:
        """Whether this migration belongs on ``database``."""


class SqlFileMigration(MigratesUp):
    """A ``.sql`` file, named by its stem; it may hold several statements."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.stem

    def __repr__(self) -> str:
        return f"SqlFileMigration({str(self.path)!r})"

    def up(self) -> Statements:
        """The file's statements, read when the migration runs."""
        return RawStatement(self.path.read_text(encoding="utf-8"))


Migration = MigratesUp | MigratesDown


def name_of(migration: Migration) -> str:
    """A migration's name, refusing one that has none."""
    name = getattr(migration, "name", None)
    if not isinstance(name, str) or not name.strip():
        raise TypeError(f"migration {type(migration).__qualname__} has no name")
    return name

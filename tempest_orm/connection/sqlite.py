"""The SQLite adapter: stdlib ``sqlite3`` in autocommit, WAL and foreign keys on."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tempest_orm.config.configs import SQLiteConfig
from tempest_orm.connection.base import Connection, describe
from tempest_orm.exceptions import ConfigurationError


class SQLiteConnection(Connection):
    """A connection to one SQLite file."""

    dialect = "sqlite"
    errors = (sqlite3.Error,)
    integrity_errors = (sqlite3.IntegrityError,)

    @classmethod
    def open(cls, config: SQLiteConfig) -> SQLiteConnection:
        """Open the file, creating its folder on first use."""
        path = config.resolved_path()
        try:
            if path != ":memory:" and not path.startswith("file:"):
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            raw = sqlite3.connect(
                path,
                timeout=config.busy_timeout,
                isolation_level=None,
                check_same_thread=False,
                uri=path.startswith("file:"),
            )
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute(f"PRAGMA busy_timeout = {int(config.busy_timeout * 1000)}")
            if path != ":memory:":
                raw.execute("PRAGMA journal_mode = WAL")
                raw.execute("PRAGMA synchronous = NORMAL")
        except (OSError, sqlite3.Error) as error:
            raise ConfigurationError(
                f"cannot open SQLite database {path}: {describe(error)}",
                dialect="sqlite",
                tag=config.key,
            ) from error
        return cls(raw)

    def stream(
        self, sql: str, bindings: tuple[object, ...], size: int
    ) -> Iterator[Any]:
        """Step through the result; SQLite computes rows as they are asked for."""
        cursor = self.raw.cursor()
        try:
            cursor.execute(sql, bindings)
            yield cursor
        finally:
            cursor.close()

    def is_lost(self, error: BaseException) -> bool:
        """A file database is lost only when its connection was closed."""
        return isinstance(error, sqlite3.ProgrammingError) and "closed" in str(error)

"""Connection settings: one small frozen value object per kind of database."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Protocol

from tempest_orm.exceptions import ConfigurationError

Tag = str | enum.Enum | None


class NamingStrategy(Protocol):
    """Turns a model class into its table name."""

    def get_name(self, model: type) -> str:
        """The table name of ``model``."""
        ...


def tag_key(tag: Tag) -> str | None:
    """The key of a tag: an Enum member counts by its value."""
    if isinstance(tag, enum.Enum):
        return str(tag.value)
    return None if tag is None else str(tag)


def _port(value: object, name: str) -> int:
    try:
        port = int(str(value))
    except ValueError:
        raise ConfigurationError(f"port {value!r} of {name} is not a number") from None
    if not 0 < port < 65536:
        raise ConfigurationError(f"port {port} of {name} is out of range")
    return port


@dataclass(frozen=True)
class DatabaseConfig:
    """Settings shared by every kind of connection."""

    dialect = "base"
    tag: Tag = field(default=None, kw_only=True)
    naming_strategy: NamingStrategy | None = field(
        default=None, kw_only=True, compare=False
    )

    @property
    def key(self) -> str | None:
        """The registry key of this connection's tag."""
        return tag_key(self.tag)


@dataclass(frozen=True)
class SQLiteConfig(DatabaseConfig):
    """A SQLite database file; without a path, ``.tempest/database.sqlite``."""

    dialect = "sqlite"
    path: str | None = None
    busy_timeout: float = 5.0

    def resolved_path(self) -> str:
        """The file path, with the default under the application root."""
        if self.path is None:
            from tempest_orm.config.environment import root_path

            return root_path(".tempest", "database.sqlite")
        return str(self.path)


@dataclass(frozen=True)
class _ServerConfig(DatabaseConfig):
    host: str = "127.0.0.1"
    port: int | str = 0
    username: str = ""
    password: str = field(default="", repr=False)
    database: str = ""
    connect_timeout: float = 10.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "port", _port(self.port, type(self).__name__))
        if self.password is None:
            object.__setattr__(self, "password", "")

    def __repr__(self) -> str:
        secret = "'***'" if self.password else "''"
        return (
            f"{type(self).__name__}(host={self.host!r}, port={self.port}, "
            f"username={self.username!r}, password={secret}, "
            f"database={self.database!r}, tag={self.tag!r})"
        )


@dataclass(frozen=True, repr=False)
class MysqlConfig(_ServerConfig):
    """A MySQL or MariaDB server."""

    dialect = "mysql"
    port: int | str = 3306
    username: str = "root"
    database: str = "tempest"
    charset: str = "utf8mb4"


@dataclass(frozen=True, repr=False)
class PostgresConfig(_ServerConfig):
    """A PostgreSQL server; ``schema`` sets the search path."""

    dialect = "postgres"
    port: int | str = 5432
    username: str = "postgres"
    database: str = "postgres"
    schema: str | None = None


AnyConfig = SQLiteConfig | MysqlConfig | PostgresConfig

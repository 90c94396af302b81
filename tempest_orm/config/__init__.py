"""Connection configs, ``env()`` and the application root."""

from __future__ import annotations

from tempest_orm.config.configs import (
    DatabaseConfig,
    MysqlConfig,
    NamingStrategy,
    PostgresConfig,
    SQLiteConfig,
)
from tempest_orm.config.environment import env, get_root, root_path, set_root

__all__ = [
    "DatabaseConfig",
    "MysqlConfig",
    "NamingStrategy",
    "PostgresConfig",
    "SQLiteConfig",
    "env",
    "get_root",
    "root_path",
    "set_root",
]

"""The backup connection, tagged ``backup``: always a SQLite file beside the app."""

from tempest_orm import root_path
from tempest_orm.config import SQLiteConfig

config = SQLiteConfig(path=root_path(".tempest", "backup.sqlite"), tag="backup")

"""The backup connection, tagged ``backup``: always a SQLite file.

It lives in ``.tempest/`` beside the application, or in ``BOOKSHOP_DATA``.
"""

from tempest_orm import env, root_path
from tempest_orm.config import SQLiteConfig

data = str(env("BOOKSHOP_DATA", default=root_path(".tempest")))
config = SQLiteConfig(path=f"{data}/backup.sqlite", tag="backup")

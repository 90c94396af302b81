"""The bookshop's main connection: SQLite by default, a server when asked.

Set ``BOOKSHOP_DRIVER`` to ``postgres`` or ``mysql`` and the ``DATABASE_*``
variables to run the same application on a server.
"""

from tempest_orm import env, root_path
from tempest_orm.config import MysqlConfig, PostgresConfig, SQLiteConfig

driver = env("BOOKSHOP_DRIVER", default="sqlite")

if driver == "postgres":
    config = PostgresConfig(
        host=str(env("DATABASE_HOST", default="127.0.0.1")),
        port=str(env("DATABASE_PORT", default="5432")),
        username=str(env("DATABASE_USERNAME", default="postgres")),
        password=str(env("DATABASE_PASSWORD", default="")),
        database=str(env("DATABASE_DATABASE", default="postgres")),
        schema=env("DATABASE_SCHEMA"),  # type: ignore[arg-type]
    )
elif driver == "mysql":
    config = MysqlConfig(
        host=str(env("DATABASE_HOST", default="127.0.0.1")),
        port=str(env("DATABASE_PORT", default="3306")),
        username=str(env("DATABASE_USERNAME", default="root")),
        password=str(env("DATABASE_PASSWORD", default="")),
        database=str(env("DATABASE_DATABASE", default="bookshop")),
    )
else:
    data = str(env("BOOKSHOP_DATA", default=root_path(".tempest")))
    config = SQLiteConfig(path=f"{data}/bookshop.sqlite")

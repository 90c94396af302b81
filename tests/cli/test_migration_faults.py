"""A ``migrate:up`` killed in the middle of a migration, then run again."""

from __future__ import annotations

import signal
import time

from tempest_orm import Query
from tests.cli.conftest import App

# A statement that keeps the server busy long enough to be interrupted. A server
# finishes it after the client is gone, holding the migration lock till then, so
# it is kept short.
SLOW = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
    "WHERE x < 400000000) SELECT COUNT(*) FROM c",
    "postgres": "SELECT pg_sleep(3)",
    "mysql": "SELECT SLEEP(3)",
}

SLOW_MIGRATION = """
from tempest_orm.migrations import MigratesUp
from tempest_orm.statements import CreateTableStatement, RawStatement


class SlowReviews(MigratesUp):
    name = "2024-02-01_slow_reviews"

    def up(self):
        if {slow!r} is None:
            return CreateTableStatement("reviews").primary().text("body")
        return [
            CreateTableStatement("reviews").primary().text("body"),
            RawStatement("INSERT INTO reviews (body) VALUES ('first')"),
            RawStatement({slow!r}),
        ]
"""


def _tables(app: App) -> set[str]:
    from tempest_orm.migrations.backends import backend_for

    return {name for name, _ in backend_for(app.db).relations()}


def test_a_killed_migration_leaves_no_record_and_migrate_up_resumes(
    app: App, backend: str
) -> None:
    assert app.script("migrate:up").returncode == 0
    app.write("database/2024-02-01_slow.py", SLOW_MIGRATION.format(slow=SLOW[backend]))

    process = app.spawn("migrate:up")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if _slow_statement_started(app, backend):
            break
    time.sleep(0.5)
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)

    assert "2024-02-01_slow_reviews" not in app.applied()
    if backend == "mysql":
        # MySQL commits DDL as it goes: the table stays, without its record.
        app.db.execute(Query("DROP TABLE reviews"))
    else:
        assert "reviews" not in _tables(app)

    # Once fixed, the migration applies from the start, and only once.
    app.write("database/2024-02-01_slow.py", SLOW_MIGRATION.format(slow=None))
    again = app.script("migrate:up")
    assert again.returncode == 0, again.stderr
    assert app.applied().count("2024-02-01_slow_reviews") == 1
    assert "reviews" in _tables(app)


def _slow_statement_started(app: App, backend: str) -> bool:
    if backend == "postgres":
        row = app.db.fetch_first(
            Query(
                "SELECT COUNT(*) AS n FROM pg_stat_activity "
                "WHERE query LIKE 'SELECT pg_sleep%'"
            )
        )
    elif backend == "mysql":
        row = app.db.fetch_first(
            Query(
                "SELECT COUNT(*) AS n FROM information_schema.processlist "
                "WHERE info LIKE 'SELECT SLEEP%'"
            )
        )
    else:
        # SQLite has no server to ask; the migration's open write transaction
        # shows as a lock that another writer cannot take at once.
        import sqlite3

        config = app.db.config
        probe = sqlite3.connect(config.resolved_path(), timeout=0)  # type: ignore[union-attr]
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    return bool(row and row["n"])

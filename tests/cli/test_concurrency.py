"""Two migrate:up processes at once apply each migration once."""

from __future__ import annotations

from tests.cli.conftest import App

SLOW = """
import time

from tempest_orm.migrations import MigratesUp
from tempest_orm.statements import CreateTableStatement


class Slow(MigratesUp):
    name = "2024-01-00_slow"

    def up(self):
        # Holds the lock long enough for the other process to be waiting on it.
        time.sleep(0.6)
        return CreateTableStatement("slow").primary()
"""


def test_two_processes_apply_each_migration_once(app: App) -> None:
    app.write("database/2024-01-00_slow.py", SLOW)

    first = app.spawn("migrate:up")
    second = app.spawn("migrate:up")
    results = [process.communicate(timeout=90) for process in (first, second)]

    assert [first.returncode, second.returncode] == [0, 0], results
    output = "".join(stdout for stdout, _ in results)
    for name in [
        "2024-01-00_slow",
        "2024-01-01_create_authors",
        "2024-01-03_create_books",
    ]:
        assert output.count(f"Migrated: {name} (") == 1, output
    assert "Nothing to migrate." in output
    assert app.applied() == [
        "2024-01-00_slow",
        "2024-01-01_create_authors",
        "2024-01-02_first_authors",
        "2024-01-03_create_books",
    ]

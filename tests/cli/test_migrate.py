"""The migrate:* commands, in process and through the real console script."""

from __future__ import annotations

import pytest

from tempest_orm import Query, query
from tests.cli.conftest import App
from tests.migrations.helpers import tables

ALL = [
    "2024-01-01_create_authors",
    "2024-01-02_first_authors",
    "2024-01-03_create_books",
]


def test_up_reports_each_migration_with_its_time(app: App) -> None:
    result = app.run("migrate:up")

    assert result.exit_code == 0, result.output
    for name in ALL:
        assert f"Migrating: {name}\nMigrated: {name} (" in result.stdout
    assert "Applied 3 migrations." in result.stdout
    assert app.applied() == ALL
    assert query("authors").count().execute() == 2

    again = app.run("migrate:up")
    assert again.exit_code == 0 and "Nothing to migrate." in again.stdout


def test_down_then_fresh(app: App) -> None:
    assert app.run("migrate:up").exit_code == 0

    down = app.run("migrate:down")
    assert down.exit_code == 0, down.output
    assert "Rolled back 2 migrations." in down.stdout
    # The .sql migration has no down(): its record and rows stay.
    assert app.applied() == ["2024-01-02_first_authors"]
    assert "books" not in tables(app.db)

    app.db.execute(Query("CREATE TABLE stray (id INTEGER PRIMARY KEY)"))
    fresh = app.run("migrate:fresh")
    assert fresh.exit_code == 0, fresh.output
    assert app.applied() == ALL
    assert tables(app.db) == {"migrations", "authors", "books"}


def test_validate_names_each_tampered_migration_and_rehash_accepts(app: App) -> None:
    sql = app.root / "database/2024-01-02_first_authors.sql"
    tables_py = app.root / "database/2024-01-01_tables.py"
    assert app.script("migrate:up").returncode == 0

    # Formatting and comments only: still valid.
    sql.write_text("INSERT INTO authors (name)\n  VALUES ('Brent;');  -- hi\n"
                   "INSERT INTO authors   (name) VALUES ('Frank');")  # fmt: skip
    ok = app.script("migrate:validate")
    assert ok.returncode == 0, ok.stderr
    assert "none was changed" in ok.stdout

    sql.write_text("INSERT INTO authors (name) VALUES ('Someone else');")
    tables_py.write_text(
        tables_py.read_text().replace('.text("title")', '.text("name")')
    )
    bad = app.script("migrate:validate")
    assert bad.returncode != 0
    reason = bad.stderr.strip()
    assert len(reason.splitlines()) == 1
    assert "2024-01-02_first_authors" in reason and "2024-01-03_create_books" in reason
    assert "2024-01-01_create_authors" not in reason

    assert app.script("migrate:up").returncode != 0
    assert app.script("migrate:up", "--no-validate").returncode == 0

    rehash = app.script("migrate:rehash")
    assert rehash.returncode == 0, rehash.stderr
    assert "Rehashed 2 migrations." in rehash.stdout
    assert app.script("migrate:validate").returncode == 0


def test_a_failing_migration_exits_non_zero_and_leaves_no_record(app: App) -> None:
    app.write(
        "database/2024-01-04_broken.sql",
        "CREATE TABLE half (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n",
    )

    result = app.script("migrate:up")

    assert result.returncode != 0
    reason = result.stderr.strip()
    assert len(reason.splitlines()) == 1
    assert "migration 2024-01-04_broken failed" in reason
    assert "Migrated: 2024-01-03_create_books" in result.stdout
    assert app.applied() == ALL


def test_an_unknown_tag_exits_non_zero_naming_it(app: App) -> None:
    for command in ("migrate:up", "migrate:down", "migrate:validate", "database:seed"):
        result = app.run(command, "--database", "nowhere")
        assert result.exit_code != 0
        assert "nowhere" in result.stderr


def test_tagged_databases_migrate_apart(app: App, backend: str) -> None:
    from tests.backends import sandbox
    from tests.cli.conftest import config_source

    with sandbox(backend, str(app.root.parent), "backup") as config:
        text = config_source(config).replace(")\n", ", tag='backup')\n")
        app.write("backup.config.py", text)

        result = app.script("migrate:up", "--database", "backup")

        assert result.returncode == 0, result.stderr
        assert "Applied 3 migrations." in result.stdout
        assert "migrations" not in tables(app.db)
        assert app.script("migrate:validate", "--database", "backup").returncode == 0


@pytest.mark.parametrize(
    "command",
    [
        "migrate:up",
        "migrate:down",
        "migrate:fresh",
        "migrate:validate",
        "migrate:rehash",
        "database:seed",
    ],
)
def test_every_help_lists_database(command: str) -> None:
    from click.testing import CliRunner

    from tempest_orm.cli import main

    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "--database TAG" in result.output
    assert f"{command} [OPTIONS]" in result.output


def test_the_root_may_come_from_tempest_root(app: App) -> None:
    import subprocess

    from tests.cli.conftest import command, environment

    env = {**environment(), "TEMPEST_ROOT": str(app.root)}
    result = subprocess.run(
        [*command(), "migrate:up"], capture_output=True, text=True, env=env, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert app.applied() == ALL


def test_a_migration_module_that_fails_to_import_is_named(app: App) -> None:
    path = app.write(
        "database/2024-01-09_typo.py",
        "from tempest_orm.migrations import MigratesUp\nraise NameError('oops')\n",
    )

    result = app.run("migrate:up")

    assert result.exit_code != 0
    assert str(path) in result.stderr

"""migrate:status, make:migration and db:show through the real console script."""

from __future__ import annotations

import re

from tests.cli.conftest import App


def test_migrate_status_lists_pending_then_applied(app: App) -> None:
    before = app.script("migrate:status")
    assert before.returncode == 0, before.stderr
    assert re.search(r"2024-01-01_create_authors\s+pending", before.stdout)
    assert "0 applied" in before.stdout

    assert app.script("migrate:up").returncode == 0
    after = app.script("migrate:status")
    assert after.returncode == 0, after.stderr
    applied = r"2024-01-01_create_authors\s+applied\s+valid\s+\d{4}-"
    assert re.search(applied, after.stdout)
    assert "pending." in after.stdout and "0 pending" in after.stdout


def test_migrate_status_flags_tampered_migrations(app: App) -> None:
    assert app.script("migrate:up").returncode == 0
    app.write(
        "database/2024-01-02_first_authors.sql",
        "INSERT INTO authors (name) VALUES ('Someone else');\n",
    )
    result = app.script("migrate:status")
    assert result.returncode != 0
    assert re.search(r"2024-01-02_first_authors\s+applied\s+tampered", result.stdout)
    assert "tampered migrations: 2024-01-02_first_authors" in result.stderr


def test_make_migration_writes_a_dated_skeleton_that_runs(app: App) -> None:
    result = app.script("make:migration", "create_notes_table")
    assert result.returncode == 0, result.stderr
    (path,) = (app.root / "migrations").glob("*_create_notes_table.py")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}_\d{6}_create_notes_table\.py", path.name)
    assert 'CreateTableStatement("notes")' in path.read_text()

    assert app.script("migrate:up").returncode == 0
    assert "notes" in app.script("db:show").stdout

    sql = app.script("make:migration", "--sql", "add index")
    assert sql.returncode == 0, sql.stderr
    assert list((app.root / "migrations").glob("*_add_index.sql"))


def test_make_migration_refuses_an_empty_name(app: App) -> None:
    result = app.script("make:migration", "!!!")
    assert result.returncode != 0
    assert "not a usable migration name" in result.stderr


def test_db_show_lists_tables_rows_and_sizes(app: App) -> None:
    assert app.script("migrate:up").returncode == 0
    result = app.script("db:show")
    assert result.returncode == 0, result.stderr
    assert re.search(r"authors\s+table\s+\d+\s+(\d|-)", result.stdout)
    assert re.search(r"migrations\s+table\s+3\s", result.stdout)
    assert "tables and views" in result.stdout


def test_every_command_lists_database_in_help(app: App) -> None:
    for command in ("migrate:status", "db:show"):
        result = app.script(command, "--help")
        assert "--database" in result.stdout

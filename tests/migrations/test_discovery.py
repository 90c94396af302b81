"""Discovery of migrations and seeders under an application root."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tempest_orm.discovery import DiscoveryFailed
from tempest_orm.discovery.migrations import discover_migrations
from tempest_orm.discovery.seeders import discover_seeders
from tempest_orm.migrations import SqlFileMigration

MIGRATION = '''
from tempest_orm.migrations import DatabaseMigration, MigratesUp
from tempest_orm.statements import CreateTableStatement, DropTableStatement


class Base(MigratesUp):
    """Abstract: no up()."""


class {cls}(DatabaseMigration):
    name = "{name}"

    def up(self):
        return CreateTableStatement("{table}").primary()

    def down(self):
        return DropTableStatement("{table}")
'''


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_classes_and_sql_files_are_found_in_name_order(tmp_path: Path) -> None:
    write(
        tmp_path / "app" / "2024-01-02_books.py",
        MIGRATION.format(cls="Books", name="2024-01-02_books", table="books"),
    )
    write(
        tmp_path / "app" / "sql" / "2024-01-01_authors.sql", "CREATE TABLE a (id INT);"
    )
    write(tmp_path / "app" / "2024-01-03_notes.sql", "CREATE TABLE n (id INT);")

    found = discover_migrations(tmp_path)

    assert [m.name for m in found] == [
        "2024-01-01_authors",
        "2024-01-02_books",
        "2024-01-03_notes",
    ]
    assert isinstance(found[0], SqlFileMigration)
    assert type(found[1]).__name__ == "Books"


def test_imported_classes_do_not_count_twice(tmp_path: Path) -> None:
    shared = f"shared_{uuid.uuid4().hex[:8]}"
    write(
        tmp_path / f"{shared}.py",
        MIGRATION.format(cls="Shared", name="2024-01-01_shared", table="s"),
    )
    write(
        tmp_path / "2024-user.py",
        f"from {shared} import Shared  # a MigratesUp imported, not defined\n",
    )

    assert [m.name for m in discover_migrations(tmp_path)] == ["2024-01-01_shared"]


def test_hidden_folders_virtualenvs_and_node_modules_are_skipped(
    tmp_path: Path,
) -> None:
    for folder in (".hidden", "node_modules", "venv", "lib/site-packages"):
        write(tmp_path / folder / "2024-skip.sql", "CREATE TABLE x (id INT);")
    write(tmp_path / "myenv" / "pyvenv.cfg", "")
    write(tmp_path / "myenv" / "2024-skip.sql", "CREATE TABLE x (id INT);")

    assert discover_migrations(tmp_path) == []


def test_a_module_that_fails_to_import_is_named(tmp_path: Path) -> None:
    path = write(
        tmp_path / "2024-broken.py",
        "from tempest_orm.migrations import MigratesUp\nraise RuntimeError('boom')\n",
    )
    with pytest.raises(DiscoveryFailed, match=str(path)):
        discover_migrations(tmp_path)


def test_two_migrations_with_one_name_are_an_error(tmp_path: Path) -> None:
    write(tmp_path / "a" / "2024-01-01_same.sql", "SELECT 1;")
    write(tmp_path / "b" / "2024-01-01_same.sql", "SELECT 1;")
    with pytest.raises(DiscoveryFailed, match="2024-01-01_same"):
        discover_migrations(tmp_path)


def test_seeders_are_found_with_their_dotted_names(tmp_path: Path) -> None:
    write(
        tmp_path / "database" / "seed-data.py",
        "from tempest_orm.seeders import DatabaseSeeder\n\n"
        "class BookSeeder(DatabaseSeeder):\n"
        "    def run(self, database):\n        pass\n\n"
        "class Half(DatabaseSeeder):\n    pass\n",
    )

    found = discover_seeders(tmp_path)

    assert [seeder.name for seeder in found] == ["database.seed-data.BookSeeder"]
    assert found[0].matches("BookSeeder")
    assert found[0].matches("seed-data.BookSeeder")
    assert not found[0].matches("Book")

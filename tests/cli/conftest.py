"""An application root on a fresh schema, and ways to run ``tempest`` in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tempest_orm import Database, configure
from tempest_orm.cli import main
from tempest_orm.config import MysqlConfig, PostgresConfig, SQLiteConfig
from tests.backends import sandbox

REPO = Path(__file__).resolve().parents[2]

MIGRATIONS = """
from tempest_orm.migrations import DatabaseMigration
from tempest_orm.statements import CreateTableStatement, DropTableStatement


class CreateAuthors(DatabaseMigration):
    name = "2024-01-01_create_authors"

    def up(self):
        return CreateTableStatement("authors").primary().varchar("name")

    def down(self):
        return DropTableStatement("authors")


class CreateBooks(DatabaseMigration):
    name = "2024-01-03_create_books"

    def up(self):
        return (
            CreateTableStatement("books")
            .primary()
            .text("title")
            .belongs_to("books.author_id", "authors.id")
        )

    def down(self):
        return DropTableStatement("books")
"""

SQL = """-- authors to start with; a literal holds a ;
INSERT INTO authors (name) VALUES ('Brent;');
INSERT INTO authors (name) VALUES ('Frank');
"""

SEEDERS = """
from tempest_orm import query
from tempest_orm.seeders import DatabaseSeeder


class AuthorSeeder(DatabaseSeeder):
    def run(self, database):
        query("authors").insert(name="seeded author").on_database(database).execute()


class MailingSeeder(DatabaseSeeder):
    def run(self, database):
        query("authors").insert(name="seeded mailing").on_database(database).execute()
"""


def config_source(config: SQLiteConfig | PostgresConfig | MysqlConfig) -> str:
    """A ``database.config.py`` that binds ``config`` to this schema."""
    if isinstance(config, SQLiteConfig):
        body = f"SQLiteConfig(path={config.path!r})"
    else:
        fields = {
            "host": config.host,
            "port": config.port,
            "username": config.username,
            "password": config.password,
            "database": config.database,
        }
        if isinstance(config, PostgresConfig):
            fields["schema"] = config.schema
        arguments = ", ".join(f"{key}={value!r}" for key, value in fields.items())
        body = f"{type(config).__name__}({arguments})"
    kind = type(config).__name__
    return f"from tempest_orm.config import {kind}\n\nconfig = {body}\n"


@dataclass
class App:
    """An application root whose default connection is a fresh schema."""

    root: Path
    db: Database

    def write(self, relative: str, text: str) -> Path:
        """Write a file of the application."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def run(self, *args: str) -> Result:
        """Run a command in this process, through click's runner."""
        return CliRunner().invoke(main, ["--root", str(self.root), *args])

    def spawn(self, *args: str, **options: object) -> subprocess.Popen[str]:
        """Start the real console script on this root."""
        return subprocess.Popen(
            [*command(), "--root", str(self.root), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=environment(),
            **options,  # type: ignore[call-overload]
        )

    def script(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the real console script on this root and wait for it."""
        process = self.spawn(*args)
        stdout, stderr = process.communicate(timeout=60)
        return subprocess.CompletedProcess(
            process.args, process.returncode, stdout, stderr
        )

    def applied(self) -> list[str]:
        """The names in the migrations table, in the order they were applied."""
        from tempest_orm import Query

        rows = self.db.fetch(Query("SELECT name FROM migrations ORDER BY id"))
        return [row["name"] for row in rows]


def command() -> list[str]:
    """The ``tempest`` script when installed, else the module that it runs."""
    script = shutil.which("tempest")
    return [script] if script else [sys.executable, "-m", "tempest_orm.cli"]


def environment() -> dict[str, str]:
    """This checkout first on the path, whatever is installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO), env.get("PYTHONPATH")])
    )
    env.pop("TEMPEST_ROOT", None)
    return env


@pytest.fixture
def app(backend: str, tmp_path: Path) -> Iterator[App]:
    """A root with two class migrations, a ``.sql`` one and two seeders."""
    root = tmp_path / "app"
    with sandbox(backend, str(tmp_path)) as config:
        app = App(root, configure(config))
        app.write("database.config.py", config_source(config))
        app.write("database/2024-01-01_tables.py", MIGRATIONS)
        app.write("database/2024-01-02_first_authors.sql", SQL)
        app.write("database/seeders.py", SEEDERS)
        yield app

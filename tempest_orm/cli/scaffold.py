"""``tempest make:migration NAME``: a dated migration skeleton to fill in."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import click

from tempest_orm.cli import main
from tempest_orm.config.environment import get_root

_CLASS = '''"""{summary}"""

from __future__ import annotations

from tempest_orm.migrations import DatabaseMigration
from tempest_orm.statements import {imports}


class {cls}(DatabaseMigration):
    """{summary}"""

    name = "{name}"

    def up(self) -> QueryStatement:
        """Move the schema forward."""
        return {up}

    def down(self) -> QueryStatement:
        """Undo what up() did."""
        return {down}
'''

_SQL = "-- {summary}\n"


@main.command("make:migration", short_help="Write a new, dated migration file.")
@click.argument("name")
@click.option(
    "--path",
    "folder",
    default="migrations",
    show_default=True,
    help="Folder under the application root to write it in.",
)
@click.option(
    "--sql", "as_sql", is_flag=True, help="Write a .sql file instead of a class."
)
def make_migration(name: str, folder: str, as_sql: bool) -> None:
    """Write a migration named NAME, prefixed with the date so it sorts last.

    NAME is in snake_case, such as create_books_table; a create_..._table name
    starts the migration with that table.
    """
    slug = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    if not slug:
        raise click.ClickException(f"{name!r} is not a usable migration name")

    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    full = f"{stamp}_{slug}"
    target = get_root() / folder / f"{full}.{'sql' if as_sql else 'py'}"
    if target.exists():
        raise click.ClickException(f"{target} already exists")

    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_sql(slug) if as_sql else _class(slug, full))
    click.echo(f"Created {_shown(target)}")


def _class(slug: str, full: str) -> str:
    summary = slug.replace("_", " ").capitalize() + "."
    cls = "".join(part.capitalize() for part in slug.split("_"))
    if not cls[0].isalpha():
        cls = f"Migration{cls}"

    table = re.fullmatch(r"create_(\w+?)_table", slug)
    if table:
        imports = "CreateTableStatement, DropTableStatement, QueryStatement"
        up = f'CreateTableStatement("{table[1]}").primary()'
        down = f'DropTableStatement("{table[1]}")'
    else:
        imports = "QueryStatement, RawStatement"
        up = 'RawStatement("")  # write the change here'
        down = 'RawStatement("")  # and how to undo it here'
    return _CLASS.format(
        summary=summary, imports=imports, cls=cls, name=full, up=up, down=down
    )


def _sql(slug: str) -> str:
    return _SQL.format(summary=slug.replace("_", " ").capitalize())


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)

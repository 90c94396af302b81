"""``tempest db:show``: the tables of a connection, their rows and their sizes."""

from __future__ import annotations

import click

from tempest_orm.cli import _connect, _database_option, _reports_errors, main
from tempest_orm.cli.output import show_table
from tempest_orm.query import Query


@main.command("db:show", short_help="Show the tables of a connection.")
@_database_option
@_reports_errors
def db_show(tag: str | None) -> None:
    """Show the connection, then each table with its row count and size."""
    from tempest_orm.migrations.backends import backend_for

    db = _connect(tag)
    backend = backend_for(db)
    click.echo(f"Connection: {_describe(db.key)} ({db.dialect}) {db.config!r}")

    rows = []
    total = 0
    for name, is_view in backend.relations():
        count = db.fetch_first(
            Query(f"SELECT COUNT(*) AS n FROM {db.grammar.quote(name)}")
        )
        size = None if is_view else backend.table_bytes(name)
        total += size or 0
        kind = "view" if is_view else "table"
        rows.append((name, kind, str(count["n"] if count else 0), _bytes(size)))

    show_table("Tables", ("name", "kind", "rows", "size"), rows)
    click.echo(f"{len(rows)} tables and views, {_bytes(total)} in all.")


def _describe(key: str | None) -> str:
    return "default" if key is None else key


def _bytes(size: int | None) -> str:
    if size is None:
        return "-"
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"

"""``tempest migrate:status``: every migration, applied or pending, intact or not."""

from __future__ import annotations

import click

from tempest_orm.cli import _database_option, _manager, _reports_errors, main
from tempest_orm.cli.output import show_table


@main.command(
    "migrate:status", short_help="List migrations: applied, pending, changed."
)
@_database_option
@_reports_errors
def migrate_status(tag: str | None) -> None:
    """List each migration: applied or pending, hash valid or tampered, and when."""
    statuses = _manager(tag).status()
    rows = [
        (
            status.name,
            "applied" if status.applied else "pending",
            ("tampered" if status.tampered else "valid") if status.applied else "",
            str(status.applied_at or ""),
        )
        for status in statuses
    ]
    show_table("Migrations", ("migration", "state", "hash", "applied at"), rows)

    pending = sum(1 for status in statuses if not status.applied)
    tampered = [status.name for status in statuses if status.tampered]
    click.echo(f"{len(statuses) - pending} applied, {pending} pending.")
    if tampered:
        raise click.ClickException(f"tampered migrations: {', '.join(tampered)}")

"""The ``tempest`` console script: migrations and seeders from the command line."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from tempest_orm.config.environment import get_root, set_root
from tempest_orm.database import Database
from tempest_orm.discovery.seeders import FoundSeeder, discover_seeders
from tempest_orm.exceptions import DatabaseError
from tempest_orm.migrations import MigrationEvent, MigrationManager
from tempest_orm.seeders import SeederNotFound, run_seeder

P = ParamSpec("P")
R = TypeVar("R")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    envvar="TEMPEST_ROOT",
    help="Application root to discover configs, migrations and seeders in "
    "(default: the current directory; env TEMPEST_ROOT).",
)
def main(root: Path | None) -> None:
    """Manage the database of a tempest_orm application."""
    if root is not None:
        set_root(root)


def _database_option(command: Callable[P, R]) -> Callable[P, R]:
    return click.option(
        "--database",
        "tag",
        metavar="TAG",
        default=None,
        help="Tag of the connection to use (default: the untagged connection).",
    )(command)


def _reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into a one-line reason and a non-zero exit."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except DatabaseError as error:
            raise click.ClickException(str(error).splitlines()[0]) from error

    return wrapper


def _connect(tag: str | None) -> Database:
    """The Database of a tag, opened now so a bad tag or server fails first."""
    from tempest_orm.registry import database

    found = database(tag)
    found.connection()
    return found


def _manager(tag: str | None) -> MigrationManager:
    _connect(tag)
    return MigrationManager(tag=tag, listener=_progress)


def _progress(event: MigrationEvent) -> None:
    verb = "Migrating" if event.direction == "up" else "Rolling back"
    if not event.finished:
        click.echo(f"{verb}: {event.name}")
        return
    done = "Migrated" if event.direction == "up" else "Rolled back"
    click.echo(f"{done}: {event.name} ({(event.seconds or 0) * 1000:.1f} ms)")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@main.command("migrate:up", short_help="Apply the migrations not applied yet.")
@_database_option
@click.option(
    "--no-validate",
    is_flag=True,
    help="Skip checking that applied migrations are unchanged.",
)
@_reports_errors
def migrate_up(tag: str | None, no_validate: bool) -> None:
    """Apply every migration not applied yet, in name order."""
    applied = _manager(tag).up(validate=not no_validate)
    if not applied:
        click.echo("Nothing to migrate.")
        return
    click.echo(f"Applied {_count(len(applied), 'migration')}.")


@main.command("migrate:down", short_help="Roll back applied migrations.")
@_database_option
@_reports_errors
def migrate_down(tag: str | None) -> None:
    """Roll back every applied migration that has a down(), newest first.

    Migrations without a down() keep their record and their tables.
    """
    undone = _manager(tag).down()
    if not undone:
        click.echo("Nothing to roll back.")
        return
    click.echo(f"Rolled back {_count(len(undone), 'migration')}.")


@main.command("migrate:fresh", short_help="Drop every table and migrate again.")
@_database_option
@click.option("--seed", is_flag=True, help="Run seeders once migrated.")
@click.option("--all", "all_seeders", is_flag=True, help="Seed with every seeder.")
@click.option(
    "--seeder",
    metavar="NAME",
    help="Seed with this seeder: a class name or module.Class.",
)
@click.option(
    "--no-validate",
    is_flag=True,
    help="Skip checking that applied migrations are unchanged.",
)
@_reports_errors
def migrate_fresh(
    tag: str | None,
    seed: bool,
    all_seeders: bool,
    seeder: str | None,
    no_validate: bool,
) -> None:
    """Drop every table of the database, then apply every migration.

    Tables no migration created are dropped too. --seed, --all or --seeder
    run seeders afterwards.
    """
    # Seeders are picked before anything is dropped, so a bad name costs nothing.
    wants_seeds = seed or all_seeders or seeder is not None
    seeders = _select_seeders(all_seeders, seeder) if wants_seeds else []
    applied = _manager(tag).fresh(validate=not no_validate)
    click.echo(
        f"Dropped every table, then applied {_count(len(applied), 'migration')}."
    )
    _seed(seeders, tag)


@main.command("migrate:validate", short_help="Check applied migrations are unchanged.")
@_database_option
@_reports_errors
def migrate_validate(tag: str | None) -> None:
    """Check that no applied migration changed since it was applied."""
    manager = _manager(tag)
    manager.validate()
    applied = sum(1 for status in manager.status() if status.applied)
    click.echo(f"{_count(applied, 'applied migration')}: none was changed.")


@main.command("migrate:rehash", short_help="Accept changed migrations.")
@_database_option
@_reports_errors
def migrate_rehash(tag: str | None) -> None:
    """Store the current hash of every applied migration, accepting changes.

    Use it only when the changed migrations are known to be right everywhere.
    """
    changed = _manager(tag).rehash()
    for name in changed:
        click.echo(f"Rehashed: {name}")
    click.echo(f"Rehashed {_count(len(changed), 'migration')}.")


@main.command("database:seed", short_help="Run seeders.")
@_database_option
@click.option("--all", "all_seeders", is_flag=True, help="Run every seeder.")
@click.option(
    "--seeder",
    metavar="NAME",
    help="Run this seeder: a class name or module.Class.",
)
@_reports_errors
def database_seed(tag: str | None, all_seeders: bool, seeder: str | None) -> None:
    """Run seeders on the database, adding to the data it holds.

    With several seeders and neither --all nor --seeder, a terminal offers a
    pick list.
    """
    _connect(tag)
    _seed(_select_seeders(all_seeders, seeder), tag)


def _select_seeders(all_seeders: bool, wanted: str | None) -> list[FoundSeeder]:
    """The seeders the flags name; several and no flag: ask on a terminal."""
    found = discover_seeders(get_root())
    if wanted:
        return [_find_seeder(found, wanted)]
    if not found:
        raise SeederNotFound(f"no seeders were found under {get_root()}")
    if all_seeders or len(found) == 1:
        return found
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        names = ", ".join(seeder.name for seeder in found)
        raise click.ClickException(
            f"several seeders were found ({names}): pick one with --seeder NAME, "
            "or run them all with --all"
        )

    from tempest_orm.cli.picker import pick

    picked = pick("Which seeders do you want to run?", [s.name for s in found])
    return [seeder for seeder in found if seeder.name in picked]


def _find_seeder(found: list[FoundSeeder], wanted: str) -> FoundSeeder:
    matches = [seeder for seeder in found if seeder.matches(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(seeder.name for seeder in matches)
        raise SeederNotFound(f"seeder {wanted!r} is ambiguous: {names}")
    known = ", ".join(seeder.name for seeder in found) or "none"
    raise SeederNotFound(f"no seeder is named {wanted!r}; known seeders: {known}")


def _seed(seeders: list[FoundSeeder], tag: str | None) -> None:
    for seeder in seeders:
        click.echo(f"Seeding: {seeder.name}")
        try:
            seconds = run_seeder(seeder.cls, tag)
        except Exception as error:
            reason = str(error).splitlines()[0] if str(error) else ""
            raise click.ClickException(
                f"seeder {seeder.name} failed: {type(error).__name__}: {reason}"
            ) from error
        click.echo(f"Seeded: {seeder.name} ({seconds * 1000:.1f} ms)")


# The commands of their own modules register themselves on ``main``.
from tempest_orm.cli import scaffold, show, status  # noqa: E402

__all__ = ["main", "scaffold", "show", "status"]

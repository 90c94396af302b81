"""Finding migrations under a root: migration classes and ``.sql`` files."""

from __future__ import annotations

from pathlib import Path

from tempest_orm.discovery.classes import defined_classes, modules_mentioning
from tempest_orm.discovery.loader import DiscoveryFailed
from tempest_orm.discovery.walker import walk
from tempest_orm.migrations.base import (
    MigratesDown,
    MigratesUp,
    Migration,
    SqlFileMigration,
    name_of,
)

_MARKERS = ("MigratesUp", "MigratesDown", "DatabaseMigration")


def discover_migrations(root: Path) -> list[Migration]:
    """Every migration under ``root``, in name order; a name used twice is an error."""
    found: list[tuple[Migration, Path]] = [
        (SqlFileMigration(path), path) for path in walk(root, ".sql")
    ]
    for path, module in modules_mentioning(root, _MARKERS):
        # A DatabaseMigration is both kinds; each class counts once.
        classes = defined_classes(module, MigratesUp)
        classes += [
            c for c in defined_classes(module, MigratesDown) if c not in classes
        ]
        found += [(_instantiate(cls, path), path) for cls in classes]

    origins: dict[str, Path] = {}
    migrations: dict[str, Migration] = {}
    for migration, path in found:
        name = _name(migration, path)
        if name in migrations:
            raise DiscoveryFailed(
                f"two migrations are named {name!r}: in {origins[name]} and in {path}"
            )
        migrations[name] = migration
        origins[name] = path
    return [migrations[name] for name in sorted(migrations)]


def _instantiate(cls: type, path: Path) -> Migration:
    try:
        migration: Migration = cls()
    except Exception as error:
        raise DiscoveryFailed(
            f"cannot create migration {cls.__qualname__} of {path}: {error}"
        ) from error
    return migration


def _name(migration: Migration, path: Path) -> str:
    try:
        return name_of(migration)
    except TypeError as error:
        raise DiscoveryFailed(f"{error} (in {path})") from None

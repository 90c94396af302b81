"""Finding DatabaseSeeder classes under a root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tempest_orm.discovery.classes import defined_classes, modules_mentioning
from tempest_orm.seeders.base import DatabaseSeeder


@dataclass(frozen=True)
class FoundSeeder:
    """A seeder class and its full name: dotted path from the root, then class."""

    cls: type[DatabaseSeeder]
    name: str

    def matches(self, wanted: str) -> bool:
        """Whether ``wanted`` names it: its class name, or a dotted tail of its name."""
        return self.name == wanted or self.name.endswith(f".{wanted}")


def discover_seeders(root: Path) -> list[FoundSeeder]:
    """Every seeder class under ``root``, sorted by full name."""
    found: list[FoundSeeder] = []
    for path, module in modules_mentioning(root, ("DatabaseSeeder",)):
        dotted = ".".join(path.relative_to(root).with_suffix("").parts)
        for cls in defined_classes(module, DatabaseSeeder):
            found.append(FoundSeeder(cls, f"{dotted}.{cls.__qualname__}"))
    return sorted(found, key=lambda seeder: seeder.name)

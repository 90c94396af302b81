"""Running seeders, each timed and logged, and picking them by name."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from enum import Enum

from tempest_orm.exceptions import ConfigurationError
from tempest_orm.seeders.base import DatabaseSeeder

log = logging.getLogger("tempest_orm.seeders")


class SeederNotFound(ConfigurationError):
    """No seeder, or more than one, answers to a name."""


def run_seeder(
    seeder: type[DatabaseSeeder] | DatabaseSeeder,
    database: str | Enum | None = None,
) -> float:
    """Run one seeder on ``database``; the seconds it took."""
    instance = seeder() if isinstance(seeder, type) else seeder
    started = time.perf_counter()
    instance.run(database)

    seconds = time.perf_counter() - started
    log.info("seeded %s [%.1f ms]", type(instance).__qualname__, seconds * 1000)
    return seconds


def run_seeders(
    seeders: Sequence[type[DatabaseSeeder] | DatabaseSeeder],
    database: str | Enum | None = None,
    on_done: Callable[[str, float], None] | None = None,
) -> None:
    """Run several seeders in order, reporting each one's time to ``on_done``."""
    for seeder in seeders:
        seconds = run_seeder(seeder, database)
        if on_done is not None:
            cls = seeder if isinstance(seeder, type) else type(seeder)
            on_done(cls.__qualname__, seconds)

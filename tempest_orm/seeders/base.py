"""The seeder protocol: a class that fills a database with data."""

from __future__ import annotations

from abc import ABC, abstractmethod
from enum import Enum


class DatabaseSeeder(ABC):
    """Fills a database; ``database`` is the tag the user picked, if any."""

    @abstractmethod
    def run(self, database: str | Enum | None) -> None:
        """Insert this seeder's rows on the connection of ``database``."""

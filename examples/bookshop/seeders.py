"""Seeders: authors with their publishers, then books with chapters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

from models import Author, Book, Chapter, Isbn, Publisher

from tempest_orm.seeders import DatabaseSeeder


class AuthorSeeder(DatabaseSeeder):
    """Two publishers and three authors."""

    def run(self, database: str | Enum | None) -> None:
        """Write them on ``database``."""
        stitcher = Publisher(name="Stitcher Press")
        orbit = Publisher(name="Orbit")
        Publisher.on_database(database).insert(stitcher, orbit).execute()
        Author.on_database(database).insert(
            Author(name="Brent Roose", publisher=stitcher),
            Author(name="Ursula K. Le Guin", publisher=orbit),
            Author(name="Frank Herbert", publisher=orbit),
        ).execute()


class BookSeeder(DatabaseSeeder):
    """A few books with chapters and an ISBN, for the authors above."""

    def run(self, database: str | Enum | None) -> None:
        """Write them on ``database``, each with its children in one transaction."""
        authors = Author.on_database(database)
        le_guin = authors.find(name="Ursula K. Le Guin").first()
        herbert = authors.find(name="Frank Herbert").first()
        books = Book.on_database(database)
        books.create(
            title="The Dispossessed",
            price=Decimal("12.50"),
            published_at=datetime(1974, 5, 1),
            author=le_guin,
            chapters=[Chapter(index=i, contents=f"Anarres {i}") for i in (1, 2)],
            isbn=Isbn(value="978-0-06-051275-0"),
        )
        books.create(
            title="Dune",
            price=Decimal("15.00"),
            published_at=datetime(1965, 8, 1),
            author=herbert,
            chapters=[Chapter(index=i, contents=f"Arrakis {i}") for i in (1, 2, 3)],
        )

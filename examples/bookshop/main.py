"""The bookshop: the reference's scenarios, end to end, with a short report.

Run it from anywhere: ``python examples/bookshop/main.py``. It migrates the
main and backup databases from scratch, seeds them, writes and reads books,
deletes a chapter, and copies books into the backup database.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# Encrypted columns need a key; this one is for the demo only.
os.environ.setdefault("SIGNING_KEY", "bookshop-demo-key-not-for-production")

from models import (  # noqa: E402
    Author,
    Book,
    Chapter,
    Publisher,
    Review,
    Settings,
    Theme,
    User,
)
from seeders import AuthorSeeder, BookSeeder  # noqa: E402

from tempest_orm import database, query  # noqa: E402
from tempest_orm.config import set_root  # noqa: E402
from tempest_orm.hashing import verify  # noqa: E402
from tempest_orm.migrations import MigrationManager  # noqa: E402
from tempest_orm.seeders import run_seeders  # noqa: E402


def main() -> None:
    """Run every scenario and print what happened."""
    set_root(HERE)
    report = Report()

    migrations = MigrationManager()
    applied = migrations.fresh()
    migrations.on_database("backup").fresh()
    report.line(f"migrated {database().dialect}: {', '.join(applied)}")

    run_seeders([AuthorSeeder, BookSeeder])
    report.line(
        f"seeded {Author.count().execute()} authors, {Book.count().execute()} books"
    )

    brent = Author.find(name="Brent Roose").first()
    taxi = Book.create(
        title="Timeline Taxi",
        price=Decimal("9.99"),
        published_at=datetime(2023, 3, 1),
        author=brent,
        chapters=[
            Chapter(index=1, contents="A cab that drives through time."),
            Chapter(index=2, contents="The fare is paid in years."),
            Chapter(index=3, contents="Last stop: yesterday."),
        ],
    )
    report.line(
        f"created {taxi.title!r} with {len(taxi.chapters)} chapters, key {taxi.id}"
    )

    books = (
        Book.select()
        .where("published_at > ?", datetime(1960, 1, 1))
        .order_by("title DESC")
        .limit(10)
        .with_("author.publisher", "chapters")
        .all()
    )
    report.line("books since 1960, newest title first:")
    for book in books:
        writer = book.author.name if book.author else "unknown"
        house = (
            book.author.publisher.name if book.author and book.author.publisher else "-"
        )
        report.line(
            f"  {book.label:<32} {writer:<20} {house:<15} {len(book.chapters)} ch."
        )

    last = sorted(books[0].chapters, key=lambda chapter: chapter.index)[-1]
    last.delete()
    left = query("chapters").count().where("book_id = ?", books[0].id).execute()
    report.line(f"deleted chapter {last.index} of {books[0].title!r}: {left} left")

    user = User.create(
        email="reader@example.com",
        password="correct horse battery staple",
        api_token="tok_live_1234",
        settings=Settings(theme=Theme.DARK, newsletter=True),
    )
    stored = query("users").select("password", "api_token").first() or {}
    hashed = str(stored.get("password"))
    again = User.get(user.id)
    report.line(
        f"user {user.email}: password hashed ({hashed[:9]}...), "
        f"verifies: {verify(hashed, 'correct horse battery staple')}, "
        f"token readable: {again is not None and again.api_token == 'tok_live_1234'}, "
        f"theme: {again.settings.theme.value if again and again.settings else '-'}"
    )

    review = Review.create(book_title="Timeline Taxi", stars=5)
    report.line(f"review keyed by uuid {review.uuid}")

    # Books point at authors and authors at publishers: copy those first.
    Publisher.insert(*Publisher.all()).on_database("backup").execute()
    Author.insert(*Author.all()).on_database("backup").execute()
    old = Book.select().where("published_at < ?", datetime(2000, 1, 1)).all()
    Book.insert(*old).on_database("backup").execute()
    copied = Book.on_database("backup").select().order_by("title").all()
    report.line(f"copied to backup: {', '.join(book.title for book in copied)}")
    report.print()


class Report:
    """Lines collected while the scenarios run, printed at the end."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def line(self, text: str) -> None:
        """Add a line."""
        self.lines.append(text)

    def print(self) -> None:
        """Print the report."""
        print("Bookshop report")
        print("===============")
        for text in self.lines:
            print(text)


if __name__ == "__main__":
    main()

"""Books and their chapters."""

from decimal import Decimal

from tempest_orm.migrations import MigratesUp
from tempest_orm.statements import CreateTableStatement, OnDelete, QueryStatement


class CreateBooks(MigratesUp):
    """Books, written by authors, made of chapters."""

    name = "2024-01-02_create_books"

    def up(self) -> list[QueryStatement]:
        """Create books and chapters."""
        return [
            CreateTableStatement("books")
            .primary()
            .varchar("title", length=120)
            .decimal("price", precision=8, scale=2, default=Decimal("0"))
            .datetime("published_at", nullable=True)
            .belongs_to("books.author_id", "authors.id", nullable=True)
            .index("title"),
            CreateTableStatement("chapters")
            .primary()
            .integer("index")
            .text("contents")
            .belongs_to("chapters.book_id", "books.id", on_delete=OnDelete.CASCADE),
        ]

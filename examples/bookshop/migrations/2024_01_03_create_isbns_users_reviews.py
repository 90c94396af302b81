"""ISBNs, users and reviews keyed by UUID."""

from tempest_orm.migrations import MigratesUp
from tempest_orm.statements import CreateTableStatement, OnDelete, QueryStatement


class CreateIsbnsUsersAndReviews(MigratesUp):
    """One ISBN per book, users with secrets, and reviews."""

    name = "2024-01-03_create_isbns_users_reviews"

    def up(self) -> list[QueryStatement]:
        """Create the three tables."""
        return [
            CreateTableStatement("isbns")
            .primary()
            .varchar("value", length=17, unique=True)
            .belongs_to("isbns.book_id", "books.id", on_delete=OnDelete.CASCADE),
            CreateTableStatement("users")
            .primary()
            .varchar("email", length=200, unique=True)
            .text("password")
            .text("api_token", nullable=True)
            .json("settings", nullable=True),
            CreateTableStatement("reviews")
            .primary("uuid", uuid=True)
            .varchar("book_title", length=120)
            .integer("stars"),
        ]

"""The first tables: publishers, and authors who belong to one."""

from tempest_orm.migrations import DatabaseMigration
from tempest_orm.statements import (
    CreateTableStatement,
    DropTableStatement,
    OnDelete,
    QueryStatement,
)


class CreatePublishersAndAuthors(DatabaseMigration):
    """Publishers and authors."""

    name = "2024-01-01_create_publishers_and_authors"

    def up(self) -> list[QueryStatement]:
        """Create both tables."""
        return [
            CreateTableStatement("publishers").primary().varchar("name", length=100),
            CreateTableStatement("authors")
            .primary()
            .varchar("name", length=100)
            .belongs_to(
                "authors.publisher_id",
                "publishers.id",
                on_delete=OnDelete.SET_NULL,
                nullable=True,
            ),
        ]

    def down(self) -> list[QueryStatement]:
        """Drop them, authors first."""
        return [DropTableStatement("authors"), DropTableStatement("publishers")]

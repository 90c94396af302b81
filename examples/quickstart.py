"""A first look at tempest_orm on the default SQLite database.

Run it from the project root: ``python examples/quickstart.py``. It creates a
table, writes rows through the builders, queries them and prints what it found.
"""

from __future__ import annotations

from tempest_orm import Query, database, query


def main() -> None:
    """Create, fill and query a ``books`` table."""
    db = database()
    db.execute(Query("DROP TABLE IF EXISTS books"))
    db.execute(
        Query(
            "CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "title TEXT NOT NULL, price INTEGER NOT NULL)"
        )
    )

    with db.transaction():
        query("books").insert(title="Timeline Taxi", price=15).execute()
        query("books").insert(
            {"title": "The Last Ship", "price": 25},
            {"title": "Dune", "price": 12},
        ).execute()

    cheap = query("books").select("title", "price").where("price < ?", 20)
    print(f"database: {db.config.resolved_path()}")  # type: ignore[union-attr]
    print(f"books: {query('books').count().execute()}")
    for row in cheap.order_by("title").all():
        print(f"  {row['title']:<16} {row['price']:>4}")


if __name__ == "__main__":
    main()

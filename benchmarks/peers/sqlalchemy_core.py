"""The workloads in SQLAlchemy Core: statements built with tables, rows as tuples."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from benchmarks.backends import Target
from benchmarks.data import Dataset
from benchmarks.peers.sqlalchemy_common import (
    authors,
    books,
    chapters,
    engine_for,
    publishers,
)
from benchmarks.workloads import MIDDLE_PRICE, Timed

Row = dict[str, Any]
COLUMNS = ("author_id", "title", "published_at", "price", "in_stock")


def book_of(row: Any) -> Row:
    """A book row as a dict, as the raw driver's workloads build them."""
    id, author_id, title, published_at, price, in_stock = row
    return {
        "id": id,
        "author_id": author_id,
        "title": title,
        "published_at": published_at,
        "price": price,
        "in_stock": in_stock,
    }


def read(book: Row) -> tuple[Any, ...]:
    return (
        book["id"],
        book["title"],
        book["published_at"],
        book["price"],
        book["in_stock"],
    )


class SQLAlchemyCore:
    """SQLAlchemy 2 Core on one connection."""

    name = "SQLAlchemy Core"

    def open(self, target: Target) -> None:
        self.engine = engine_for(target)
        self.link: Connection = self.engine.connect()

    def close(self) -> None:
        self.link.close()
        self.engine.dispose()

    def prepare(self, workload: str, data: Dataset) -> Timed:
        prepared: Timed = getattr(self, workload)(data)
        return prepared

    def _where_in(self, table: Any, column: Any, keys: Iterable[Any]) -> list[Any]:
        """Rows whose column is in ``keys``, chunked under SQLite's binding limit."""
        keys = list(keys)
        rows: list[Any] = []
        for start in range(0, len(keys), 30_000):
            chunk = keys[start : start + 30_000]
            rows.extend(self.link.execute(select(table).where(column.in_(chunk))))
        return rows

    def insert_one(self, data: Dataset) -> Timed:
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in data.books]
        statement = insert(books)

        def run() -> None:
            with self.link.begin():
                for row in rows:
                    _ = self.link.execute(statement, row).inserted_primary_key

        return run

    def insert_bulk(self, data: Dataset) -> Timed:
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in data.books]

        def run() -> None:
            with self.link.begin():
                self.link.execute(insert(books), rows)

        return run

    def select_all(self, data: Dataset) -> Timed:
        def run() -> None:
            for row in self.link.execute(select(books)):
                read(book_of(row))
            self.link.rollback()

        return run

    def lookup_key(self, data: Dataset) -> Timed:
        statement = select(books).where(books.c.id == bindparam("key"))

        def run() -> None:
            for key in data.keys:
                read(book_of(self.link.execute(statement, {"key": key}).one()))
            self.link.rollback()

        return run

    def filter_order_limit(self, data: Dataset) -> Timed:
        statement = (
            select(books)
            .where(books.c.price > bindparam("price"))
            .order_by(books.c.title)
            .limit(20)
        )

        def run() -> None:
            for price in data.thresholds:
                for row in self.link.execute(statement, {"price": price}):
                    read(book_of(row))
            self.link.rollback()

        return run

    def _authors(self, keys: Iterable[Any]) -> dict[Any, Row]:
        return {
            id: {"id": id, "name": name, "publisher_id": publisher}
            for id, name, publisher in self._where_in(authors, authors.c.id, keys)
        }

    def eager_author(self, data: Dataset) -> Timed:
        def run() -> None:
            found = [book_of(row) for row in self.link.execute(select(books))]
            by_key = self._authors({book["author_id"] for book in found})
            for book in found:
                book["author"] = by_key.get(book["author_id"])
            for book in found:
                read(book)
                book["author"]["name"]
            self.link.rollback()

        return run

    def eager_books(self, data: Dataset) -> Timed:
        def run() -> None:
            found = [
                {"id": id, "name": name, "publisher_id": publisher}
                for id, name, publisher in self.link.execute(select(authors))
            ]
            groups = defaultdict(list)
            keys = [author["id"] for author in found]
            for row in self._where_in(books, books.c.author_id, keys):
                book = book_of(row)
                groups[book["author_id"]].append(book)
            for author in found:
                author["books"] = groups.get(author["id"], [])
            for author in found:
                author["name"]
                for book in author["books"]:
                    read(book)
            self.link.rollback()

        return run

    def eager_nested(self, data: Dataset) -> Timed:
        def run() -> None:
            found = [book_of(row) for row in self.link.execute(select(books))]
            groups = defaultdict(list)
            keys = [book["id"] for book in found]
            for id, book_id, index, contents in self._where_in(
                chapters, chapters.c.book_id, keys
            ):
                groups[book_id].append(
                    {"id": id, "book_id": book_id, "index": index, "contents": contents}
                )
            by_key = self._authors({book["author_id"] for book in found})
            publisher_keys = {author["publisher_id"] for author in by_key.values()}
            by_publisher = {
                id: {"id": id, "name": name}
                for id, name in self._where_in(
                    publishers, publishers.c.id, publisher_keys
                )
            }
            for author in by_key.values():
                author["publisher"] = by_publisher.get(author["publisher_id"])
            for book in found:
                book["author"] = by_key.get(book["author_id"])
                book["chapters"] = groups.get(book["id"], [])
            for book in found:
                read(book)
                book["author"]["publisher"]["name"]
                for chapter in book["chapters"]:
                    chapter["index"], chapter["contents"]
            self.link.rollback()

        return run

    def update_each(self, data: Dataset) -> Timed:
        statement = select(books).where(books.c.id <= data.updated)
        found = [book_of(row) for row in self.link.execute(statement)]
        self.link.rollback()
        write = (
            update(books)
            .where(books.c.id == bindparam("key"))
            .values({name: bindparam(name) for name in COLUMNS})
        )

        def run() -> None:
            with self.link.begin():
                for book in found:
                    book["price"] += 1
                    book["title"] += "!"
                    values = {name: book[name] for name in COLUMNS}
                    self.link.execute(write, {"key": book["id"], **values})

        return run

    def update_bulk(self, data: Dataset) -> Timed:
        statement = update(books).where(books.c.price > MIDDLE_PRICE)

        def run() -> None:
            with self.link.begin():
                self.link.execute(statement.values(in_stock=False))

        return run

    def delete_bulk(self, data: Dataset) -> Timed:
        def run() -> None:
            with self.link.begin():
                self.link.execute(delete(books).where(books.c.price < MIDDLE_PRICE))

        return run

"""The limit: what a competent user of the driver writes by hand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from benchmarks.backends import Target, connect, insert_many, stored
from benchmarks.data import Dataset
from benchmarks.workloads import MIDDLE_PRICE, Timed

BOOK = "SELECT id, author_id, title, published_at, price, in_stock FROM books"
Row = dict[str, Any]


class Raw:
    """The raw DB-API driver: sqlite3, psycopg2 or PyMySQL."""

    name = "raw driver"

    def open(self, target: Target) -> None:
        self.target = target
        self.link = connect(target)
        self.cursor = self.link.cursor()
        self.sql = target.sql
        self.book = _book_reader(target.backend)

    def close(self) -> None:
        self.cursor.close()
        self.link.close()

    def prepare(self, workload: str, data: Dataset) -> Timed:
        prepared: Timed = getattr(self, workload)(data)
        return prepared

    def _books(self, sql: str = BOOK, *bindings: object) -> list[Row]:
        self.cursor.execute(self.sql(sql), bindings)
        book = self.book
        return [book(row) for row in self.cursor.fetchall()]

    def _where_in(self, sql: str, column: str, keys: Iterable[Any]) -> list[Any]:
        """Rows whose column is in ``keys``; chunked under SQLite's binding limit."""
        keys = list(keys)
        if self.target.backend == "postgres":
            self.cursor.execute(f"{sql} WHERE {column} = ANY(%s)", (keys,))
            return list(self.cursor.fetchall())
        rows: list[Any] = []
        for start in range(0, len(keys), 30_000):
            chunk = keys[start : start + 30_000]
            marks = ", ".join([self.target.placeholder] * len(chunk))
            self.cursor.execute(f"{sql} WHERE {column} IN ({marks})", chunk)
            rows.extend(self.cursor.fetchall())
        return rows

    def insert_one(self, data: Dataset) -> Timed:
        target, cursor = self.target, self.cursor
        insert = self.sql(
            "INSERT INTO books (author_id, title, published_at, price, in_stock) "
            "VALUES (?, ?, ?, ?, ?)"
        )

        def run() -> None:
            cursor.execute("BEGIN")
            if target.backend == "postgres":
                for row in data.books:
                    cursor.execute(insert + " RETURNING id", row)
                    cursor.fetchone()
            else:
                for row in data.books:
                    cursor.execute(insert, stored(target, row))
                    cursor.lastrowid  # noqa: B018
            cursor.execute("COMMIT")

        return run

    def insert_bulk(self, data: Dataset) -> Timed:
        into = "books (author_id, title, published_at, price, in_stock)"

        def run() -> None:
            self.cursor.execute("BEGIN")
            insert_many(self.target, self.cursor, into, data.books)
            self.cursor.execute("COMMIT")

        return run

    def select_all(self, data: Dataset) -> Timed:
        return lambda: [read(book) for book in self._books()]

    def lookup_key(self, data: Dataset) -> Timed:
        cursor, book = self.cursor, self.book
        sql = self.sql(f"{BOOK} WHERE id = ?")

        def run() -> None:
            for key in data.keys:
                cursor.execute(sql, (key,))
                read(book(cursor.fetchone()))

        return run

    def filter_order_limit(self, data: Dataset) -> Timed:
        sql = f"{BOOK} WHERE price > ? ORDER BY title LIMIT 20"

        def run() -> None:
            for price in data.thresholds:
                for found in self._books(sql, price):
                    read(found)

        return run

    def eager_author(self, data: Dataset) -> Timed:
        def run() -> None:
            books = self._books()
            authors = self._authors({book["author_id"] for book in books})
            for book in books:
                book["author"] = authors.get(book["author_id"])
            for book in books:
                read(book)
                book["author"]["name"]

        return run

    def _authors(self, keys: Iterable[Any]) -> dict[Any, Row]:
        rows = self._where_in("SELECT id, name, publisher_id FROM authors", "id", keys)
        return {id: {"id": id, "name": name, "publisher_id": p} for id, name, p in rows}

    def eager_books(self, data: Dataset) -> Timed:
        def run() -> None:
            self.cursor.execute("SELECT id, name, publisher_id FROM authors")
            authors = [
                {"id": id, "name": name, "publisher_id": publisher}
                for id, name, publisher in self.cursor.fetchall()
            ]
            groups = defaultdict(list)
            book = self.book
            for row in self._where_in(BOOK, "author_id", [a["id"] for a in authors]):
                found = book(row)
                groups[found["author_id"]].append(found)
            for author in authors:
                author["books"] = groups.get(author["id"], [])
            for author in authors:
                author["name"]
                for found in author["books"]:
                    read(found)

        return run

    def eager_nested(self, data: Dataset) -> Timed:
        def run() -> None:
            books = self._books()
            chapters = defaultdict(list)
            sql = self.sql('SELECT id, book_id, "index", contents FROM chapters')
            for id, book_id, index, contents in self._where_in(
                sql, "book_id", [book["id"] for book in books]
            ):
                chapters[book_id].append(
                    {"id": id, "book_id": book_id, "index": index, "contents": contents}
                )
            authors = self._authors({book["author_id"] for book in books})
            publishers = {
                id: {"id": id, "name": name}
                for id, name in self._where_in(
                    "SELECT id, name FROM publishers",
                    "id",
                    {author["publisher_id"] for author in authors.values()},
                )
            }
            for author in authors.values():
                author["publisher"] = publishers.get(author["publisher_id"])
            for book in books:
                book["author"] = authors.get(book["author_id"])
                book["chapters"] = chapters.get(book["id"], [])

            for book in books:
                read(book)
                book["author"]["publisher"]["name"]
                for chapter in book["chapters"]:
                    chapter["index"], chapter["contents"]

        return run

    def update_each(self, data: Dataset) -> Timed:
        books = self._books(f"{BOOK} WHERE id <= ?", data.updated)
        target, cursor = self.target, self.cursor
        sql = self.sql(
            "UPDATE books SET author_id = ?, title = ?, published_at = ?, "
            "price = ?, in_stock = ? WHERE id = ?"
        )

        def run() -> None:
            cursor.execute("BEGIN")
            for book in books:
                book["price"] += 1
                book["title"] += "!"
                row = (
                    book["author_id"],
                    book["title"],
                    book["published_at"],
                    book["price"],
                    book["in_stock"],
                    book["id"],
                )
                cursor.execute(sql, stored(target, row))
            cursor.execute("COMMIT")

        return run

    def update_bulk(self, data: Dataset) -> Timed:
        sql = self.sql("UPDATE books SET in_stock = ? WHERE price > ?")
        return lambda: self.cursor.execute(sql, (False, MIDDLE_PRICE))

    def delete_bulk(self, data: Dataset) -> Timed:
        sql = self.sql("DELETE FROM books WHERE price < ?")
        return lambda: self.cursor.execute(sql, (MIDDLE_PRICE,))


def read(book: Row) -> tuple[Any, ...]:
    """Read every column of a book, as a caller of the results would."""
    return (
        book["id"],
        book["title"],
        book["published_at"],
        book["price"],
        book["in_stock"],
    )


def _book_reader(backend: str) -> Callable[[tuple[Any, ...]], Row]:
    """A row of BOOK as a dict, with SQLite's text and integers turned back."""
    if backend == "sqlite":
        parse = datetime.fromisoformat

        def book(row: tuple[Any, ...]) -> Row:
            id, author_id, title, published_at, price, in_stock = row
            return {
                "id": id,
                "author_id": author_id,
                "title": title,
                "published_at": parse(published_at),
                "price": price,
                "in_stock": bool(in_stock),
            }

        return book

    def server_book(row: tuple[Any, ...]) -> Row:
        id, author_id, title, published_at, price, in_stock = row
        return {
            "id": id,
            "author_id": author_id,
            "title": title,
            "published_at": published_at,
            "price": price,
            "in_stock": bool(in_stock),
        }

    return server_book

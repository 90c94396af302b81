"""The workloads written with tempest_orm, as its documentation shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from benchmarks.backends import Target
from benchmarks.data import Dataset
from benchmarks.workloads import MIDDLE_PRICE, Timed
from tempest_orm import Database, IsDatabaseModel, PrimaryKey, configure, query
from tempest_orm.config import MysqlConfig, PostgresConfig, SQLiteConfig
from tempest_orm.registry import reset


@dataclass(eq=False)
class Publisher(IsDatabaseModel):
    name: str
    id: PrimaryKey | None = None


@dataclass(eq=False)
class Author(IsDatabaseModel):
    name: str
    publisher: Publisher | None = None
    books: list[Book] = field(default_factory=list)
    id: PrimaryKey | None = None


@dataclass(eq=False)
class Book(IsDatabaseModel):
    title: str
    published_at: datetime
    price: float
    in_stock: bool
    author: Author | None = None
    chapters: list[Chapter] = field(default_factory=list)
    id: PrimaryKey | None = None


@dataclass(eq=False)
class Chapter(IsDatabaseModel):
    index: int
    contents: str
    id: PrimaryKey | None = None


def config_for(target: Target) -> SQLiteConfig | PostgresConfig | MysqlConfig:
    """The tempest_orm config of a fresh benchmark database."""
    from benchmarks.backends import MY, PG

    if target.backend == "sqlite":
        return SQLiteConfig(path=target.path)
    if target.backend == "postgres":
        return PostgresConfig(
            host=PG["host"],
            port=PG["port"],
            username=PG["user"],
            database=PG["dbname"],
            schema=target.name,
        )
    return MysqlConfig(
        host=MY["host"], port=MY["port"], username=MY["user"], database=target.name
    )


def read_book(book: Book) -> tuple[Any, ...]:
    """Read every column attribute, as a caller of the results would."""
    return (book.id, book.title, book.published_at, book.price, book.in_stock)


class Tempest:
    """tempest_orm through ``query(Model)``."""

    name = "tempest_orm"

    def __init__(self) -> None:
        self.db: Database | None = None

    def open(self, target: Target) -> None:
        self.db = configure(config_for(target))
        self.db.connection()

    def close(self) -> None:
        reset()
        self.db = None

    def prepare(self, workload: str, data: Dataset) -> Timed:
        prepared: Timed = getattr(self, workload)(data)
        return prepared

    def _new_books(self, data: Dataset) -> list[Book]:
        authors = {int(a.id): a for a in query(Author).select().all()}  # type: ignore[arg-type]
        return [
            Book(title, published_at, price, in_stock, author=authors[author_id])
            for author_id, title, published_at, price, in_stock in data.books
        ]

    def insert_one(self, data: Dataset) -> Timed:
        books = self._new_books(data)
        db = self.db
        assert db is not None

        def run() -> None:
            with db.transaction():
                for book in books:
                    query(Book).insert(book).execute()

        return run

    def insert_bulk(self, data: Dataset) -> Timed:
        books = self._new_books(data)
        return lambda: query(Book).insert(*books).execute()

    def select_all(self, data: Dataset) -> Timed:
        def run() -> None:
            for book in query(Book).select().all():
                read_book(book)

        return run

    def lookup_key(self, data: Dataset) -> Timed:
        def run() -> None:
            for key in data.keys:
                book = query(Book).select().where("id = ?", key).first()
                assert book is not None
                read_book(book)

        return run

    def filter_order_limit(self, data: Dataset) -> Timed:
        def run() -> None:
            for price in data.thresholds:
                found = (
                    query(Book)
                    .select()
                    .where("price > ?", price)
                    .order_by("title")
                    .limit(20)
                    .all()
                )
                for book in found:
                    read_book(book)

        return run

    def eager_author(self, data: Dataset) -> Timed:
        def run() -> None:
            for book in query(Book).select().with_("author").all():
                read_book(book)
                assert book.author is not None
                book.author.name  # noqa: B018

        return run

    def eager_books(self, data: Dataset) -> Timed:
        def run() -> None:
            for author in query(Author).select().with_("books").all():
                author.name  # noqa: B018
                for book in author.books:
                    read_book(book)

        return run

    def eager_nested(self, data: Dataset) -> Timed:
        def run() -> None:
            found = query(Book).select().with_("chapters", "author.publisher").all()
            for book in found:
                read_book(book)
                assert book.author is not None and book.author.publisher is not None
                book.author.publisher.name  # noqa: B018
                for chapter in book.chapters:
                    chapter.index, chapter.contents  # noqa: B018

        return run

    def update_each(self, data: Dataset) -> Timed:
        books = query(Book).select().where("id <= ?", data.updated).all()
        db = self.db
        assert db is not None

        def run() -> None:
            with db.transaction():
                for book in books:
                    book.price += 1
                    book.title += "!"
                    book.save()

        return run

    def update_bulk(self, data: Dataset) -> Timed:
        return lambda: (
            query(Book)
            .update(in_stock=False)
            .where("price > ?", MIDDLE_PRICE)
            .execute()
        )

    def delete_bulk(self, data: Dataset) -> Timed:
        return lambda: query(Book).delete().where("price < ?", MIDDLE_PRICE).execute()

"""The workloads in peewee: models bound to each fresh database."""

from __future__ import annotations

from typing import Any

import peewee
from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    chunked,
    prefetch,
)

from benchmarks.backends import MY, PG, Target
from benchmarks.data import Dataset
from benchmarks.workloads import MIDDLE_PRICE, Timed


class Publisher(Model):
    name = CharField()

    class Meta:
        table_name = "publishers"


class Author(Model):
    name = CharField()
    publisher = ForeignKeyField(Publisher, null=True, backref="authors")

    class Meta:
        table_name = "authors"


class Book(Model):
    author = ForeignKeyField(Author, null=True, backref="books")
    title = CharField()
    published_at = DateTimeField()
    price = FloatField()
    in_stock = BooleanField()

    class Meta:
        table_name = "books"


class Chapter(Model):
    book = ForeignKeyField(Book, backref="chapters")
    index = IntegerField()
    contents = TextField()

    class Meta:
        table_name = "chapters"


MODELS = [Publisher, Author, Book, Chapter]


def database_for(target: Target) -> peewee.Database:
    """A peewee database on a fresh benchmark database, as the others set it up."""
    if target.backend == "sqlite":
        pragmas = {"foreign_keys": 1, "journal_mode": "wal", "synchronous": "normal"}
        return peewee.SqliteDatabase(target.path, pragmas=pragmas)
    if target.backend == "postgres":
        return peewee.PostgresqlDatabase(
            PG["dbname"],
            host=PG["host"],
            port=PG["port"],
            user=PG["user"],
            options=f"-c search_path={target.name}",
        )
    return peewee.MySQLDatabase(
        target.name, host=MY["host"], port=MY["port"], user=MY["user"], password=""
    )


def read(book: Book) -> tuple[Any, ...]:
    return (book.id, book.title, book.published_at, book.price, book.in_stock)


class Peewee:
    """peewee 3 or later."""

    name = "peewee"

    def open(self, target: Target) -> None:
        self.db = database_for(target)
        self.db.bind(MODELS)
        self.db.connect()

    def close(self) -> None:
        self.db.close()

    def prepare(self, workload: str, data: Dataset) -> Timed:
        prepared: Timed = getattr(self, workload)(data)
        return prepared

    def insert_one(self, data: Dataset) -> Timed:
        def run() -> None:
            with self.db.atomic():
                for author_id, title, published_at, price, in_stock in data.books:
                    Book.create(
                        author=author_id,
                        title=title,
                        published_at=published_at,
                        price=price,
                        in_stock=in_stock,
                    )

        return run

    def insert_bulk(self, data: Dataset) -> Timed:
        fields = [Book.author, Book.title, Book.published_at, Book.price, Book.in_stock]

        def run() -> None:
            with self.db.atomic():
                for batch in chunked(data.books, 1000):
                    Book.insert_many(batch, fields=fields).execute()

        return run

    def select_all(self, data: Dataset) -> Timed:
        def run() -> None:
            for book in list(Book.select()):
                read(book)

        return run

    def lookup_key(self, data: Dataset) -> Timed:
        def run() -> None:
            for key in data.keys:
                read(Book.get_by_id(key))

        return run

    def filter_order_limit(self, data: Dataset) -> Timed:
        def run() -> None:
            for price in data.thresholds:
                query = (
                    Book.select()
                    .where(Book.price > price)
                    .order_by(Book.title)
                    .limit(20)
                )
                for book in list(query):
                    read(book)

        return run

    def eager_author(self, data: Dataset) -> Timed:
        def run() -> None:
            for book in prefetch(Book.select(), Author.select()):
                read(book)
                book.author.name  # noqa: B018

        return run

    def eager_books(self, data: Dataset) -> Timed:
        def run() -> None:
            for author in prefetch(Author.select(), Book.select()):
                author.name  # noqa: B018
                for book in author.books:
                    read(book)

        return run

    def eager_nested(self, data: Dataset) -> Timed:
        def run() -> None:
            found = prefetch(
                Book.select(), Chapter.select(), Author.select(), Publisher.select()
            )
            for book in found:
                read(book)
                book.author.publisher.name  # noqa: B018
                for chapter in book.chapters:
                    chapter.index, chapter.contents  # noqa: B018

        return run

    def update_each(self, data: Dataset) -> Timed:
        found = list(Book.select().where(Book.id <= data.updated))

        def run() -> None:
            with self.db.atomic():
                for book in found:
                    book.price += 1
                    book.title += "!"
                    book.save()

        return run

    def update_bulk(self, data: Dataset) -> Timed:
        query = Book.update(in_stock=False).where(Book.price > MIDDLE_PRICE)
        return query.execute

    def delete_bulk(self, data: Dataset) -> Timed:
        query = Book.delete().where(Book.price < MIDDLE_PRICE)
        return query.execute

"""The workloads in the SQLAlchemy ORM: declarative classes and a Session."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, delete, select, update
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
)

from benchmarks.backends import Target
from benchmarks.data import Dataset
from benchmarks.peers.sqlalchemy_common import engine_for
from benchmarks.workloads import MIDDLE_PRICE, Timed


class Base(DeclarativeBase):
    pass


class Publisher(Base):
    __tablename__ = "publishers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    publisher_id: Mapped[int | None] = mapped_column(ForeignKey("publishers.id"))
    publisher: Mapped[Publisher | None] = relationship()
    books: Mapped[list[Book]] = relationship(back_populates="author")


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("authors.id"))
    title: Mapped[str]
    published_at: Mapped[datetime]
    price: Mapped[float]
    in_stock: Mapped[bool]
    author: Mapped[Author | None] = relationship(back_populates="books")
    chapters: Mapped[list[Chapter]] = relationship()


class Chapter(Base):
    __tablename__ = "chapters"
    id: Mapped[int] = mapped_column(primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"))
    index: Mapped[int]
    contents: Mapped[str]


def read(book: Book) -> tuple[Any, ...]:
    return (book.id, book.title, book.published_at, book.price, book.in_stock)


class SQLAlchemyORM:
    """SQLAlchemy 2 ORM; one Session per workload, kept from expiring on commit."""

    name = "SQLAlchemy ORM"

    def open(self, target: Target) -> None:
        self.engine = engine_for(target)
        self.session = Session(self.engine, expire_on_commit=False)
        self.session.connection()

    def close(self) -> None:
        self.session.close()
        self.engine.dispose()

    def prepare(self, workload: str, data: Dataset) -> Timed:
        prepared: Timed = getattr(self, workload)(data)
        return prepared

    def insert_one(self, data: Dataset) -> Timed:
        session = self.session

        def run() -> None:
            for author_id, title, published_at, price, in_stock in data.books:
                session.add(
                    Book(
                        author_id=author_id,
                        title=title,
                        published_at=published_at,
                        price=price,
                        in_stock=in_stock,
                    )
                )
                # A flush per model: one INSERT each, as save() sends.
                session.flush()
            session.commit()

        return run

    def insert_bulk(self, data: Dataset) -> Timed:
        session = self.session

        def run() -> None:
            session.add_all(
                Book(
                    author_id=author_id,
                    title=title,
                    published_at=published_at,
                    price=price,
                    in_stock=in_stock,
                )
                for author_id, title, published_at, price, in_stock in data.books
            )
            session.commit()

        return run

    def select_all(self, data: Dataset) -> Timed:
        def run() -> None:
            for book in self.session.scalars(select(Book)).all():
                read(book)

        return run

    def lookup_key(self, data: Dataset) -> Timed:
        def run() -> None:
            for key in data.keys:
                book = self.session.get(Book, key)
                assert book is not None
                read(book)

        return run

    def filter_order_limit(self, data: Dataset) -> Timed:
        def run() -> None:
            for price in data.thresholds:
                statement = (
                    select(Book)
                    .where(Book.price > price)
                    .order_by(Book.title)
                    .limit(20)
                )
                for book in self.session.scalars(statement):
                    read(book)

        return run

    def eager_author(self, data: Dataset) -> Timed:
        def run() -> None:
            statement = select(Book).options(selectinload(Book.author))
            for book in self.session.scalars(statement).all():
                read(book)
                assert book.author is not None
                book.author.name  # noqa: B018

        return run

    def eager_books(self, data: Dataset) -> Timed:
        def run() -> None:
            statement = select(Author).options(selectinload(Author.books))
            for author in self.session.scalars(statement).all():
                author.name  # noqa: B018
                for book in author.books:
                    read(book)

        return run

    def eager_nested(self, data: Dataset) -> Timed:
        def run() -> None:
            statement = select(Book).options(
                selectinload(Book.chapters),
                selectinload(Book.author).selectinload(Author.publisher),
            )
            for book in self.session.scalars(statement).all():
                read(book)
                assert book.author is not None and book.author.publisher is not None
                book.author.publisher.name  # noqa: B018
                for chapter in book.chapters:
                    chapter.index, chapter.contents  # noqa: B018

        return run

    def update_each(self, data: Dataset) -> Timed:
        session = self.session
        found = session.scalars(select(Book).where(Book.id <= data.updated)).all()
        session.commit()

        def run() -> None:
            for book in found:
                book.price += 1
                book.title += "!"
                session.flush()
            session.commit()

        return run

    def update_bulk(self, data: Dataset) -> Timed:
        def run() -> None:
            self.session.execute(
                update(Book).where(Book.price > MIDDLE_PRICE).values(in_stock=False)
            )
            self.session.commit()

        return run

    def delete_bulk(self, data: Dataset) -> Timed:
        def run() -> None:
            self.session.execute(delete(Book).where(Book.price < MIDDLE_PRICE))
            self.session.commit()

        return run

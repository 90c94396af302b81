"""What mypy --strict infers for the public API; CI type-checks this file.

Each function only needs to type-check: running it needs no database.
"""

from __future__ import annotations

from typing import Any, assert_type

from tempest_orm import IsDatabaseModel, PrimaryKey, query
from tempest_orm.builder import (
    CountQueryBuilder,
    DeleteQueryBuilder,
    InsertQueryBuilder,
    Page,
    SelectQueryBuilder,
    UpdateQueryBuilder,
)


class Author(IsDatabaseModel):
    name: str


class Book(IsDatabaseModel):
    title: str
    author: Author | None = None


def check_active_record(book: Book) -> None:
    assert_type(Book.select(), SelectQueryBuilder[Book])
    assert_type(Book.select().where("id = ?", 1).all(), list[Book])
    assert_type(Book.select().first(), Book | None)
    assert_type(Book.get(1), Book | None)
    assert_type(Book.find(title="x").all(), list[Book])
    assert_type(Book.all(), list[Book])
    assert_type(Book.create(title="x"), Book)
    assert_type(Book.new(title="x"), Book)
    assert_type(Book.count(), CountQueryBuilder[Book])
    assert_type(Book.count().execute(), int)
    assert_type(Book.insert(book), InsertQueryBuilder[Book])
    assert_type(Book.insert(book).execute(), PrimaryKey | None)
    assert_type(Book.update(title="x"), UpdateQueryBuilder[Book])
    assert_type(Book.update(title="x").where("id = ?", 1).execute(), int)
    assert_type(Book.delete(), DeleteQueryBuilder[Book])
    assert_type(Book.on_database("backup").all(), list[Book])
    assert_type(Book.select().paginate(1, 10), Page[Book])
    assert_type(book.save(), Book)
    assert_type(book.update(title="y"), Book)
    assert_type(book.delete(), None)
    assert_type(book.refresh(), Book)
    assert_type(book.load("author"), Book)
    assert_type(book.id, PrimaryKey)


def check_builders() -> None:
    assert_type(query(Book).select().all(), list[Book])
    assert_type(query(Book).select().first(), Book | None)
    assert_type(query("books").select().all(), list[dict[str, Any]])
    assert_type(query("books").select().first(), dict[str, Any] | None)
    assert_type(query("books").insert(title="x").execute(), PrimaryKey | None)
    assert_type(query("books").count().execute(), int)
    for row in query("books").select():
        assert_type(row, dict[str, Any])
    for chunk in query(Book).select().chunk(10):
        assert_type(chunk, list[Book])


def test_this_file_is_checked_by_mypy() -> None:
    """The checks above run under mypy in CI; at run time they only import."""
    assert callable(check_active_record) and callable(check_builders)

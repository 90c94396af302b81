"""Active-record models over the tables of ``models.create_tables``."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from tempest_orm import IsDatabaseModel, PrimaryKey
from tempest_orm.attributes import Encrypted, Hashed, HasOne, Table, Uuid
from tempest_orm.validation import HasLength, IsEmail


class Publisher(IsDatabaseModel):
    name: str


class Author(IsDatabaseModel):
    name: Annotated[str, HasLength(min=1, max=100)]
    publisher: Publisher | None = None
    books: list[Book] = []


class Book(IsDatabaseModel):
    title: Annotated[str, HasLength(min=1, max=120)]
    author: Author | None = None
    chapters: list[Chapter] = []
    isbn: Annotated[Isbn | None, HasOne()] = None


class Chapter(IsDatabaseModel):
    index: int
    contents: Annotated[str, Field(max_length=200)]


class Isbn(IsDatabaseModel):
    value: str


@Table("table_novels")
class Novel(IsDatabaseModel):
    uuid: Annotated[PrimaryKey, Uuid()]
    title: str


class User(IsDatabaseModel):
    email: Annotated[str, IsEmail()]
    password: Annotated[str | None, Hashed()] = None
    token: Annotated[str | None, Encrypted()] = None


USERS = {
    "sqlite": "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "email TEXT NOT NULL, password TEXT NULL, token TEXT NULL)",
    "postgres": "CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT NOT NULL, "
    "password TEXT NULL, token TEXT NULL)",
    "mysql": "CREATE TABLE users (id INTEGER AUTO_INCREMENT PRIMARY KEY, "
    "email VARCHAR(200) NOT NULL, password TEXT NULL, token TEXT NULL)",
}

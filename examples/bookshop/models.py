"""The bookshop's models: plain typed classes with active-record calls."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from tempest_orm import IsDatabaseModel, PrimaryKey
from tempest_orm.attributes import Encrypted, Hashed, HasOne, Uuid, Virtual
from tempest_orm.mapper import SerializeAs
from tempest_orm.validation import HasLength, IsEmail


class Publisher(IsDatabaseModel):
    name: Annotated[str, HasLength(min=1, max=100)]


class Author(IsDatabaseModel):
    name: Annotated[str, HasLength(min=1, max=100)]
    publisher: Publisher | None = None
    books: list[Book] = []


class Book(IsDatabaseModel):
    title: Annotated[str, HasLength(min=1, max=120)]
    price: Decimal = Decimal("0")
    published_at: datetime | None = None
    author: Author | None = None
    chapters: list[Chapter] = []
    isbn: Annotated[Isbn | None, HasOne()] = None
    on_sale: Annotated[bool, Virtual()] = False

    @property
    def label(self) -> str:
        """The title with its price, for the report."""
        return f"{self.title} ({self.price:.2f} EUR)"


class Chapter(IsDatabaseModel):
    index: int
    contents: str


class Isbn(IsDatabaseModel):
    value: Annotated[str, HasLength(min=10, max=17)]


class Theme(enum.Enum):
    DARK = "dark"
    LIGHT = "light"


@SerializeAs("bookshop_settings")
@dataclass
class Settings:
    """A user's preferences, stored as JSON in one column."""

    theme: Theme = Theme.LIGHT
    newsletter: bool = False


class User(IsDatabaseModel):
    email: Annotated[str, IsEmail()]
    password: Annotated[str, Hashed()]
    api_token: Annotated[str | None, Encrypted()] = None
    settings: Settings | None = None


class Review(IsDatabaseModel):
    """Reviews are keyed by a UUID v7 instead of an integer."""

    uuid: Annotated[PrimaryKey, Uuid()]
    book_title: str
    stars: int

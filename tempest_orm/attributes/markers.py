"""Markers that change how one property is stored: put them in ``Annotated``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T", bound=type)


@dataclass(frozen=True)
class Table:
    """Class decorator naming the table of a model: ``@Table("table_books")``."""

    name: str

    def __call__(self, model: T) -> T:
        model.__tempest_table__ = self.name  # type: ignore[attr-defined]
        return model


@dataclass(frozen=True)
class Virtual:
    """An annotated attribute that is not a column."""


@dataclass(frozen=True)
class Uuid:
    """A primary key filled with a UUID v7 on insert."""


@dataclass(frozen=True)
class Hashed:
    """A value stored as an argon2id hash; an existing hash is kept."""


@dataclass(frozen=True)
class Encrypted:
    """A value stored as a Fernet token and decrypted on read."""

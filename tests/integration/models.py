"""Models shared by the model tests, with the tables they need on each backend."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import AwareDatetime

from tempest_orm import Database, PrimaryKey, Query
from tempest_orm.attributes import BelongsTo, HasMany, HasOne, Table, Uuid, Virtual
from tempest_orm.mapping.serialize_as import SerializeAs


class Theme(enum.Enum):
    DARK = "dark"
    LIGHT = "light"


@SerializeAs("test_settings")
@dataclass
class Settings:
    theme: Theme
    hide_sidebar: bool


class Publisher:
    id: PrimaryKey
    name: str


class Author:
    id: PrimaryKey
    name: str
    publisher: Publisher | None = None
    books: list[Book] = []


class Book:
    id: PrimaryKey
    title: str
    author: Author | None = None
    chapters: list[Chapter] = []
    isbn: Annotated[Isbn | None, HasOne()] = None
    published_at: datetime | None = None
    sale_ends: Annotated[datetime | None, Virtual()] = None

    @property
    def slug(self) -> str:
        return self.title.lower().replace(" ", "-")


class Chapter:
    id: PrimaryKey
    index: int
    contents: str


class Isbn:
    id: PrimaryKey
    value: str


@dataclass
class Value:
    """Every column type, for round trips."""

    id: PrimaryKey | None = None
    an_int: int = 0
    a_float: float = 0.0
    a_decimal: Decimal = Decimal("0")
    a_bool: bool = False
    a_str: str = ""
    a_bytes: bytes = b""
    a_datetime: datetime | None = None
    an_aware: AwareDatetime | None = None
    a_date: date | None = None
    a_time: time | None = None
    a_uuid: UUID | None = None
    an_enum: Theme | None = None
    a_list: list[int] = field(default_factory=list)
    a_dict: dict[str, object] = field(default_factory=dict)
    settings: Settings | None = None


@Table("table_novels")
class Novel:
    uuid: Annotated[PrimaryKey, Uuid()]
    title: str
    writer: Annotated[
        Writer | None, BelongsTo(owner_join="writer_uuid", relation_join="uuid")
    ] = None


class Writer:
    uuid: Annotated[PrimaryKey, Uuid()]
    name: str
    novels: Annotated[
        list[Novel],
        HasMany(owner_join="table_novels.writer_uuid", relation_join="uuid"),
    ] = []


class Keyless:
    title: str


TYPES = {
    "sqlite": {
        "key": "INTEGER PRIMARY KEY AUTOINCREMENT",
        "text": "TEXT",
        "float": "REAL",
        "decimal": "TEXT",
        "bool": "INTEGER",
        "bytes": "BLOB",
        "datetime": "TEXT",
        "date": "TEXT",
        "time": "TEXT",
        "uuid": "TEXT",
        "json": "TEXT",
    },
    "postgres": {
        "key": "SERIAL PRIMARY KEY",
        "text": "TEXT",
        "float": "DOUBLE PRECISION",
        "decimal": "NUMERIC(20, 6)",
        "bool": "BOOLEAN",
        "bytes": "BYTEA",
        "datetime": "TIMESTAMP(6)",
        "date": "DATE",
        "time": "TIME(6)",
        "uuid": "UUID",
        "json": "JSONB",
    },
    "mysql": {
        "key": "INTEGER AUTO_INCREMENT PRIMARY KEY",
        "text": "LONGTEXT",
        "float": "DOUBLE",
        "decimal": "DECIMAL(20, 6)",
        "bool": "BOOLEAN",
        "bytes": "LONGBLOB",
        "datetime": "DATETIME(6)",
        "date": "DATE",
        "time": "TIME(6)",
        "uuid": "CHAR(36)",
        "json": "JSON",
    },
}


def create_tables(db: Database) -> None:
    """The tables of every model above."""
    t = TYPES[db.dialect]
    statements = [
        f"CREATE TABLE publishers (id {t['key']}, name VARCHAR(100) NOT NULL)",
        f"CREATE TABLE authors (id {t['key']}, name VARCHAR(100) NOT NULL, "
        "publisher_id INTEGER NULL REFERENCES publishers (id))",
        f"CREATE TABLE books (id {t['key']}, title VARCHAR(120) NOT NULL, "
        "author_id INTEGER NULL REFERENCES authors (id), "
        f"published_at {t['datetime']} NULL)",
        f"CREATE TABLE chapters (id {t['key']}, {_q(db, 'index')} INTEGER NOT NULL, "
        f"contents {t['text']} NOT NULL, "
        "book_id INTEGER NOT NULL REFERENCES books (id))",
        f"CREATE TABLE isbns (id {t['key']}, value VARCHAR(20) NOT NULL, "
        "book_id INTEGER NOT NULL REFERENCES books (id))",
        "CREATE TABLE keylesses (title VARCHAR(20) NOT NULL)",
        f"CREATE TABLE writers (uuid {t['uuid']} PRIMARY KEY, "
        "name VARCHAR(50) NOT NULL)",
        f"CREATE TABLE table_novels (uuid {t['uuid']} PRIMARY KEY, "
        f"title VARCHAR(50) NOT NULL, writer_uuid {t['uuid']} NULL)",
        f"CREATE TABLE {'values'.join(_q(db, 'x').split('x'))} (id {t['key']}, "
        f"an_int BIGINT NOT NULL, a_float {t['float']} NOT NULL, "
        f"a_decimal {t['decimal']} NOT NULL, a_bool {t['bool']} NOT NULL, "
        f"a_str {t['text']} NOT NULL, a_bytes {t['bytes']} NOT NULL, "
        f"a_datetime {t['datetime']} NULL, an_aware {t['datetime']} NULL, "
        f"a_date {t['date']} NULL, a_time {t['time']} NULL, a_uuid {t['uuid']} NULL, "
        f"an_enum VARCHAR(10) NULL, a_list {t['json']} NULL, a_dict {t['json']} NULL, "
        f"settings {t['json']} NULL)",
    ]
    for sql in statements:
        db.execute(Query(sql))


def _q(db: Database, name: str) -> str:
    return f"`{name}`" if db.dialect == "mysql" else f'"{name}"'

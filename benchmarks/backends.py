"""Where a benchmark runs: a fresh SQLite file, schema or MariaDB database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from benchmarks.data import Dataset

PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "test"}
MY = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
)

TYPES = {
    "sqlite": ("INTEGER PRIMARY KEY", "TEXT", "REAL", "INTEGER", '"index"'),
    "postgres": (
        "SERIAL PRIMARY KEY",
        "TIMESTAMP",
        "DOUBLE PRECISION",
        "BOOLEAN",
        '"index"',
    ),
    "mysql": (
        "INTEGER AUTO_INCREMENT PRIMARY KEY",
        "DATETIME",
        "DOUBLE",
        "BOOLEAN",
        "`index`",
    ),
}


@dataclass(frozen=True)
class Target:
    """One fresh database: a file for SQLite, a schema or database on a server."""

    backend: str
    name: str
    path: str = ""

    @property
    def placeholder(self) -> str:
        """The raw driver's parameter mark."""
        return "?" if self.backend == "sqlite" else "%s"

    @property
    def index(self) -> str:
        """The chapters' ``index`` column, quoted: it is a keyword."""
        return TYPES[self.backend][4]

    def sql(self, text: str) -> str:
        """Hand-written SQL with ``?`` marks, for this backend's raw driver."""
        text = text.replace('"index"', self.index)
        return text if self.backend == "sqlite" else text.replace("?", "%s")


def schema(backend: str) -> list[str]:
    """The four tables and the indexes a careful schema has."""
    key, stamp, double, boolean, index = TYPES[backend]
    return [
        f"CREATE TABLE publishers (id {key}, name VARCHAR(100) NOT NULL)",
        f"CREATE TABLE authors (id {key}, name VARCHAR(100) NOT NULL, "
        "publisher_id INTEGER NULL REFERENCES publishers (id))",
        f"CREATE TABLE books (id {key}, "
        "author_id INTEGER NULL REFERENCES authors (id), "
        f"title VARCHAR(200) NOT NULL, published_at {stamp} NOT NULL, "
        f"price {double} NOT NULL, in_stock {boolean} NOT NULL)",
        f"CREATE TABLE chapters (id {key}, "
        "book_id INTEGER NOT NULL REFERENCES books (id), "
        f"{index} INTEGER NOT NULL, contents TEXT NOT NULL)",
        "CREATE INDEX authors_publisher ON authors (publisher_id)",
        "CREATE INDEX books_author ON books (author_id)",
        "CREATE INDEX books_title ON books (title)",
        "CREATE INDEX chapters_book ON chapters (book_id)",
    ]


def connect(target: Target) -> Any:
    """A raw driver connection in autocommit mode; BEGIN opens a transaction."""
    if target.backend == "sqlite":
        link = sqlite3.connect(target.path, isolation_level=None)
        for pragma in SQLITE_PRAGMAS:
            link.execute(pragma)
        return link
    if target.backend == "postgres":
        import psycopg2

        link = psycopg2.connect(**PG, options=f"-c search_path={target.name}")
        link.autocommit = True
        return link
    import pymysql

    return pymysql.connect(**MY, database=target.name, autocommit=True)


class Backend:
    """Makes fresh databases of one kind and fills them."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.folder = tempfile.mkdtemp(prefix="tempest_bench_")
        # A filled SQLite file per dataset and tables, copied for each run:
        # copying a file is much faster than filling it again.
        self._templates: dict[tuple[int, tuple[str, ...]], str] = {}

    def close(self) -> None:
        """Remove the temporary folder of the SQLite files."""
        shutil.rmtree(self.folder, ignore_errors=True)

    @contextmanager
    def fresh(self, data: Dataset, tables: Sequence[str]) -> Iterator[Target]:
        """A new database holding the rows of ``tables``, dropped afterwards."""
        name = f"bench_{uuid.uuid4().hex[:10]}"
        target = Target(self.name, name, os.path.join(self.folder, f"{name}.db"))
        self._create(target)
        try:
            if self.name == "sqlite":
                shutil.copyfile(self._template(data, tables), target.path)
            else:
                self._fill(target, data, tables)
            yield target
        finally:
            self._drop(target)

    def _template(self, data: Dataset, tables: Sequence[str]) -> str:
        key = (data.n, tuple(tables))
        path = self._templates.get(key)
        if path is None:
            name = f"template_{len(self._templates)}"
            path = os.path.join(self.folder, f"{name}.db")
            self._fill(Target(self.name, name, path), data, tables)
            self._templates[key] = path
        return path

    def _fill(self, target: Target, data: Dataset, tables: Sequence[str]) -> None:
        link = connect(target)
        try:
            cursor = link.cursor()
            for statement in schema(self.name):
                cursor.execute(statement)
            seed(target, cursor, data, tables)
            cursor.close()
        finally:
            link.close()

    def _create(self, target: Target) -> None:
        if self.name == "postgres":
            self._admin(f'CREATE SCHEMA "{target.name}"')
        elif self.name == "mysql":
            self._admin(f"CREATE DATABASE `{target.name}` CHARACTER SET utf8mb4")

    def _drop(self, target: Target) -> None:
        if self.name == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(target.path + suffix):
                    os.remove(target.path + suffix)
        elif self.name == "postgres":
            self._admin(f'DROP SCHEMA IF EXISTS "{target.name}" CASCADE')
        else:
            self._admin(f"DROP DATABASE IF EXISTS `{target.name}`")

    def _admin(self, sql: str) -> None:
        if self.name == "postgres":
            import psycopg2

            link = psycopg2.connect(**PG)
            link.autocommit = True
        else:
            import pymysql

            link = pymysql.connect(**MY, autocommit=True)
        try:
            with link.cursor() as cursor:
                cursor.execute(sql)
        finally:
            link.close()


def seed(target: Target, cursor: Any, data: Dataset, tables: Sequence[str]) -> None:
    """Fill ``tables`` (and the tables they refer to) with the dataset's rows."""
    wanted = set(tables)
    if "chapters" in wanted:
        wanted.add("books")
    if "books" in wanted:
        wanted.add("authors")
    if "authors" in wanted:
        wanted.add("publishers")

    rows: dict[str, tuple[str, list[Any]]] = {
        "publishers": ("publishers (name)", [(p,) for p in data.publishers]),
        "authors": ("authors (name, publisher_id)", data.authors),
        "books": (
            "books (author_id, title, published_at, price, in_stock)",
            data.books,
        ),
        "chapters": ('chapters (book_id, "index", contents)', data.chapters),
    }
    if target.backend == "sqlite":
        cursor.execute("BEGIN")
    for table in ("publishers", "authors", "books", "chapters"):
        if table in wanted:
            into, values = rows[table]
            insert_many(target, cursor, into, values)
    if target.backend == "sqlite":
        cursor.execute("COMMIT")


def insert_many(target: Target, cursor: Any, into: str, rows: Sequence[Any]) -> None:
    """What a careful user of each driver writes for many rows at once."""
    if not rows:
        return
    marks = ", ".join("?" * len(rows[0]))
    if target.backend == "postgres":
        from psycopg2.extras import execute_values

        sql = target.sql(f"INSERT INTO {into} VALUES %s")
        execute_values(cursor, sql, rows, page_size=1000)
        return
    values = [stored(target, row) for row in rows]
    cursor.executemany(target.sql(f"INSERT INTO {into} VALUES ({marks})"), values)


def stored(target: Target, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row as SQLite stores it: datetimes as ISO text; the servers take them."""
    if target.backend != "sqlite":
        return row
    return tuple(
        value.isoformat(" ") if hasattr(value, "isoformat") else value for value in row
    )

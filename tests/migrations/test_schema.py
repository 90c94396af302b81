"""Statements run on each backend: types read back, alters keep the data."""

from __future__ import annotations

import pytest

from tempest_orm import Database, Query, QueryError, query
from tempest_orm.statements import (
    AlterTableStatement,
    CreateTableStatement,
    DropTableStatement,
    OnDelete,
)
from tests.migrations.helpers import columns, indexes, run, tables
from tests.migrations.test_statements_compile import Status, every_type

NATIVE = {
    "sqlite": {
        "u": "CHAR(36)", "i": "INTEGER", "b": "INTEGER", "f": "REAL",
        "d": "NUMERIC(8, 3)", "ok": "BOOLEAN", "t": "TEXT", "v": "VARCHAR(40)",
        "c": "CHAR(2)", "day": "TEXT", "at": "TEXT", "tm": "TEXT", "j": "TEXT",
        "s": "VARCHAR(255)", "bin": "BLOB",
    },
    "postgres": {
        "u": "uuid", "i": "int4", "b": "int8", "f": "float8", "d": "numeric",
        "ok": "bool", "t": "text", "v": "varchar", "c": "bpchar", "day": "date",
        "at": "timestamp", "tm": "time", "j": "jsonb", "s": "varchar",
        "bin": "bytea",
    },
    "mysql": {
        "u": "char(36)", "i": "int(11)", "b": "bigint(20)", "f": "double",
        "d": "decimal(8,3)", "ok": "tinyint(1)", "t": "text", "v": "varchar(40)",
        "c": "char(2)", "day": "date", "at": "datetime(6)", "tm": "time(6)",
        "j": "longtext", "s": "enum('draft','it''s out')", "bin": "longblob",
    },
}  # fmt: skip


def test_every_column_type_reads_back_from_the_catalogue(db: Database) -> None:
    run(db, every_type().primary().text("maybe", nullable=True))

    found = columns(db, "things")
    assert {
        name: c["type"] for name, c in found.items() if name in NATIVE[db.dialect]
    } == NATIVE[db.dialect]
    assert not any(c["nullable"] for name, c in found.items() if name != "maybe")
    assert found["maybe"]["nullable"]
    if db.dialect != "sqlite":
        assert found["v"]["length"] == 40
        assert found["d"]["numeric"] == (8, 3)


def test_defaults_apply_and_enum_values_are_enforced(db: Database) -> None:
    run(
        db,
        CreateTableStatement("posts")
        .primary()
        .text("title", default="it's \\ new")
        .boolean("ok", default=True)
        .integer("n", default=7)
        .enum("status", Status, default=Status.PUBLISHED),
    )
    query("posts").insert(id=1).execute()
    row = query("posts").select("title", "ok", "n", "status").first()
    assert row is not None
    assert (row["title"], bool(row["ok"]), row["n"], row["status"]) == (
        "it's \\ new",
        True,
        7,
        "it's out",
    )
    with pytest.raises(QueryError):
        query("posts").insert(id=2, status="gone").execute()


def test_foreign_keys_are_enforced(db: Database) -> None:
    run(
        db,
        CreateTableStatement("authors").primary().varchar("name"),
        CreateTableStatement("books")
        .primary()
        .belongs_to("books.author_id", "authors.id", on_delete=OnDelete.CASCADE),
    )
    query("authors").insert(id=1, name="a").execute()
    query("books").insert(id=1, author_id=1).execute()
    with pytest.raises(QueryError):
        query("books").insert(id=2, author_id=99).execute()

    query("authors").delete().where("id = ?", 1).execute()
    assert query("books").count().execute() == 0


def test_unique_columns_are_enforced(db: Database) -> None:
    run(db, CreateTableStatement("users").primary().varchar("email", unique=True))
    query("users").insert(email="a@x").execute()
    with pytest.raises(QueryError):
        query("users").insert(email="a@x").execute()


def _books(db: Database) -> None:
    run(
        db,
        CreateTableStatement("authors").primary().varchar("name"),
        CreateTableStatement("books")
        .primary()
        .varchar("title")
        .text("summary", nullable=True)
        .varchar("slug", unique=True)
        .integer("year")
        .belongs_to("author_id", "authors.id")
        .index("year"),
    )
    query("authors").insert(id=1, name="Brent").execute()
    book = {"summary": None, "author_id": 1}
    query("books").insert(
        {**book, "id": 1, "title": "Timeline Taxi", "slug": "tt", "year": 2020},
        {**book, "id": 2, "title": "Dune", "slug": "du", "year": 1965},
    ).execute()


def test_alter_keeps_the_rows(db: Database) -> None:
    _books(db)
    run(
        db,
        AlterTableStatement("books")
        .integer("pages", default=100)
        .rename_column("title", "name")
        .drop_column("summary")
        .drop_column("slug")
        .index("pages")
        .unique("name"),
    )

    rows = (
        query("books")
        .select("id", "name", "pages", "year", "author_id")
        .order_by("id")
        .all()
    )
    assert rows == [
        {"id": 1, "name": "Timeline Taxi", "pages": 100, "year": 2020, "author_id": 1},
        {"id": 2, "name": "Dune", "pages": 100, "year": 1965, "author_id": 1},
    ]
    found = columns(db, "books")
    assert "summary" not in found and "slug" not in found
    assert {"books_pages_index", "books_name_unique", "books_year_index"} <= indexes(
        db, "books"
    )
    assert "books_slug_unique" not in indexes(db, "books")

    with pytest.raises(QueryError):
        query("books").insert(id=3, name="Dune", year=1, author_id=1).execute()
    with pytest.raises(QueryError):
        query("books").insert(id=4, name="New", year=1, author_id=42).execute()


def test_adding_a_key_column_and_dropping_indexes(db: Database) -> None:
    _books(db)
    run(db, CreateTableStatement("publishers").primary())
    query("publishers").insert(id=5).execute()
    run(
        db,
        AlterTableStatement("books")
        .belongs_to("publisher_id", "publishers.id", nullable=True)
        .drop_index("year")
        .drop_unique("slug"),
    )

    assert "books_year_index" not in indexes(db, "books")
    query("books").insert(
        id=3, title="x", slug="tt", year=1, author_id=1, publisher_id=5
    ).execute()
    with pytest.raises(QueryError):
        query("books").update(publisher_id=6).where("id = ?", 3).execute()
    assert query("books").count().execute() == 3


def test_sqlite_rebuild_leaves_referencing_tables_alone(db: Database) -> None:
    _books(db)
    run(
        db,
        CreateTableStatement("reviews")
        .primary()
        .belongs_to("book_id", "books.id", on_delete=OnDelete.CASCADE),
    )
    query("reviews").insert(id=1, book_id=1).execute()

    run(db, AlterTableStatement("books").drop_column("summary"))

    assert query("reviews").count().execute() == 1
    query("books").delete().where("id = ?", 1).execute()
    assert query("reviews").count().execute() == 0


def test_a_not_null_column_without_default_fails_on_a_table_with_rows(
    db: Database,
) -> None:
    if db.dialect == "mysql":
        pytest.skip("MariaDB fills existing rows with the type's implicit default")
    _books(db)
    with pytest.raises(QueryError):
        run(db, AlterTableStatement("books").text("isbn"))
    assert query("books").count().execute() == 2
    assert "isbn" not in columns(db, "books")


def test_drop_table(db: Database) -> None:
    run(db, CreateTableStatement("gone").primary())
    run(db, DropTableStatement("gone"), DropTableStatement("gone", if_exists=True))
    assert "gone" not in tables(db)
    assert db.fetch(Query("SELECT 1 AS one")) == [{"one": 1}]


def test_sqlite_refuses_to_rebuild_a_table_with_triggers(db: Database) -> None:
    if db.dialect != "sqlite":
        pytest.skip("only SQLite rebuilds tables")
    _books(db)
    # One Query cannot hold a trigger's body, so it is made on the driver itself.
    db.connection().raw.execute(
        "CREATE TRIGGER books_year AFTER INSERT ON books "
        "BEGIN UPDATE books SET year = year + 1 WHERE id = NEW.id; END"
    )

    with pytest.raises(QueryError, match="books_year"):
        run(db, AlterTableStatement("books").drop_column("summary"))

    assert "summary" in columns(db, "books")
    assert query("books").count().execute() == 2

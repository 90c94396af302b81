"""The five builders on table names, on every backend."""

from __future__ import annotations

import pytest

from tempest_orm import Database, PrimaryKey, Query, QueryError, query
from tempest_orm.builder import SelectQueryBuilder

KEY = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgres": "SERIAL PRIMARY KEY",
    "mysql": "INTEGER AUTO_INCREMENT PRIMARY KEY",
}


@pytest.fixture
def shop(db: Database) -> Database:
    key = KEY[db.dialect]
    db.execute(Query(f"CREATE TABLE authors (id {key}, name VARCHAR(50) NOT NULL)"))
    db.execute(
        Query(
            f"CREATE TABLE books (id {key}, title VARCHAR(100) NOT NULL, "
            "author_id INTEGER NULL, price INTEGER NOT NULL DEFAULT 0, "
            "deleted_at VARCHAR(30) NULL)"
        )
    )
    query("authors").insert({"name": "Brent"}, {"name": "Aidan"}).execute()
    query("books").insert(
        {"title": "Timeline Taxi", "author_id": 1, "price": 10},
        {"title": "The Last Ship", "author_id": 1, "price": 20},
        {"title": "Dune", "author_id": 2, "price": 30},
        {"title": "Orphan", "author_id": None, "price": 40},
    ).execute()
    return db


def titles(rows: list[dict[str, object]]) -> list[object]:
    return [row["title"] for row in rows]


def test_insert_returns_the_new_key(db: Database) -> None:
    db.execute(Query(f"CREATE TABLE t (id {KEY[db.dialect]}, x INTEGER NULL)"))
    first = query("t").insert(x=1).execute()
    assert isinstance(first, PrimaryKey) and first == 1
    last = query("t").insert({"x": 2}, {"x": 3}).execute()
    assert last == 3
    assert int(last) == 3 and str(last) == "3"


def test_insert_of_many_rows_uses_few_statements(db: Database) -> None:
    import logging

    db.execute(Query(f"CREATE TABLE t (id {KEY[db.dialect]}, x INTEGER NULL)"))
    seen: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = seen.append  # type: ignore[method-assign]
    logger = logging.getLogger("tempest_orm.query")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        last = query("t").insert(*[{"x": i} for i in range(2500)]).execute()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)

    inserts = [r for r in seen if r.getMessage().startswith("INSERT")]
    assert len(inserts) == 3
    assert last == 2500
    assert query("t").count().execute() == 2500


def test_where_or_where_and_groups(shop: Database) -> None:
    rows = (
        query("books")
        .select()
        .where("price > ?", 15)
        .where("author_id = ?", 1)
        .or_where("title = ?", "Dune")
        .order_by("price")
        .all()
    )
    assert titles(rows) == ["The Last Ship", "Dune"]

    grouped = (
        query("books")
        .select()
        .where("price < ?", 35)
        .where(lambda g: g.where("author_id = ?", 2).or_where("price = ?", 10))
        .order_by("price")
        .all()
    )
    assert titles(grouped) == ["Timeline Taxi", "Dune"]


def test_where_in_and_null(shop: Database) -> None:
    assert titles(
        query("books").select().where_in("id", [1, 3]).order_by("id").all()
    ) == [
        "Timeline Taxi",
        "Dune",
    ]
    assert query("books").select().where_in("id", []).all() == []
    assert titles(query("books").select().where_null("author_id").all()) == ["Orphan"]
    assert query("books").select().where_not_null("author_id").count() == 3
    assert query("books").select().where_not_in("id", [1, 2, 3]).count() == 1


def test_join_group_by_having(shop: Database) -> None:
    rows = (
        query("books")
        .select("authors.name", "COUNT(*) AS n")
        .join("authors", "authors.id = books.author_id")
        .group_by("authors.name")
        .having("COUNT(*) > ?", 1)
        .all()
    )
    assert rows == [{"name": "Brent", "n": 2}]

    left = (
        query("books")
        .select("books.title", "authors.name")
        .join("LEFT JOIN authors ON authors.id = books.author_id")
        .order_by("books.id")
        .all()
    )
    assert left[-1] == {"title": "Orphan", "name": None}


def test_order_limit_offset_first(shop: Database) -> None:
    page = query("books").select("title").order_by("price DESC").limit(2).offset(1)
    assert titles(page.all()) == ["Dune", "The Last Ship"]
    assert query("books").select().order_by("price").first() == {
        "id": 1,
        "title": "Timeline Taxi",
        "author_id": 1,
        "price": 10,
        "deleted_at": None,
    }
    assert query("books").select().where("id = ?", 99).first() is None
    assert titles(query("books").select().order_by("id").offset(3).all()) == ["Orphan"]


def test_paginate_counts_from_one(shop: Database) -> None:
    page = query("books").select().order_by("id").paginate(2, per_page=3)
    assert page.total == 4 and page.pages == 2 and page.page == 2
    assert titles(page.items) == ["Orphan"]
    assert not page.has_next
    assert query("books").select().order_by("id").paginate(1, 3).has_next


def test_chunk_yields_lists(shop: Database) -> None:
    chunks = list(query("books").select().order_by("id").chunk(3))
    assert [len(chunk) for chunk in chunks] == [3, 1]
    assert list(query("books").select().where("id > ?", 10).chunk(2)) == []


def test_streaming_iteration(shop: Database) -> None:
    assert titles(list(query("books").select().order_by("id"))) == [
        "Timeline Taxi",
        "The Last Ship",
        "Dune",
        "Orphan",
    ]


def test_select_expressions_and_distinct(shop: Database) -> None:
    assert query("books").select("COUNT(*) AS n").first() == {"n": 4}
    distinct = query("books").select("author_id").distinct().where_not_null("author_id")
    assert sorted(r["author_id"] for r in distinct.all()) == [1, 2]


def test_update_returns_rows_matched_even_when_unchanged(shop: Database) -> None:
    assert query("books").update(price=10).where("id = ?", 1).execute() == 1
    assert query("books").update(price=5).where("author_id = ?", 1).execute() == 2
    assert query("books").update(price=0).all_rows().execute() == 4


def test_update_and_delete_refuse_to_run_without_where(shop: Database) -> None:
    with pytest.raises(QueryError, match="all_rows"):
        query("books").update(price=0).execute()
    with pytest.raises(QueryError, match="all_rows"):
        query("books").delete().execute()
    assert query("books").count().execute() == 4


def test_delete(shop: Database) -> None:
    assert query("books").delete().where("price > ?", 25).execute() == 2
    assert query("books").delete().all_rows().execute() == 2
    assert query("books").count().execute() == 0


def test_count(shop: Database) -> None:
    assert query("books").count().execute() == 4
    assert query("books").count().where("price > ?", 15).execute() == 3
    assert query("books").count("author_id").distinct().execute() == 2


def test_to_sql_and_building_directly(shop: Database, backend: str) -> None:
    sql, bindings = SelectQueryBuilder("books").where("id = ?", 1).to_sql()
    quote = "`" if backend == "mysql" else '"'
    assert sql == f"SELECT * FROM {quote}books{quote} WHERE id = ?"
    assert bindings == [1]
    assert shop.fetch(SelectQueryBuilder("books", "title").where("id = ?", 3)) == [
        {"title": "Dune"}
    ]


def test_on_database_runs_elsewhere(shop: Database, make_sandbox: object) -> None:
    backup = make_sandbox("backup")  # type: ignore[operator]
    backup.execute(Query(f"CREATE TABLE books (id {KEY[backup.dialect]}, title TEXT)"))
    rows = query("books").select("title").where("price > ?", 25).all()
    query("books").insert(*rows).on_database("backup").execute()
    copied = query("books").select("title").on_database("backup").all()
    assert sorted(titles(copied)) == ["Dune", "Orphan"]


def test_injection_strings_are_stored_literally(db: Database) -> None:
    db.execute(Query(f"CREATE TABLE notes (id {KEY[db.dialect]}, body TEXT NULL)"))
    corpus = [
        "'; DROP TABLE notes; --",
        '" OR 1=1 --',
        "\\'; DELETE FROM notes; #",
        "1); DROP TABLE notes; /*",
        "?",
        "%s %(x)s %%",
        "$$; DROP TABLE notes; $$",
    ]
    for text in corpus:
        key = query("notes").insert(body=text).execute()
        assert query("notes").select("body").where("id = ?", key).first() == {
            "body": text
        }
        assert query("notes").select().where("body = ?", text).count() == 1
        assert query("notes").update(body=text).where_in("body", [text]).execute() == 1
    assert query("notes").count().execute() == len(corpus)


def test_names_from_user_input_are_refused(shop: Database) -> None:
    with pytest.raises(QueryError, match="not a plain name"):
        query("books").insert(**{"title) VALUES ('x'); --": "a"}).execute()
    with pytest.raises(QueryError, match="not a plain name"):
        query("books").select().where_in("id) OR (1=1", [1]).all()
    with pytest.raises(QueryError, match="not a plain name"):
        query("books").update(**{"price = 0 --": 1}).where("id = ?", 1).execute()
    assert query("books").count().execute() == 4


def test_database_execute_runs_every_batch_of_a_bulk_insert(db: Database) -> None:
    db.execute(Query(f"CREATE TABLE t (id {KEY[db.dialect]}, x INTEGER NULL)"))
    inserted = db.execute(query("t").insert(*[{"x": i} for i in range(2100)]))
    assert inserted == 2100
    assert query("t").count().execute() == 2100

"""Exact SQL of every builder in every dialect, compiled without a server."""

from __future__ import annotations

import pytest

from tempest_orm.builder import (
    CountQueryBuilder,
    DeleteQueryBuilder,
    InsertQueryBuilder,
    SelectQueryBuilder,
    UpdateQueryBuilder,
)
from tempest_orm.exceptions import QueryError
from tempest_orm.grammar import MysqlGrammar, PostgresGrammar, SQLiteGrammar
from tempest_orm.grammar.base import ArrayBinding, Grammar

SQLITE, MYSQL, POSTGRES = SQLiteGrammar(), MysqlGrammar(), PostgresGrammar()


def q(grammar: Grammar, name: str) -> str:
    return grammar.quote(name)


@pytest.mark.parametrize(
    ("grammar", "quoted"),
    [(SQLITE, '"books"."id"'), (MYSQL, "`books`.`id`"), (POSTGRES, '"books"."id"')],
)
def test_quoting_of_dotted_names(grammar: Grammar, quoted: str) -> None:
    assert grammar.quote("books.id") == quoted


@pytest.mark.parametrize(
    "name", ["id; DROP", "a b", "x`y", 'x"y', "1abc", "a.b.c.d", ""]
)
def test_names_that_are_not_plain_are_refused(name: str) -> None:
    with pytest.raises(QueryError, match="not a plain name"):
        POSTGRES.quote(name)


def test_select_with_everything() -> None:
    builder = (
        SelectQueryBuilder("books", "books.id", "COUNT(*) AS n")
        .join("authors ON authors.id = books.author_id")
        .join("LEFT JOIN chapters ON chapters.book_id = books.id")
        .where("title LIKE ?", "T%")
        .where_in("books.id", [1, 2])
        .or_where_null("deleted_at")
        .group_by("books.id")
        .having("COUNT(*) > ?", 1)
        .order_by("title DESC")
        .order_by("id")
        .limit(10)
        .offset(20)
    )
    query = builder.compile(MYSQL)
    assert query.sql == (
        "SELECT books.id, COUNT(*) AS n FROM `books` "
        "INNER JOIN authors ON authors.id = books.author_id "
        "LEFT JOIN chapters ON chapters.book_id = books.id "
        "WHERE (title LIKE ?) AND `books`.`id` IN (?, ?) OR `deleted_at` IS NULL "
        "GROUP BY books.id HAVING COUNT(*) > ? ORDER BY title DESC, id "
        "LIMIT 10 OFFSET 20"
    )
    assert list(query.bindings) == ["T%", 1, 2, 1]


def test_grouped_conditions_and_precedence() -> None:
    query = (
        SelectQueryBuilder("t")
        .where("a = ?", 1)
        .where(lambda g: g.where("b = ?", 2).or_where("c = ?", 3))
        .compile(SQLITE)
    )
    assert query.sql == 'SELECT * FROM "t" WHERE (a = ?) AND ((b = ?) OR (c = ?))'
    assert list(query.bindings) == [1, 2, 3]


def test_a_single_condition_is_not_wrapped() -> None:
    assert SelectQueryBuilder("t").where("a = ?", 1).compile(SQLITE).sql == (
        'SELECT * FROM "t" WHERE a = ?'
    )


def test_empty_where_in_matches_nothing() -> None:
    query = SelectQueryBuilder("t").where_in("id", []).compile(POSTGRES)
    assert query.sql == 'SELECT * FROM "t" WHERE 1 = 0'


def test_postgres_sends_a_huge_list_as_one_array() -> None:
    values = list(range(70_000))
    query = SelectQueryBuilder("t").where_in("id", values).compile(POSTGRES)
    assert query.sql == 'SELECT * FROM "t" WHERE "id" = ANY(?)'
    assert isinstance(query.bindings[0], ArrayBinding)


def test_offset_without_limit_per_dialect() -> None:
    builder = SelectQueryBuilder("t").offset(5)
    assert builder.compile(MYSQL).sql.endswith("LIMIT 18446744073709551615 OFFSET 5")
    assert builder.compile(POSTGRES).sql.endswith(" OFFSET 5")


def test_for_update_is_dropped_on_sqlite_only() -> None:
    builder = SelectQueryBuilder("t").where("id = ?", 1).for_update()
    assert builder.compile(SQLITE).sql == 'SELECT * FROM "t" WHERE id = ?'
    assert builder.compile(POSTGRES).sql.endswith("FOR UPDATE")
    assert builder.compile(MYSQL).sql.endswith("FOR UPDATE")


def test_fragments_cannot_smuggle_statements() -> None:
    with pytest.raises(QueryError):
        SelectQueryBuilder("t").where("1 = 1; DROP TABLE t").compile(SQLITE)
    with pytest.raises(QueryError):
        SelectQueryBuilder("t").order_by("id -- x").compile(SQLITE)
    with pytest.raises(QueryError):
        SelectQueryBuilder("t").join("u ON 1 = 1; DELETE FROM u").compile(MYSQL)


def test_multi_row_insert_with_returning() -> None:
    builder = InsertQueryBuilder("books", {"title": "a"}, {"title": "b"})
    (batch,) = builder.batches(POSTGRES)
    assert batch.query.sql == (
        'INSERT INTO "books" ("title") VALUES (?), (?) RETURNING *'
    )
    assert list(batch.query.bindings) == ["a", "b"]
    assert "RETURNING" not in builder.batches(MYSQL)[0].query.sql


def test_bulk_insert_is_split_in_few_statements() -> None:
    rows = [{"a": i, "b": i} for i in range(2_500)]
    batches = InsertQueryBuilder("t", *rows).batches(SQLITE)
    assert [batch.rows for batch in batches] == [1000, 1000, 500]


def test_insert_keys_are_names_not_sql() -> None:
    with pytest.raises(QueryError, match="not a plain name"):
        InsertQueryBuilder("t", **{"a) VALUES (1); --": 1}).compile(SQLITE)


def test_update_and_delete_need_a_where_or_all_rows() -> None:
    with pytest.raises(QueryError, match="all_rows"):
        UpdateQueryBuilder("t", a=1).compile(SQLITE)
    with pytest.raises(QueryError, match="all_rows"):
        DeleteQueryBuilder("t").compile(SQLITE)

    update = UpdateQueryBuilder("t", a=1, b=2).where("id = ?", 3).compile(MYSQL)
    assert update.sql == "UPDATE `t` SET `a` = ?, `b` = ? WHERE id = ?"
    assert list(update.bindings) == [1, 2, 3]
    assert DeleteQueryBuilder("t").all_rows().compile(POSTGRES).sql == 'DELETE FROM "t"'


def test_count_distinct() -> None:
    query = CountQueryBuilder("t", "author_id").distinct().where("x > ?", 1)
    assert query.compile(POSTGRES).sql == (
        'SELECT COUNT(DISTINCT "author_id") AS aggregate FROM "t" WHERE x > ?'
    )

"""The scanner follows each dialect's quoting, so no quote hides a ';' from it."""

from __future__ import annotations

import pytest

from tempest_orm.connection.base import describe
from tempest_orm.exceptions import QueryError
from tempest_orm.grammar import MysqlGrammar, PostgresGrammar, SQLiteGrammar
from tempest_orm.grammar.lexer import check_fragment, scan

SQLITE = SQLiteGrammar.lexicon
MYSQL = MysqlGrammar.lexicon
POSTGRES = PostgresGrammar.lexicon


def test_backticks_quote_names_only_where_the_dialect_has_them() -> None:
    assert not scan("SELECT `a;b` FROM t", MYSQL).has_separator
    assert not scan("SELECT `a;b` FROM t", SQLITE).has_separator
    # PostgreSQL reads a backtick as an operator character, not a quote.
    assert scan("SELECT `a;b` FROM t", POSTGRES).has_separator


def test_sqlite_brackets_quote_names() -> None:
    found = scan("SELECT [it's ?] FROM t WHERE a = ?", SQLITE)
    assert found.placeholders == 1 and not found.has_separator
    with pytest.raises(QueryError):
        check_fragment("[it's] = 1; DROP TABLE t; --'", SQLITE, "where")


def test_a_dollar_inside_a_postgres_name_starts_no_dollar_quote() -> None:
    with pytest.raises(QueryError):
        check_fragment("x$a$ = 1; DROP TABLE t; --$a$", POSTGRES, "where")
    assert not scan("SELECT $a$;$a$, x$y", POSTGRES).has_separator


def test_values_quoted_by_server_messages_are_blanked() -> None:
    text = describe(ValueError('time zone displacement out of range: "+16:00"\nL'))
    assert text == "time zone displacement out of range: '…'"
    assert describe(ValueError('relation "books" does not exist')) == (
        'relation "books" does not exist'
    )

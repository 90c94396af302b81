"""The SQL scanner: placeholders, literals, separators and comments per dialect."""

from __future__ import annotations

import pytest

from tempest_orm.exceptions import QueryError
from tempest_orm.grammar import MysqlGrammar, PostgresGrammar, SQLiteGrammar
from tempest_orm.grammar.lexer import check_fragment, minify, scan, split_statements

SQLITE = SQLiteGrammar.lexicon
MYSQL = MysqlGrammar.lexicon
POSTGRES = PostgresGrammar.lexicon


def test_sqlite_keeps_question_marks_and_counts_them() -> None:
    found = scan("SELECT * FROM t WHERE a = ? AND b = '?'", SQLITE)
    assert found.sql == "SELECT * FROM t WHERE a = ? AND b = '?'"
    assert found.placeholders == 1


def test_pyformat_drivers_get_percent_s_and_doubled_percent_signs() -> None:
    found = scan("SELECT '50%?' AS x, ? FROM t WHERE y LIKE 'a%'", POSTGRES)
    assert found.sql == "SELECT '50%%?' AS x, %s FROM t WHERE y LIKE 'a%%'"
    assert found.placeholders == 1


def test_mysql_backslash_escaped_quote_does_not_end_the_literal() -> None:
    found = scan(r"SELECT 'it\'s ?; here', ?", MYSQL)
    assert found.placeholders == 1
    assert not found.has_separator


def test_postgres_backslash_is_literal_in_standard_strings() -> None:
    found = scan("SELECT 'C:\\', ?", POSTGRES)
    assert found.placeholders == 1


def test_postgres_dollar_quotes_and_escape_strings_hide_marks() -> None:
    found = scan("SELECT $body$ ? ; -- $body$, E'\\' ?', ?", POSTGRES)
    assert found.placeholders == 1
    assert not found.has_separator and not found.has_comment


def test_quoted_identifiers_hide_marks() -> None:
    assert scan('SELECT "a?b" FROM t', SQLITE).placeholders == 0
    assert scan("SELECT `a?b` FROM t", MYSQL).placeholders == 0


def test_trailing_semicolon_is_not_a_second_statement() -> None:
    assert not scan("SELECT 1;  ", SQLITE).has_separator


@pytest.mark.parametrize(
    "fragment",
    ["1 = 1; DROP TABLE books", "1 = 1 -- the rest", "1 = 1 /* hidden */", "a;"],
)
def test_fragments_with_separators_or_comments_are_refused(fragment: str) -> None:
    with pytest.raises(QueryError, match="one call runs exactly one statement"):
        check_fragment(fragment, POSTGRES, "where")


def test_hash_starts_a_comment_only_on_mysql() -> None:
    with pytest.raises(QueryError):
        check_fragment("a = 1 # x", MYSQL, "where")
    check_fragment("a # 1 = 0", POSTGRES, "where")


def test_separators_inside_literals_are_fine() -> None:
    check_fragment("title = 'a; b -- c /* d */'", POSTGRES, "where")


def test_split_statements_respects_literals_and_drops_comments() -> None:
    script = """
        -- create it
        CREATE TABLE a (x TEXT DEFAULT ';');
        /* fill it */
        INSERT INTO a VALUES ('b;c');
    """
    assert split_statements(script, SQLITE) == [
        "CREATE TABLE a (x TEXT DEFAULT ';')",
        "INSERT INTO a VALUES ('b;c')",
    ]


def test_minify_ignores_formatting_and_comments_but_not_literals() -> None:
    one = minify("CREATE TABLE a (\n  x TEXT  -- note\n);", SQLITE)
    two = minify("CREATE TABLE a(x TEXT);", SQLITE)
    assert one == two
    assert minify("SELECT 'a  b'", SQLITE) != minify("SELECT 'a b'", SQLITE)

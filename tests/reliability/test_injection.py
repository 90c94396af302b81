"""Injection: values stay values, names must be names, fragments one statement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tempest_orm import Database, PrimaryKey, Query, QueryError, query
from tempest_orm.builder import SelectQueryBuilder
from tests.reliability.conftest import Sent

CORPUS = [
    "'; DROP TABLE canary; --",
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE canary",
    "admin'--",
    "admin' #",
    "admin'/*",
    "') OR ('1'='1",
    "'; DELETE FROM canary WHERE '1'='1",
    "1 UNION SELECT NULL, NULL --",
    "' UNION SELECT * FROM canary --",
    "\\'; DROP TABLE canary; --",
    "\\\\'; DROP TABLE canary; --",
    "%' OR '%'='",
    "?",
    "?? ?",
    "%s",
    "%(body)s",
    "%%",
    "$$; DROP TABLE canary; $$",
    "$tag$'; DROP TABLE canary; --$tag$",
    "E'\\''; DROP TABLE canary; --",
    "`; DROP TABLE canary; --",
    "]; DROP TABLE canary; --",
    "\u02bc OR 1=1 --",  # a modifier letter that looks like an apostrophe
    "\uff07 OR 1=1 --",  # the fullwidth apostrophe
    "\\x27 OR 1=1",
    "1 AND 1=CONVERT(int, (SELECT @@version))",
    "'; EXEC xp_cmdshell('dir'); --",
    "'; COPY canary TO PROGRAM 'id'; --",
    "1; SELECT pg_sleep(10); --",
    "' || (SELECT version()) || '",
    "/*!50000 DROP TABLE canary */",
    "'\r\n; DROP TABLE canary; --",
    "-- \n DROP TABLE canary",
    "' AND extractvalue(1, concat(0x7e, version())) --",
    "\\",
    "'",
    '"',
    "\\0",
    "0x27; DROP TABLE canary",
    "'); INSERT INTO canary VALUES (99); --",
    "'; ATTACH DATABASE 'elsewhere.db' AS x; --",
    "'+(SELECT 1)+'",
]

KEY = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgres": "SERIAL PRIMARY KEY",
    "mysql": "INTEGER AUTO_INCREMENT PRIMARY KEY",
}
TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' "
    "AND name NOT LIKE 'sqlite_%'",
    "postgres": "SELECT table_name AS name FROM information_schema.tables "
    "WHERE table_schema = current_schema()",
    "mysql": "SELECT table_name AS name FROM information_schema.tables "
    "WHERE table_schema = DATABASE()",
}


class Note:
    id: PrimaryKey
    body: str
    title: str


def note(body: str, title: str) -> Note:
    made = Note()
    made.body, made.title = body, title
    return made


def tables(db: Database) -> set[str]:
    """The tables of the test's schema."""
    return {str(row["name"]) for row in db.fetch(Query(TABLES[db.dialect]))}


@pytest.fixture
def notes(db: Database) -> Database:
    key = KEY[db.dialect]
    db.execute(Query(f"CREATE TABLE notes (id {key}, body TEXT, title TEXT)"))
    db.execute(Query(f"CREATE TABLE canary (id {key}, alive INTEGER)"))
    query("canary").insert(alive=1).execute()
    return db


def test_the_corpus_is_big_enough() -> None:
    assert len(set(CORPUS)) == len(CORPUS) >= 30


def test_values_in_every_position_are_stored_literally(notes: Database) -> None:
    before = tables(notes)
    for text in CORPUS:
        # Insert values, as a dict and as a model's attributes.
        key = query("notes").insert(body=text, title="dict").execute()
        query(Note).insert(note(text, "model")).execute()

        # Where bindings and where_in lists.
        found = query("notes").select("body").where("id = ?", key).first()
        assert found == {"body": text}
        assert query("notes").count().where("body = ?", text).execute() == 2
        assert query("notes").select().where_in("body", [text, "x"]).count() == 2
        assert query(Note).select().where_in("body", [text]).count() == 2

        # Update values, by a table and through a model's attributes.
        assert query("notes").update(title=text).where("body = ?", text).execute() == 2
        changed = query(Note).update(title=text + "!").where_in("body", [text])
        assert changed.execute() == 2
        back = query(Note).select().where("title = ? AND body = ?", text + "!", text)
        assert [n.body for n in back.all()] == [text, text]

    assert tables(notes) == before
    assert query("notes").count().execute() == 2 * len(CORPUS)
    assert query("canary").select("alive").all() == [{"alive": 1}]


BAD_NAMES = [
    "body; DROP TABLE canary",
    "body--",
    "body /* x */",
    "body) VALUES (1); --",
    "1=1",
    "body OR 1=1",
    "`body`",
    '"body"',
    "body'",
    "",
    " body",
    "a.b.c.d",
    "body\x00",
    "body\n",
]


def name_uses(name: str) -> list[Callable[[], object]]:
    """Every place a name is given as a name."""
    return [
        lambda: query("notes").insert(**{name: "x"}).execute(),
        lambda: query("notes").update(**{name: "x"}).where("id = ?", 1).execute(),
        lambda: query("notes").select().where_in(name, [1]).all(),
        lambda: query("notes").select().where_null(name).all(),
        lambda: query("notes").select().where_not_null(name).all(),
        lambda: query("notes").count(name).execute(),
        lambda: query(Note).insert({name: "x"}).execute(),
        lambda: query(Note).update(**{name: "x"}).where("id = ?", 1).execute(),
        lambda: query(name).select().all(),
    ]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_names_that_are_not_plain_are_refused(
    notes: Database, name: str, sent: Sent
) -> None:
    for use in name_uses(name):
        with pytest.raises(QueryError, match="not a plain name"):
            use()
    assert sent.sql == []
    assert query("canary").count().execute() == 1


def select() -> SelectQueryBuilder[dict[str, Any]]:
    return query("notes").select()


# Each holds a separator or a comment outside literals, by the dialect's rules.
FRAGMENTS = [
    "1 = 1; DROP TABLE canary",
    "1 = 1 ;DELETE FROM canary",
    "1 = 1 -- the rest",
    "1 = 1 /* hidden */",
    "1 = 1 /*! DROP TABLE canary */",
    "id;",
    "title = 'a'; DROP TABLE canary",
]
# Where a backslash is an ordinary character, it ends no literal early.
STANDARD_STRINGS = "title = '\\'; DROP TABLE canary; --'"
FRAGMENTS_OF = {
    "sqlite": [STANDARD_STRINGS, "[it's] = 1; DROP TABLE canary; --'"],
    "postgres": [
        STANDARD_STRINGS,
        "1 = 1 `; DROP TABLE canary; --`",
        "x$a$ = 1; DROP TABLE canary; --$a$",
    ],
    "mysql": ["1 = 1 # the rest", "title = '\\''; DROP TABLE canary; -- '"],
}


def fragment_uses(fragment: str) -> list[Callable[[], object]]:
    """Every place a fragment of SQL is taken."""
    return [
        lambda: select().where(fragment).all(),
        lambda: select().where("id = ?", 1).or_where(fragment).all(),
        lambda: select().where(lambda group: group.where(fragment)).all(),
        lambda: select().order_by(fragment).all(),
        lambda: query("notes").select(fragment).all(),
        lambda: select().join(fragment).all(),
        lambda: select().join("canary", fragment).all(),
        lambda: select().group_by(fragment).all(),
        lambda: select().group_by("id").having(fragment).all(),
        lambda: query("notes").count().where(fragment).execute(),
        lambda: query("notes").update(body="x").where(fragment).execute(),
        lambda: query("notes").delete().where(fragment).execute(),
        lambda: query(Note).select().where(fragment).all(),
    ]


def test_fragments_with_a_second_statement_or_a_comment_are_refused(
    notes: Database, backend: str, sent: Sent
) -> None:
    fragments = [*FRAGMENTS, *FRAGMENTS_OF[backend]]
    for fragment in fragments:
        for use in fragment_uses(fragment):
            with pytest.raises(QueryError, match="one call runs exactly one statement"):
                use()
        if fragment.endswith(";"):
            continue  # a whole statement may end with one ';'
        with pytest.raises(QueryError, match="one call runs exactly one statement"):
            notes.fetch(Query(f"SELECT * FROM notes WHERE {fragment}"))
    assert sent.sql == []
    assert query("canary").count().execute() == 1
    assert len(fragments) * (len(fragment_uses("")) + 1) > 100


def test_separators_and_comments_inside_literals_are_fine(notes: Database) -> None:
    query("notes").insert(body="a; b -- c /* d */", title="x").execute()
    found = select().where("body = 'a; b -- c /* d */'").all()
    assert [row["body"] for row in found] == ["a; b -- c /* d */"]
    assert select().where("body LIKE '%;%'").order_by("id DESC").count() == 1

"""Database on every backend: running, fetching, transactions, errors and logs."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest

from tempest_orm import (
    ConfigurationError,
    Database,
    DatabaseError,
    IntegrityError,
    Query,
    QueryError,
    configure,
    database,
    query,
)
from tempest_orm.config import MysqlConfig, PostgresConfig, SQLiteConfig

SCHEMA = {
    "sqlite": "CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "title VARCHAR(100) NOT NULL UNIQUE, price DECIMAL(10,2) NULL)",
    "postgres": "CREATE TABLE books (id SERIAL PRIMARY KEY, "
    "title VARCHAR(100) NOT NULL UNIQUE, price DECIMAL(10,2) NULL)",
    "mysql": "CREATE TABLE books (id INTEGER AUTO_INCREMENT PRIMARY KEY, "
    "title VARCHAR(100) NOT NULL UNIQUE, price DECIMAL(10,2) NULL)",
}


@pytest.fixture
def books(db: Database) -> Database:
    db.execute(Query(SCHEMA[db.dialect]))
    return db


class Statements(logging.Handler):
    """Collects the records of the query logger."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def sql(self) -> list[str]:
        return [record.tempest_sql for record in self.records]  # type: ignore[attr-defined]


@pytest.fixture
def statements() -> Iterator[Statements]:
    handler = Statements()
    logger = logging.getLogger("tempest_orm.query")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


def test_dialect_and_tag(db: Database, backend: str) -> None:
    assert db.dialect == backend
    assert db.tag is None
    assert database() is db


def test_execute_fetch_and_fetch_first(books: Database) -> None:
    books.execute(Query("INSERT INTO books (title) VALUES (?)", ["Timeline Taxi"]))
    books.execute(Query("INSERT INTO books (title) VALUES (?)", ["What's ? here"]))

    rows = books.fetch(Query("SELECT title FROM books ORDER BY title"))
    assert rows == [{"title": "Timeline Taxi"}, {"title": "What's ? here"}]

    row = books.fetch_first(Query("SELECT id, title FROM books WHERE title = ?", ["x"]))
    assert row is None
    first = books.fetch_first(query("books").select("title").where("id = ?", 1))
    assert first == {"title": "Timeline Taxi"}


def test_question_mark_and_percent_inside_literals(books: Database) -> None:
    books.execute(Query("INSERT INTO books (title) VALUES ('50% off?')"))
    row = books.fetch_first(
        Query("SELECT title FROM books WHERE title LIKE '50%' AND id = ?", [1])
    )
    assert row == {"title": "50% off?"}


def test_values_never_change_the_statement(books: Database) -> None:
    evil = "x'); DROP TABLE books; --"
    books.execute(Query("INSERT INTO books (title) VALUES (?)", [evil]))
    assert books.fetch(Query("SELECT title FROM books")) == [{"title": evil}]


def test_execute_returns_rows_changed(books: Database) -> None:
    for title in ("a", "b", "c"):
        query("books").insert(title=title).execute()
    changed = books.execute(Query("UPDATE books SET price = ? WHERE id > ?", [1, 1]))
    assert changed == 2


def test_transaction_commits(books: Database) -> None:
    with books.transaction():
        query("books").insert(title="a").execute()
    assert query("books").count().execute() == 1


def test_transaction_rolls_back_on_exception(books: Database) -> None:
    with pytest.raises(RuntimeError), books.transaction():
        query("books").insert(title="a").execute()
        raise RuntimeError("boom")
    assert query("books").count().execute() == 0


def test_failed_statement_in_a_transaction_leaves_no_partial_write(
    books: Database,
) -> None:
    query("books").insert(title="taken").execute()
    with pytest.raises(IntegrityError), books.transaction():
        query("books").insert(title="new").execute()
        query("books").insert(title="taken").execute()
    assert [r["title"] for r in query("books").select("title").all()] == ["taken"]


def test_nested_transactions_are_savepoints(books: Database) -> None:
    with books.transaction():
        query("books").insert(title="outer").execute()
        with pytest.raises(RuntimeError), books.transaction():
            query("books").insert(title="inner").execute()
            raise RuntimeError("undo the inner block only")
        with books.transaction():
            query("books").insert(title="kept").execute()
    titles = sorted(r["title"] for r in query("books").select("title").all())
    assert titles == ["kept", "outer"]
    assert not books.in_transaction


def test_integrity_error_names_the_sql_but_not_the_bindings(books: Database) -> None:
    query("books").insert(title="secret-title-value").execute()
    with pytest.raises(IntegrityError) as caught:
        query("books").insert(title="secret-title-value").execute()
    message = str(caught.value)
    assert "INSERT INTO" in message
    assert "secret-title-value" not in message
    assert caught.value.__cause__ is not None
    assert caught.value.sql is not None and "INSERT INTO" in caught.value.sql


def test_bad_sql_is_a_query_error(db: Database) -> None:
    with pytest.raises(QueryError) as caught:
        db.fetch(Query("SELECT * FROM no_such_table WHERE x = ?", ["hidden"]))
    assert "no_such_table" in str(caught.value)
    assert "hidden" not in str(caught.value)
    assert isinstance(caught.value, DatabaseError)


def test_a_second_statement_is_refused_before_sending(
    db: Database, statements: Statements
) -> None:
    with pytest.raises(QueryError, match="separator"):
        db.execute(Query("SELECT 1; DROP TABLE x"))
    with pytest.raises(QueryError, match="comment"):
        db.execute(Query("SELECT 1 -- hi"))
    assert statements.sql == []


def test_binding_count_must_match(db: Database) -> None:
    with pytest.raises(QueryError, match="1 placeholders but 2 bindings"):
        db.fetch(Query("SELECT ?", [1, 2]))


def test_each_statement_is_logged_once_without_bindings(
    books: Database, statements: Statements
) -> None:
    query("books").insert(title="password123").execute()
    query("books").select().where("title = ?", "password123").all()
    assert len(statements.sql) == 2
    for record in statements.records:
        assert "password123" not in record.getMessage()
        assert record.tempest_seconds >= 0  # type: ignore[attr-defined]
        assert " ms]" in record.getMessage()


def test_each_thread_has_its_own_connection(books: Database) -> None:
    seen: list[object] = []

    def work(title: str) -> None:
        seen.append(books.connection())
        query("books").insert(title=title).execute()

    threads = [threading.Thread(target=work, args=(f"t{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len({id(link) for link in seen}) == 4
    assert books.connection() not in seen
    assert query("books").count().execute() == 4


def test_streaming_rows_and_stopping_early(books: Database) -> None:
    query("books").insert(*[{"title": f"b{i:04}"} for i in range(2500)]).execute()

    streamed = [row["title"] for row in books.iterate(Query("SELECT title FROM books"))]
    assert len(streamed) == 2500

    for row in query("books").select().order_by("id"):
        assert row["title"] == "b0000"
        break
    assert query("books").count().execute() == 2500


def test_streaming_inside_a_transaction(books: Database) -> None:
    with books.transaction():
        query("books").insert(title="only").execute()
        assert [r["title"] for r in query("books").select("title")] == ["only"]


def test_configure_replaces_a_tag_and_closes_the_old_one(
    backend: str, make_sandbox: object
) -> None:
    first = make_sandbox("tenant")  # type: ignore[operator]
    first.execute(Query("CREATE TABLE marks (id INTEGER PRIMARY KEY)"))
    second = make_sandbox("tenant")  # type: ignore[operator]
    assert database("tenant") is second
    with pytest.raises(ConfigurationError, match="closed or replaced"):
        first.fetch(Query("SELECT 1"))
    with pytest.raises(QueryError):
        second.fetch(Query("SELECT * FROM marks"))


def test_enum_tags(make_sandbox: object) -> None:
    import enum

    class Kind(enum.Enum):
        BACKUP = "backup"

    backup = make_sandbox("backup")  # type: ignore[operator]
    assert database(Kind.BACKUP) is backup


def test_unknown_tag_is_a_clear_error() -> None:
    with pytest.raises(ConfigurationError, match="connection 'nope'"):
        database("nope")


def test_unreachable_servers_and_bad_credentials() -> None:
    configure(PostgresConfig(port=1, password="s3cret", tag="pg", connect_timeout=2))
    with pytest.raises(ConfigurationError) as caught:
        database("pg").fetch(Query("SELECT 1"))
    assert "connection 'pg'" in str(caught.value)
    assert "s3cret" not in str(caught.value)

    configure(MysqlConfig(port=1, password="s3cret", tag="my", connect_timeout=2))
    with pytest.raises(ConfigurationError, match="cannot be reached") as caught:
        database("my").fetch(Query("SELECT 1"))
    assert "s3cret" not in str(caught.value)


def test_wrong_mysql_password() -> None:
    from tests.backends import MY
    from tests.conftest import use_backend

    use_backend("mysql")
    configure(
        MysqlConfig(
            host=MY["host"],
            port=MY["port"],
            username="nobody",
            password="bad-pw",
            tag="x",
        )
    )
    with pytest.raises(ConfigurationError) as caught:
        database("x").fetch(Query("SELECT 1"))
    assert "access denied" in str(caught.value)
    assert "bad-pw" not in str(caught.value)


def test_unwritable_sqlite_path(tmp_path: object) -> None:
    import os

    if os.geteuid() == 0:
        blocked = "/proc/tempest/database.sqlite"
    else:
        blocked = "/nonexistent-root-dir/database.sqlite"
    configure(SQLiteConfig(path=blocked, tag="ro"))
    with pytest.raises(ConfigurationError, match="connection 'ro'"):
        database("ro").fetch(Query("SELECT 1"))


def test_sqlite_pragmas(tmp_path: object) -> None:
    db = configure(SQLiteConfig(path=f"{tmp_path}/pragmas.sqlite"))
    assert db.fetch_first(Query("PRAGMA foreign_keys")) == {"foreign_keys": 1}
    assert db.fetch_first(Query("PRAGMA journal_mode")) == {"journal_mode": "wal"}


def test_default_sqlite_database_lives_under_the_root(tmp_path: object) -> None:
    from pathlib import Path

    db = database()
    db.execute(Query("CREATE TABLE t (x INTEGER)"))
    assert (Path(str(tmp_path)) / ".tempest" / "database.sqlite").exists()


def test_database_executes_ddl_statements(db: Database) -> None:
    from tempest_orm.statements import CreateTableStatement, DropTableStatement

    db.execute(CreateTableStatement("notes").primary().text("body"))
    query("notes").insert(body="x").execute()
    assert query("notes").select("body").all() == [{"body": "x"}]
    db.execute(DropTableStatement("notes"))
    with pytest.raises(QueryError):
        query("notes").count().execute()

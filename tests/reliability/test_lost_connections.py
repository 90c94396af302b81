"""Lost connections: reconnect once outside a transaction, never replay inside one."""

from __future__ import annotations

import logging
from collections.abc import Callable

import psycopg2
import pymysql
import pytest

from tempest_orm import ConnectionLost, Database, Query, query
from tests.backends import MY, PG

KEY = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgres": "SERIAL PRIMARY KEY",
    "mysql": "INTEGER AUTO_INCREMENT PRIMARY KEY",
}


def killer(db: Database) -> Callable[[], None]:
    """A way to end this thread's current link from outside, as a server would.

    SQLite has no server: closing the driver connection under the Database is
    the nearest thing, and it rolls back an open transaction the same way.
    """
    if db.dialect == "sqlite":
        return db.connection().raw.close  # type: ignore[no-any-return]
    if db.dialect == "postgres":
        pid = db.fetch_first(Query("SELECT pg_backend_pid() AS id"))
        assert pid is not None

        def terminate() -> None:
            admin = psycopg2.connect(**PG)
            admin.autocommit = True
            with admin.cursor() as cursor:
                # The timeout makes the call wait until the backend is gone.
                cursor.execute("SELECT pg_terminate_backend(%s, 5000)", (pid["id"],))
            admin.close()

        return terminate

    thread = db.fetch_first(Query("SELECT CONNECTION_ID() AS id"))
    assert thread is not None

    def kill() -> None:
        admin = pymysql.connect(autocommit=True, **MY)
        with admin.cursor() as cursor:
            cursor.execute(f"KILL {int(thread['id'])}")
        admin.close()

    return kill


def drop_link(db: Database) -> None:
    """End this thread's current link from outside, now."""
    killer(db)()


@pytest.fixture
def notes(db: Database) -> Database:
    db.execute(Query(f"CREATE TABLE notes (id {KEY[db.dialect]}, body TEXT)"))
    return db


def add(body: str) -> object:
    return query("notes").insert(body=body).execute()


def bodies() -> list[str]:
    return [row["body"] for row in query("notes").select("body").order_by("id").all()]


def test_outside_a_transaction_the_next_statement_reconnects(notes: Database) -> None:
    add("before")
    link = notes.connection()
    drop_link(notes)

    add("after")
    assert notes.connection() is not link
    assert bodies() == ["before", "after"]


def test_streaming_after_a_dropped_link_reconnects(notes: Database) -> None:
    add("one")
    add("two")
    drop_link(notes)
    assert [row["body"] for row in query("notes").select("body").order_by("id")] == [
        "one",
        "two",
    ]


def test_a_dropped_idle_link_does_not_stop_a_transaction(notes: Database) -> None:
    drop_link(notes)
    with notes.transaction():
        add("inside")
    assert bodies() == ["inside"]


def test_inside_a_transaction_the_loss_is_raised_and_nothing_is_replayed(
    notes: Database,
) -> None:
    add("committed")
    link = notes.connection()
    with pytest.raises(ConnectionLost), notes.transaction():
        add("first half")
        drop_link(notes)
        add("second half")

    assert bodies() == ["committed"]
    assert notes.connection() is not link
    add("next")
    assert bodies() == ["committed", "next"]


def test_a_caught_loss_keeps_failing_until_the_block_ends(notes: Database) -> None:
    with pytest.raises(ConnectionLost), notes.transaction():
        add("first half")
        drop_link(notes)
        with pytest.raises(ConnectionLost):
            add("second half")
        # Carrying on in the same block must not write on a new link either.
        add("third")
    assert bodies() == []


def test_a_loss_before_commit_leaves_nothing(notes: Database) -> None:
    with pytest.raises(ConnectionLost), notes.transaction():
        add("written")
        drop_link(notes)
    assert bodies() == []


def test_an_error_of_the_block_is_raised_even_when_the_link_is_gone(
    notes: Database,
) -> None:
    # The rollback finds the link lost; the block's own error is what surfaces.
    with pytest.raises(LookupError), notes.transaction():
        add("written")
        drop_link(notes)
        raise LookupError("the application's own failure")
    assert bodies() == []

    with pytest.raises(LookupError), notes.transaction():
        add("outer")
        with notes.transaction():
            add("inner")
            drop_link(notes)
            raise LookupError("the application's own failure")
    assert bodies() == []


def test_a_loss_inside_a_savepoint_ends_the_whole_transaction(
    notes: Database,
) -> None:
    with pytest.raises(ConnectionLost), notes.transaction():
        add("outer")
        with notes.transaction():
            add("inner")
            drop_link(notes)
            add("lost")
    assert bodies() == []
    add("next")
    assert bodies() == ["next"]


def test_a_bulk_insert_that_loses_its_link_leaves_nothing(notes: Database) -> None:
    # A multi-batch insert runs in a transaction; the loss lands in its middle.
    kill = killer(notes)
    rows = [{"body": f"row {i}"} for i in range(2500)]
    with after_first_insert(kill), pytest.raises(ConnectionLost):
        query("notes").insert(*rows).execute()
    assert bodies() == []
    add("next")
    assert bodies() == ["next"]


class after_first_insert(logging.Handler):
    """While active, runs ``action`` once the first INSERT has been sent."""

    def __init__(self, action: Callable[[], None]) -> None:
        super().__init__(logging.DEBUG)
        self.action: Callable[[], None] | None = action
        self.logger = logging.getLogger("tempest_orm.query")

    def emit(self, record: logging.LogRecord) -> None:
        if self.action is not None and record.getMessage().startswith("INSERT"):
            action, self.action = self.action, None
            action()

    def __enter__(self) -> None:
        self.logger.addHandler(self)
        self.logger.setLevel(logging.DEBUG)

    def __exit__(self, *_: object) -> None:
        self.logger.removeHandler(self)
        self.logger.setLevel(logging.NOTSET)

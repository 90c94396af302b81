"""Faults: a failing statement or a killed process leaves all of a write or none."""

from __future__ import annotations

import subprocess

import pytest

from tempest_orm import Database, IntegrityError, Query, QueryError, query
from tests.reliability.conftest import start, wait_until_ready

KEY = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgres": "SERIAL PRIMARY KEY",
    "mysql": "INTEGER AUTO_INCREMENT PRIMARY KEY",
}


@pytest.fixture
def bulk(db: Database) -> Database:
    db.execute(
        Query(
            f"CREATE TABLE bulk (id {KEY[db.dialect]}, n INTEGER NOT NULL UNIQUE, "
            "body VARCHAR(40) NOT NULL)"
        )
    )
    return db


def count() -> int:
    return query("bulk").count().execute()


def rows(start: int, number: int) -> list[dict[str, object]]:
    return [{"n": n, "body": f"row {n}"} for n in range(start, start + number)]


def test_a_failing_statement_in_a_transaction_leaves_nothing(bulk: Database) -> None:
    with pytest.raises(IntegrityError), bulk.transaction():
        query("bulk").insert(*rows(0, 10)).execute()
        query("bulk").insert(*rows(10, 10)).execute()
        query("bulk").insert(n=5, body="a duplicate").execute()
    assert count() == 0


def test_a_failing_batch_of_one_bulk_insert_leaves_nothing(bulk: Database) -> None:
    # 2,500 rows are three batches; the last one repeats a key of the first.
    batch = [*rows(0, 2499), {"n": 0, "body": "a duplicate"}]
    with pytest.raises(IntegrityError):
        query("bulk").insert(*batch).execute()
    assert count() == 0


def test_any_exception_rolls_back_and_is_raised_as_it_is(bulk: Database) -> None:
    for error in (ValueError("in the application"), KeyboardInterrupt()):
        with pytest.raises(type(error)), bulk.transaction():
            query("bulk").insert(*rows(0, 10)).execute()
            raise error
        assert count() == 0


def test_a_failing_savepoint_keeps_the_rest_of_the_transaction(bulk: Database) -> None:
    with bulk.transaction():
        query("bulk").insert(*rows(0, 5)).execute()
        with pytest.raises(QueryError), bulk.transaction():
            query("bulk").insert(*rows(5, 5)).execute()
            query("bulk").insert(n=0, body="a duplicate").execute()
        query("bulk").insert(*rows(10, 5)).execute()
    assert sorted(r["n"] for r in query("bulk").select("n").all()) == [
        *range(5),
        *range(10, 15),
    ]


@pytest.mark.parametrize("command", ["bulk-transaction", "bulk-insert"])
def test_a_process_killed_in_the_middle_of_a_bulk_insert_leaves_nothing(
    bulk: Database, worker: list[subprocess.Popen[str]], command: str
) -> None:
    process = start(bulk, command, 4000)
    worker.append(process)
    wait_until_ready(process)
    assert count() == 0  # nothing is visible before the commit

    process.kill()
    assert process.wait(timeout=30) == -9
    assert count() == 0

    # The table is whole and takes writes again, on every backend.
    query("bulk").insert(*rows(0, 1500)).execute()
    assert count() == 1500
    if bulk.dialect == "sqlite":
        assert bulk.fetch(Query("PRAGMA integrity_check")) == [
            {"integrity_check": "ok"}
        ]

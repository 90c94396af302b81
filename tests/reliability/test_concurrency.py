"""Concurrency: threads and processes incrementing one row lose no update."""

from __future__ import annotations

import subprocess
import threading

import pytest

from tempest_orm import Database, Query, query
from tempest_orm.connection.base import Connection
from tests.reliability.conftest import start, wait_until_ready

WORKERS = 4
INCREMENTS = 50


@pytest.fixture
def counter(db: Database) -> Database:
    db.execute(Query("CREATE TABLE counters (id INTEGER PRIMARY KEY, value INTEGER)"))
    query("counters").insert(id=1, value=0).execute()
    return db


def increment(db: Database) -> None:
    """Add one to the counter in a transaction that locks its row first."""
    with db.transaction():
        found = query("counters").select("value").where("id = ?", 1).for_update()
        row = found.first()
        assert row is not None
        query("counters").update(value=row["value"] + 1).where("id = ?", 1).execute()


def value() -> int:
    row = query("counters").select("value").where("id = ?", 1).first()
    assert row is not None
    return int(row["value"])


def run_threads(db: Database, links: list[Connection]) -> list[BaseException]:
    """Run the incrementing threads; the errors any of them met."""
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            for _ in range(INCREMENTS):
                increment(db)
            with lock:
                links.append(db.connection())
        except BaseException as error:
            with lock:
                errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_threads_lose_no_update_and_share_no_link(counter: Database) -> None:
    links: list[Connection] = []
    errors = run_threads(counter, links)

    assert errors == []
    assert value() == WORKERS * INCREMENTS
    # The links are kept alive in the list, so distinct ids are distinct links.
    assert len({id(link) for link in links}) == WORKERS
    assert counter.connection() not in links


def test_processes_lose_no_update(
    counter: Database, worker: list[subprocess.Popen[str]]
) -> None:
    for _ in range(WORKERS):
        worker.append(start(counter, "increment", INCREMENTS))
    for process in worker:
        wait_until_ready(process)
    for process in worker:
        assert process.wait(timeout=120) == 0
    assert value() == WORKERS * INCREMENTS


def test_threads_and_processes_together_lose_no_update(
    counter: Database, worker: list[subprocess.Popen[str]]
) -> None:
    for _ in range(WORKERS):
        worker.append(start(counter, "increment", INCREMENTS))
    links: list[Connection] = []
    errors = run_threads(counter, links)
    for process in worker:
        assert process.wait(timeout=120) == 0

    assert errors == []
    assert value() == 2 * WORKERS * INCREMENTS

"""Fixtures of the reliability tests: statements sent, and worker processes."""

from __future__ import annotations

import logging
import os
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tempest_orm import Database
from tests.reliability.worker import encode

ROOT = str(Path(__file__).resolve().parents[2])


class Sent(logging.Handler):
    """Collects the SQL of every statement the query logger reports as sent."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.sql: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.sql.append(record.tempest_sql)  # type: ignore[attr-defined]


@pytest.fixture
def sent() -> Iterator[Sent]:
    """The statements sent while the test runs."""
    handler = Sent()
    logger = logging.getLogger("tempest_orm.query")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield handler
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)


@pytest.fixture
def worker(db: Database) -> Iterator[list[subprocess.Popen[str]]]:
    """Started workers, killed at the end whatever happens."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def start(db: Database, command: str, number: int) -> subprocess.Popen[str]:
    """A worker process running ``command`` on the test's database."""
    arguments = [command, encode(db.config), str(number)]
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.worker", *arguments],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": ROOT},
        stdout=subprocess.PIPE,
        text=True,
    )


def wait_until_ready(process: subprocess.Popen[str], timeout: float = 60) -> None:
    """Wait for the worker's ``ready`` line: it is in the middle of its work."""
    assert process.stdout is not None
    readable, _, _ = select.select([process.stdout], [], [], timeout)
    assert readable, "the worker never got to the middle of its work"
    assert process.stdout.readline().strip() == "ready"

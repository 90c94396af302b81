"""Fixtures of the reliability tests: the statements that reached the server."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


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

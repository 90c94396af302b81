"""The workloads, what each needs in its fresh database, and the targets."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from benchmarks.backends import Target
from benchmarks.data import Dataset

Timed = Callable[[], object]


@dataclass(frozen=True)
class Workload:
    """One timed task; ``seeded`` names the tables filled before it starts."""

    name: str
    seeded: tuple[str, ...]
    summary: str
    target: float | None = None


WORKLOADS = [
    Workload(
        "insert_one", ("authors",), "N inserts, one model each, one transaction", 4.0
    ),
    Workload("insert_bulk", ("authors",), "one bulk insert of N models", 1.5),
    Workload("select_all", ("books",), "N models hydrated, every attribute read", 2.0),
    Workload("lookup_key", ("books",), "2000 lookups by primary key", 3.0),
    Workload(
        "filter_order_limit", ("books",), "500 x price > ? order by title limit 20", 2.0
    ),
    Workload("eager_author", ("books",), "all books with their author", 2.0),
    Workload("eager_books", ("books",), "all authors with their books", 2.0),
    Workload(
        "eager_nested", ("chapters",), "books with chapters and author.publisher", 2.0
    ),
    Workload("update_each", ("books",), "N/10 models updated one by one", 3.0),
    Workload("update_bulk", ("books",), "one UPDATE of about half the rows"),
    Workload("delete_bulk", ("books",), "one DELETE of about half the rows"),
]
BY_NAME = {workload.name: workload for workload in WORKLOADS}

# The bulk update and delete touch the rows on either side of this price.
MIDDLE_PRICE = 50.0


class Implementation(Protocol):
    """One way of doing every workload: each method sets up, then returns the timed
    part as a callable."""

    name: str

    def open(self, target: Target) -> None:
        """Connect to a fresh database."""

    def close(self) -> None:
        """Disconnect."""

    def prepare(self, workload: str, data: Dataset) -> Timed:
        """Do the untimed set-up of a workload; the callable that is timed."""
        ...

"""Checks beyond speed: statements sent, growth with N, memory of streaming."""

from __future__ import annotations

import gc
import logging
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager

from benchmarks.backends import Backend
from benchmarks.data import generate
from benchmarks.raw import Raw
from benchmarks.runner import clock_for, run_once
from benchmarks.tempest import Book, Tempest, read_book
from benchmarks.workloads import BY_NAME, WORKLOADS
from tempest_orm import query

EAGER = {"eager_author": 2, "eager_books": 2, "eager_nested": 4}
GROWTH = (1_000, 10_000, 100_000)


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def counting() -> Iterator[_Counter]:
    """Count the statements tempest_orm sends, through its query logger."""
    log = logging.getLogger("tempest_orm.query")
    counter, level = _Counter(), log.level
    log.addHandler(counter)
    log.setLevel(logging.DEBUG)
    try:
        yield counter
    finally:
        log.removeHandler(counter)
        log.setLevel(level)


def statements(backend: Backend, n: int) -> list[str]:
    """Statements per eager load (one per relation path) and per bulk insert."""
    data = generate(n)
    lines = []
    for name, expected in EAGER.items():
        workload = BY_NAME[name]
        with backend.fresh(data, workload.seeded) as target:
            implementation = Tempest()
            implementation.open(target)
            timed = implementation.prepare(name, data)
            with counting() as counter:
                timed()
            implementation.close()
        mark = "ok" if counter.count == expected else "WRONG"
        lines.append(
            f"statements, {name:20} {counter.count} (expected {expected}) {mark}"
        )

    workload = BY_NAME["insert_bulk"]
    with backend.fresh(data, workload.seeded) as target:
        implementation = Tempest()
        implementation.open(target)
        timed = implementation.prepare("insert_bulk", data)
        with counting() as counter:
            timed()
        implementation.close()
    # The statements of the transaction itself (BEGIN, COMMIT) count too.
    limit = n // 500
    mark = "ok" if counter.count <= limit else "TOO MANY"
    lines.append(
        f"statements, bulk insert of {n}: {counter.count} (at most {limit}) {mark}"
    )
    return lines


def growth(backend: Backend, repeat: int) -> list[str]:
    """Seconds at N = 1k, 10k and 100k; tempest_orm's 100k within 12x of its 10k.

    Each turn runs every size one after the other, and each size keeps its
    fastest run: a change of load on the machine between sizes would otherwise
    pass for growth. The raw driver's growth is shown beside it: what the
    database and the memory of the machine add when the data no longer fits
    their caches.
    """
    clock = clock_for(backend.name)
    datasets = {n: generate(n) for n in GROWTH}
    runs: dict[tuple[str, str, int], list[float]] = {}
    for workload in WORKLOADS:
        for _ in range(repeat):
            for n, data in datasets.items():
                for factory in (Tempest, Raw):
                    elapsed = run_once(backend, data, workload, factory(), clock)
                    key = (workload.name, factory.name, n)
                    runs.setdefault(key, []).append(elapsed)
    seconds = {key: min(found) for key, found in runs.items()}

    lines = ["growth (fastest seconds of tempest_orm; raw driver for reference):", ""]
    lines.append("| workload | 1k | 10k | 100k | 100k / 10k | raw 100k / 10k |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for workload in WORKLOADS:
        small, middle, large = (seconds[workload.name, Tempest.name, n] for n in GROWTH)
        raw = seconds[workload.name, Raw.name, GROWTH[2]] / max(
            seconds[workload.name, Raw.name, GROWTH[1]], 1e-9
        )
        ratio = large / max(middle, 1e-9)
        mark = "" if ratio <= 12 else " (over 12x)"
        lines.append(
            f"| {workload.name} | {small:.4f} | {middle:.4f} | {large:.4f} "
            f"| {ratio:.1f}x{mark} | {raw:.1f}x |"
        )
    return lines


def memory(backend: Backend) -> list[str]:
    """Peak memory of streaming every book through iteration: 100k against 10k."""
    peaks = {}
    for n in (10_000, 100_000):
        data = generate(n)
        with backend.fresh(data, ("books",)) as target:
            implementation = Tempest()
            implementation.open(target)
            gc.collect()
            tracemalloc.start()
            for book in query(Book).select():
                read_book(book)
            peaks[n] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            implementation.close()
    ratio = peaks[100_000] / peaks[10_000]
    mark = "ok" if ratio < 2 else "TOO MUCH"
    return [
        f"memory, streaming 10k books: peak {peaks[10_000] / 1024:.0f} KiB",
        f"memory, streaming 100k books: peak {peaks[100_000] / 1024:.0f} KiB "
        f"({ratio:.2f}x of 10k, under 2x: {mark})",
    ]


def run_all(backend: Backend, n: int, repeat: int) -> list[str]:
    """Every check, as lines to print."""
    lines = statements(backend, n)
    lines += ["", *memory(backend), ""]
    lines += growth(backend, repeat)
    return lines

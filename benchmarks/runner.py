"""Timing: alternate the implementations, a fresh database for every run."""

from __future__ import annotations

import gc
import logging
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from benchmarks.backends import Backend
from benchmarks.data import Dataset
from benchmarks.workloads import Implementation, Workload

Factory = Callable[[], Implementation]


@dataclass
class Timings:
    """Seconds per implementation and workload, every repeat kept."""

    seconds: dict[tuple[str, str], list[float]] = field(default_factory=dict)

    def add(self, workload: str, implementation: str, elapsed: float) -> None:
        self.seconds.setdefault((workload, implementation), []).append(elapsed)

    def median(self, workload: str, implementation: str) -> float | None:
        found = self.seconds.get((workload, implementation))
        return statistics.median(found) if found else None

    def ratio(self, workload: str, implementation: str, baseline: str) -> float | None:
        """The median of the turns' ratios: the runs of one turn are close in
        time, so a change in the machine's load between turns cancels out."""
        mine = self.seconds.get((workload, implementation))
        base = self.seconds.get((workload, baseline))
        if not mine or not base:
            return None
        return statistics.median(m / b for m, b in zip(mine, base, strict=True) if b)


def clock_for(backend: str) -> Callable[[], float]:
    """The clock of a backend's runs.

    SQLite does all its work in this process, so the process's CPU time is
    the measure least disturbed by whatever else the machine runs. A server
    works in another process, which only the wall clock sees.
    """
    return time.process_time if backend == "sqlite" else time.perf_counter


def measure(
    backend: Backend,
    data: Dataset,
    workloads: Sequence[Workload],
    factories: Sequence[Factory],
    repeat: int,
    progress: Callable[[str], None] = lambda text: None,
) -> Timings:
    """Time every workload with every implementation, ``repeat`` times each."""
    timings = Timings()
    clock = clock_for(backend.name)
    quiet = logging.getLogger("tempest_orm.query")
    level = quiet.level
    # Statement logging is for counting, never for timing.
    quiet.setLevel(logging.WARNING)
    try:
        warm_up(backend, factories)
        for workload in workloads:
            for turn in range(repeat):
                # Each turn starts with a different implementation, so that
                # none always runs first on a cold cache.
                shift = turn % len(factories)
                for factory in [*factories[shift:], *factories[:shift]]:
                    implementation = factory()
                    elapsed = run_once(backend, data, workload, implementation, clock)
                    timings.add(workload.name, implementation.name, elapsed)
            progress(workload.name)
    finally:
        quiet.setLevel(level)
    return timings


def warm_up(backend: Backend, factories: Sequence[Factory]) -> None:
    """Run every workload once on a few rows, so no timing pays for first use
    (lazy imports, compiled mappers, cached metadata)."""
    from benchmarks.data import generate
    from benchmarks.workloads import WORKLOADS

    tiny = generate(20)
    for workload in WORKLOADS:
        for factory in factories:
            run_once(backend, tiny, workload, factory(), time.perf_counter)


def run_once(
    backend: Backend,
    data: Dataset,
    workload: Workload,
    implementation: Implementation,
    clock: Callable[[], float],
) -> float:
    """Seconds of one workload by one implementation, on a fresh database."""
    with backend.fresh(data, workload.seeded) as target:
        implementation.open(target)
        try:
            timed = implementation.prepare(workload.name, data)
            # Frozen objects are left out of collections, so a run pays for
            # collecting what it allocates, not for the size of this harness
            # (three ORMs and their imports) or of the dataset.
            gc.collect()
            gc.freeze()
            try:
                started = clock()
                timed()
                return clock() - started
            finally:
                gc.unfreeze()
        finally:
            implementation.close()


def table(
    timings: Timings,
    workloads: Sequence[Workload],
    names: Sequence[str],
    baseline: str,
) -> str:
    """A Markdown table of median seconds, each with its ratio to the baseline."""
    header = ["workload", *names, "target"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|",
    ]
    for workload in workloads:
        cells = [workload.name]
        for name in names:
            seconds = timings.median(workload.name, name)
            ratio = timings.ratio(workload.name, name, baseline)
            if seconds is None:
                cells.append("-")
            elif ratio is not None and name != baseline:
                cells.append(f"{seconds:.3f} s ({ratio:.2f}x)")
            else:
                cells.append(f"{seconds:.3f} s")
        cells.append("-" if workload.target is None else f"<= {workload.target}x")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdicts(
    timings: Timings, workloads: Sequence[Workload], name: str, baseline: str
) -> list[str]:
    """One line per target: met or missed, with the ratio measured."""
    lines = []
    for workload in workloads:
        ratio = timings.ratio(workload.name, name, baseline)
        if workload.target is None or ratio is None:
            continue
        mark = "met" if ratio <= workload.target else "MISSED"
        lines.append(
            f"{workload.name:20} {ratio:5.2f}x  (<= {workload.target}x) {mark}"
        )
    return lines

"""``python -m benchmarks.profile WORKLOAD``: where tempest_orm spends a workload."""

from __future__ import annotations

import argparse
import cProfile
import pstats

from benchmarks.backends import Backend
from benchmarks.data import generate
from benchmarks.tempest import Tempest
from benchmarks.workloads import BY_NAME


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile")
    parser.add_argument("workload", choices=sorted(BY_NAME))
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--backend", default="sqlite")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    backend = Backend(args.backend)
    data = generate(args.n)
    workload = BY_NAME[args.workload]
    implementation = Tempest()
    try:
        with backend.fresh(data, workload.seeded) as target:
            implementation.open(target)
            timed = implementation.prepare(workload.name, data)
            profiler = cProfile.Profile()
            profiler.runcall(timed)
            implementation.close()
    finally:
        backend.close()
    stats = pstats.Stats(profiler).sort_stats("tottime")
    stats.print_stats(args.top)


if __name__ == "__main__":
    main()

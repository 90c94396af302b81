"""``python -m benchmarks --n 10000``: the comparison table, then the checks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from benchmarks import checks
from benchmarks.backends import Backend
from benchmarks.data import generate
from benchmarks.runner import Factory, measure, table, verdicts
from benchmarks.workloads import BY_NAME, WORKLOADS


def implementations(peers: bool) -> list[Factory]:
    """tempest_orm and the raw driver, then whichever peers are installed."""
    from benchmarks.raw import Raw
    from benchmarks.tempest import Tempest

    found: list[Factory] = [Tempest, Raw]
    if not peers:
        return found
    try:
        from benchmarks.peers.sqlalchemy_core import SQLAlchemyCore
        from benchmarks.peers.sqlalchemy_orm import SQLAlchemyORM

        found += [SQLAlchemyCore, SQLAlchemyORM]
    except ImportError:
        print("SQLAlchemy is not installed: skipped", file=sys.stderr)
    try:
        from benchmarks.peers.peewee_models import Peewee

        found.append(Peewee)
    except ImportError:
        print("peewee is not installed: skipped", file=sys.stderr)
    return found


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time tempest_orm against the raw driver, SQLAlchemy and peewee.",
    )
    parser.add_argument("--n", type=int, default=10_000, help="books (default 10000)")
    parser.add_argument(
        "--backend", choices=("sqlite", "postgres", "mysql"), default="sqlite"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per median")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(BY_NAME),
        metavar="WORKLOAD",
        help="run only this workload (may be given again)",
    )
    parser.add_argument(
        "--no-peers", action="store_true", help="only tempest_orm and the raw driver"
    )
    parser.add_argument(
        "--checks",
        action="store_true",
        help="also count statements, and measure growth (1k/10k/100k) and memory",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    workloads = [BY_NAME[name] for name in args.only] if args.only else WORKLOADS
    factories = implementations(not args.no_peers)
    names = [factory().name for factory in factories]
    backend = Backend(args.backend)
    try:
        print(f"# {args.backend}, N = {args.n}, median of {args.repeat}\n")
        data = generate(args.n)
        timings = measure(
            backend,
            data,
            workloads,
            factories,
            args.repeat,
            progress=lambda name: print(f"  done: {name}", file=sys.stderr),
        )
        print(table(timings, workloads, names, "raw driver"))
        print("\ntempest_orm against its targets:")
        print("\n".join(verdicts(timings, workloads, "tempest_orm", "raw driver")))
        if args.checks:
            print()
            print("\n".join(checks.run_all(backend, args.n, min(args.repeat, 3))))
    finally:
        backend.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Fixtures: every test that asks for ``db`` runs on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tempest_orm import Database, configure
from tempest_orm.config import set_root
from tempest_orm.registry import reset
from tests.backends import BACKENDS, required, sandbox, unreachable

os.environ.setdefault("TEMPEST_HASH_FAST", "1")


def use_backend(backend: str) -> None:
    """Skip, or fail when the backend is required, if it cannot be reached."""
    reason = unreachable(backend)
    if reason is None:
        return
    if backend in required():
        pytest.fail(f"{reason} (required by TEMPEST_TEST_REQUIRE)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path) -> Iterator[None]:
    """Each test starts with no connections and its own application root."""
    reset()
    set_root(tmp_path)
    yield
    reset()
    set_root(None)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The name of the backend this run of the test uses."""
    name: str = request.param
    use_backend(name)
    return name


@pytest.fixture
def db(backend: str, tmp_path: Path) -> Iterator[Database]:
    """The default connection, on a fresh schema of the backend."""
    with sandbox(backend, str(tmp_path)) as config:
        database = configure(config)
        yield database
        reset()


@pytest.fixture
def make_sandbox(backend: str, tmp_path: Path) -> Iterator[object]:
    """Open more fresh schemas on the same backend, with tags."""
    from contextlib import ExitStack

    with ExitStack() as stack:

        def make(tag: str | None = None) -> Database:
            config = stack.enter_context(sandbox(backend, str(tmp_path), tag))
            return configure(config)

        yield make
        reset()


_BACKEND_ID = re.compile(r"\[(?:[^\]]*-)?(sqlite|postgres|mysql)(?:-[^\]]*)?\]")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print how many tests passed, failed and skipped on each backend."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in BACKENDS}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            match = _BACKEND_ID.search(nodeid)
            if match and getattr(report, "when", "call") in ("call", "setup"):
                if outcome == "passed" and report.when != "call":
                    continue
                counts[match.group(1)][outcome] += 1

    terminalreporter.section("tests per backend")
    for name in BACKENDS:
        c = counts[name]
        terminalreporter.write_line(
            f"{name:9} {c['passed']} passed, {c['failed'] + c['error']} failed, "
            f"{c['skipped']} skipped"
        )

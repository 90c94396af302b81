"""The bookshop example runs end to end on every backend and reports what it did."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tempest_orm.config import MysqlConfig, PostgresConfig
from tests.backends import sandbox

REPO = Path(__file__).resolve().parents[2]
MAIN = REPO / "examples" / "bookshop" / "main.py"


def run_bookshop(backend: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BOOKSHOP_DATA=str(tmp_path), BOOKSHOP_DRIVER=backend)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO), env.get("PYTHONPATH")])
    )
    env.pop("TEMPEST_ROOT", None)
    with sandbox(backend, str(tmp_path)) as config:
        if isinstance(config, PostgresConfig | MysqlConfig):
            env.update(
                DATABASE_HOST=config.host,
                DATABASE_PORT=str(config.port),
                DATABASE_USERNAME=config.username,
                DATABASE_PASSWORD=config.password,
                DATABASE_DATABASE=config.database,
            )
        if isinstance(config, PostgresConfig) and config.schema:
            env["DATABASE_SCHEMA"] = config.schema
        return subprocess.run(
            [sys.executable, str(MAIN)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )


def test_the_bookshop_report(backend: str, tmp_path: Path) -> None:
    result = run_bookshop(backend, tmp_path)
    assert result.returncode == 0, result.stderr

    report = result.stdout
    assert f"migrated {backend}: 2024-01-01_create_publishers_and_authors" in report
    assert "2024-01-04_cheap_books" in report
    assert "seeded 3 authors, 2 books" in report
    assert "created 'Timeline Taxi' with 3 chapters" in report
    lines = report.splitlines()
    listed = lines.index("books since 1960, newest title first:")
    titles = [line.split(" (")[0].strip() for line in lines[listed + 1 : listed + 4]]
    assert titles == ["Timeline Taxi", "The Dispossessed", "Dune"]
    assert "Stitcher Press" in lines[listed + 1]
    assert "deleted chapter 3 of 'Timeline Taxi': 2 left" in report
    assert "verifies: True, token readable: True, theme: dark" in report
    assert "correct horse" not in report and "tok_live" not in report
    assert "copied to backup: Dune, The Dispossessed" in report
    assert (tmp_path / "backup.sqlite").exists()


def test_the_bookshop_runs_twice_on_the_same_files(tmp_path: Path) -> None:
    first = run_bookshop("sqlite", tmp_path)
    again = run_bookshop("sqlite", tmp_path)
    assert first.returncode == 0 and again.returncode == 0, again.stderr

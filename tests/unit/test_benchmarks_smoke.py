"""The benchmark runner runs: a few rows, one repeat, on SQLite. Nothing is timed."""

from __future__ import annotations

import pytest

from benchmarks.__main__ import main


def test_the_runner_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    # The peers are optional and slow to set up: tempest_orm and the raw
    # driver are enough to see every workload run.
    assert main(["--n", "50", "--repeat", "1", "--no-peers"]) == 0

    out = capsys.readouterr().out
    assert "| workload |" in out
    assert "| eager_nested |" in out
    assert "raw driver" in out

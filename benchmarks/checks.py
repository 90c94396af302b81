"""Checks beyond speed: statements sent, growth with N, memory of streaming."""

from __future__ import annotations

from benchmarks.backends import Backend


def run_all(backend: Backend) -> list[str]:
    return []

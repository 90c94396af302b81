"""The isolation each backend runs transactions at, as docs/reliability.md states."""

from __future__ import annotations

import sqlite3

import pytest

from tempest_orm import Database, Query, QueryError

LEVEL = {
    "postgres": ("SHOW transaction_isolation", "read committed"),
    "mysql": ("SELECT @@SESSION.tx_isolation AS level", "REPEATABLE-READ"),
}


def test_server_defaults_are_used(db: Database) -> None:
    if not db.grammar.supports_for_update:
        pytest.skip("no row locks and no isolation levels: writers are serialised")
    sql, expected = LEVEL[db.dialect]
    with db.transaction():
        try:
            row = db.fetch_first(Query(sql))
        except QueryError:  # MySQL 8 names it transaction_isolation
            row = db.fetch_first(Query("SELECT @@transaction_isolation AS level"))
    assert row is not None and next(iter(row.values())) == expected


def test_sqlite_transactions_take_the_write_lock_when_they_begin(
    db: Database,
) -> None:
    if db.grammar.supports_for_update:
        pytest.skip("writers that lock rows are not serialised as a whole")
    db.execute(Query("CREATE TABLE t (x INTEGER)"))
    other = sqlite3.connect(db.config.resolved_path(), timeout=0.1)  # type: ignore[union-attr]
    try:
        with db.transaction():
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            # Readers are not blocked: WAL gives them the last committed state.
            assert other.execute("SELECT COUNT(*) FROM t").fetchone() == (0,)
    finally:
        other.close()

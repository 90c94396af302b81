"""A separate process for the fault and concurrency tests.

``python -m tests.reliability.worker COMMAND CONFIG_JSON COUNT`` connects with the
config and runs one command; a line ``ready`` on stdout tells the parent that the
worker is in the middle of its work, where the parent may kill it.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import time
from collections.abc import Callable
from typing import Any

from tempest_orm import configure, query
from tempest_orm.config import MysqlConfig, PostgresConfig, SQLiteConfig

CONFIGS: dict[str, Any] = {
    "sqlite": SQLiteConfig,
    "postgres": PostgresConfig,
    "mysql": MysqlConfig,
}
ROWS_PER_CALL = 500
Config = SQLiteConfig | PostgresConfig | MysqlConfig


def encode(config: Config) -> str:
    """A config as JSON, for the command line of a worker."""
    fields = {
        f.name: getattr(config, f.name)
        for f in dataclasses.fields(config)
        if f.name not in ("tag", "naming_strategy")
    }
    return json.dumps({"dialect": config.dialect, **fields})


def decode(text: str) -> Config:
    """The config a parent encoded."""
    fields = json.loads(text)
    return CONFIGS[fields.pop("dialect")](**fields)  # type: ignore[no-any-return]


def ready_then_hang() -> None:
    """Tell the parent the work is half done, then wait to be killed."""
    print("ready", flush=True)
    time.sleep(120)


def rows(start: int, count: int) -> list[dict[str, object]]:
    return [{"n": n, "body": f"row {n}"} for n in range(start, start + count)]


def bulk_in_transaction(config: Config, count: int) -> None:
    """Insert ``count`` rows in one transaction, hanging halfway through it."""
    db = configure(config)
    with db.transaction():
        for start in range(0, count, ROWS_PER_CALL):
            query("bulk").insert(*rows(start, ROWS_PER_CALL)).execute()
            if start >= count // 2:
                ready_then_hang()


class HangAfterSecondInsert(logging.Handler):
    """Hangs the worker once two INSERT batches have been sent."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.inserts = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("INSERT"):
            self.inserts += 1
            if self.inserts == 2:
                ready_then_hang()


def bulk_in_one_call(config: Config, count: int) -> None:
    """Insert ``count`` rows with one multi-batch call, hanging between batches."""
    configure(config)
    logger = logging.getLogger("tempest_orm.query")
    logger.addHandler(HangAfterSecondInsert())
    logger.setLevel(logging.DEBUG)
    query("bulk").insert(*rows(0, count)).execute()


def increment(config: Config, count: int) -> None:
    """Add one to the counter ``count`` times, each in a locking transaction."""
    db = configure(config)
    print("ready", flush=True)
    for _ in range(count):
        with db.transaction():
            row = query("counters").select("value").where("id = ?", 1)
            found = row.for_update().first()
            assert found is not None
            query("counters").update(value=found["value"] + 1).where(
                "id = ?", 1
            ).execute()


COMMANDS: dict[str, Callable[[Config, int], None]] = {
    "bulk-transaction": bulk_in_transaction,
    "bulk-insert": bulk_in_one_call,
    "increment": increment,
}

if __name__ == "__main__":
    command, config, count = sys.argv[1:4]
    COMMANDS[command](decode(config), int(count))

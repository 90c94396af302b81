"""What migrating needs of each backend: a lock, the table list, dropping them all."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import ClassVar

from tempest_orm.config.configs import SQLiteConfig
from tempest_orm.database import Database
from tempest_orm.exceptions import IntegrityError, QueryError
from tempest_orm.migrations.exceptions import MigrationsLocked
from tempest_orm.query import Query
from tempest_orm.statements.base import Procedure, QueryStatement, Step, plan_of

if sys.platform != "win32":
    import fcntl

# Statements MySQL runs inside the transaction; anything else commits it.
_DML = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|SELECT|WITH)\b", re.IGNORECASE)

# How long a MySQL process waits for another one's migrations to finish.
_LOCK_SECONDS = 120


class MigrationBackend(ABC):
    """What every backend offers the manager; each dialect fills in the rest."""

    tables_sql: ClassVar[str]

    def __init__(self, database: Database) -> None:
        self.database = database
        self.quote = database.grammar.quote

    @abstractmethod
    def lock(self) -> AbstractContextManager[None]:
        """Hold the migration lock of this schema: one migrating process at a time."""

    @abstractmethod
    def drop_all(self) -> list[str]:
        """Drop every view and table of the schema, whoever created them."""

    @contextmanager
    def scope(self, foreign_keys_off: bool) -> Iterator[None]:
        """The transaction of one migration and its record."""
        with self.database.transaction():
            yield

    def kept_after_failure(self, done: list[Step]) -> int:
        """How many of the steps run before a failure stay applied after it."""
        return 0

    def relations(self) -> list[tuple[str, bool]]:
        """Every table and view of the schema, as (name, is_view)."""
        rows = self.database.fetch(Query(self.tables_sql))
        return sorted((str(row["name"]), row["kind"] == "VIEW") for row in rows)

    def has_table(self, name: str) -> bool:
        """Whether the schema holds this table."""
        return (name, False) in self.relations()

    def table_bytes(self, name: str) -> int | None:
        """The bytes a table and its indexes take on disk, where the server says."""
        row = self.database.fetch_first(Query(self.size_sql, [name]))
        size = None if row is None else row["size"]
        return None if size is None else int(size)

    size_sql: ClassVar[str]


class PostgresMigrationBackend(MigrationBackend):
    """PostgreSQL: an advisory lock per schema, and CASCADE to drop."""

    tables_sql = (
        "SELECT table_name AS name, table_type AS kind FROM information_schema.tables "
        "WHERE table_schema = current_schema()"
    )
    _key = "hashtext(current_schema() || ':tempest_migrations')"
    size_sql = (
        "SELECT pg_total_relation_size(format('%I.%I', current_schema(), ?)) AS size"
    )

    @contextmanager
    def lock(self) -> Iterator[None]:
        """A session advisory lock, keyed by the schema's name."""
        self.database.execute(Query(f"SELECT pg_advisory_lock({self._key})"))
        try:
            yield
        finally:
            self.database.execute(Query(f"SELECT pg_advisory_unlock({self._key})"))

    def drop_all(self) -> list[str]:
        """Drop every view and table in one transaction."""
        found = self.relations()
        views = [self.quote(name) for name, is_view in found if is_view]
        tables = [self.quote(name) for name, is_view in found if not is_view]

        with self.database.transaction():
            # CASCADE takes the foreign keys and views of other tables along.
            if views:
                self.database.execute(
                    Query(f"DROP VIEW IF EXISTS {', '.join(views)} CASCADE")
                )
            if tables:
                self.database.execute(
                    Query(f"DROP TABLE IF EXISTS {', '.join(tables)} CASCADE")
                )
        return [name for name, _ in found]


class MysqlMigrationBackend(MigrationBackend):
    """MySQL and MariaDB: DDL commits on its own, so a failure leaves its part."""

    tables_sql = (
        "SELECT table_name AS name, table_type AS kind FROM information_schema.tables "
        "WHERE table_schema = DATABASE()"
    )
    _key = "SHA1(CONCAT('tempest_migrations:', DATABASE()))"
    size_sql = (
        "SELECT data_length + index_length AS size FROM information_schema.tables "
        "WHERE table_schema = DATABASE() AND table_name = ?"
    )

    def kept_after_failure(self, done: list[Step]) -> int:
        """Every step up to the last DDL one: each DDL statement commits at once."""
        ddl = [i for i, step in enumerate(done) if not _is_dml(step)]
        return ddl[-1] + 1 if ddl else 0

    @contextmanager
    def lock(self) -> Iterator[None]:
        """A named lock per database, released when the block ends."""
        row = self.database.fetch_first(
            Query(f"SELECT GET_LOCK({self._key}, {_LOCK_SECONDS}) AS taken")
        )
        if row is None or row["taken"] != 1:
            raise MigrationsLocked(
                f"another process held the migration lock for {_LOCK_SECONDS} s",
                dialect=self.database.dialect,
                tag=self.database.key,
            )
        try:
            yield
        finally:
            self.database.execute(Query(f"SELECT RELEASE_LOCK({self._key})"))

    def drop_all(self) -> list[str]:
        """Drop every view and table with foreign key checks off for the session."""
        found = self.relations()
        self.database.execute(Query("SET FOREIGN_KEY_CHECKS = 0"))
        try:
            for name, is_view in found:
                kind = "VIEW" if is_view else "TABLE"
                self.database.execute(
                    Query(f"DROP {kind} IF EXISTS {self.quote(name)}")
                )
        finally:
            self.database.execute(Query("SET FOREIGN_KEY_CHECKS = 1"))
        return [name for name, _ in found]


class SQLiteMigrationBackend(MigrationBackend):
    """SQLite: a lock file beside the database, and foreign keys off for rebuilds."""

    tables_sql = (
        "SELECT name, CASE type WHEN 'view' THEN 'VIEW' ELSE 'BASE TABLE' END AS kind "
        "FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%'"
    )
    size_sql = "SELECT SUM(pgsize) AS size FROM dbstat WHERE name = ?"

    def table_bytes(self, name: str) -> int | None:
        """The pages of the table itself, where SQLite was built with dbstat."""
        try:
            return super().table_bytes(name)
        except QueryError:
            # TODO: SQLite builds without the dbstat table cannot size one table;
            # db:show then shows no size for it.
            return None

    @contextmanager
    def lock(self) -> Iterator[None]:
        """An exclusive lock on a file beside the database, held by this process."""
        config = self.database.config
        path = config.resolved_path() if isinstance(config, SQLiteConfig) else ""
        if not path or path == ":memory:" or path.startswith("file:"):
            yield
            return
        if sys.platform == "win32":
            # TODO: lock the file with msvcrt on Windows; until then two
            # processes migrating one SQLite file at once may both apply a
            # migration, and the second fails on the record's unique name.
            yield
            return

        # Opening the connection first creates the database's folder.
        self.database.connection()
        descriptor = os.open(f"{path}-migrations.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)

    @contextmanager
    def scope(self, foreign_keys_off: bool) -> Iterator[None]:
        """A transaction; keys are checked at its end when they had to be off."""
        if not foreign_keys_off:
            with self.database.transaction():
                yield
            return

        # The pragma is ignored inside a transaction, so it is set before one.
        self.database.execute(Query("PRAGMA foreign_keys = OFF"))
        try:
            with self.database.transaction():
                yield
                self._check_foreign_keys()
        finally:
            self.database.execute(Query("PRAGMA foreign_keys = ON"))

    def _check_foreign_keys(self) -> None:
        broken = self.database.fetch(Query("PRAGMA foreign_key_check"))
        if broken:
            tables = sorted({str(row["table"]) for row in broken})
            raise IntegrityError(
                f"the migration leaves rows of {', '.join(tables)} "
                "referencing rows that do not exist",
                dialect="sqlite",
                tag=self.database.key,
            )

    def drop_all(self) -> list[str]:
        """Drop every view and table with foreign keys off, in one transaction."""
        found = self.relations()
        self.database.execute(Query("PRAGMA foreign_keys = OFF"))
        try:
            with self.database.transaction():
                for name, is_view in found:
                    kind = "VIEW" if is_view else "TABLE"
                    self.database.execute(
                        Query(f"DROP {kind} IF EXISTS {self.quote(name)}")
                    )
        finally:
            self.database.execute(Query("PRAGMA foreign_keys = ON"))
        return [name for name, _ in found]


def _is_dml(step: Step) -> bool:
    return isinstance(step, str) and _DML.match(step) is not None


BACKENDS: dict[str, type[MigrationBackend]] = {
    "sqlite": SQLiteMigrationBackend,
    "mysql": MysqlMigrationBackend,
    "postgres": PostgresMigrationBackend,
}


def backend_for(database: Database) -> MigrationBackend:
    """The migration behaviour of a database's dialect."""
    return BACKENDS[database.dialect](database)


def run_steps(
    database: Database,
    steps: Sequence[Step],
    on_step: Callable[[], None] | None = None,
    after: Callable[[], None] | None = None,
) -> None:
    """Carry out planned steps in one transaction (foreign keys off if one asks)."""
    keys_off = any(isinstance(s, Procedure) and s.foreign_keys_off for s in steps)
    with backend_for(database).scope(keys_off):
        for step in steps:
            if isinstance(step, str):
                database.execute(Query(step))
            else:
                step.execute(database)
            if on_step is not None:
                on_step()
        if after is not None:
            after()


def run_statements(database: Database, statements: Sequence[QueryStatement]) -> None:
    """Run DDL statements on a database, as a migration would."""
    steps = [
        s for statement in statements for s in plan_of(statement, database.grammar)
    ]
    run_steps(database, steps)

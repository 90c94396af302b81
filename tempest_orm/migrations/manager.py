"""MigrationManager: applies, undoes, validates and rehashes migrations."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from tempest_orm.config.configs import Tag
from tempest_orm.database import Database
from tempest_orm.exceptions import DatabaseError
from tempest_orm.migrations.backends import MigrationBackend, backend_for, run_steps
from tempest_orm.migrations.base import (
    MigratesDown,
    MigratesUp,
    Migration,
    ShouldMigrate,
    name_of,
)
from tempest_orm.migrations.exceptions import MigrationFailed, MigrationsTampered
from tempest_orm.migrations.hashing import hash_statements
from tempest_orm.query import Query
from tempest_orm.statements import CreateTableStatement, plan_of
from tempest_orm.statements.base import QueryStatement, as_statements

log = logging.getLogger("tempest_orm.migrations")

MIGRATIONS_TABLE = "migrations"

Direction = Literal["up", "down"]


@dataclass(frozen=True)
class MigrationEvent:
    """A migration starting or finishing, for progress reports."""

    name: str
    direction: Direction
    finished: bool
    seconds: float | None = None


@dataclass(frozen=True)
class MigrationStatus:
    """Whether a migration is applied, and whether it changed since."""

    name: str
    applied: bool
    applied_at: object = None
    tampered: bool = False


Listener = Callable[[MigrationEvent], None]


class MigrationManager:
    """Runs migrations on one database; discovered under the root unless given."""

    def __init__(
        self,
        migrations: Iterable[Migration] | None = None,
        *,
        tag: Tag = None,
        listener: Listener | None = None,
    ) -> None:
        self._given = None if migrations is None else list(migrations)
        self._found: list[Migration] | None = None
        self.tag = tag
        self.listener = listener

    def on_database(self, tag: Tag) -> MigrationManager:
        """The same migrations, run on the connection of ``tag``."""
        manager = MigrationManager(self._given, tag=tag, listener=self.listener)
        manager._found = self._found
        return manager

    @property
    def database(self) -> Database:
        """The Database migrations run on."""
        from tempest_orm.registry import database

        return database(self.tag)

    @property
    def migrations(self) -> list[Migration]:
        """Every known migration, in name order."""
        if self._given is not None:
            return sorted(self._given, key=name_of)
        if self._found is None:
            from tempest_orm.config.environment import get_root
            from tempest_orm.discovery.migrations import discover_migrations

            self._found = discover_migrations(get_root())
        return self._found

    # Commands --------------------------------------------------------------

    def up(self, validate: bool = True) -> list[str]:
        """Apply every migration not yet applied, in name order."""
        with self._locked() as backend:
            return self._up(backend, validate)

    def down(self) -> list[str]:
        """Undo every applied migration that can migrate down, newest first."""
        undone: list[str] = []
        with self._locked() as backend:
            applied = self._applied(backend)
            for migration in reversed(self.migrations):
                if not isinstance(migration, MigratesDown):
                    continue
                if name_of(migration) in applied and self._belongs(migration):
                    self._run_down(backend, migration)
                    undone.append(name_of(migration))
        return undone

    def fresh(self, validate: bool = True) -> list[str]:
        """Drop every table of the database, then apply every migration."""
        with self._locked() as backend:
            if validate:
                self._validate(backend)
            dropped = backend.drop_all()
            log.info("dropped %d tables and views", len(dropped))
            self._create_table(backend)
            return self._up(backend, validate=False)

    def validate(self) -> None:
        """Raise MigrationsTampered naming every migration changed since applied."""
        self._validate(backend_for(self.database))

    def rehash(self) -> list[str]:
        """Store the current hash of every applied migration; the names changed."""
        changed: list[str] = []
        with self._locked() as backend:
            applied = self._applied(backend)
            table, name_column, hash_column = self._names("name", "hash")
            for name, digest in self._hashes(applied).items():
                if applied[name]["hash"] != digest:
                    sql = (
                        f"UPDATE {table} SET {hash_column} = ? WHERE {name_column} = ?"
                    )
                    self._execute(sql, [digest, name])
                    changed.append(name)
        return changed

    def status(self) -> list[MigrationStatus]:
        """Every known migration and every applied one, with its state."""
        backend = backend_for(self.database)
        applied = self._applied(backend)
        hashes = self._hashes(applied)
        names = sorted({*(name_of(m) for m in self.migrations), *applied})
        return [
            MigrationStatus(
                name,
                name in applied,
                applied[name]["applied_at"] if name in applied else None,
                name in hashes and hashes[name] != applied[name]["hash"],
            )
            for name in names
        ]

    def execute_up(self, migration: MigratesUp) -> bool:
        """Apply one migration unless it is applied or not for this database."""
        with self._locked() as backend:
            if name_of(migration) in self._applied(backend):
                return False
            if not self._belongs(migration):
                return False
            self._run_up(backend, migration)
        return True

    def execute_down(self, migration: MigratesDown) -> bool:
        """Undo one applied migration and forget its record."""
        with self._locked() as backend:
            if name_of(migration) not in self._applied(backend):
                return False
            if not self._belongs(migration):
                return False
            self._run_down(backend, migration)
        return True

    # Steps -----------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[MigrationBackend]:
        backend = backend_for(self.database)
        with backend.lock():
            # The applied list is read again under the lock by every caller,
            # so a migration another process just applied is not run twice.
            if not backend.has_table(MIGRATIONS_TABLE):
                self._create_table(backend)
            yield backend

    def _create_table(self, backend: MigrationBackend) -> None:
        statement = (
            CreateTableStatement(MIGRATIONS_TABLE)
            .primary()
            .varchar("name", unique=True)
            .varchar("hash", length=64)
            .datetime("applied_at")
        )
        with backend.scope(foreign_keys_off=False):
            for sql in statement.compile(self.database.grammar):
                self._execute(sql)

    def _up(self, backend: MigrationBackend, validate: bool) -> list[str]:
        applied = self._applied(backend)
        if validate:
            self._check(applied)

        done: list[str] = []
        for migration in self.migrations:
            if not isinstance(migration, MigratesUp):
                continue
            if name_of(migration) in applied or not self._belongs(migration):
                continue
            self._run_up(backend, migration)
            done.append(name_of(migration))
        return done

    def _run_up(self, backend: MigrationBackend, migration: MigratesUp) -> None:
        name = name_of(migration)
        statements = self._statements(migration, "up")
        digest = hash_statements(statements, self.database.grammar)
        table, *columns = self._names("name", "hash", "applied_at")

        def record() -> None:
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES (?, ?, ?)"
            now = datetime.now(UTC).replace(tzinfo=None)
            self._execute(sql, [name, digest, now])

        self._run(backend, name, "up", statements, record)

    def _run_down(self, backend: MigrationBackend, migration: MigratesDown) -> None:
        name = name_of(migration)
        statements = self._statements(migration, "down")
        table, name_column = self._names("name")

        def forget() -> None:
            self._execute(f"DELETE FROM {table} WHERE {name_column} = ?", [name])

        self._run(backend, name, "down", statements, forget)

    def _run(
        self,
        backend: MigrationBackend,
        name: str,
        direction: Direction,
        statements: list[QueryStatement],
        bookkeeping: Callable[[], None],
    ) -> None:
        grammar = self.database.grammar
        steps = [
            step for statement in statements for step in plan_of(statement, grammar)
        ]
        self._emit(MigrationEvent(name, direction, finished=False))
        started = time.perf_counter()

        done = 0

        def step_done() -> None:
            nonlocal done
            done += 1

        try:
            run_steps(self.database, steps, step_done, bookkeeping)
        except DatabaseError as error:
            kept = backend.kept_after_failure(steps[:done])
            failure = self._failure(name, direction, error, done, len(steps), kept)
            raise failure from error

        seconds = time.perf_counter() - started
        log.info("migrated %s %s [%.1f ms]", direction, name, seconds * 1000)
        self._emit(MigrationEvent(name, direction, finished=True, seconds=seconds))

    def _failure(
        self,
        name: str,
        direction: Direction,
        error: DatabaseError,
        done: int,
        total: int,
        kept: int,
    ) -> MigrationFailed:
        where = f", statement {done + 1} of {total}" if done < total else ""
        message = f"migration {name} failed ({direction}{where}): {error.reason}"
        if kept == 0:
            message += "; nothing of it was applied"
        else:
            message += (
                f"; its first {kept} statement(s) stay applied, as "
                f"{self.database.dialect} commits DDL at once, but it was not recorded"
            )
        return MigrationFailed(
            message,
            migration=name,
            applied=kept,
            sql=error.sql,
            dialect=self.database.dialect,
            tag=self.database.key,
        )

    def _statements(
        self, migration: Migration, direction: Direction
    ) -> list[QueryStatement]:
        name = name_of(migration)
        try:
            result = getattr(migration, direction)()
            return as_statements(result, f"{direction}() of migration {name}")
        except DatabaseError:
            raise
        except Exception as error:
            raise MigrationFailed(
                f"migration {name} failed ({direction}): "
                f"{type(error).__name__}: {error}; nothing of it was applied",
                migration=name,
                dialect=self.database.dialect,
                tag=self.database.key,
            ) from error

    # Records ---------------------------------------------------------------

    def _applied(self, backend: MigrationBackend) -> dict[str, dict[str, Any]]:
        if not backend.has_table(MIGRATIONS_TABLE):
            return {}
        table, *columns, key = self._names("name", "hash", "applied_at", "id")
        rows = self.database.fetch(
            Query(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {key}")
        )
        return {str(row["name"]): row for row in rows}

    def _hashes(self, applied: dict[str, dict[str, Any]]) -> dict[str, str]:
        """The current hash of every applied migration that is still known."""
        hashes: dict[str, str] = {}
        for migration in self.migrations:
            name = name_of(migration)
            if isinstance(migration, MigratesUp) and name in applied:
                statements = self._statements(migration, "up")
                hashes[name] = hash_statements(statements, self.database.grammar)
        return hashes

    def _validate(self, backend: MigrationBackend) -> None:
        self._check(self._applied(backend))

    def _check(self, applied: dict[str, dict[str, Any]]) -> None:
        hashes = self._hashes(applied)
        tampered = [
            name for name, digest in hashes.items() if applied[name]["hash"] != digest
        ]
        if tampered:
            raise MigrationsTampered(
                tampered, dialect=self.database.dialect, tag=self.database.key
            )

    def _belongs(self, migration: Migration) -> bool:
        if isinstance(migration, ShouldMigrate):
            return migration.should_migrate(self.database)
        return True

    def _names(self, *columns: str) -> list[str]:
        """The quoted names of the migrations table and of some of its columns."""
        quote = self.database.grammar.quote
        return [quote(MIGRATIONS_TABLE), *(quote(column) for column in columns)]

    def _execute(self, sql: str, bindings: list[object] | None = None) -> None:
        self.database.execute(Query(sql, bindings or []))

    def _emit(self, event: MigrationEvent) -> None:
        if self.listener is not None:
            self.listener(event)

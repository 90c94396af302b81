"""Database: the one place that executes statements, logs them and maps errors."""

from __future__ import annotations

import enum
import logging
import threading
import time
import weakref
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from tempest_orm.config.configs import (
    AnyConfig,
    MysqlConfig,
    PostgresConfig,
    SQLiteConfig,
)
from tempest_orm.connection.base import Connection, describe
from tempest_orm.exceptions import (
    ConfigurationError,
    DatabaseError,
    QueryError,
    ValueNotStorable,
)
from tempest_orm.grammar import GRAMMARS, Grammar
from tempest_orm.grammar.lexer import scan
from tempest_orm.query import BuildsQuery, CompilesQuery, Query

log = logging.getLogger("tempest_orm.query")

Runnable = Query | BuildsQuery | CompilesQuery


@dataclass(slots=True)
class Result:
    """What running one statement gave back."""

    names: list[str]
    rows: list[tuple[Any, ...]]
    rowcount: int
    key: object = None


class Database:
    """A tagged connection: runs queries, each thread on its own link."""

    def __init__(self, config: AnyConfig) -> None:
        self.config = config
        self.tag: str | enum.Enum | None = config.tag
        self.key = config.key
        self.dialect: str = config.dialect
        self.grammar: Grammar = GRAMMARS[config.dialect]()
        self._local = threading.local()
        self._links: weakref.WeakSet[Connection] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._closed = False

    def __repr__(self) -> str:
        return f"Database(tag={self.tag!r}, dialect={self.dialect!r})"

    # Running ---------------------------------------------------------------

    def execute(self, query: Runnable) -> int:
        """Run a statement; the number of rows it matched or changed."""
        run_on = getattr(query, "run_on", None)
        if run_on is not None:
            # Builders that may need several statements (a bulk insert) run
            # them all here, in one transaction.
            count: int = run_on(self)
            return count
        return self.run(self.compile(query)).rowcount

    def fetch(self, query: Runnable) -> list[dict[str, Any]]:
        """Run a SELECT and return every row as a dict."""
        result = self.run(self.compile(query), rows=True)
        names = result.names
        return [dict(zip(names, row, strict=True)) for row in result.rows]

    def fetch_first(self, query: Runnable) -> dict[str, Any] | None:
        """Run a SELECT and return its first row as a dict, or None."""
        result = self.run(self.compile(query), rows=True)
        if not result.rows:
            return None
        return dict(zip(result.names, result.rows[0], strict=True))

    def iterate(self, query: Runnable, size: int = 1000) -> Iterator[dict[str, Any]]:
        """Stream the rows of a SELECT, ``size`` at a time from the server."""
        for names, rows in self.stream(self.compile(query), size):
            for row in rows:
                yield dict(zip(names, row, strict=True))

    def compile(self, query: Runnable) -> Query:
        """The Query of anything runnable, compiled in this database's dialect."""
        if isinstance(query, Query):
            return query
        # The same test as isinstance(query, CompilesQuery), without the cost
        # of a runtime protocol check on every statement.
        compile_for = getattr(query, "compile", None)
        if callable(compile_for):
            compiled: Query = compile_for(self.grammar)
            return compiled
        return query.build()  # type: ignore[union-attr]

    def run(self, query: Query, *, rows: bool = False) -> Result:
        """Send one statement; retried once on a lost link outside a transaction."""
        sql, bindings = self.prepare(query)
        link = self.connection()
        try:
            return self._send(link, query.sql, sql, bindings, rows)
        except DatabaseError as error:
            if not link.lost:
                # Some values the driver refuses itself, before sending; they
                # are named only then, so that binding them costs nothing.
                refused = self._refused(query)
                if refused is not None:
                    raise refused from error
            link = self._reconnect(link, error)
            return self._send(link, query.sql, sql, bindings, rows)

    def _reconnect(self, link: Connection, error: DatabaseError) -> Connection:
        """A new link in place of one lost outside a transaction; else ``error``."""
        if not link.lost or link.depth:
            # Inside a transaction the server dropped its work with the link:
            # replaying only the rest of it would commit half a transaction.
            raise error
        self._forget(link)
        log.info("reconnecting %s after a lost connection", self._name())
        return self.connection()

    def prepare(self, query: Query) -> tuple[str, tuple[object, ...]]:
        """Check a Query and rewrite it for the driver, before anything is sent."""
        found = scan(query.sql, self.grammar.lexicon)
        if found.has_separator or found.has_comment:
            kind = "statement separator" if found.has_separator else "comment"
            raise QueryError(
                f"the query holds a {kind} outside string literals; "
                "one call runs exactly one statement",
                sql=query.sql,
                dialect=self.dialect,
                tag=self.key,
            )
        if found.placeholders != len(query.bindings):
            raise QueryError(
                f"the query has {found.placeholders} placeholders "
                f"but {len(query.bindings)} bindings",
                sql=query.sql,
                dialect=self.dialect,
                tag=self.key,
            )
        try:
            return found.sql, self.grammar.adapt(query.bindings)
        except ValueNotStorable as error:
            raise (self._refused(query) or error) from None

    def _refused(self, query: Query) -> ValueNotStorable | None:
        """The refusal of the first value this dialect cannot store, if any."""
        found = self.grammar.find_unstorable(query.bindings)
        if found is None:
            return None
        index, error = found
        columns = query.columns
        place = (
            f"column {columns[index]!r}"
            if index < len(columns)
            else f"binding {index + 1}"
        )
        return ValueNotStorable(
            f"{error.reason} ({place}); nothing was sent",
            sql=query.sql,
            dialect=self.dialect,
            tag=self.key,
        )

    def _send(
        self,
        link: Connection,
        original: str,
        sql: str,
        bindings: tuple[object, ...],
        rows: bool,
    ) -> Result:
        logged = log.isEnabledFor(logging.DEBUG)
        started = time.perf_counter() if logged else 0.0
        try:
            # Opening the cursor is inside the try: on a link the server or the
            # application closed, it is the first thing to fail.
            cursor = link.cursor()
            cursor.execute(sql, bindings)
            description = cursor.description
            if description is None:
                key = None if rows else link.inserted_key(cursor)
                result = Result([], [], cursor.rowcount, key)
            else:
                names = [column[0] for column in description]
                result = Result(names, cursor.fetchall(), cursor.rowcount)
        except Exception as error:
            link.drop_cursor()
            raise self._wrap(link, error, original) from error

        if logged:
            self._log(original, started)
        return result

    def stream(self, query: Query, size: int) -> Iterator[tuple[list[str], list[Any]]]:
        """Yield batches of rows with their column names, from a streaming cursor."""
        sql, bindings = self.prepare(query)
        link = self.connection()
        batches = self._stream(link, query.sql, sql, bindings, size)
        try:
            first = next(batches, None)
        except DatabaseError as error:
            # No row has been handed out yet, so a lost link is replaced as
            # run() replaces it.
            link = self._reconnect(link, error)
            batches = self._stream(link, query.sql, sql, bindings, size)
            first = next(batches, None)
        if first is None:
            return
        try:
            yield first
            yield from batches
        finally:
            batches.close()

    def _stream(
        self,
        link: Connection,
        original: str,
        sql: str,
        bindings: tuple[object, ...],
        size: int,
    ) -> Generator[tuple[list[str], list[Any]], None, None]:
        started = time.perf_counter()
        try:
            with contextmanager(link.stream)(sql, bindings, size) as cursor:
                # A server-side cursor describes its columns only once the
                # first batch has been fetched.
                batch = cursor.fetchmany(size)
                names = [column[0] for column in cursor.description]
                if log.isEnabledFor(logging.DEBUG):
                    self._log(original, started)
                while batch:
                    yield names, batch
                    batch = cursor.fetchmany(size)
        except DatabaseError:
            raise
        except Exception as error:
            raise self._wrap(link, error, original) from error

    def _wrap(self, link: Connection, error: Exception, sql: str) -> DatabaseError:
        if not isinstance(error, link.errors):
            # Not the driver's own error: its text may quote a bound value.
            return QueryError(
                f"{type(error).__name__} while running the statement",
                sql=sql,
                dialect=self.dialect,
                tag=self.key,
            )
        kind = link.classify(error)
        if link.is_lost(error):
            link.lost = True
        return kind(describe(error), sql=sql, dialect=self.dialect, tag=self.key)

    def _log(self, sql: str, started: float) -> None:
        elapsed = time.perf_counter() - started
        log.debug(
            "%s [%.3f ms]",
            sql,
            elapsed * 1000,
            extra={
                "tempest_sql": sql,
                "tempest_seconds": elapsed,
                "tempest_tag": self.key,
            },
        )

    # Transactions ----------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Commit on success, roll back on an exception; nesting makes savepoints."""
        link = self.connection()
        depth = link.depth
        savepoint = f"tempest_savepoint_{depth}"
        if depth == 0:
            link = self._begin(link)
        else:
            self._control(link, self.grammar.savepoint(savepoint))
        link.depth = depth + 1

        try:
            yield self
        except BaseException:
            link.depth = depth
            self._undo(link, depth, savepoint)
            raise

        link.depth = depth
        if depth:
            self._control(link, self.grammar.release(savepoint))
            return
        try:
            self._control(link, "COMMIT")
        except DatabaseError:
            self._undo(link, depth, savepoint)
            raise

    def _begin(self, link: Connection) -> Connection:
        """Start a transaction, on a new link when the idle one was dropped."""
        try:
            self._control(link, self.grammar.begin_sql)
        except DatabaseError as error:
            link = self._reconnect(link, error)
            self._control(link, self.grammar.begin_sql)
        return link

    def _undo(self, link: Connection, depth: int, savepoint: str) -> None:
        if not link.lost:
            try:
                if depth == 0:
                    self._control(link, "ROLLBACK")
                else:
                    self._control(link, self.grammar.rollback_to(savepoint))
                    self._control(link, self.grammar.release(savepoint))
            except DatabaseError:
                # A link found lost only now has taken the transaction with
                # it; the error that ended the block is the one to raise.
                if not link.lost:
                    raise
        if link.lost and depth == 0:
            # The server dropped the transaction with the link; nothing to undo.
            self._forget(link)

    def _control(self, link: Connection, sql: str) -> None:
        self._send(link, sql, sql, (), False)

    @property
    def in_transaction(self) -> bool:
        """Whether this thread is inside ``transaction()``."""
        link = getattr(self._local, "link", None)
        return link is not None and link.depth > 0

    # Links -----------------------------------------------------------------

    def connection(self) -> Connection:
        """This thread's link, opened on first use."""
        link: Connection | None = getattr(self._local, "link", None)
        if link is not None:
            return link
        if self._closed:
            raise ConfigurationError(
                "this connection was closed or replaced by configure()",
                dialect=self.dialect,
                tag=self.key,
            )

        link = open_connection(self.config)
        self._local.link = link
        with self._lock:
            self._links.add(link)
        return link

    def _forget(self, link: Connection) -> None:
        link.close()
        if getattr(self._local, "link", None) is link:
            del self._local.link

    def close(self) -> None:
        """Close every thread's link; the Database can no longer be used."""
        self._closed = True
        with self._lock:
            links = list(self._links)
            self._links.clear()
        for link in links:
            link.close()
        self._local = threading.local()

    def _name(self) -> str:
        return (
            "the default connection" if self.key is None else f"connection '{self.key}'"
        )


def open_connection(config: AnyConfig) -> Connection:
    """Open a driver connection for a config."""
    if isinstance(config, SQLiteConfig):
        from tempest_orm.connection.sqlite import SQLiteConnection

        return SQLiteConnection.open(config)
    if isinstance(config, MysqlConfig):
        from tempest_orm.connection.mysql import MysqlConnection

        return MysqlConnection.open(config)
    if isinstance(config, PostgresConfig):
        from tempest_orm.connection.postgres import PostgresConnection

        return PostgresConnection.open(config)
    raise ConfigurationError(f"unknown kind of configuration: {type(config).__name__}")

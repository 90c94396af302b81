"""The PostgreSQL adapter, through psycopg2."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import psycopg2.extras

from tempest_orm.config.configs import PostgresConfig
from tempest_orm.connection.base import Connection, cannot_connect, describe

psycopg2.extras.register_uuid()  # type: ignore[no-untyped-call]
# Return DECIMAL/NUMERIC as Decimal (the default) and JSON as text, so the
# mapper decides what JSON becomes, the same on every backend.
psycopg2.extras.register_default_json(loads=lambda text: text)
psycopg2.extras.register_default_jsonb(loads=lambda text: text)

_cursor_names = itertools.count(1)


class PostgresConnection(Connection):
    """A connection to a PostgreSQL server."""

    dialect = "postgres"
    errors = (psycopg2.Error,)
    integrity_errors = (psycopg2.IntegrityError,)

    @classmethod
    def open(cls, config: PostgresConfig) -> PostgresConnection:
        """Connect in autocommit and UTC; ``schema`` becomes the search path."""
        # UTC makes an aware datetime written to a TIMESTAMP column the same
        # instant whatever the server's zone; standard strings keep the
        # backslash literal, as the statement scanner reads it.
        options = "-c TimeZone=UTC -c standard_conforming_strings=on"
        if config.schema:
            options += f" -c search_path={config.schema}"
        try:
            raw = psycopg2.connect(
                host=config.host,
                port=int(config.port),
                user=config.username,
                password=config.password,
                dbname=config.database,
                connect_timeout=max(1, int(config.connect_timeout)),
                options=options,
            )
            raw.autocommit = True
        except psycopg2.Error as error:
            raise cannot_connect("PostgreSQL", config, _reason(error)) from error
        return cls(raw)

    def stream(
        self, sql: str, bindings: tuple[object, ...], size: int
    ) -> Iterator[Any]:
        """A server-side cursor, WITH HOLD as psycopg2 asks in autocommit mode."""
        name = f"tempest_stream_{next(_cursor_names)}"
        cursor = self.raw.cursor(name, withhold=True)
        cursor.itersize = size
        try:
            cursor.execute(sql, bindings)
            yield cursor
        finally:
            if not self.raw.closed:
                cursor.close()

    def inserted_key(self, cursor: Any) -> object:
        """PostgreSQL reports keys only through RETURNING, read as rows."""
        return None

    def is_lost(self, error: BaseException) -> bool:
        """A closed connection, or the server shutting this backend down."""
        if isinstance(error, psycopg2.errors.AdminShutdown):
            return True
        if isinstance(error, psycopg2.OperationalError | psycopg2.InterfaceError):
            return bool(self.raw.closed)
        return False


def _reason(error: psycopg2.Error) -> str:
    text = str(error)
    if "password authentication failed" in text or "no password supplied" in text:
        return "authentication failed (wrong user name or password)"
    if "does not exist" in text and "database" in text:
        return "the database does not exist"
    if "Connection refused" in text or "could not connect" in text:
        return "the server cannot be reached"
    if "timeout expired" in text:
        return "the server did not answer in time"
    return describe(error)

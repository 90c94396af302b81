"""The MySQL and MariaDB adapter, through PyMySQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pymysql
import pymysql.cursors
from pymysql.constants import CLIENT

from tempest_orm.config.configs import MysqlConfig
from tempest_orm.connection.base import Connection, cannot_connect, describe

# Client and server codes that mean the link is gone: server gone away, lost
# during query, commands out of sync after a drop, connection killed.
_LOST_CODES = frozenset({2006, 2013, 2014, 2055, 1927, 4031, 1053})

_SESSION = (
    "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', time_zone = '+00:00'"
)


class MysqlConnection(Connection):
    """A connection to a MySQL or MariaDB server."""

    dialect = "mysql"
    errors = (pymysql.MySQLError,)
    integrity_errors = (pymysql.err.IntegrityError,)

    @classmethod
    def open(cls, config: MysqlConfig) -> MysqlConnection:
        """Connect in autocommit, strict mode and UTC; updates report found rows."""
        try:
            raw = pymysql.connect(
                host=config.host,
                port=int(config.port),
                user=config.username,
                password=config.password,
                database=config.database,
                charset=config.charset,
                autocommit=True,
                client_flag=CLIENT.FOUND_ROWS,
                connect_timeout=config.connect_timeout,
            )
            with raw.cursor() as cursor:
                cursor.execute(_SESSION)
        except pymysql.MySQLError as error:
            raise cannot_connect("MySQL", config, _reason(error)) from error
        return cls(raw)

    def stream(
        self, sql: str, bindings: tuple[object, ...], size: int
    ) -> Iterator[Any]:
        """An unbuffered cursor: rows come off the socket as they are read."""
        cursor = self.raw.cursor(pymysql.cursors.SSCursor)
        try:
            cursor.execute(sql, bindings)
            yield cursor
        finally:
            # Closing drains what was not read, so the link stays in sync.
            cursor.close()

    def is_lost(self, error: BaseException) -> bool:
        """Lost-link client codes, or an interface error on a closed socket."""
        if isinstance(error, pymysql.err.InterfaceError):
            return True
        code = error.args[0] if error.args else None
        return isinstance(error, pymysql.err.OperationalError) and code in _LOST_CODES


def _reason(error: pymysql.MySQLError) -> str:
    code = error.args[0] if error.args else None
    if code in (1045, 1698):
        return "access denied (wrong user name or password)"
    if code == 1049:
        return "the database does not exist"
    if code == 2003:
        return "the server cannot be reached"
    return describe(error)

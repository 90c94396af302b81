"""The exception tree of tempest_orm.

DatabaseError
  ConfigurationError   a connection cannot be configured or opened
  ConnectionLost       the server went away; a transaction in flight is lost
  QueryError           a statement was refused: bad SQL, bad names, bad fragments
    IntegrityError     a constraint (unique, foreign key, not null) was violated
    ValueNotStorable   a value the backend cannot hold, refused before sending
  ModelError           a model class cannot be used as declared
  RelationNotLoaded    an unloaded relation of a stored instance was read

Messages carry the SQL and the dialect, never the bindings. The driver's own
exception, when there is one, is chained as ``__cause__``.
"""

from __future__ import annotations


class DatabaseError(Exception):
    """Root of every error tempest_orm raises about a database."""

    def __init__(
        self,
        message: str,
        *,
        sql: str | None = None,
        dialect: str | None = None,
        tag: str | None = None,
    ) -> None:
        self.sql = sql
        self.dialect = dialect
        self.tag = tag
        self.reason = message
        super().__init__(self._render())

    def _render(self) -> str:
        where = describe_tag(self.tag)
        if self.dialect:
            where = f"{where} ({self.dialect})"

        text = f"{self.reason} [{where}]"
        if self.sql:
            text = f"{text}\nSQL: {self.sql}"
        return text


class ConfigurationError(DatabaseError):
    """A connection could not be configured or opened."""


class ConnectionLost(DatabaseError):
    """The connection to the server was lost."""


class QueryError(DatabaseError):
    """The database or tempest_orm refused a statement."""


class IntegrityError(QueryError):
    """A statement violated a constraint of the schema."""


class ModelError(DatabaseError):
    """A model class cannot be used as declared: no key, a bad relation, ..."""


class RelationNotLoaded(DatabaseError):
    """A relation of a model read from the database was accessed but never loaded."""


class ValueNotStorable(QueryError):
    """A bound value the backend cannot hold; refused before anything was sent."""


def describe_tag(tag: str | None) -> str:
    """Name a connection tag for messages: the default one has no tag."""
    return "default connection" if tag is None else f"connection '{tag}'"

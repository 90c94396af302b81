"""Converters between Python values and what each driver stores and returns.

A converter is chosen once per model field, so reading a row costs a call per
column that needs one and nothing for the columns the driver already returns
as the right type.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from tempest_orm.mapping.json_text import dumps
from tempest_orm.mapping.serialize_as import from_data, identifier_of, plain, to_data

Reader = Callable[[Any], Any]
Writer = Callable[[Any], Any]


def reader_for(kind: Any, dialect: str, aware: bool = False) -> Reader | None:
    """The converter of a stored value to ``kind``; None when none is needed."""
    if kind is bool:
        return None if dialect == "postgres" else bool
    if kind is float:
        return float
    if kind is Decimal:
        return None if dialect != "sqlite" else _decimal
    if kind is bytes:
        return None if dialect == "sqlite" else bytes
    if kind is datetime:
        return _aware_datetime if aware else _datetime
    if kind is date:
        return _date
    if kind is time:
        return _time
    if kind is UUID:
        return _uuid
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return kind
    if isinstance(kind, type) and identifier_of(kind) is not None:
        return lambda text: from_data(_json(text), kind)
    if kind in (list, dict) or getattr(kind, "__origin__", None) in (list, dict):
        return _json
    return None


class _NoValue:
    """A type that no stored value has."""


# The types whose reader hands back a value of that very type as it is.
_READ_AS_IS: frozenset[Any] = frozenset(
    {float, bool, datetime, date, time, Decimal, UUID, bytes}
)


def read_as_is(kind: Any, aware: bool = False) -> type:
    """The type of stored value that the reader of ``kind`` returns unchanged.

    A hydrator skips the reader for such a value: the servers hand back most
    values as the right type already. For the other kinds it is a type that no
    value has, so the reader always runs.
    """
    if kind in _READ_AS_IS and not (kind is datetime and aware):
        found: type = kind
        return found
    return _NoValue


def writer_for(kind: Any) -> Writer | None:
    """The converter of a Python value before binding; None when the grammar copes."""
    if isinstance(kind, type) and identifier_of(kind) is not None:
        return lambda value: dumps(to_data(value))
    if kind in (list, dict) or getattr(kind, "__origin__", None) in (list, dict):
        return lambda value: dumps(plain(value))
    return None


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _datetime(value: Any) -> datetime:
    # SQLite hands back text, the servers datetimes: test the common cases first.
    if type(value) is str:
        return datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _aware_datetime(value: Any) -> datetime:
    found = _datetime(value)
    # Backends without a zone in their column type hand back naive UTC.
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _time(value: Any) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, timedelta):
        # MySQL returns TIME columns as a duration since midnight.
        seconds = int(value.total_seconds())
        return time(
            seconds // 3600, seconds // 60 % 60, seconds % 60, value.microseconds
        )
    return time.fromisoformat(str(value))


def _uuid(value: Any) -> UUID:
    return value if isinstance(value, UUID) else UUID(str(value))

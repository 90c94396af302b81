"""The data a builder collects, which a grammar turns into SQL.

Builders only fill these in; they never render SQL themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Boolean = Literal["AND", "OR"]


@dataclass(slots=True)
class Raw:
    """A SQL fragment written by the user, with its ``?`` bindings."""

    sql: str
    bindings: tuple[object, ...] = ()


@dataclass(slots=True)
class In:
    """``column IN (values)``; an empty list matches nothing."""

    column: str
    values: tuple[object, ...]
    negate: bool = False


@dataclass(slots=True)
class Null:
    """``column IS NULL`` or ``IS NOT NULL``."""

    column: str
    negate: bool = False


@dataclass(slots=True)
class Group:
    """Conditions in parentheses."""

    conditions: tuple[Condition, ...]


Predicate = Raw | In | Null | Group


@dataclass(slots=True)
class Condition:
    """One predicate and the boolean that joins it to the one before."""

    boolean: Boolean
    predicate: Predicate


@dataclass(slots=True)
class SelectParts:
    """Everything a SELECT statement is made of."""

    table: str
    columns: list[str] = field(default_factory=list)
    quoted_columns: bool = False
    distinct: bool = False
    joins: list[str] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    having: list[Raw] = field(default_factory=list)
    orders: list[str] = field(default_factory=list)
    limit: int | None = None
    offset: int | None = None
    for_update: bool = False


@dataclass(slots=True)
class InsertParts:
    """An INSERT of one or more rows with the same columns."""

    table: str
    columns: Sequence[str]
    rows: int
    returning: str | None = None


@dataclass(slots=True)
class UpdateParts:
    """An UPDATE of the rows matching some conditions."""

    table: str
    columns: Sequence[str]
    conditions: list[Condition] = field(default_factory=list)


@dataclass(slots=True)
class DeleteParts:
    """A DELETE of the rows matching some conditions."""

    table: str
    conditions: list[Condition] = field(default_factory=list)

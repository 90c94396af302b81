"""Columns, foreign keys and indexes as data, and the methods that declare them."""

from __future__ import annotations

import enum
import hashlib
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Final, Self
from uuid import UUID

from tempest_orm.statements.base import OnDelete, OnUpdate


class _Unset(enum.Enum):
    UNSET = "UNSET"


UNSET: Final = _Unset.UNSET
"""No default was given; ``None`` means ``DEFAULT NULL``."""

# The longest index name every backend accepts: PostgreSQL stops at 63 bytes.
_MAX_NAME = 63

_ACCEPTED: dict[str, tuple[type, ...]] = {
    "integer": (int,),
    "big_integer": (int,),
    "float": (int, float),
    "decimal": (int, float, Decimal),
    "boolean": (bool,),
    "text": (str,),
    "varchar": (str,),
    "char": (str,),
    "uuid": (UUID, str),
    "date": (date, str),
    "datetime": (datetime, str),
    "time": (time, str),
    "json": (dict, list, str),
    "enum": (enum.Enum, str, int),
    "blob": (bytes,),
}


@dataclass(frozen=True)
class Column:
    """One column of a table, as declared by a migration."""

    name: str
    kind: str
    nullable: bool = False
    default: object = UNSET
    unique: bool = False
    length: int | None = None
    precision: int | None = None
    scale: int | None = None
    values: tuple[str, ...] = ()
    primary: bool = False

    def __post_init__(self) -> None:
        if self.default is not UNSET:
            check_default(self)


@dataclass(frozen=True)
class ForeignKey:
    """A foreign key from one column to a column of another table."""

    table: str
    column: str
    references_table: str
    references_column: str
    on_delete: OnDelete = OnDelete.RESTRICT
    on_update: OnUpdate = OnUpdate.NO_ACTION

    @property
    def name(self) -> str:
        """The constraint's name, derived from the table and column."""
        return index_name(self.table, [self.column], "foreign")


@dataclass(frozen=True)
class Index:
    """An index, unique or not, over one or more columns of a table."""

    table: str
    columns: tuple[str, ...]
    unique: bool = False

    @property
    def name(self) -> str:
        """The index's name, derived from the table and columns."""
        return index_name(
            self.table, self.columns, "unique" if self.unique else "index"
        )


def index_name(table: str, columns: tuple[str, ...] | list[str], suffix: str) -> str:
    """A deterministic name for an index or constraint, short enough everywhere."""
    name = "_".join([table, *columns, suffix])
    if len(name) <= _MAX_NAME:
        return name

    # Shortened names keep a digest of the full one, so two long names that
    # share a prefix still differ.
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"{name[: _MAX_NAME - 9]}_{digest}"


def check_default(column: Column) -> None:
    """Refuse a default whose Python type does not fit the column."""
    value = column.default
    if value is None:
        if not column.nullable:
            raise ValueError(f"column {column.name!r} is NOT NULL: its default is None")
        return

    accepted = _ACCEPTED[column.kind]
    is_bool = isinstance(value, bool)
    if not isinstance(value, accepted) or (is_bool and bool not in accepted):
        raise TypeError(
            f"default {value!r} does not fit the {column.kind} column {column.name!r}"
        )
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        raise ValueError(f"default of column {column.name!r} is not a finite number")
    if column.kind == "enum" and enum_value(value) not in column.values:
        raise ValueError(f"default {value!r} is not a value of column {column.name!r}")


def enum_value(value: object) -> str:
    """The stored text of an enum member or of a plain value."""
    if isinstance(value, enum.Enum):
        value = value.value
    return str(value)


def split_name(name: str, table: str | None = None) -> tuple[str | None, str]:
    """Split ``table.column`` into its parts; a bare column has no table."""
    table_part, _, column = name.rpartition(".")
    if table is not None and table_part and table_part != table:
        raise ValueError(f"column {name!r} does not belong to table {table!r}")
    return table_part or None, column


class ColumnMethods(ABC):
    """The column declarations CreateTable and AlterTable share."""

    table: str

    @abstractmethod
    def add_column(self, column: Column, foreign_key: ForeignKey | None = None) -> Self:
        """Add a column, and its foreign key when it has one."""

    def primary(self, name: str = "id", uuid: bool = False) -> Self:
        """An auto-incrementing integer key, or a UUID key filled in by the caller."""
        return self.add_column(
            Column(name, "uuid" if uuid else "integer", primary=True)
        )

    def uuid(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A UUID column: native where the backend has the type, else text."""
        return self.add_column(Column(name, "uuid", nullable, default, unique))

    def integer(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A 32-bit integer column."""
        return self.add_column(Column(name, "integer", nullable, default, unique))

    def big_integer(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A 64-bit integer column."""
        return self.add_column(Column(name, "big_integer", nullable, default, unique))

    def float(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A double precision floating point column."""
        return self.add_column(Column(name, "float", nullable, default, unique))

    def decimal(
        self,
        name: str,
        precision: int = 10,
        scale: int = 2,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """An exact decimal of ``precision`` digits, ``scale`` of them decimals."""
        if not 0 <= int(scale) <= int(precision) or int(precision) < 1:
            raise ValueError(f"decimal({precision}, {scale}) is not a valid size")
        column = Column(
            name,
            "decimal",
            nullable,
            default,
            unique,
            precision=int(precision),
            scale=int(scale),
        )
        return self.add_column(column)

    def boolean(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A boolean column."""
        return self.add_column(Column(name, "boolean", nullable, default, unique))

    def text(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A text column without a length limit."""
        return self.add_column(Column(name, "text", nullable, default, unique))

    def varchar(
        self,
        name: str,
        length: int = 255,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A text column of at most ``length`` characters."""
        column = Column(
            name, "varchar", nullable, default, unique, length=_size(length)
        )
        return self.add_column(column)

    def char(
        self,
        name: str,
        length: int = 1,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A fixed-length text column of ``length`` characters."""
        column = Column(name, "char", nullable, default, unique, length=_size(length))
        return self.add_column(column)

    def date(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A calendar date column."""
        return self.add_column(Column(name, "date", nullable, default, unique))

    def datetime(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A date and time column that keeps microseconds."""
        return self.add_column(Column(name, "datetime", nullable, default, unique))

    def time(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A time of day column that keeps microseconds."""
        return self.add_column(Column(name, "time", nullable, default, unique))

    def json(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A JSON column: native where the backend has the type, else text."""
        return self.add_column(Column(name, "json", nullable, default, unique))

    def enum(
        self,
        name: str,
        enum_class: type[Enum],
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A column holding one of the values of ``enum_class``."""
        values = tuple(enum_value(member) for member in enum_class)
        if not values:
            raise ValueError(f"{enum_class.__name__} has no members")
        column = Column(name, "enum", nullable, default, unique, values=values)
        return self.add_column(column)

    def blob(
        self,
        name: str,
        nullable: bool = False,
        default: object = UNSET,
        unique: bool = False,
    ) -> Self:
        """A binary column."""
        return self.add_column(Column(name, "blob", nullable, default, unique))

    def belongs_to(
        self,
        local: str,
        foreign: str,
        on_delete: OnDelete = OnDelete.RESTRICT,
        on_update: OnUpdate = OnUpdate.NO_ACTION,
        nullable: bool = False,
        uuid: bool = False,
    ) -> Self:
        """A column referencing ``table.column`` of another table, with its key."""
        _, column = split_name(local, self.table)
        foreign_table, foreign_column = split_name(foreign)
        if foreign_table is None:
            raise ValueError(f"belongs_to needs 'table.column', not {foreign!r}")

        key = ForeignKey(
            self.table, column, foreign_table, foreign_column, on_delete, on_update
        )
        kind = "uuid" if uuid else "big_integer"
        return self.add_column(Column(column, kind, nullable), key)


def _size(length: int) -> int:
    if int(length) < 1:
        raise ValueError(f"length {length} is not a positive number")
    return int(length)

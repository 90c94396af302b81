"""PrimaryKey: the value that identifies a row, whatever its type."""

from __future__ import annotations

from typing import Any


class PrimaryKey:
    """Wraps a key value; equal to the raw value it holds, and usable as one."""

    __slots__ = ("value",)
    value: Any

    def __init__(self, value: Any) -> None:
        if isinstance(value, PrimaryKey):
            value = value.value
        self.value = value

    def __int__(self) -> int:
        return int(self.value)

    def __index__(self) -> int:
        return int(self.value)

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return f"PrimaryKey({self.value!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PrimaryKey):
            return bool(self.value == other.value)
        return bool(self.value == other)

    def __hash__(self) -> int:
        return hash(self.value)

    def __bool__(self) -> bool:
        return self.value is not None

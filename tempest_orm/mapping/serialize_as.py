"""``@SerializeAs("name")``: a class stored as JSON under a unique identifier."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=type)

_registry: dict[str, type] = {}


class SerializeAs:
    """Class decorator: store instances as JSON tagged with ``name``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, cls: T) -> T:
        taken = _registry.get(self.name)
        if taken is not None and _qualname(taken) != _qualname(cls):
            raise TypeError(
                f"SerializeAs({self.name!r}) is already used by {_qualname(taken)}; "
                f"{_qualname(cls)} needs an identifier of its own"
            )
        _registry[self.name] = cls
        cls.__tempest_serialize_as__ = self.name  # type: ignore[attr-defined]
        return cls


def _qualname(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def identifier_of(cls: type) -> str | None:
    """The SerializeAs identifier of a class, if it has one."""
    name = cls.__dict__.get("__tempest_serialize_as__")
    return name if isinstance(name, str) else None


def class_of(identifier: str) -> type | None:
    """The class registered under an identifier."""
    return _registry.get(identifier)


def to_data(value: object) -> Any:
    """A JSON-ready form of a SerializeAs object, tagged with its identifier."""
    identifier = identifier_of(type(value))
    if isinstance(value, BaseModel):
        data = value.model_dump(mode="json")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {
            f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)
        }
    else:
        data = {k: plain(v) for k, v in vars(value).items() if not k.startswith("_")}
    return {"type": identifier, "data": data}


def plain(value: object) -> Any:
    """JSON-ready nested values: enums by value, SerializeAs objects tagged."""
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if identifier_of(type(value)) is not None:
        return to_data(value)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def from_data(data: Any, expected: type) -> Any:
    """Rebuild a SerializeAs object from its tagged JSON form."""
    if isinstance(data, dict) and "type" in data and "data" in data:
        cls = class_of(str(data["type"])) or expected
        fields = data["data"]
    else:
        cls, fields = expected, data
    if issubclass(cls, BaseModel):
        return cls.model_validate(fields)

    from pydantic import TypeAdapter

    return TypeAdapter(cls).validate_python(fields)

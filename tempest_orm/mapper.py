"""The mapper: JSON, dicts and models into each other, checked against type hints.

``map(json_text).collection().to(Book)``, ``map({"title": "X"}).to(Book)``,
``map(books).to_json()`` and ``map(book).to_dict()``.
"""

from __future__ import annotations

import enum
import json
from datetime import date, datetime, time
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from tempest_orm.exceptions import DatabaseError
from tempest_orm.mapping.serialize_as import SerializeAs, identifier_of, plain, to_data
from tempest_orm.model.inspector import Field, inspect, is_model
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import STATE

T = TypeVar("T")

__all__ = ["Mapping", "MappingFailed", "SerializeAs", "map"]


class MappingFailed(DatabaseError):
    """Input data does not fit the model it is mapped to."""


class Mapping:
    """Source data on its way to a model, a collection, JSON or a dict."""

    def __init__(self, source: Any, many: bool = False) -> None:
        self.source = source
        self.many = many

    def collection(self) -> Mapping:
        """Treat the source as a list of items."""
        return Mapping(self.source, many=True)

    def to(self, model: type[T]) -> Any:
        """Instances of ``model``: one, or a list after ``collection()``."""
        data = (
            json.loads(self.source)
            if isinstance(self.source, str | bytes)
            else self.source
        )
        if self.many or isinstance(data, list):
            if not isinstance(data, list):
                raise MappingFailed(
                    f"expected a list of {model.__name__}, got {_kind(data)}"
                )
            return [to_model(model, item, f"[{i}]") for i, item in enumerate(data)]
        return to_model(model, data, "")

    def to_dict(self) -> Any:
        """Plain dicts and lists of the source's models."""
        return to_plain(self.source)

    def to_json(self) -> str:
        """The source as JSON text."""
        return json.dumps(to_plain(self.source), ensure_ascii=False)


def map(source: Any) -> Mapping:
    """Start mapping ``source``: JSON text, dicts, lists or models."""
    return Mapping(source)


def to_model(model: type[T], data: Any, where: str) -> T:
    """One instance of ``model`` from a dict, checked field by field."""
    meta = inspect(model)
    if isinstance(data, model):
        return data
    if not isinstance(data, dict):
        raise MappingFailed(
            f"{model.__name__}{where}: expected an object, got {_kind(data)}"
        )

    instance: Any = object.__new__(model)
    for name, value in data.items():
        item = meta.fields.get(name)
        if item is None:
            continue
        instance.__dict__[name] = _value(item, value, f"{model.__name__}{where}.{name}")

    if meta.validated:
        from tempest_orm.mapping.serializer import _validate

        _validate(meta, instance)
    return instance  # type: ignore[no-any-return]


def _value(item: Field, value: Any, where: str) -> Any:
    if value is None:
        return None
    if item.kind == "primary":
        return PrimaryKey(value)
    if item.kind == "has_many":
        if not isinstance(value, list):
            raise MappingFailed(f"{where}: expected a list, got {_kind(value)}")
        return [to_model(item.related, v, f"{where}[{i}]") for i, v in enumerate(value)]
    if item.kind in ("belongs_to", "has_one"):
        return to_model(item.related, value, where)
    try:
        return TypeAdapter(item.type).validate_python(value)
    except ValidationError:
        expected = getattr(item.type, "__name__", str(item.type))
        raise MappingFailed(
            f"{where}: expected {expected}, got {_kind(value)}"
        ) from None


def to_plain(value: Any) -> Any:
    """A JSON-ready form of models, lists of them and their values."""
    if isinstance(value, list | tuple):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, PrimaryKey):
        return to_plain(value.value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, enum.Enum):
        return to_plain(value.value)
    if identifier_of(type(value)) is not None:
        return to_data(value)
    if is_model(type(value)):
        meta = inspect(type(value))
        found = {
            k: v for k, v in value.__dict__.items() if k != STATE and k in meta.fields
        }
        return {k: to_plain(v) for k, v in found.items()}
    return plain(value)


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__

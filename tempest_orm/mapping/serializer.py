"""The serializer: a model instance in, the column values of its row out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tempest_orm.exceptions import ValueNotStorable
from tempest_orm.mapping.casters import Writer, writer_for
from tempest_orm.model.inspector import Field, ModelMeta, inspect
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import EXTRA
from tempest_orm.relations.eager import normal
from tempest_orm.relations.resolve import resolve

_MISSING = object()


def row_of(
    meta: ModelMeta, instance: Any, strategy: Any = None, validate: bool = True
) -> dict[str, Any]:
    """The column values of an instance, validated; a key left unset is left out."""
    return write_plan(meta, strategy).row(instance, validate)


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """A belongs-to relation as a row writes it.

    The attribute ``name`` holds a model or a bare key; ``local`` is the foreign
    key column it fills, ``remote`` the column it refers to, and
    ``remote_attribute`` the related model's attribute for that column.
    """

    name: str
    local: str
    remote: str
    is_field: bool
    related: type
    remote_attribute: str | None

    def key_of(self, related: Any) -> Any:
        """The key a relation value stands for: a model's key, or a bare key."""
        if type(related) is not self.related or self.remote_attribute is None:
            return _foreign_key(related, self.remote)
        key = related.__dict__.get(self.remote_attribute)
        return normal(key.value if type(key) is PrimaryKey else key)


@dataclass(frozen=True, slots=True)
class WritePlan:
    """How a model's instances become rows, worked out once per naming strategy.

    ``columns`` holds each non-key field's attribute, column and the converter
    of its value (None when the grammar copes).
    """

    meta: ModelMeta
    primary: Field | None
    columns: tuple[tuple[str, str, Writer | None], ...]
    foreign_keys: tuple[ForeignKey, ...]

    def row(self, instance: Any, validate: bool = True) -> dict[str, Any]:
        """The column values of an instance; a key left unset is left out."""
        if validate and self.meta.validated:
            _validate(self.meta, instance)
        values = instance.__dict__
        row: dict[str, Any] = {}

        primary = self.primary
        if primary is not None:
            key = values.get(primary.name, _MISSING)
            if key is _MISSING:
                key = getattr(type(instance), primary.name, None)
            if key is not None or primary.uuid:
                key = _key(primary, instance, key)
                if key is not None:
                    row[primary.column] = key

        for name, column, writer in self.columns:
            value = values.get(name, _MISSING)
            if value is _MISSING:
                value = getattr(type(instance), name, _MISSING)
                if value is _MISSING:
                    continue
            if writer is not None and value is not None:
                value = _convert(writer, column, value)
            row[column] = value

        # Columns that are not fields (foreign keys read with the row, or set
        # by a nested write) are written back as they are.
        extra = values.get(EXTRA)
        if extra:
            for column, value in extra.items():
                row.setdefault(column, value)

        for foreign in self.foreign_keys:
            related = values.get(foreign.name, _MISSING)
            if related is _MISSING or (foreign.is_field and foreign.local in row):
                continue
            row[foreign.local] = foreign.key_of(related)
        return row


def write_plan(meta: ModelMeta, strategy: Any) -> WritePlan:
    """The write plan of a model under a naming strategy."""

    def compute() -> WritePlan:
        foreign_keys = []
        for name, item in meta.relations.items():
            if item.kind == "belongs_to":
                relation = resolve(meta, name, strategy)
                remote = inspect(relation.related).by_column.get(relation.remote)
                foreign = ForeignKey(
                    name,
                    relation.local,
                    relation.remote,
                    relation.local in meta.by_column,
                    relation.related,
                    None if remote is None else remote.name,
                )
                foreign_keys.append(foreign)
        columns = tuple(
            (item.name, item.column, _writer(item))
            for item in meta.columns
            if item.kind != "primary"
        )
        return WritePlan(meta, meta.primary, columns, tuple(foreign_keys))

    return meta.per_strategy(("write_plan",), strategy, compute)


def values_of(
    meta: ModelMeta, values: dict[str, Any], strategy: Any = None
) -> dict[str, Any]:
    """Column values for named attributes, as an update writes them."""
    row: dict[str, Any] = {}
    checked = [item for item in meta.validated if item.name in values]
    if checked:
        from tempest_orm.validation import validate_fields

        validate_fields(
            meta.name, {item.name: (values[item.name], item.rules) for item in checked}
        )
    for name, value in values.items():
        item = meta.fields.get(name)
        if item is None:
            row[name] = value
        elif item.kind == "belongs_to":
            relation = resolve(meta, name, strategy)
            row[relation.local] = _foreign_key(value, relation.remote)
        elif item.kind in ("has_many", "has_one"):
            raise TypeError(f"{meta.name}.{name} is a relation, not a column to update")
        else:
            row[item.column] = value if value is None else _write(item, value)
    return row


def _key(item: Field, instance: Any, value: Any) -> Any:
    if isinstance(value, PrimaryKey):
        value = value.value
    if value is None and item.uuid:
        from uuid6 import uuid7

        value = str(uuid7())
        instance.__dict__[item.name] = PrimaryKey(value)
    return value


def _foreign_key(related: Any, column: str) -> Any:
    if related is None:
        return None
    if isinstance(related, PrimaryKey | int | str):
        return normal(related)
    meta = inspect(type(related))
    item = meta.by_column.get(column)
    if item is None:
        return None
    return normal(related.__dict__.get(item.name))


def _write(item: Field, value: Any) -> Any:
    writer = _writer(item)
    return value if writer is None else _convert(writer, item.column, value)


def _writer(item: Field) -> Writer | None:
    if item.hashed:
        return _hash
    if item.encrypted:
        return _encrypt
    return writer_for(item.type)


def _convert(writer: Writer, column: str, value: Any) -> Any:
    try:
        return writer(value)
    except ValueNotStorable as error:
        raise ValueNotStorable(
            f"{error.reason} (column {column!r}); nothing was sent"
        ) from None


def _hash(value: Any) -> str:
    from tempest_orm.hashing import hash_password, is_hash

    text = str(value)
    return text if is_hash(text) else hash_password(text)


def _encrypt(value: Any) -> str:
    from tempest_orm.encryption import encrypt, is_encrypted

    text = str(value)
    return text if is_encrypted(text) else encrypt(text)


def _validate(meta: ModelMeta, instance: Any) -> None:
    from tempest_orm.validation import validate_fields

    fields = {
        item.name: (getattr(instance, item.name, None), item.rules)
        for item in meta.validated
    }
    validate_fields(meta.name, fields)

"""The serializer: a model instance in, the column values of its row out."""

from __future__ import annotations

from typing import Any

from tempest_orm.exceptions import ValueNotStorable
from tempest_orm.mapping.casters import Writer, writer_for
from tempest_orm.model.inspector import Field, ModelMeta, inspect
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import STATE
from tempest_orm.relations.eager import normal
from tempest_orm.relations.resolve import resolve

_MISSING = object()


def row_of(
    meta: ModelMeta, instance: Any, strategy: Any = None, validate: bool = True
) -> dict[str, Any]:
    """The column values of an instance, validated; a key left unset is left out."""
    values = instance.__dict__
    model = type(instance)
    row: dict[str, Any] = {}

    if validate and meta.validated:
        _validate(meta, instance)
    for name, column, primary, writer in _plan(meta):
        value = values.get(name, _MISSING)
        if value is _MISSING:
            value = getattr(model, name, _MISSING)
        if primary is not None:
            value = _key(primary, instance, None if value is _MISSING else value)
            if value is None:
                continue
        elif value is _MISSING:
            continue
        elif writer is not None and value is not None:
            value = _convert(writer, column, value)
        row[column] = value

    # Columns that are not fields (foreign keys read with the row, or set by a
    # nested write) are written back as they are.
    state = values.get(STATE)
    if state is not None and state.extra:
        for column, value in state.extra.items():
            row.setdefault(column, value)

    for name, local, remote, local_is_field in _belongs_to(meta, strategy):
        related = values.get(name, _MISSING)
        if related is _MISSING or (local_is_field and local in row):
            continue
        row[local] = _foreign_key(related, remote)
    return row


# One step of writing a row: the attribute, its column, the key field when it is
# the key, and the converter of its value (None when the grammar copes).
WriteStep = tuple[str, str, Field | None, Writer | None]


def _plan(meta: ModelMeta) -> list[WriteStep]:
    found: list[WriteStep] | None = meta.cache.get("write_plan")
    if found is None:
        found = [
            (item.name, item.column, item, None)
            if item.kind == "primary"
            else (item.name, item.column, None, _writer(item))
            for item in meta.columns
        ]
        meta.cache["write_plan"] = found
    return found


# A belongs-to relation as a row writes it: the attribute, the foreign key column,
# the column it refers to, and whether the foreign key is also a field.
ForeignKeyStep = tuple[str, str, str, bool]


def _belongs_to(meta: ModelMeta, strategy: Any) -> list[ForeignKeyStep]:
    def compute() -> list[ForeignKeyStep]:
        steps = []
        for name, item in meta.relations.items():
            if item.kind == "belongs_to":
                relation = resolve(meta, name, strategy)
                local = relation.local
                steps.append((name, local, relation.remote, local in meta.by_column))
        return steps

    return meta.per_strategy(("belongs_to",), strategy, compute)


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

"""The hydrator: rows in, model instances out, without calling ``__init__``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from tempest_orm.mapping.casters import Reader, reader_for
from tempest_orm.model.inspector import ModelMeta, inspect
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import STATE, ModelState

if TYPE_CHECKING:
    from tempest_orm.database import Database, Result

T = TypeVar("T")

# One step of a plan: the column's position, the attribute it fills (None for a
# column that is not a field), its converter, and whether it is the key.
Step = tuple[int, str | None, Reader | None, bool]


def hydrate(
    model: type[T], db: Database, result: Result, relations: Sequence[str]
) -> list[T]:
    """Instances of ``model`` for each row, with ``relations`` eager-loaded."""
    meta = inspect(model)
    instances = [*_build(meta, db, result.names, result.rows)]
    if relations and instances:
        from tempest_orm.relations.eager import load_paths

        load_paths(meta, db, instances, relations)
    return instances


def _build(
    meta: ModelMeta, db: Database, names: list[str], rows: list[Any]
) -> list[Any]:
    plan = _plan(meta, db.dialect, tuple(names))
    new = object.__new__
    model = meta.model
    tag = db.tag
    instances = []

    for row in rows:
        instance: Any = new(model)
        values = instance.__dict__
        extra: dict[str, Any] = {}
        for index, attribute, reader, is_key in plan:
            value = row[index]
            if reader is not None and value is not None:
                value = reader(value)
            if attribute is None:
                extra[names[index]] = value
            elif is_key:
                values[attribute] = PrimaryKey(value)
            else:
                values[attribute] = value
        values[STATE] = ModelState(True, extra, tag)
        instances.append(instance)
    return instances


def _plan(meta: ModelMeta, dialect: str, names: tuple[str, ...]) -> list[Step]:
    key = ("plan", dialect, names)
    found: list[Step] | None = meta.cache.get(key)
    if found is not None:
        return found

    by_column = {item.column: item for item in meta.columns}
    plan: list[Step] = []
    for index, name in enumerate(names):
        item = by_column.get(name)
        if item is None:
            plan.append((index, None, None, False))
            continue
        reader: Reader | None
        if item.kind == "primary":
            reader = str if item.uuid else None
            plan.append((index, item.name, reader, True))
            continue
        reader = reader_for(item.type, dialect, item.aware)
        if item.encrypted:
            reader = _decrypting(reader)
        plan.append((index, item.name, reader, False))

    meta.cache[key] = plan
    return plan


def _decrypting(then: Reader | None) -> Reader:
    from tempest_orm.encryption import decrypt

    def read(token: Any) -> Any:
        plain = decrypt(str(token))
        return plain if then is None else then(plain)

    return read


def hydrate_rows(
    meta: ModelMeta, db: Database, rows: list[dict[str, Any]]
) -> list[Any]:
    """Instances from rows given as dicts (all with the same columns)."""
    if not rows:
        return []
    names = list(rows[0])
    return _build(meta, db, names, [tuple(row.values()) for row in rows])

"""Saving a model with what hangs off it, in one transaction.

``save`` writes unsaved BelongsTo targets first, then the model, then its
has-many and has-one children with their foreign keys set. Everything is
validated before the first statement, and a failure anywhere rolls the whole
write back, in the database and in the instances' own state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tempest_orm.model.inspector import ModelMeta, inspect
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import STATE, ModelState, state_of
from tempest_orm.relations.resolve import Relation, resolve

if TYPE_CHECKING:
    from tempest_orm.database import Database


def save(instance: Any, db: Database) -> None:
    """Insert or update ``instance`` and its loaded relations, atomically."""
    graph = _collect(instance, [], set())
    for item in graph:
        _validate(item)

    snapshot = [(item, dict(item.__dict__), _copy_state(item)) for item in graph]
    try:
        with db.transaction():
            _save(instance, db, set())
    except BaseException:
        for item, values, state in snapshot:
            item.__dict__.clear()
            item.__dict__.update(values)
            if state is not None:
                item.__dict__[STATE] = state
        raise


def _save(instance: Any, db: Database, done: set[int]) -> None:
    if id(instance) in done:
        return
    done.add(id(instance))
    meta = inspect(type(instance))
    strategy = db.config.naming_strategy

    for name, item in meta.relations.items():
        if item.kind == "belongs_to":
            target = instance.__dict__.get(name)
            if target is not None and not state_of(target).exists:
                _save(target, db, done)

    _write(meta, instance, db)

    for name, item in meta.relations.items():
        if item.kind == "belongs_to" or name not in instance.__dict__:
            continue
        relation = resolve(meta, name, strategy)
        children = instance.__dict__[name]
        if children is None:
            continue
        for child in children if isinstance(children, list) else [children]:
            _adopt(relation, instance, child)
            _save(child, db, done)


def _write(meta: ModelMeta, instance: Any, db: Database) -> None:
    from tempest_orm.builder.insert import InsertQueryBuilder
    from tempest_orm.builder.write import UpdateQueryBuilder

    state = state_of(instance)
    if state.exists and meta.primary is not None:
        UpdateQueryBuilder(meta.model, instance).on_database(db.tag).execute()
        return
    InsertQueryBuilder(meta.model, instance).on_database(db.tag).execute()


def _adopt(relation: Relation, owner: Any, child: Any) -> None:
    """Point a child's foreign key at its owner."""
    from tempest_orm.relations.eager import normal, value_of

    value = normal(value_of(inspect(type(owner)), owner, relation.local))
    child_meta = inspect(type(child))
    field = child_meta.by_column.get(relation.remote)
    if field is not None:
        child.__dict__[field.name] = (
            PrimaryKey(value) if field.kind == "primary" else value
        )
    else:
        state_of(child).extra[relation.remote] = value


def _collect(instance: Any, found: list[Any], seen: set[int]) -> list[Any]:
    if id(instance) in seen:
        return found
    seen.add(id(instance))
    found.append(instance)

    meta = inspect(type(instance))
    for name in meta.relations:
        value = instance.__dict__.get(name)
        for item in value if isinstance(value, list) else [value]:
            if item is not None and not isinstance(item, PrimaryKey | int | str):
                _collect(item, found, seen)
    return found


def _validate(instance: Any) -> None:
    meta = inspect(type(instance))
    if meta.validated:
        from tempest_orm.mapping.serializer import _validate as check

        check(meta, instance)


def _copy_state(instance: Any) -> ModelState | None:
    state: ModelState | None = instance.__dict__.get(STATE)
    if state is None:
        return None
    return ModelState(state.exists, dict(state.extra), state.tag)

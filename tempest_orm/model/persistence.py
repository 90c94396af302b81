"""Saving a model with what hangs off it, in one transaction.

``save`` writes unsaved BelongsTo targets first, then the model, then its
has-many and has-one children with their foreign keys set. Everything is
validated before the first statement, and a failure anywhere rolls the whole
write back, in the database and in the instances' own state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tempest_orm.builder.parts import Condition, In, UpdateParts
from tempest_orm.exceptions import QueryError
from tempest_orm.mapping.serializer import row_of
from tempest_orm.model.inspector import Field, ModelMeta, inspect
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import EXTRA, STATE, ModelState, extra_of, state_of
from tempest_orm.query import Query
from tempest_orm.relations.resolve import Relation, resolve

if TYPE_CHECKING:
    from tempest_orm.database import Database


def save(instance: Any, db: Database) -> None:
    """Insert or update ``instance`` and its loaded relations, atomically."""
    meta = inspect(type(instance))
    values = instance.__dict__
    if not any(values.get(name) is not None for name in meta.relations):
        # An instance with nothing hanging off it is one statement, which is
        # atomic on its own.
        _validate_all(instance, [(instance, "")])
        state_of(instance).deleted = False
        _write(meta, instance, db)
        return

    found = _collect(instance, "", [], set())
    _validate_all(instance, found)
    graph = [item for item, _ in found]

    snapshot = [(item, _snapshot(item)) for item in graph]
    try:
        with db.transaction():
            _save(instance, db, set(), root=True)
    except BaseException:
        for item, values in snapshot:
            item.__dict__.clear()
            item.__dict__.update(values)
        raise


def _save(instance: Any, db: Database, done: set[int], root: bool = False) -> None:
    if id(instance) in done:
        return
    done.add(id(instance))
    state = state_of(instance)
    if state.deleted and not root:
        # A child deleted on its own stays deleted when its parent is saved.
        return
    state.deleted = False
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

    state = state_of(instance)
    if state.exists and meta.primary is not None:
        _update(meta, meta.primary, instance, db)
        return
    InsertQueryBuilder(meta.model, instance).on_database(db.tag).execute()


def _update(meta: ModelMeta, key: Field, instance: Any, db: Database) -> None:
    """Write a stored instance back to its row: one UPDATE, its SQL kept per shape."""
    strategy = db.config.naming_strategy
    # The whole write was validated before its first statement.
    row = row_of(meta, instance, strategy, validate=False)
    value = row.pop(key.column, None)
    if value is None:
        raise QueryError(f"cannot update a {meta.name} that has no key yet")

    columns = tuple(row)
    if not columns:
        return

    def compile_update() -> str:
        by_key = [Condition("AND", In(key.column, (value,)))]
        parts = UpdateParts(meta.table_for(strategy), columns, by_key)
        return db.grammar.compile_update(parts)[0]

    sql = meta.per_strategy(("update", db.dialect, columns), strategy, compile_update)
    db.run(Query(sql, [*row.values(), value], columns))


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
        extra_of(child)[relation.remote] = value


def _collect(
    instance: Any, path: str, found: list[tuple[Any, str]], seen: set[int]
) -> list[tuple[Any, str]]:
    if id(instance) in seen:
        return found
    seen.add(id(instance))
    found.append((instance, path))

    meta = inspect(type(instance))
    for name in meta.relations:
        value = instance.__dict__.get(name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if item is None or isinstance(item, PrimaryKey | int | str):
                continue
            where = f"{name}[{index}]" if isinstance(value, list) else name
            _collect(item, f"{path}.{where}" if path else where, found, seen)
    return found


def _validate_all(root: Any, found: list[tuple[Any, str]]) -> None:
    """Check every instance of the write, and report all their failures at once."""
    from tempest_orm.mapping.serializer import _validate as check
    from tempest_orm.validation import ValidationFailed

    errors: dict[str, list[str]] = {}
    for item, path in found:
        meta = inspect(type(item))
        if not meta.validated:
            continue
        try:
            check(meta, item)
        except ValidationFailed as failed:
            for name, messages in failed.errors.items():
                errors[f"{path}.{name}" if path else name] = messages
    if errors:
        raise ValidationFailed(type(root).__name__, errors)


def _snapshot(instance: Any) -> dict[str, Any]:
    """A copy of an instance's attributes and of what tempest_orm knows of it."""
    values = dict(instance.__dict__)
    state: ModelState | None = values.get(STATE)
    if state is not None and not state.shared:
        # A shared state is never changed in place, so it needs no copy.
        values[STATE] = ModelState(state.exists, state.tag, state.deleted)
    extra = values.get(EXTRA)
    if extra is not None:
        values[EXTRA] = dict(extra)
    return values

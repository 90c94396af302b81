"""The hydrator: rows in, model instances out, without calling ``__init__``."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from tempest_orm.mapping.casters import Reader, read_as_is, reader_for
from tempest_orm.model.inspector import ModelMeta, inspect
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import EXTRA, STATE, stored_state

if TYPE_CHECKING:
    from tempest_orm.database import Database, Result

T = TypeVar("T")
KeyMaker = Callable[[Any], PrimaryKey]

# From how many rows hydration pauses the cyclic garbage collector: below a
# few hundred allocations it would not have run anyway.
PAUSE_COLLECTOR_FROM = 500


@dataclass(frozen=True, slots=True)
class Plan:
    """How the columns of one result shape fill an instance, worked out once.

    Columns are sorted by what they need, so filling a row takes no decision
    per column: ``copied`` values go in as they are, ``converted`` ones through
    their reader (``None``, and a value of the type the reader would return
    unchanged, go in as they are), the key is wrapped in a PrimaryKey
    (by its maker, when it has one) and columns that are no field (a foreign
    key, say) are kept aside.
    Each entry pairs a name with the column's position in the row.
    """

    copied: tuple[tuple[str, int], ...]
    converted: tuple[tuple[str, int, type, Reader], ...]
    key: tuple[str, int, KeyMaker | None] | None
    extra: tuple[tuple[str, int], ...]


def hydrate(
    model: type[T], db: Database, result: Result, relations: Sequence[str]
) -> list[T]:
    """Instances of ``model`` for each row, with ``relations`` eager-loaded."""
    meta = inspect(model)
    if not relations:
        built: list[T] = _build(meta, db, result.names, result.rows)
        return built

    from tempest_orm.relations.eager import load_paths

    # One pause for the rows and their relations: the collector, turned on in
    # between, would walk every instance just built.
    with collector_paused(len(result.rows)):
        instances: list[T] = _build(meta, db, result.names, result.rows)
        if instances:
            load_paths(meta, db, instances, relations)
    return instances


def _build(
    meta: ModelMeta, db: Database, names: list[str], rows: list[Any]
) -> list[Any]:
    plan = _plan(meta, db.dialect, tuple(names))
    if len(rows) < PAUSE_COLLECTOR_FROM:
        return _fill(meta, db, plan, rows)
    with collector_paused(len(rows)):
        return _fill(meta, db, plan, rows)


@contextmanager
def collector_paused(size: int) -> Iterator[None]:
    """Pause the cyclic garbage collector while ``size`` instances are built.

    Hydrating allocates several objects a row and frees none of them, so the
    collector would run again and again over a growing heap without finding
    anything: a third of the time of a large result. It is paused for the
    block only, and left alone when it was already off (a thread that turns it
    off in the meantime finds it on again when the block ends).
    """
    if size < PAUSE_COLLECTOR_FROM or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _fill(meta: ModelMeta, db: Database, plan: Plan, rows: list[Any]) -> list[Any]:
    copied, converted, extra = plan.copied, plan.converted, plan.extra
    key_name, key_index, make_key = plan.key or ("", 0, None)
    has_key = plan.key is not None
    new = object.__new__
    model = meta.model
    state = stored_state(db.tag)
    instances = []

    for row in rows:
        instance: Any = new(model)
        values = instance.__dict__
        for attribute, index in copied:
            values[attribute] = row[index]
        for attribute, index, kept, reader in converted:
            value = row[index]
            if value is None or type(value) is kept:
                values[attribute] = value
            else:
                values[attribute] = reader(value)
        if make_key is not None:
            values[key_name] = make_key(row[key_index])
        elif has_key:
            # PrimaryKey(value) without the call: its __init__ only unwraps a
            # PrimaryKey, which no driver returns.
            wrapped = values[key_name] = new(PrimaryKey)
            wrapped.value = row[key_index]
        if extra:
            hidden = values[EXTRA] = {}
            for name, index in extra:
                hidden[name] = row[index]
        values[STATE] = state
        instances.append(instance)
    return instances


def _plan(meta: ModelMeta, dialect: str, names: tuple[str, ...]) -> Plan:
    cache_key = ("plan", dialect, names)
    found: Plan | None = meta.cache.get(cache_key)
    if found is not None:
        return found

    copied: list[tuple[str, int]] = []
    converted: list[tuple[str, int, type, Reader]] = []
    key: tuple[str, int, KeyMaker | None] | None = None
    extra: list[tuple[str, int]] = []
    for index, name in enumerate(names):
        item = meta.by_column.get(name)
        if item is None:
            extra.append((name, index))
        elif item.kind == "primary":
            key = (item.name, index, _text_key if item.uuid else None)
        else:
            reader = reader_for(item.type, dialect, item.aware)
            if item.encrypted:
                reader = _decrypting(reader)
            if reader is None:
                copied.append((item.name, index))
            else:
                kept = read_as_is(None if item.encrypted else item.type, item.aware)
                converted.append((item.name, index, kept, reader))

    found = Plan(tuple(copied), tuple(converted), key, tuple(extra))
    meta.cache[cache_key] = found
    return found


def _text_key(value: Any) -> PrimaryKey:
    # UUID keys are compared as text, whatever type the driver returns.
    return PrimaryKey(None if value is None else str(value))


def _decrypting(then: Reader | None) -> Reader:
    from tempest_orm.encryption import decrypt

    def read(token: Any) -> Any:
        plain = decrypt(str(token))
        return plain if then is None else then(plain)

    return read

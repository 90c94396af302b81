"""Eager loading: one query per relation path, whatever the number of rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from uuid import UUID

from tempest_orm.builder.parts import Condition, In, SelectParts
from tempest_orm.grammar.base import ArrayBinding
from tempest_orm.mapping.hydrator import _build, collector_paused
from tempest_orm.model.inspector import ModelMeta, inspect
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import EXTRA
from tempest_orm.query import Query
from tempest_orm.relations.resolve import Relation, resolve

if TYPE_CHECKING:
    from tempest_orm.database import Database

# The hidden columns of an instance that has none, read and never changed.
_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


def load_paths(
    meta: ModelMeta, db: Database, instances: Sequence[Any], paths: Iterable[str]
) -> None:
    """Load dotted relation paths onto ``instances``: ``"author.publisher"``."""
    tree: dict[str, Any] = {}
    for path in paths:
        node = tree
        for name in path.split("."):
            node = node.setdefault(name, {})
    # Grouping the children builds a list per parent and frees none: like
    # hydrating, it gives the collector nothing to find, so it stays paused
    # for the whole load.
    with collector_paused(len(instances)):
        _load_tree(meta, db, list(instances), tree)


def check_paths(meta: ModelMeta, db: Database, paths: Iterable[str]) -> None:
    """Resolve every relation of the paths, so a bad one fails before any query."""
    strategy = db.config.naming_strategy
    for path in paths:
        current = meta
        for name in path.split("."):
            relation = resolve(current, name, strategy)
            current = inspect(relation.related)


def _load_tree(
    meta: ModelMeta, db: Database, parents: list[Any], tree: dict[str, Any]
) -> None:
    for name, children in tree.items():
        relation = resolve(meta, name, db.config.naming_strategy)
        loaded = load(relation, db, parents)
        if children and loaded:
            _load_tree(inspect(relation.related), db, loaded, children)


def load(relation: Relation, db: Database, parents: list[Any]) -> list[Any]:
    """Fill one relation on every parent; the related instances that were read."""
    parent_keys = keys_of(inspect(relation.owner), relation.local, parents)
    keys = set(parent_keys)
    keys.discard(None)

    related_meta = inspect(relation.related)
    found, found_keys = fetch_where_in(
        related_meta, db, relation.remote, _ordered(keys)
    )
    name = relation.name

    if relation.kind == "belongs_to":
        by_key = dict(zip(found_keys, found, strict=True))
        for parent, key in zip(parents, parent_keys, strict=True):
            parent.__dict__[name] = by_key.get(key)
        return found

    groups: dict[object, list[Any]] = defaultdict(list)
    for item, key in zip(found, found_keys, strict=True):
        groups[key].append(item)
    if not relation.many:
        for parent, key in zip(parents, parent_keys, strict=True):
            group = groups.get(key)
            parent.__dict__[name] = group[0] if group else None
        return found

    handed: set[object] = set()
    for parent, key in zip(parents, parent_keys, strict=True):
        group = groups.get(key)
        if group is None:
            group = []
        elif key in handed:
            # Parents with the same key each get a list of their own.
            group = list(group)
        else:
            handed.add(key)
        parent.__dict__[name] = group
    return found


def keys_of(meta: ModelMeta, column: str, instances: list[Any]) -> list[Any]:
    """The normal key value of one column for each instance of a model."""
    item = meta.by_column.get(column)
    if item is not None:
        attribute = item.name
        found = [instance.__dict__.get(attribute) for instance in instances]
        if item.kind == "primary":
            found = [key.value if type(key) is PrimaryKey else key for key in found]
    else:
        found = [
            instance.__dict__.get(EXTRA, _NO_EXTRA).get(column)
            for instance in instances
        ]
    return _normal_all(found)


def _normal_all(keys: list[Any]) -> list[Any]:
    # Plain integer keys, the usual ones, are normal already.
    return [key if type(key) is int else normal(key) for key in keys]


def _ordered(keys: set[Any]) -> list[Any]:
    """Keys in a stable order, so the same keys make the same statements."""
    try:
        return sorted(keys)
    except TypeError:
        # Keys of mixed types (a text key next to an int one) have no order.
        return sorted(keys, key=str)


def fetch_where_in(
    meta: ModelMeta, db: Database, column: str, keys: list[Any]
) -> tuple[list[Any], list[Any]]:
    """The instances of a model whose column is in ``keys``, in as few queries as
    fit, and the normal value of that column for each."""
    if not keys:
        return [], []
    grammar = db.grammar
    table = meta.table_for(db.config.naming_strategy)

    if grammar.supports_array_bindings and all(type(k) is int for k in keys):
        # One array parameter holds any number of keys.
        where = f"{grammar.quote(column)} = ANY(?)"
        sql = f"SELECT * FROM {grammar.quote(table)} WHERE {where}"
        queries = [Query(sql, [ArrayBinding(keys)])]
    else:
        queries = []
        size = grammar.max_bindings - 1
        for start in range(0, len(keys), size):
            chunk = tuple(keys[start : start + size])
            parts = SelectParts(table, conditions=[Condition("AND", In(column, chunk))])
            sql, bindings = grammar.compile_select(parts)
            queries.append(Query(sql, bindings))

    found: list[Any] = []
    found_keys: list[Any] = []
    for query in queries:
        result = db.run(query, rows=True)
        found.extend(_build(meta, db, result.names, result.rows))
        # The keys come from the rows, which hold them bare.
        index = result.names.index(column)
        found_keys.extend(_normal_all([row[index] for row in result.rows]))
    return found, found_keys


def value_of(meta: ModelMeta, instance: Any, column: str) -> Any:
    """The value of a column for an instance: a field, its key, or a hidden column."""
    values = instance.__dict__
    item = meta.by_column.get(column)
    if item is not None:
        return values.get(item.name)
    extra = values.get(EXTRA)
    return None if extra is None else extra.get(column)


def normal(value: Any) -> Any:
    """Key values compare as their raw value; UUIDs as text, the same everywhere."""
    kind = type(value)
    if kind is PrimaryKey:
        value = value.value
        kind = type(value)
    if kind is int or kind is str:
        return value
    if isinstance(value, PrimaryKey):
        value = value.value
    if isinstance(value, UUID):
        return str(value)
    return value

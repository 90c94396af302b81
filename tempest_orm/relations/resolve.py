"""Turning a relation attribute into the two columns that join its tables."""

from __future__ import annotations

from dataclasses import dataclass

from tempest_orm.config.configs import NamingStrategy
from tempest_orm.exceptions import ModelError
from tempest_orm.model.inspector import Field, ModelMeta, inspect
from tempest_orm.model.naming import snake


@dataclass(frozen=True)
class Relation:
    """How the rows of an owner and of a related model match.

    ``local`` is a column of the owner's table and ``remote`` one of the related
    table; the foreign key is ``local`` for BelongsTo and ``remote`` otherwise.
    """

    name: str
    kind: str
    owner: type
    related: type
    local: str
    remote: str

    @property
    def many(self) -> bool:
        """Whether the relation holds a list."""
        return self.kind == "has_many"


def resolve(meta: ModelMeta, name: str, strategy: NamingStrategy | None) -> Relation:
    """The join columns of one relation, inferred or taken from its marker."""
    return meta.per_strategy(
        ("relation", name),
        strategy,
        lambda: _resolve(meta, meta.relation(name), strategy),
    )


def _resolve(meta: ModelMeta, item: Field, strategy: NamingStrategy | None) -> Relation:
    related = inspect(item.related)
    owner_table = meta.table_for(strategy)
    related_table = related.table_for(strategy)
    marker = item.marker

    if item.kind == "belongs_to":
        foreign = (owner_table, f"{item.name}_id")
        referenced = (related_table, _key_column(related, meta, item))
        foreign_holder = owner_table
    else:
        foreign = (related_table, f"{snake(meta.name)}_id")
        referenced = (owner_table, _key_column(meta, meta, item))
        foreign_holder = related_table

    owner_join = getattr(marker, "owner_join", None)
    relation_join = getattr(marker, "relation_join", None)
    if owner_join:
        foreign = _column(
            owner_join, foreign_holder, (owner_table, related_table), meta, item
        )
    if relation_join:
        other = related_table if foreign_holder == owner_table else owner_table
        referenced = _column(
            relation_join, other, (owner_table, related_table), meta, item
        )

    local, remote = _sides(foreign, referenced, owner_table, related_table, meta, item)
    return Relation(item.name, item.kind, meta.model, item.related, local, remote)


def _key_column(target: ModelMeta, meta: ModelMeta, item: Field) -> str:
    if target.primary is None:
        raise ModelError(
            f"{meta.name}.{item.name}: {target.name} has no primary key to refer to; "
            "declare one, or name the column with relation_join="
        )
    return target.primary.column


def _column(
    join: str, default_table: str, tables: tuple[str, str], meta: ModelMeta, item: Field
) -> tuple[str, str]:
    table, _, column = join.rpartition(".")
    table = table or default_table
    if table not in tables:
        raise ModelError(
            f"{meta.name}.{item.name}: {join!r} names table {table!r}, "
            f"expected {tables[0]!r} or {tables[1]!r}"
        )
    return table, column


def _sides(
    one: tuple[str, str],
    two: tuple[str, str],
    owner_table: str,
    related_table: str,
    meta: ModelMeta,
    item: Field,
) -> tuple[str, str]:
    # A dotted name says which table its column is on, so the two joins may be
    # given in either order; bare names were placed by the rule of each kind.
    if owner_table == related_table:
        return (one[1], two[1]) if item.kind == "belongs_to" else (two[1], one[1])
    if one[0] == owner_table and two[0] == related_table:
        return one[1], two[1]
    if two[0] == owner_table and one[0] == related_table:
        return two[1], one[1]
    raise ModelError(
        f"{meta.name}.{item.name}: the joins must name one column of {owner_table!r} "
        f"and one of {related_table!r}"
    )

"""Relation markers that override the keys a relation would infer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BelongsTo:
    """This model's table holds the foreign key (``owner_join``) to the related one."""

    owner_join: str | None = None
    relation_join: str | None = None


@dataclass(frozen=True)
class HasMany:
    """The related table holds the foreign key (``owner_join``) to this model."""

    relation_join: str | None = None
    owner_join: str | None = None


@dataclass(frozen=True)
class HasOne:
    """Like HasMany, with at most one related row."""

    relation_join: str | None = None
    owner_join: str | None = None


RelationMarker = BelongsTo | HasMany | HasOne

"""Markers for models: table names, virtual columns, keys, secrets, relations."""

from __future__ import annotations

from tempest_orm.attributes.markers import Encrypted, Hashed, Table, Uuid, Virtual
from tempest_orm.attributes.relations import BelongsTo, HasMany, HasOne

__all__ = [
    "BelongsTo",
    "Encrypted",
    "HasMany",
    "HasOne",
    "Hashed",
    "Table",
    "Uuid",
    "Virtual",
]

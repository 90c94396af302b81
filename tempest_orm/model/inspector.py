"""The ModelInspector: what a model class's type hints say, read once and cached."""

from __future__ import annotations

import dataclasses
import enum
import inspect as python_inspect
import threading
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal, TypeVar, get_args, get_origin
from uuid import UUID

from pydantic import AwareDatetime

from tempest_orm.attributes.markers import Encrypted, Hashed, Uuid, Virtual
from tempest_orm.attributes.relations import BelongsTo, HasMany, HasOne
from tempest_orm.config.configs import NamingStrategy
from tempest_orm.exceptions import ModelError
from tempest_orm.mapping.serialize_as import identifier_of
from tempest_orm.model.naming import PluralSnakeCase
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import RelationAttribute

SCALARS: frozenset[Any] = frozenset(
    {int, float, Decimal, bool, str, bytes, datetime, date, time, UUID, list, dict}
)
V = TypeVar("V")
Kind = Literal["column", "primary", "belongs_to", "has_many", "has_one"]
_DEFAULT_NAMES = PluralSnakeCase()


@dataclass(frozen=True)
class Field:
    """One annotated attribute of a model."""

    name: str
    kind: Kind
    type: Any
    nullable: bool = False
    aware: bool = False
    hashed: bool = False
    encrypted: bool = False
    uuid: bool = False
    related: Any = None
    marker: BelongsTo | HasMany | HasOne | None = None
    rules: tuple[object, ...] = ()

    @property
    def column(self) -> str:
        """The column of a field stored in the model's own table."""
        return self.name


@dataclass
class ModelMeta:
    """Everything tempest_orm knows about one model class."""

    model: type
    fields: dict[str, Field]
    explicit_table: str | None = None
    columns: list[Field] = field(default_factory=list)
    relations: dict[str, Field] = field(default_factory=dict)
    primary: Field | None = None
    validated: list[Field] = field(default_factory=list)
    by_column: dict[str, Field] = field(default_factory=dict)
    cache: dict[Any, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for item in self.fields.values():
            if item.kind in ("column", "primary"):
                self.columns.append(item)
                self.by_column[item.column] = item
            else:
                self.relations[item.name] = item
            if item.kind == "primary":
                self.primary = item
            if item.rules:
                self.validated.append(item)

    @property
    def name(self) -> str:
        """The model's class name, for messages."""
        return self.model.__name__

    @property
    def table(self) -> str:
        """The table under the default naming strategy."""
        return self.table_for(None)

    def table_for(self, strategy: NamingStrategy | None) -> str:
        """The table under a connection's naming strategy; ``@Table`` wins."""
        if self.explicit_table is not None:
            return self.explicit_table
        # Naming runs inflection's regular expressions: once per strategy is
        # enough.
        return self.per_strategy(
            ("table",),
            strategy,
            lambda: (strategy or _DEFAULT_NAMES).get_name(self.model),
        )

    def per_strategy(
        self, key: tuple[object, ...], strategy: object, compute: Callable[[], V]
    ) -> V:
        """A value computed once per naming strategy, kept in the cache.

        The strategy is kept with the value, so a new object that happens to
        reuse a dead one's id() is never handed what was computed for that one.
        """
        full = (*key, id(strategy))
        found: tuple[object, V] | None = self.cache.get(full)
        if found is None or found[0] is not strategy:
            found = (strategy, compute())
            self.cache[full] = found
        return found[1]

    def key(self) -> Field:
        """The primary key field; a clear error for a model without one."""
        if self.primary is None:
            raise ModelError(
                f"{self.name} has no primary key: declare `id: PrimaryKey` "
                "(or another attribute annotated PrimaryKey)"
            )
        return self.primary

    def relation(self, name: str) -> Field:
        """A relation field by name; an unknown name is an error naming it."""
        found = self.relations.get(name)
        if found is None:
            known = ", ".join(sorted(self.relations)) or "none"
            raise ModelError(
                f"{self.name} has no relation {name!r}; its relations: {known}"
            )
        return found


_cache: dict[type, ModelMeta] = {}
_lock = threading.RLock()


def inspect(model: type) -> ModelMeta:
    """The metadata of a model class, computed on first use."""
    found = _cache.get(model)
    if found is not None:
        return found
    with _lock:
        found = _cache.get(model)
        if found is None:
            found = _inspect(model)
            _cache[model] = found
    return found


def is_model(kind: Any) -> bool:
    """Whether a type is a model class rather than a value stored in a column."""
    if not isinstance(kind, type) or kind in SCALARS or issubclass(kind, enum.Enum):
        return False
    if identifier_of(kind) is not None or kind is PrimaryKey:
        return False
    if kind.__module__ in ("builtins", "datetime", "decimal", "uuid", "typing"):
        return False
    return bool(getattr(kind, "__annotations__", None))


def _inspect(model: type) -> ModelMeta:
    try:
        hints = typing.get_type_hints(model, include_extras=True)
    except NameError as error:
        raise ModelError(
            f"cannot resolve the type hints of {model.__name__}: {error}; "
            "define the class it names at module level"
        ) from error

    fields: dict[str, Field] = {}
    for name, hint in hints.items():
        if name.startswith("_") or get_origin(hint) is ClassVar:
            continue
        if isinstance(getattr(model, name, None), property):
            continue
        found = _field(model, name, hint)
        if found is not None:
            fields[name] = found

    keys = [name for name, item in fields.items() if item.kind == "primary"]
    if len(keys) > 1 and "id" in keys and not _declares(model, "id"):
        # IsDatabaseModel's own ``id`` gives way to a key the model declares.
        del fields["id"]

    meta = ModelMeta(
        model, fields, explicit_table=model.__dict__.get("__tempest_table__")
    )
    for relation in meta.relations.values():
        _guard(model, relation)
    return meta


def _declares(model: type, name: str) -> bool:
    from tempest_orm.model.active_record import IsDatabaseModel

    return any(
        name in python_inspect.get_annotations(klass)
        for klass in model.__mro__
        if klass is not IsDatabaseModel
    )


def _field(model: type, name: str, hint: Any) -> Field | None:
    metadata: tuple[Any, ...] = ()
    if get_origin(hint) is Annotated:
        hint, *extra = get_args(hint)
        metadata = tuple(extra)
        if get_origin(hint) is Annotated:
            inner, *more = get_args(hint)
            hint, metadata = inner, (*more, *metadata)
    if any(isinstance(item, Virtual) for item in metadata):
        return None

    kind, nullable = _strip_none(hint)
    marker = next(
        (m for m in metadata if isinstance(m, BelongsTo | HasMany | HasOne)), None
    )
    flags = {
        "nullable": nullable,
        "hashed": any(isinstance(m, Hashed) for m in metadata),
        "encrypted": any(isinstance(m, Encrypted) for m in metadata),
        "uuid": any(isinstance(m, Uuid) for m in metadata),
        "rules": _rules(metadata),
    }

    if kind is PrimaryKey:
        return Field(name, "primary", PrimaryKey, **flags)  # type: ignore[arg-type]
    if get_origin(kind) is list and get_args(kind) and is_model(get_args(kind)[0]):
        if marker is not None and not isinstance(marker, HasMany):
            raise ModelError(f"{model.__name__}.{name}: a list of models is a HasMany")
        return Field(name, "has_many", list, related=get_args(kind)[0], marker=marker)
    if is_model(kind):
        relation: Kind = "has_one" if isinstance(marker, HasOne) else "belongs_to"
        return Field(
            name, relation, kind, nullable=nullable, related=kind, marker=marker
        )
    if kind is AwareDatetime:
        return Field(name, "column", datetime, aware=True, **flags)  # type: ignore[arg-type]
    return Field(name, "column", kind, **flags)  # type: ignore[arg-type]


def _strip_none(hint: Any) -> tuple[Any, bool]:
    if get_origin(hint) in (types.UnionType, typing.Union):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(options) == 1:
            return options[0], True
        return hint, type(None) in get_args(hint)
    return hint, False


def _rules(metadata: tuple[Any, ...]) -> tuple[object, ...]:
    from tempest_orm.validation import rules_of

    return tuple(rules_of(metadata))


def _guard(model: type, relation: Field) -> None:
    default = getattr(model, relation.name, [] if relation.kind == "has_many" else None)
    if isinstance(default, RelationAttribute):
        return
    if dataclasses.is_dataclass(model):
        for item in dataclasses.fields(model):
            if (
                item.name == relation.name
                and item.default_factory is not dataclasses.MISSING
            ):
                default = item.default_factory()
    setattr(model, relation.name, RelationAttribute(model, relation.name, default))

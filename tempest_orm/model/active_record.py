"""IsDatabaseModel: active-record calls on the model class and its instances."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar, overload

from tempest_orm.builder.count import CountQueryBuilder
from tempest_orm.builder.insert import InsertQueryBuilder
from tempest_orm.builder.select import SelectQueryBuilder
from tempest_orm.builder.write import DeleteQueryBuilder, UpdateQueryBuilder
from tempest_orm.config.configs import Tag
from tempest_orm.exceptions import QueryError
from tempest_orm.model.inspector import inspect
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import STATE, state_of

M = TypeVar("M", bound="IsDatabaseModel")
_MISSING = object()


class _Update:
    """``Book.update(...)`` starts a builder; ``book.update(...)`` saves that row."""

    @overload
    def __get__(
        self, instance: None, owner: type[M]
    ) -> Callable[..., UpdateQueryBuilder[M]]: ...
    @overload
    def __get__(self, instance: M, owner: type[M]) -> Callable[..., M]: ...
    def __get__(self, instance: Any, owner: type[Any]) -> Callable[..., Any]:
        if instance is None:
            return functools.partial(_Queries(owner, None).update)
        update: Callable[..., Any] = instance._update_row
        return update


class _Delete:
    """``Book.delete()`` starts a builder; ``book.delete()`` deletes that row."""

    @overload
    def __get__(
        self, instance: None, owner: type[M]
    ) -> Callable[..., DeleteQueryBuilder[M]]: ...
    @overload
    def __get__(self, instance: M, owner: type[M]) -> Callable[[], None]: ...
    def __get__(self, instance: Any, owner: type[Any]) -> Callable[..., Any]:
        if instance is None:
            return functools.partial(_Queries(owner, None).delete)
        delete: Callable[..., Any] = instance._delete_row
        return delete


class _Queries(Generic[M]):
    """The class-level calls of a model, on one connection."""

    def __init__(self, model: type[M], tag: Tag) -> None:
        self.model = model
        self.tag = tag

    def select(self, *columns: str) -> SelectQueryBuilder[M]:
        """A SELECT of the model's rows."""
        return SelectQueryBuilder(self.model, *columns).on_database(self.tag)

    def insert(self, *models: M, **values: Any) -> InsertQueryBuilder[M]:
        """An INSERT of instances, or of keyword values."""
        return InsertQueryBuilder(self.model, *models, **values).on_database(self.tag)

    def update(self, **values: Any) -> UpdateQueryBuilder[M]:
        """An UPDATE of the model's rows with these values."""
        return UpdateQueryBuilder(self.model, **values).on_database(self.tag)

    def delete(self) -> DeleteQueryBuilder[M]:
        """A DELETE of the model's rows."""
        return DeleteQueryBuilder(self.model).on_database(self.tag)

    def count(self) -> CountQueryBuilder[M]:
        """A COUNT of the model's rows."""
        return CountQueryBuilder(self.model).on_database(self.tag)

    def all(self) -> list[M]:
        """Every row, as instances."""
        return self.select().all()

    def get(self, key: int | str | PrimaryKey) -> M | None:
        """The instance with this primary key, or None."""
        column = inspect(self.model).key().column
        value = key.value if isinstance(key, PrimaryKey) else key
        return self.select().where_in(column, [value]).first()

    def find(self, **conditions: Any) -> SelectQueryBuilder[M]:
        """A SELECT of the rows whose attributes equal these values."""
        from tempest_orm.mapping.serializer import values_of

        builder = self.select()
        strategy = builder.database.config.naming_strategy
        for column, value in values_of(
            inspect(self.model), conditions, strategy
        ).items():
            if value is None:
                builder.where_null(column)
            else:
                builder.where_in(column, [value])
        return builder

    def create(self, **values: Any) -> M:
        """A new instance, saved with its relations."""
        instance = self.model(**values)
        return instance._save_on(self.tag)


class IsDatabaseModel:
    """Base class of active-record models: ``Book.create(...)``, ``book.save()``."""

    id: PrimaryKey

    update = _Update()
    delete = _Delete()

    def __init__(self, **values: Any) -> None:
        meta = inspect(type(self))
        unknown = sorted(set(values) - set(meta.fields) - _virtual(type(self)))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no attribute {unknown[0]!r}")

        for item in meta.columns:
            if item.name not in values:
                default = getattr(type(self), item.name, _MISSING)
                if default is _MISSING:
                    if item.kind == "primary" or item.nullable:
                        self.__dict__[item.name] = None
                    continue
                # A mutable default is copied, so instances never share it.
                self.__dict__[item.name] = copy.copy(default)
        for name, value in values.items():
            setattr(self, name, value)

    # Class-level calls -----------------------------------------------------

    @classmethod
    def new(cls, **values: Any) -> Self:
        """A new instance, not saved."""
        return cls(**values)

    @classmethod
    def create(cls, **values: Any) -> Self:
        """A new instance, saved with its relations in one transaction."""
        return _Queries(cls, None).create(**values)

    @classmethod
    def select(cls, *columns: str) -> SelectQueryBuilder[Self]:
        """A SELECT of this model's rows."""
        return _Queries(cls, None).select(*columns)

    @classmethod
    def insert(cls, *models: Self, **values: Any) -> InsertQueryBuilder[Self]:
        """An INSERT of instances, or of keyword values."""
        return _Queries(cls, None).insert(*models, **values)

    @classmethod
    def count(cls) -> CountQueryBuilder[Self]:
        """A COUNT of this model's rows."""
        return _Queries(cls, None).count()

    @classmethod
    def all(cls) -> list[Self]:
        """Every row, as instances."""
        return _Queries(cls, None).all()

    @classmethod
    def get(cls, key: int | str | PrimaryKey) -> Self | None:
        """The instance with this primary key, or None."""
        return _Queries(cls, None).get(key)

    @classmethod
    def find(cls, **conditions: Any) -> SelectQueryBuilder[Self]:
        """A SELECT of the rows whose attributes equal these values."""
        return _Queries(cls, None).find(**conditions)

    @classmethod
    def on_database(cls, tag: Tag) -> _Queries[Self]:
        """The class-level calls on another connection."""
        return _Queries(cls, tag)

    # Instance-level calls --------------------------------------------------

    def save(self) -> Self:
        """Insert or update this row, with its loaded relations, in one transaction."""
        return self._save_on(self._tag())

    def _save_on(self, tag: Tag) -> Self:
        from tempest_orm.model.persistence import save
        from tempest_orm.registry import database

        save(self, database(tag))
        return self

    def _update_row(self, **values: Any) -> Self:
        for name, value in values.items():
            if name not in inspect(type(self)).fields:
                raise TypeError(f"{type(self).__name__} has no attribute {name!r}")
            setattr(self, name, value)
        return self.save()

    def _delete_row(self) -> None:
        meta = inspect(type(self))
        key = self.__dict__.get(meta.key().name)
        if key is None:
            raise QueryError(
                f"cannot delete a {type(self).__name__} that was never saved"
            )
        DeleteQueryBuilder(type(self), self).on_database(self._tag()).execute()
        state = state_of(self)
        state.exists = False
        state.deleted = True

    def refresh(self) -> Self:
        """Read this row again; relations that were loaded are loaded again."""
        meta = inspect(type(self))
        key = self.__dict__.get(meta.key().name)
        fresh = _Queries(type(self), self._tag()).get(key) if key is not None else None
        if fresh is None:
            raise QueryError(f"{type(self).__name__} {key} is not in the database")

        loaded = [name for name in meta.relations if name in self.__dict__]
        for name in loaded:
            del self.__dict__[name]
        self.__dict__.update(fresh.__dict__)
        if loaded:
            self.load(*loaded)
        return self

    def load(self, *relations: str) -> Self:
        """Load relations, and dotted paths of them, onto this instance."""
        from tempest_orm.registry import database
        from tempest_orm.relations.eager import load_paths

        if relations:
            load_paths(inspect(type(self)), database(self._tag()), [self], relations)
        return self

    def _tag(self) -> Tag:
        state = self.__dict__.get(STATE)
        return None if state is None else state.tag

    def __repr__(self) -> str:
        meta = inspect(type(self))
        shown = []
        for item in meta.columns:
            if item.name not in self.__dict__:
                continue
            value = self.__dict__[item.name]
            if (item.hashed or item.encrypted) and value is not None:
                shown.append(f"{item.name}='***'")
            else:
                shown.append(f"{item.name}={value!r}")
        return f"{type(self).__name__}({', '.join(shown)})"

    __str__ = __repr__


def _virtual(model: type) -> set[str]:
    return {
        name
        for klass in model.__mro__
        for name in getattr(klass, "__annotations__", {})
    }

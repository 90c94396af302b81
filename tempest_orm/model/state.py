"""What a model instance remembers about its row, and guarded relation attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tempest_orm.exceptions import RelationNotLoaded

# The keys of an instance's __dict__ that hold what tempest_orm knows of it.
STATE = "_tempest_state"
EXTRA = "_tempest_extra"


@dataclass(slots=True)
class ModelState:
    """The row behind an instance: whether it exists, on which connection, and
    whether it was deleted.

    The instances read or inserted on one connection share one ``shared``
    state, so reading a row creates no state of its own; ``state_of`` gives an
    instance its own before anything changes it.
    """

    exists: bool = False
    tag: object = None
    deleted: bool = False
    shared: bool = field(default=False, compare=False)


def state_of(instance: object) -> ModelState:
    """The state of an instance, its own, to read or change; created on first use."""
    values = instance.__dict__
    found: ModelState | None = values.get(STATE)
    if found is None:
        found = values[STATE] = ModelState()
    elif found.shared:
        found = values[STATE] = ModelState(found.exists, found.tag, found.deleted)
    return found


_stored: dict[object, ModelState] = {}


def stored_state(tag: object) -> ModelState:
    """The shared state of instances stored on the connection of ``tag``.

    It is never changed (``state_of`` copies it first), so one per tag serves
    every result read and every instance inserted.
    """
    found = _stored.get(tag)
    if found is None:
        found = _stored[tag] = ModelState(True, tag, shared=True)
    return found


def extra_of(instance: object) -> dict[str, Any]:
    """The columns of an instance's row that are none of its fields, to change.

    They are foreign keys read with the row, or set by a nested write, and are
    written back with the row.
    """
    values = instance.__dict__
    found: dict[str, Any] | None = values.get(EXTRA)
    if found is None:
        found = values[EXTRA] = {}
    return found


_MISSING = object()


class RelationAttribute:
    """A relation attribute: loaded values, defaults, or a clear error when unloaded.

    An instance read from the database raises ``RelationNotLoaded`` for a relation
    that was not loaded, instead of pretending it is empty or ``None``.

    It only defines ``__get__``, so a value set on the instance is read straight
    from its ``__dict__``: reading a loaded relation costs no Python call.
    """

    def __init__(self, owner: type, name: str, default: Any) -> None:
        self.owner = owner
        self.name = name
        self.default = default

    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self.default

        values = instance.__dict__
        value = values.get(self.name, _MISSING)
        if value is not _MISSING:
            return value

        state: ModelState | None = values.get(STATE)
        if state is not None and state.exists:
            model = type(instance).__name__
            raise RelationNotLoaded(
                f"{model}.{self.name} was not loaded: ask for it with "
                f"with_({self.name!r}) in the query, or call load({self.name!r})"
            )
        if isinstance(self.default, list):
            values[self.name] = []
            return values[self.name]
        return self.default

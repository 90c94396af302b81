"""What a model instance remembers about its row, and guarded relation attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tempest_orm.exceptions import RelationNotLoaded

STATE = "_tempest_state"


@dataclass(slots=True)
class ModelState:
    """The row behind an instance: whether it exists, and its non-field columns."""

    exists: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    tag: object = None
    deleted: bool = False


def state_of(instance: object) -> ModelState:
    """The state of an instance, created on first use."""
    found: ModelState | None = instance.__dict__.get(STATE)
    if found is None:
        found = ModelState()
        instance.__dict__[STATE] = found
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

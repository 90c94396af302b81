"""Apply tempest rules and pydantic constraints to the fields of one model."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Annotated, Any, TypeGuard

import annotated_types
import pydantic
from pydantic.fields import FieldInfo
from pydantic.functional_validators import (
    AfterValidator,
    BeforeValidator,
    PlainValidator,
    WrapValidator,
)

from tempest_orm.validation.errors import ValidationFailed
from tempest_orm.validation.rules import Rule, _plural

__all__ = ["rules_of", "validate_fields"]

_CONSTRAINT_TYPES = (
    annotated_types.BaseMetadata,
    # Not an annotated_types class in every pydantic release, so named here.
    pydantic.types.AllowInfNan,
    annotated_types.GroupedMetadata,
    AfterValidator,
    BeforeValidator,
    PlainValidator,
    WrapValidator,
)

# Pydantic checks constraints natively against these types; any other value is
# checked as ``Any``, where pydantic falls back to generic comparisons.
_SCHEMA_TYPES: frozenset[type] = frozenset(
    {
        bool,
        int,
        float,
        decimal.Decimal,
        str,
        bytes,
        datetime.datetime,
        datetime.date,
        datetime.time,
        datetime.timedelta,
        uuid.UUID,
        list,
        tuple,
        set,
        frozenset,
        dict,
    }
)

# Pydantic error types whose message states a count: (phrase, context key, noun).
_COUNTED = {
    "string_too_short": ("must be at least {} long", "min_length", "character"),
    "string_too_long": ("must be at most {} long", "max_length", "character"),
    "bytes_too_short": ("must be at least {} long", "min_length", "byte"),
    "bytes_too_long": ("must be at most {} long", "max_length", "byte"),
    "too_short": ("must have at least {}", "min_length", "item"),
    "too_long": ("must have at most {}", "max_length", "item"),
    "decimal_max_digits": ("must have at most {}", "max_digits", "digit"),
    "decimal_max_places": ("must have at most {}", "decimal_places", "decimal place"),
    "decimal_whole_digits": (
        "must have at most {} before the point",
        "whole_digits",
        "digit",
    ),
}

# Our own wording for the other usual constraint errors, from their context.
_TEMPLATES = {
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "multiple_of": "must be a multiple of {multiple_of}",
    "string_pattern_mismatch": "must match the pattern {pattern}",
    "finite_number": "must be a finite number",
}

# Prefixes pydantic puts before the text of an error raised by a custom validator.
_PREFIXES = ("Value error, ", "Assertion failed, ")

_WRONG_TYPE = "has a type its constraints cannot be checked against"


def _is_constraint(item: object) -> bool:
    # Strict only tunes type coercion, which is the mapper's concern, and pydantic
    # refuses to apply it to ``Any``; it is therefore not treated as a constraint.
    if isinstance(item, pydantic.Strict):
        return False
    return isinstance(item, _CONSTRAINT_TYPES)


def _is_rule(item: object) -> TypeGuard[Rule]:
    # A class with a ``validate`` method (a pydantic model, say) is not a rule.
    return isinstance(item, Rule) and not isinstance(item, type)


def rules_of(metadata: Iterable[object]) -> tuple[object, ...]:
    """Pick the rules and pydantic constraints out of a field's ``Annotated`` metadata.

    A ``pydantic.Field(...)`` is replaced by the constraints it carries, so one without
    any (only a description, say) contributes nothing.
    """
    picked: list[object] = []
    for item in metadata:
        if isinstance(item, FieldInfo):
            picked.extend(m for m in item.metadata if _is_constraint(m))
        elif _is_constraint(item) or _is_rule(item):
            picked.append(item)
    return tuple(picked)


class _ByIdentity:
    """A tuple usable as a cache key by the identity of its items.

    Metadata items need not be hashable (a rule may hold a list); holding them in the
    key also keeps them alive, so their ids cannot be reused by other objects.
    """

    __slots__ = ("_hash", "items")

    def __init__(self, items: tuple[object, ...]) -> None:
        self.items = items
        self._hash = hash(tuple(map(id, items)))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _ByIdentity) or len(other.items) != len(self.items):
            return False
        return all(a is b for a, b in zip(self.items, other.items, strict=True))


class _Plan:
    """The rules and pydantic constraints of one field, sorted out once."""

    __slots__ = ("constraints", "rules")

    def __init__(self, metadata: tuple[object, ...]) -> None:
        picked = rules_of(metadata)
        self.rules: tuple[Rule, ...] = tuple(i for i in picked if _is_rule(i))
        self.constraints = tuple(i for i in picked if not _is_rule(i))


@lru_cache(maxsize=1024)
def _plan(key: _ByIdentity) -> _Plan:
    return _Plan(key.items)


@lru_cache(maxsize=1024)
def _adapter(schema_type: object, key: _ByIdentity) -> pydantic.TypeAdapter[Any]:
    # An Annotated built at run time is not a type form mypy can check.
    form: Any = Annotated[schema_type, *key.items]
    return pydantic.TypeAdapter(form)


def _schema_type(value: object) -> type:
    # The first known type in the MRO: an IntEnum is checked as an int, a datetime
    # as a datetime rather than as the date it also is.
    for cls in type(value).__mro__:
        if cls in _SCHEMA_TYPES:
            return cls
    return object


def _message(error: Mapping[str, Any]) -> str:
    # Pydantic's own texts can state the actual length, which says too much about a
    # secret; known errors are therefore reworded from their context alone.
    kind, context = error["type"], error.get("ctx", {})
    if kind in _COUNTED:
        phrase, key, noun = _COUNTED[kind]
        if isinstance(context.get(key), int):
            return phrase.format(_plural(context[key], noun))
    if kind in _TEMPLATES:
        try:
            return _TEMPLATES[kind].format(**context)
        except KeyError:
            pass

    text = str(error["msg"])
    for prefix in _PREFIXES:
        text = text.removeprefix(prefix)
    return text[:1].lower() + text[1:]


def _check_constraints(value: object, constraints: tuple[object, ...]) -> list[str]:
    schema_type = _schema_type(value)
    target: Any = Any if schema_type is object else schema_type
    try:
        _adapter(target, _ByIdentity(constraints)).validate_python(value)
    except pydantic.ValidationError as error:
        found = error.errors(include_url=False, include_input=False)
        return [_message(e) for e in found]
    except (TypeError, RuntimeError, pydantic.PydanticUserError):
        # Pydantic raises these, quoting the value, when a constraint does not fit the
        # value's type (a pattern on an int): report the fact, not the text.
        return [_WRONG_TYPE]
    return []


def validate_fields(
    model_name: str, fields: Mapping[str, tuple[object, Sequence[object]]]
) -> None:
    """Check every field's value against its metadata; raise one ValidationFailed.

    ``fields`` maps a field name to its value and its ``Annotated`` metadata (raw, or
    already narrowed by ``rules_of``). A ``None`` value is never checked.
    """
    errors: dict[str, list[str]] = {}
    for name, (value, metadata) in fields.items():
        # Callers validate on every write; most fields have no metadata at all.
        if not metadata or value is None:
            continue
        plan = _plan(_ByIdentity(tuple(metadata)))
        messages = [m for r in plan.rules if (m := r.validate(value)) is not None]
        if plan.constraints:
            messages.extend(_check_constraints(value, plan.constraints))
        if messages:
            errors[name] = messages

    if errors:
        raise ValidationFailed(model_name, errors)

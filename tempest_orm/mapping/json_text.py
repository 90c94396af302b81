"""JSON text for JSON columns, written so that every backend gives it back equal."""

from __future__ import annotations

import json
from typing import Any

from tempest_orm.exceptions import ValueNotStorable

# NaN and the infinities are not JSON: PostgreSQL and MariaDB refuse the text
# after it was sent, so it is refused here, before.
_dump = json.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), default=str, allow_nan=False
)


def dumps(value: Any) -> str:
    """The JSON text of ``value``; large floats are spelled without an exponent.

    PostgreSQL's JSONB keeps numbers as NUMERIC and prints ``4.1e+16`` back as the
    integer ``41000000000000000``, which reads back as an int of another value
    than the float that was written. Spelled ``41031375459695488.0``, the exact
    value of the float, it reads back as that float.
    """
    try:
        text = _dump.encode(value)
    except ValueError:
        raise ValueNotStorable(
            "a JSON value holding NaN, an infinity or a circular reference "
            "cannot be stored: JSON has no way to write it"
        ) from None
    # A float gets an exponent only from 1e16 up; text without "e+" (most of
    # it) needs no second pass, and one inside a string costs only the pass.
    if "e+" not in text:
        return text
    return _exact(value)


def _exact(value: Any) -> str:
    if isinstance(value, float) and "e+" in repr(value):
        # From 1e16 up a float is a whole number: ".1f" gives all its digits.
        return format(value, ".1f")
    if isinstance(value, dict):
        items = (f"{_dump.encode(str(k))}:{_exact(v)}" for k, v in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_exact(item) for item in value) + "]"
    return _dump.encode(value)

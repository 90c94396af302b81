"""Validation rules, used as ``typing.Annotated`` metadata on model fields.

Every rule is a small frozen dataclass whose ``validate(value)`` returns a readable
message, or ``None`` when the value passes. A ``None`` value always passes: whether a
field may be null is decided by its type, not by its rules. Messages describe the rule,
never the value, because the value may be a secret.
"""

from __future__ import annotations

import ipaddress
import re
import uuid
from abc import ABC, abstractmethod
from collections.abc import Sized
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable
from urllib.parse import urlsplit

__all__ = [
    "Between",
    "EndsWith",
    "HasLength",
    "IsAlphaNumeric",
    "IsEmail",
    "IsIn",
    "IsIpAddress",
    "IsNotIn",
    "IsUrl",
    "IsUuid",
    "Matches",
    "MaxValue",
    "MinValue",
    "NotEmpty",
    "Rule",
    "StartsWith",
]


@runtime_checkable
class Rule(Protocol):
    """Anything that checks one value and explains a failure in words."""

    def validate(self, value: object) -> str | None:
        """Return a message saying what is wrong with ``value``, or ``None``."""
        ...


class _NullSafeRule(ABC):
    """Base of the built-in rules: lets ``None`` through, checks anything else."""

    def validate(self, value: object) -> str | None:
        """Return a message saying what is wrong with ``value``, or ``None``."""
        if value is None:
            return None
        return self._check(value)

    @abstractmethod
    def _check(self, value: object) -> str | None:
        """Return a message for a value that is not ``None``, or ``None``."""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _describe_choices(choices: tuple[object, ...]) -> str:
    # Quoting strings keeps an empty or blank choice visible in the message.
    return ", ".join(repr(c) if isinstance(c, str) else str(c) for c in choices)


@dataclass(frozen=True)
class HasLength(_NullSafeRule):
    """The value's length (characters, bytes or items) lies within bounds."""

    min: int | None = None
    max: int | None = None

    def __post_init__(self) -> None:
        if self.min is None and self.max is None:
            raise ValueError("HasLength needs min, max or both")
        if (self.min is not None and self.min < 0) or (
            self.max is not None and self.max < 0
        ):
            raise ValueError("HasLength bounds must not be negative")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("HasLength min must not exceed max")

    def _check(self, value: object) -> str | None:
        if not isinstance(value, Sized):
            return "must have a length"
        length = len(value)

        # The message names the bound that was broken, which is the one to fix.
        if self.min is not None and self.min == self.max and length != self.min:
            bounds = "exactly {}"
            limit = self.min
        elif self.min is not None and length < self.min:
            bounds = "at least {}"
            limit = self.min
        elif self.max is not None and length > self.max:
            bounds = "at most {}"
            limit = self.max
        else:
            return None

        if isinstance(value, str):
            return f"must be {bounds.format(_plural(limit, 'character'))} long"
        if isinstance(value, bytes | bytearray):
            return f"must be {bounds.format(_plural(limit, 'byte'))} long"
        return f"must have {bounds.format(_plural(limit, 'item'))}"


@dataclass(frozen=True)
class NotEmpty(_NullSafeRule):
    """The value is not an empty or blank string, nor an empty collection."""

    def _check(self, value: object) -> str | None:
        # A string of spaces carries no content, so it counts as empty too.
        if isinstance(value, str):
            empty = not value.strip()
        elif isinstance(value, Sized):
            empty = len(value) == 0
        else:
            empty = False
        return "must not be empty" if empty else None


@dataclass(frozen=True)
class Between(_NullSafeRule):
    """The value lies between ``min`` and ``max``, both included."""

    min: object
    max: object

    def __post_init__(self) -> None:
        try:
            reversed_bounds = self.min > self.max  # type: ignore[operator]
        except TypeError as error:
            raise ValueError("Between needs two comparable bounds") from error
        if reversed_bounds:
            raise ValueError("Between min must not exceed max")

    def _check(self, value: object) -> str | None:
        try:
            inside = self.min <= value <= self.max  # type: ignore[operator]
        except TypeError:
            inside = False
        return None if inside else f"must be between {self.min} and {self.max}"


@dataclass(frozen=True)
class MinValue(_NullSafeRule):
    """The value is at least ``n``."""

    n: object

    def _check(self, value: object) -> str | None:
        try:
            ok = value >= self.n  # type: ignore[operator]
        except TypeError:
            ok = False
        return None if ok else f"must be at least {self.n}"


@dataclass(frozen=True)
class MaxValue(_NullSafeRule):
    """The value is at most ``n``."""

    n: object

    def _check(self, value: object) -> str | None:
        try:
            ok = value <= self.n  # type: ignore[operator]
        except TypeError:
            ok = False
        return None if ok else f"must be at most {self.n}"


@dataclass(frozen=True, init=False)
class IsIn(_NullSafeRule):
    """The value equals one of the given choices."""

    choices: tuple[object, ...]

    def __init__(self, *choices: object) -> None:
        if not choices:
            raise ValueError("IsIn needs at least one choice")
        object.__setattr__(self, "choices", choices)

    def _check(self, value: object) -> str | None:
        if value in self.choices:
            return None
        return f"must be one of: {_describe_choices(self.choices)}"


@dataclass(frozen=True, init=False)
class IsNotIn(_NullSafeRule):
    """The value equals none of the given choices."""

    choices: tuple[object, ...]

    def __init__(self, *choices: object) -> None:
        if not choices:
            raise ValueError("IsNotIn needs at least one choice")
        object.__setattr__(self, "choices", choices)

    def _check(self, value: object) -> str | None:
        if value not in self.choices:
            return None
        return f"must not be one of: {_describe_choices(self.choices)}"


@dataclass(frozen=True)
class Matches(_NullSafeRule):
    """The string contains a match of ``pattern``; anchor it to match all of it."""

    pattern: str
    flags: int = 0
    _compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Compiling once here also reports a broken pattern where it is declared.
        object.__setattr__(self, "_compiled", re.compile(self.pattern, self.flags))

    def _check(self, value: object) -> str | None:
        if isinstance(value, str) and self._compiled.search(value):
            return None
        return f"must match the pattern {self.pattern}"


@dataclass(frozen=True)
class StartsWith(_NullSafeRule):
    """The string starts with ``prefix``."""

    prefix: str

    def _check(self, value: object) -> str | None:
        if isinstance(value, str) and value.startswith(self.prefix):
            return None
        return f"must start with {self.prefix!r}"


@dataclass(frozen=True)
class EndsWith(_NullSafeRule):
    """The string ends with ``suffix``."""

    suffix: str

    def _check(self, value: object) -> str | None:
        if isinstance(value, str) and value.endswith(self.suffix):
            return None
        return f"must end with {self.suffix!r}"


@dataclass(frozen=True)
class IsAlphaNumeric(_NullSafeRule):
    """The string is made of letters and digits only."""

    def _check(self, value: object) -> str | None:
        if isinstance(value, str) and value.isalnum():
            return None
        return "must contain only letters and digits"


_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


@dataclass(frozen=True)
class IsEmail(_NullSafeRule):
    """The string is an email address of the usual ``local@domain.tld`` form."""

    def _check(self, value: object) -> str | None:
        # 254 characters is the longest address that fits a mail path.
        if isinstance(value, str) and len(value) <= 254 and _EMAIL.fullmatch(value):
            return None
        return "must be a valid email address"


@dataclass(frozen=True)
class IsUrl(_NullSafeRule):
    """The string is an absolute URL with a host and one of the allowed schemes."""

    schemes: tuple[str, ...] = ("http", "https")

    def __post_init__(self) -> None:
        # A lone string would otherwise be taken as a tuple of one-letter schemes.
        schemes = (self.schemes,) if isinstance(self.schemes, str) else self.schemes
        object.__setattr__(self, "schemes", tuple(s.lower() for s in schemes))

    def _check(self, value: object) -> str | None:
        return None if isinstance(value, str) and self._is_url(value) else self._fail()

    def _is_url(self, value: str) -> bool:
        if not value or any(c.isspace() for c in value):
            return False
        try:
            parts = urlsplit(value)
            # Reading the port validates it; urlsplit alone accepts ":99999".
            _ = parts.port
        except ValueError:
            return False
        return parts.scheme.lower() in self.schemes and bool(parts.hostname)

    def _fail(self) -> str:
        return f"must be a valid URL ({', '.join(self.schemes)})"


_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")


@dataclass(frozen=True)
class IsUuid(_NullSafeRule):
    """The value is a UUID, or a string in its canonical hyphenated form."""

    version: int | None = None

    def _check(self, value: object) -> str | None:
        if isinstance(value, str) and _UUID.fullmatch(value):
            value = uuid.UUID(value)
        if not isinstance(value, uuid.UUID):
            return "must be a valid UUID"
        if self.version is not None and value.version != self.version:
            return f"must be a version {self.version} UUID"
        return None


@dataclass(frozen=True)
class IsIpAddress(_NullSafeRule):
    """The value is an IP address; ``version`` 4 or 6 narrows it to one family."""

    version: int | None = None

    def __post_init__(self) -> None:
        if self.version not in (None, 4, 6):
            raise ValueError("IsIpAddress version must be 4, 6 or None")

    def _check(self, value: object) -> str | None:
        # ip_address() would also take an int, which is not what a field means here.
        address: ipaddress.IPv4Address | ipaddress.IPv6Address | None = None
        if isinstance(value, ipaddress.IPv4Address | ipaddress.IPv6Address):
            address = value
        elif isinstance(value, str):
            try:
                address = ipaddress.ip_address(value)
            except ValueError:
                address = None
        if address is not None and self.version in (None, address.version):
            return None
        family = f"IPv{self.version}" if self.version else "IP"
        return f"must be a valid {family} address"

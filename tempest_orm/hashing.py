"""Argon2id password hashing for ``Hashed`` fields, as standard PHC strings.

Hashes look like ``$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>``, so any argon2
library can verify them. Hashing needs no key. The cost parameters default to
argon2-cffi's; ``configure_hashing`` changes them, and ``TEMPEST_HASH_FAST=1`` in the
environment picks the cheapest valid ones, for test suites only.
"""

from __future__ import annotations

import os
import re

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = [
    "configure_hashing",
    "hash_password",
    "is_hash",
    "needs_rehash",
    "verify",
]

FAST_ENV = "TEMPEST_HASH_FAST"

# The smallest parameters argon2 accepts: fine for tests, useless against attackers.
_FAST = argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
_DEFAULT = argon2.PasswordHasher()

# Set by configure_hashing; takes precedence over the environment variable.
_configured: argon2.PasswordHasher | None = None

# Any argon2 variant, with or without the version field (hashes of version 1.0 omit
# it). The salt and hash lengths are argon2's minimums (8 and 4 bytes) in base64, so
# short plain texts that merely start with "$argon2" are not taken for hashes.
_PHC = re.compile(
    r"\$argon2(?:id|i|d)\$(?:v=\d{1,3}\$)?m=\d{1,10},t=\d{1,10},p=\d{1,3}"
    r"\$[A-Za-z0-9+/]{11,}\$[A-Za-z0-9+/]{6,}"
)


def _hasher() -> argon2.PasswordHasher:
    if _configured is not None:
        return _configured
    # Read at each use, not at import, so a test suite can set it at any time.
    if os.environ.get(FAST_ENV, "").strip() == "1":
        return _FAST
    return _DEFAULT


def configure_hashing(
    *,
    time_cost: int | None = None,
    memory_cost: int | None = None,
    parallelism: int | None = None,
) -> None:
    """Set the argon2id cost parameters of new hashes; no arguments restores defaults.

    A parameter left out keeps argon2-cffi's default. ``memory_cost`` is in KiB and
    must be at least ``8 * parallelism``.
    """
    global _configured

    if time_cost is None and memory_cost is None and parallelism is None:
        _configured = None
        return

    time_cost = argon2.DEFAULT_TIME_COST if time_cost is None else time_cost
    memory_cost = argon2.DEFAULT_MEMORY_COST if memory_cost is None else memory_cost
    parallelism = argon2.DEFAULT_PARALLELISM if parallelism is None else parallelism
    if time_cost < 1 or parallelism < 1:
        raise ValueError("time_cost and parallelism must be at least 1")
    if memory_cost < 8 * parallelism:
        raise ValueError("memory_cost must be at least 8 KiB per unit of parallelism")

    _configured = argon2.PasswordHasher(
        time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism
    )


def hash_password(plain: str) -> str:
    """Hash ``plain`` with argon2id and a random salt, as a PHC string."""
    return _hasher().hash(plain)


def is_hash(value: str) -> bool:
    """Tell whether ``value`` is already an argon2 PHC hash, to keep it as it is."""
    return isinstance(value, str) and _PHC.fullmatch(value) is not None


def verify(hash: str, password: str) -> bool:
    """Check ``password`` against ``hash``; False on a mismatch or a malformed hash."""
    if not isinstance(hash, str):
        return False
    try:
        # Verification reads the variant and costs from the hash itself, so hashes
        # made under other parameters (or by other libraries) verify too.
        return _hasher().verify(hash, password)
    except (VerificationError, InvalidHashError, ValueError):
        # ValueError covers a hash holding non-ASCII text.
        return False


def needs_rehash(hash: str) -> bool:
    """Tell whether ``hash`` was made with other parameters (or is no usable hash)."""
    try:
        return _hasher().check_needs_rehash(hash)
    except (InvalidHashError, ValueError):
        return True

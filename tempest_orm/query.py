"""A Query is SQL with ``?`` placeholders and the values bound to them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from tempest_orm.grammar.base import Grammar


@dataclass(frozen=True, slots=True)
class Query:
    """SQL and its bindings; ``repr`` leaves the bindings out, as logs do.

    ``columns`` names the column each leading binding is written to, when a
    builder knows it, so that a refused value can be reported by its column.
    """

    sql: str
    bindings: Sequence[object] = field(default=(), repr=False)
    columns: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def build(self) -> Query:
        """A Query builds itself."""
        return self


@runtime_checkable
class BuildsQuery(Protocol):
    """Anything that can produce a Query for a Database to run."""

    def build(self) -> Query:
        """The Query to run."""
        ...


@runtime_checkable
class CompilesQuery(Protocol):
    """A builder that compiles itself for whichever grammar runs it."""

    def compile(self, grammar: Grammar) -> Query:
        """The Query in ``grammar``'s dialect."""
        ...

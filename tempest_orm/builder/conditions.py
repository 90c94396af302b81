"""WHERE conditions, shared by the select, update, delete and count builders."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Self

from tempest_orm.builder.parts import Boolean, Condition, Group, In, Null, Raw

GroupBuilder = Callable[["WhereGroup"], object]


class Conditions:
    """The ``where`` family of methods; subclasses keep ``self.conditions``."""

    conditions: list[Condition]

    def where(self, fragment: str | GroupBuilder, *bindings: object) -> Self:
        """Add a condition joined with AND; a callable builds a group in parentheses."""
        return self._add("AND", fragment, bindings)

    def or_where(self, fragment: str | GroupBuilder, *bindings: object) -> Self:
        """Add a condition joined with OR: ``A AND B OR C`` is ``(A AND B) OR C``."""
        return self._add("OR", fragment, bindings)

    def where_in(self, column: str, values: Iterable[object]) -> Self:
        """Match rows whose column holds one of ``values``; none matches nothing."""
        return self._push("AND", In(column, tuple(values)))

    def where_not_in(self, column: str, values: Iterable[object]) -> Self:
        """Match rows whose column holds none of ``values``."""
        return self._push("AND", In(column, tuple(values), negate=True))

    def or_where_in(self, column: str, values: Iterable[object]) -> Self:
        """``where_in`` joined with OR."""
        return self._push("OR", In(column, tuple(values)))

    def where_null(self, column: str) -> Self:
        """Match rows whose column is NULL."""
        return self._push("AND", Null(column))

    def where_not_null(self, column: str) -> Self:
        """Match rows whose column is not NULL."""
        return self._push("AND", Null(column, negate=True))

    def or_where_null(self, column: str) -> Self:
        """``where_null`` joined with OR."""
        return self._push("OR", Null(column))

    def _add(
        self,
        boolean: Boolean,
        fragment: str | GroupBuilder,
        bindings: tuple[object, ...],
    ) -> Self:
        if callable(fragment):
            group = WhereGroup()
            fragment(group)
            if not group.conditions:
                return self
            return self._push(boolean, Group(tuple(group.conditions)))
        if not isinstance(fragment, str):
            raise TypeError(
                f"a where fragment is SQL text, not {type(fragment).__name__}"
            )
        return self._push(boolean, Raw(fragment, bindings))

    def _push(self, boolean: Boolean, predicate: Raw | In | Null | Group) -> Self:
        self.conditions.append(Condition(boolean, predicate))
        return self


class WhereGroup(Conditions):
    """Conditions in parentheses, built by the callable given to ``where``."""

    def __init__(self) -> None:
        self.conditions = []

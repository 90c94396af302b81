"""SelectQueryBuilder: SELECT with conditions, joins, grouping, order and paging."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from tempest_orm.builder.base import Builder
from tempest_orm.builder.conditions import Conditions
from tempest_orm.builder.parts import Group, Raw, SelectParts
from tempest_orm.mapping.hydrator import hydrate
from tempest_orm.query import Query

if TYPE_CHECKING:
    from tempest_orm.database import Database, Result
    from tempest_orm.grammar.base import Grammar

T = TypeVar("T")
Row = dict[str, Any]


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results, counted from 1, with what is needed to page on."""

    items: list[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages there are in all (at least 1)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        """Whether a page comes after this one."""
        return self.page < self.pages


class SelectQueryBuilder(Conditions, Builder[T]):
    """Builds and runs a SELECT; rows come back as dicts, or as models."""

    def __init__(self, source: str | type[T], *columns: str) -> None:
        super().__init__(source)
        self.parts = SelectParts("", columns=list(columns))
        self.conditions = self.parts.conditions
        self.relations: list[str] = []

    # Building --------------------------------------------------------------

    def select(self, *columns: str) -> Self:
        """Add columns or expressions (``"COUNT(*) AS n"``) to the result."""
        self.parts.columns.extend(columns)
        return self

    def distinct(self) -> Self:
        """Drop duplicate rows."""
        self.parts.distinct = True
        return self

    def join(self, clause: str, on: str | None = None) -> Self:
        """``INNER JOIN clause`` or ``(table, on)``; ``LEFT JOIN ...`` is kept as is."""
        self.parts.joins.append(clause if on is None else f"{clause} ON {on}")
        return self

    def left_join(self, table: str, on: str) -> Self:
        """``LEFT JOIN table ON on``."""
        self.parts.joins.append(f"LEFT JOIN {table} ON {on}")
        return self

    def group_by(self, *fragments: str) -> Self:
        """Group the rows by these expressions."""
        self.parts.groups.extend(fragments)
        return self

    def having(self, fragment: str, *bindings: object) -> Self:
        """A condition on the groups; several are joined with AND."""
        self.parts.having.append(Raw(fragment, bindings))
        return self

    def order_by(self, *fragments: str) -> Self:
        """Sort by these expressions, after the sort keys given before."""
        self.parts.orders.extend(fragments)
        return self

    def limit(self, limit: int | None) -> Self:
        """Return at most ``limit`` rows."""
        self.parts.limit = None if limit is None else _count(limit, "limit")
        return self

    def offset(self, offset: int | None) -> Self:
        """Skip the first ``offset`` rows."""
        self.parts.offset = None if offset is None else _count(offset, "offset")
        return self

    def for_update(self) -> Self:
        """Lock the selected rows until the transaction ends (no-op on SQLite)."""
        self.parts.for_update = True
        return self

    def with_(self, *relations: str) -> Self:
        """Load these relations, and dotted paths of them, with the results."""
        self.relations.extend(relations)
        return self

    def compile(self, grammar: Grammar) -> Query:
        """The SELECT in ``grammar``'s dialect."""
        parts = self.parts
        parts.table = self.table
        for fragment in (*parts.columns, *parts.joins, *parts.groups, *parts.orders):
            grammar.check(fragment, "select")
        for condition in _raw(parts):
            grammar.check(condition.sql, "where")

        sql, bindings = grammar.compile_select(parts)
        return Query(sql, bindings)

    # Running ---------------------------------------------------------------

    def all(self) -> list[T]:
        """Every matching row."""
        db = self.database
        self._check_relations(db)
        return self._hydrate(db, db.run(self.compile(db.grammar), rows=True))

    def first(self) -> T | None:
        """The first matching row, or None."""
        # Swapping the limit in and back costs far less than cloning the
        # builder, and leaves it as it was (a builder is not shared between
        # threads while it is being built).
        limit = self.parts.limit
        self.parts.limit = 1
        try:
            found = self.all()
        finally:
            self.parts.limit = limit
        return found[0] if found else None

    def count(self) -> int:
        """How many rows match, ignoring limit, offset and order."""
        counted = self.clone()
        counted.parts.columns = ["COUNT(*) AS aggregate"]
        counted.parts.orders = []
        counted.parts.limit = counted.parts.offset = None
        counted.relations = []
        if counted.parts.groups or counted.parts.distinct:
            return len(counted._select_rows())
        row = counted.database.fetch_first(counted)
        return int(row["aggregate"]) if row else 0

    def exists(self) -> bool:
        """Whether any row matches."""
        return self.clone().limit(1).select_keys_only()._select_rows() != []

    def paginate(self, page: int, per_page: int = 15) -> Page[T]:
        """Page ``page`` (from 1) of ``per_page`` rows, with the total count."""
        page = max(1, _count(page, "page"))
        per_page = max(1, _count(per_page, "per_page"))
        total = self.count()
        items = self.clone().limit(per_page).offset((page - 1) * per_page).all()
        return Page(items, page, per_page, total)

    def chunk(self, size: int) -> Iterator[list[T]]:
        """Yield lists of up to ``size`` rows, a query each; order them to be stable."""
        size = _count(size, "chunk size")
        if size < 1:
            raise ValueError("the chunk size must be at least 1")

        start = self.parts.offset or 0
        remaining = self.parts.limit
        while remaining is None or remaining > 0:
            take = size if remaining is None else min(size, remaining)
            rows = self.clone().limit(take).offset(start).all()
            if rows:
                yield rows
            if len(rows) < take:
                return
            start += take
            if remaining is not None:
                remaining -= take

    def __iter__(self) -> Iterator[T]:
        """Stream the rows: the server sends them in batches as they are read."""
        db = self.database
        self._check_relations(db)
        query = self.compile(db.grammar)
        for names, rows in db.stream(query, size=1000):
            result = _batch(names, rows)
            yield from self._hydrate(db, result)

    # Hydration -------------------------------------------------------------

    def _check_relations(self, db: Database) -> None:
        if self.relations and self.meta is not None:
            from tempest_orm.relations.eager import check_paths

            check_paths(self.meta, db, self.relations)

    def _hydrate(self, db: Database, result: Result) -> list[T]:
        if self.model is None:
            if self.relations:
                raise ValueError("with_() needs a model, not a table name")
            names = result.names
            return [dict(zip(names, row, strict=True)) for row in result.rows]  # type: ignore[misc]

        return hydrate(self.model, db, result, self.relations)

    def load(self, *relations: str) -> Self:
        """The same as ``with_``: the relations are loaded with the results."""
        return self.with_(*relations)

    def _select_rows(self) -> list[Row]:
        return self.database.fetch(self)

    def select_keys_only(self) -> Self:
        """Select a constant instead of the columns, for existence checks."""
        self.parts.columns = ["1 AS present"]
        self.relations = []
        return self

    def clone(self) -> Self:
        """A copy whose parts can change without changing this builder."""
        twin = super().clone()
        parts = self.parts
        twin.parts = dataclasses.replace(
            parts,
            columns=list(parts.columns),
            joins=list(parts.joins),
            conditions=list(parts.conditions),
            groups=list(parts.groups),
            having=list(parts.having),
            orders=list(parts.orders),
        )
        twin.conditions = twin.parts.conditions
        return twin


def _raw(parts: SelectParts) -> Sequence[Raw]:
    return [*collect_raw(parts.conditions), *parts.having]


def collect_raw(conditions: Sequence[Any]) -> list[Raw]:
    """Every raw fragment among conditions, inside groups too."""
    found: list[Raw] = []
    for condition in conditions:
        predicate = condition.predicate
        if isinstance(predicate, Raw):
            found.append(predicate)
        elif isinstance(predicate, Group):
            found.extend(collect_raw(predicate.conditions))
    return found


def _batch(names: list[str], rows: list[Any]) -> Result:
    from tempest_orm.database import Result

    return Result(names, rows, len(rows))


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value))
        except ValueError:
            raise ValueError(f"{what} must be a whole number, not {value!r}") from None
    if value < 0:
        raise ValueError(f"{what} must not be negative, not {value}")
    return value

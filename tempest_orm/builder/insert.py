"""InsertQueryBuilder: one or many rows, in as few statements as the backend allows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from tempest_orm.builder.base import Builder
from tempest_orm.mapping.hydrator import PAUSE_COLLECTOR_FROM, collector_paused
from tempest_orm.mapping.serializer import values_of, write_plan
from tempest_orm.model.primary_key import PrimaryKey
from tempest_orm.model.state import STATE, ModelState, stored_state
from tempest_orm.query import Query

if TYPE_CHECKING:
    from tempest_orm.database import Database
    from tempest_orm.grammar.base import Grammar

T = TypeVar("T")

# Rows per statement: big enough that a bulk insert costs few round trips, small
# enough that one statement stays well under MySQL's default packet limit.
ROWS_PER_STATEMENT = 1000


@dataclass(frozen=True, slots=True)
class Batch:
    """One INSERT statement and the number of rows it writes."""

    query: Query
    rows: int
    returns_keys: bool = False


class InsertQueryBuilder(Builder[T]):
    """Builds and runs an INSERT of dicts or model instances."""

    def __init__(
        self, source: str | type[T], *rows: T | dict[str, Any], **values: object
    ) -> None:
        super().__init__(source)
        self.items: list[Any] = list(rows)
        if values:
            self.items.append(values)
        self.key_column: str | None = "*"
        self._uuid_key = False
        if self.meta is not None:
            primary = self.meta.primary
            self.key_column = None if primary is None else primary.column
            self._uuid_key = primary is not None and primary.uuid

    def add(self, *rows: T | dict[str, Any], **values: object) -> InsertQueryBuilder[T]:
        """Add rows to insert."""
        self.items.extend(rows)
        if values:
            self.items.append(values)
        return self

    # Compiling -------------------------------------------------------------

    def compile(self, grammar: Grammar) -> Query:
        """The first statement of this insert (all of it, for a small one)."""
        batches = self.batches(grammar)
        if not batches:
            raise ValueError(f"nothing to insert into {self.table}")
        return batches[0].query

    def batches(self, grammar: Grammar) -> list[Batch]:
        """The statements of this insert: rows with the same columns go together."""
        return self._batches(grammar, self.database.config.naming_strategy)

    def _batches(self, grammar: Grammar, strategy: Any) -> list[Batch]:
        rows = self._rows(strategy)
        table = self._table_for(strategy)
        if len(rows) == 1:
            # The common single insert skips the grouping below.
            return [self._statement(grammar, table, tuple(rows[0]), rows)]

        statements: list[Batch] = []
        start = 0
        while start < len(rows):
            columns = tuple(rows[start])
            end = start + 1
            limit = start + self._rows_per_statement(grammar, len(columns))
            while end < len(rows) and end < limit and tuple(rows[end]) == columns:
                end += 1
            statement = self._statement(grammar, table, columns, rows[start:end])
            statements.append(statement)
            start = end
        return statements

    def _table_for(self, strategy: Any) -> str:
        if self._table is not None:
            return self._table
        assert self.meta is not None
        return self.meta.table_for(strategy)

    def _statement(
        self,
        grammar: Grammar,
        table: str,
        columns: tuple[str, ...],
        rows: Sequence[dict[str, Any]],
    ) -> Batch:
        returning = self._returning(grammar)
        sql = grammar.insert_sql(table, columns, len(rows), returning)
        bindings = [value for row in rows for value in row.values()]
        query = Query(sql, bindings, columns * len(rows))
        returns = returning is not None and grammar.supports_returning
        return Batch(query, len(rows), returns)

    def _rows_per_statement(self, grammar: Grammar, columns: int) -> int:
        return max(1, min(ROWS_PER_STATEMENT, grammar.max_bindings // max(1, columns)))

    def _returning(self, grammar: Grammar) -> str | None:
        if self.key_column is None or self.key_column == "*":
            # A bare table's key column is not known, so its whole row comes back.
            return self.key_column
        if grammar.keys_from_rowid and not self._uuid_key:
            # SQLite generates an integer key only as the rowid, which the driver
            # reports without a result set to read.
            return None
        return self.key_column

    def rows(self) -> list[dict[str, Any]]:
        """The rows to insert, as column -> value dicts."""
        return self._rows(self.database.config.naming_strategy)

    def _rows(self, strategy: Any) -> list[dict[str, Any]]:
        meta = self.meta
        if meta is None:
            return [self._row(item, strategy) for item in self.items]

        row = write_plan(meta, strategy).row
        model = meta.model
        return [
            row(item) if isinstance(item, model) else self._row(item, strategy)
            for item in self.items
        ]

    def _row(self, item: Any, strategy: Any) -> dict[str, Any]:
        """The row of an item that is no instance of the model: a dict."""
        if isinstance(item, dict):
            return item if self.meta is None else values_of(self.meta, item, strategy)
        raise TypeError(
            f"insert into {self.table} takes dicts or models, not {type(item).__name__}"
        )

    # Running ---------------------------------------------------------------

    def execute(self) -> PrimaryKey | None:
        """Insert every row; the key of the last one, or None when it has none."""
        keys = self._insert(self.database)
        return keys[-1] if keys else None

    def run_on(self, db: Database) -> int:
        """Insert every row on ``db``; the number of rows inserted."""
        return len(self._insert(db))

    def _insert(self, db: Database) -> list[PrimaryKey | None]:
        if len(self.items) < PAUSE_COLLECTOR_FROM:
            return self._insert_all(db)
        # A bulk insert allocates a row, a key and more per item and frees
        # little until it ends, which only makes the collector run in vain.
        with collector_paused(len(self.items)):
            return self._insert_all(db)

    def _insert_all(self, db: Database) -> list[PrimaryKey | None]:
        batches = self._batches(db.grammar, db.config.naming_strategy)
        if not batches:
            return []
        if len(batches) == 1:
            keys = self._send(db, batches[0])
        else:
            with db.transaction():
                keys = [key for batch in batches for key in self._send(db, batch)]

        if self.meta is not None:
            self._remember(keys, db)
        return keys

    def _remember(self, keys: list[PrimaryKey | None], db: Database) -> None:
        assert self.meta is not None
        primary = self.meta.primary
        name = None if primary is None else primary.name
        tag = db.tag
        # Inserted instances share a state until one changes, as the rows of
        # a result do.
        stored = stored_state(tag)
        for item, key in zip(self.items, keys, strict=False):
            if isinstance(item, dict):
                continue
            values = item.__dict__
            state: ModelState | None = values.get(STATE)
            if state is not None and state.exists:
                # A copy of a stored instance stays the instance it was.
                continue
            if name is not None:
                current = values.get(name)
                if current is None or (isinstance(current, PrimaryKey) and not current):
                    values[name] = key
                elif not isinstance(current, PrimaryKey):
                    values[name] = PrimaryKey(current)
            if state is None:
                values[STATE] = stored
            else:
                state.exists = True
                state.tag = tag

    def _send(self, db: Database, batch: Batch) -> list[PrimaryKey | None]:
        result = db.run(batch.query, rows=batch.returns_keys)
        if self.key_column is None:
            return [None] * batch.rows
        if batch.rows == 1 and type(result.key) is int:
            return [PrimaryKey(result.key)]
        if batch.returns_keys:
            if self.key_column not in result.names and self.key_column != "*":
                return [None] * batch.rows
            column = "id" if self.key_column == "*" else self.key_column
            if column not in result.names:
                return [None] * batch.rows
            index = result.names.index(column)
            return [PrimaryKey(row[index]) for row in result.rows]
        if result.key is None:
            return [None] * batch.rows
        # Without RETURNING the driver reports one generated key of a multi-row
        # statement (MySQL the first, SQLite the last); the others are its
        # neighbours, one by one.
        first = int(str(result.key))
        if db.grammar.keys_from_rowid:
            first -= batch.rows - 1
        return [PrimaryKey(first + offset) for offset in range(batch.rows)]
